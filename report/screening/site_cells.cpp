#include "report/screening/site_cells.h"

namespace ecozone::report {

std::string deciding_ids(const analysis::SiteResult& s) {
    std::string ids;
    for (const auto& id : analysis::verdict_rule_ids(s)) ids += (ids.empty() ? "" : " ") + id;
    return ids;
}

std::string joined_notes(const analysis::SiteResult& s, const Lang& t) {
    std::string out;
    for (const auto& n : s.notes) out += (out.empty() ? "" : "; ") + t(n);
    return out;
}

const analysis::Distance* find_distance(const analysis::SiteResult& s, const std::string& what) {
    for (const auto& d : s.distances) {
        if (d.what == what) return &d;
    }
    return nullptr;
}

}  // namespace ecozone::report
