#include "analysis/indicator_bases.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace ecozone::analysis {

std::string canonical_code(const std::string& raw) {
    if (auto c = layers::find_land_class(raw)) return c->code;
    return raw;
}

bool ForestBasis::qualifies(const std::string& raw, bool special_shrub, double shrub_cover_pct) const {
    const std::string code = canonical_code(raw);
    if (code == "0301" || code == "0302") return true;
    if (code != "0305") return false;
    if (special_shrub) return true;
    return name == "legacy" && shrub_cover_pct > legacy_cover_min_pct;
}

double ForestBasis::forest_part(const std::string& raw, double area, double special_area,
                                double shrub_cover_pct) const {
    const std::string code = canonical_code(raw);
    if (code == "0301" || code == "0302") return area;
    if (code != "0305") return 0.0;
    if (name == "legacy" && shrub_cover_pct > legacy_cover_min_pct) return area;
    return std::min(area, std::max(0.0, special_area));
}

std::string ForestBasis::describe(const std::string& lang) const {
    const bool en = lang == "en";
    if (name == "legacy") {
        return en ? fmt::format(
                        "legacy forestry basis (林资发〔2004〕14号): 0301 + 0302 + 0305 flagged as "
                        "national special shrubland + 0305 with shrub cover > {:g} %",
                        legacy_cover_min_pct)
                  : fmt::format(
                        "原林业口径（林资发〔2004〕14号）：乔木林地0301 + 竹林地0302 + 国家特别规定灌木林地 + "
                        "覆盖度大于{:g}%的灌木林地0305",
                        legacy_cover_min_pct);
    }
    return en ? "post-Third-Land-Survey basis: 0301 + 0302 + 0305 flagged as national special shrubland"
              : "三调后口径：乔木林地0301 + 竹林地0302 + 国家特别规定灌木林地（0305）";
}

const std::set<std::string>& WetlandBasis::codes() const {
    static const std::set<std::string> sandiao = {"0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"};
    static const std::set<std::string> appendix_b = {"0101", "0303", "0304", "0306", "0402", "0603", "1101",
                                                     "1102", "1103", "1104", "1105", "1106", "1107", "1108"};
    // Appendix B without paddy (0101); aquaculture ponds (1104A) are a separate code and never
    // match 1104 here.
    static const std::set<std::string> legal = {"0303", "0304", "0306", "0402", "0603", "1101", "1102",
                                                "1103", "1104", "1105", "1106", "1107", "1108"};
    if (name == "sandiao00") return sandiao;
    if (name == "gbt21010b") return appendix_b;
    if (name == "legal") return legal;
    throw std::logic_error("unknown wetland basis " + name);
}

bool WetlandBasis::counts(const std::string& raw) const {
    return codes().count(canonical_code(raw)) > 0;
}

std::string WetlandBasis::describe(const std::string& lang) const {
    std::string list;
    for (const auto& c : codes()) list += (list.empty() ? "" : " ") + c;
    const bool en = lang == "en";
    if (name == "legal") {
        return (en ? "legal basis (Wetland Protection Law art. 2; paddy and aquaculture waters excluded): "
                   : "法定口径（《湿地保护法》第二条，不含水田及养殖水面）：") +
               list;
    }
    if (name == "gbt21010b") return (en ? "GB/T 21010-2017 appendix B: " : "GB/T 21010-2017 附录B口径：") + list;
    return (en ? "Third Land Survey wetland class 00: " : "三调湿地（00类）口径：") + list;
}

}  // namespace ecozone::analysis
