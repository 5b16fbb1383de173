#include "report/screening/rule_labels.h"

namespace ecozone::report {

std::string category_label(const layers::RuleList& rules, const std::string& id, const Lang& t) {
    const layers::Category* cat = rules.category(id);
    if (!cat) return id;
    return t.en ? cat->name_en : cat->name;
}

std::string message_of(const layers::Rule& r, const Lang& t) {
    return t.en && !r.message_en.empty() ? r.message_en : r.message;
}
std::string requirement_of(const layers::Rule& r, const Lang& t) {
    return t.en && !r.requirement_en.empty() ? r.requirement_en : r.requirement;
}

std::string citation_text(const layers::Rule& r, const Lang& t) {
    auto one = [](const layers::Citation& c) { return c.article.empty() ? c.document : c.document + " " + c.article; };
    std::string s = one(r.citation);
    for (const auto& c : r.see_also) s += t("；另见 ", "; see also ") + one(c);
    return s;
}

}  // namespace ecozone::report
