#include "report/screening/rule_labels.h"

#include "report/common/html_util.h"
#include "report/screening/zone_labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace ecozone::report {

namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}

}  // namespace


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

// The zone a rule concerns, in words: "自然保护区 核心区", "河流生态缓冲带 周边 500 米内", "… 以外".
std::string rule_zone_text(const layers::Rule& rule, const Lang& t) {
    std::string s = layers::role_label(rule.zone, std::string(t.en ? "en" : "zh"));
    if (rule.zone == layers::VectorRole::Rivers) s = t("河流生态缓冲带", "river buffer belt");
    std::vector<std::string> values;
    for (const auto& v : rule.zone_values) values.push_back(zone_value_label(v, t));
    if (!values.empty()) s += " " + joined(values, t("、", ", "));
    switch (rule.condition) {
        case layers::Condition::Intersects:
            break;
        case layers::Condition::WithinDistance:
            s += fmt::format(t(" 周边 {} 米内", " within {} m"), format_number(rule.distance_m.value_or(0), 0));
            break;
        case layers::Condition::Outside:
            s += t("以外", " (outside)");
            break;
    }
    return s;
}

// What a fired rule does to the verdict (决定结论 / 另有限制 / 条件/提示 / 专门法优先).
std::string rule_role_text(const analysis::FiredRule& f, const analysis::SiteResult& r, const Lang& t) {
    switch (f.role) {
        case analysis::RuleRole::Decides:
            return t("决定结论", "decides");
        case analysis::RuleRole::AlsoRestricts:
            return t("另有限制", "also restricts");
        case analysis::RuleRole::Advises:
            return t("条件/提示", "conditions / advice");
        case analysis::RuleRole::SetAside:
            break;
    }
    std::vector<std::string> by;  // the deciding rules whose special law prevails here
    for (const analysis::FiredRule& d : r.rules) {
        if (!d.deciding || !d.rule) continue;
        const auto& po = d.rule->prevails_over;
        if (std::find(po.begin(), po.end(), f.rule->zone) != po.end()) by.push_back(d.rule->id);
    }
    std::string text = t("不适用（专门法优先）", "set aside: a special law prevails");
    if (!by.empty()) text += fmt::format(t("（以 {} 为准）", " ({} applies)"), joined(by, ", "));
    return text;
}


std::string control_unit_type(const std::string& type, const Lang& t) {
    if (type == "priority") return t("优先保护单元", "priority protection unit");
    if (type == "key") return t("重点管控单元", "key control unit");
    if (type == "general") return t("一般管控单元", "general control unit");
    return type;
}


}  // namespace ecozone::report
