#include "report/campaign/province_json.h"

#include "report/campaign/province_table.h"

namespace ecozone::report {

namespace campaign = analysis::campaign;

namespace {

nlohmann::json ratio_json(const campaign::ProvinceRatio& r, const char* numerator, const char* denominator) {
    nlohmann::json j = {{"assessed", r.assessed}, {numerator, r.numerator_ha}, {denominator, r.denominator_ha}};
    if (!r.assessed) {
        j["lacking_counties"] = r.lacking;
        j["reason"] = not_assessed_text(r, Lang{false});
        j["reason_en"] = not_assessed_text(r, Lang{true});
        j.erase(numerator);
        j.erase(denominator);
        return j;
    }
    j["defined"] = r.value_pct.has_value();
    if (r.value_pct) j["value_pct"] = *r.value_pct;
    j["target_pct"] = r.target_pct ? nlohmann::json(*r.target_pct) : nlohmann::json();
    if (r.met) {
        j["met"] = *r.met;
        j["margin_ha"] = r.margin_ha;
    }
    return j;
}

}  // namespace

nlohmann::json province_json(const campaign::Plan& plan, const std::vector<campaign::CountyFigures>& counties,
                             const campaign::ProvinceFigures& p, const std::string& merged_utc) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : counties) {
        nlohmann::json j = {{"task", c.task},
                            {"name", c.name},
                            {"code", c.code},
                            {"source", c.source},
                            {"area_ha", c.area_ha},
                            {"forest_ha", c.forest_ha},
                            {"forest_pct", c.forest_pct},
                            {"wetland_assessed", c.wetland_assessed},
                            {"redline_assessed", c.redline_assessed},
                            {"groups_ha", c.groups_ha}};
        if (c.wetland_assessed) {
            j["wetland_ha"] = c.wetland_ha;
            j["wetland_protected_ha"] = c.wetland_protected_ha;
            j["wetland_pct"] = c.wetland_pct ? nlohmann::json(*c.wetland_pct) : nlohmann::json();
        }
        if (c.redline_assessed) {
            j["redline_ha"] = c.redline_ha;
            j["redline_pct"] = c.redline_pct;
        }
        if (c.redline_baseline_ha) j["redline_baseline_ha"] = *c.redline_baseline_ha;
        rows.push_back(std::move(j));
    }
    nlohmann::json notes = nlohmann::json::array(), notes_en = nlohmann::json::array();
    for (const auto& n : p.notes) {
        notes.push_back(n.zh);
        notes_en.push_back(n.en);
    }
    nlohmann::json redline = ratio_json(p.redline, "area_ha", "land_area_ha");
    if (p.redline_baseline_ha) {
        redline["baseline_ha"] = *p.redline_baseline_ha;
        redline["not_decreased"] = p.redline_not_decreased.value_or(false);
    }
    return {{"campaign", {{"name", plan.name}, {"file", plan.campaign_file}, {"dir", plan.dir}}},
            {"merged_utc", merged_utc},
            {"method",
             {{"area_mode", p.area_mode},
              {"forest_basis", p.forest_basis},
              {"wetland_basis", p.wetland_basis},
              {"rule",
               "province areas are the sums of the counties' areas (hectares to 4 decimals, summed exactly as whole "
               "square metres); the province's percentages are recomputed from those sums, never averaged; a figure "
               "a county could not assess is not assessed for the province"},
              {"rule_zh", "全省面积为各县面积之和（公顷保留 4 位小数，按整平方米精确相加）；全省百分比由这些和重新计算，"
                          "不取各县百分比的平均；任一县未评估的指标，全省也不评估"}}},
            {"province",
             {{"name", plan.name},
              {"counties", counties.size()},
              {"area_ha", p.area_ha},
              {"forest_coverage", ratio_json(p.forest, "forest_ha", "land_area_ha")},
              {"wetland_protection_rate", ratio_json(p.wetland, "protected_ha", "wetland_ha")},
              {"redline_share", redline},
              {"groups_ha", p.groups_ha},
              {"notes", notes},
              {"notes_en", notes_en}}},
            {"counties", rows}};
}

}  // namespace ecozone::report
