#include "report/indicators/indicators_json.h"

#include <cmath>

namespace ecozone::report {

double to_ha(double m2) {
    return std::round(m2 / 1e4 * 1e4) / 1e4;
}

namespace {

double round6(double v) {
    return std::round(v * 1e6) / 1e6;
}
double round2(double v) {
    return std::round(v * 100) / 100;
}

nlohmann::json target_json(const analysis::TargetCheck& t) {
    if (!t.defined) return {{"defined", false}, {"target_pct", t.target_pct}};
    return {{"defined", true}, {"value_pct", round6(t.value_pct)}, {"target_pct", t.target_pct},
            {"met", t.met},    {"margin_pp", round6(t.margin_pp)}, {"margin_ha", to_ha(t.margin_ha * 1e4)}};
}

const char* counts_key(analysis::Counts c) {
    return c == analysis::Counts::Yes ? "yes" : c == analysis::Counts::No ? "no" : "partly";
}

// An indicator of the raster route: its figures where comparable with the vector route's, the
// reason where not (no figure that would contradict the vector route's is printed).
nlohmann::json raster_indicator_json(double area_m2, const analysis::TargetCheck& t, const analysis::Comparability& c,
                                     double diff_pp) {
    nlohmann::json j = {{"comparable", c.comparable}, {"area_ha", to_ha(area_m2)}};
    if (c.comparable) {
        j["coverage"] = target_json(t);
        j["difference_pp"] = round6(diff_pp);
    } else {
        j["reason"] = c.reason.zh;
        j["reason_en"] = c.reason.en;
    }
    return j;
}

nlohmann::json groups_json(const std::map<layers::LandGroup, double>& m) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [g, a] : m) j[layers::group_key(g)] = to_ha(a);
    return j;
}

nlohmann::json zone_json(const analysis::ZoneResult& z, const analysis::IndicatorResult& r) {
    nlohmann::json j;
    j["name"] = z.name;
    j["code"] = z.code;
    j["level"] = z.district ? "district" : "township";
    j["area_ha"] = to_ha(z.area_m2);
    j["landuse_covered_ha"] = to_ha(z.landuse_m2);
    j["forest"] = {{"area_ha", to_ha(z.forest_m2)}, {"coverage", target_json(z.forest)}};
    if (r.has_attr_area) j["forest"]["attribute_area_ha"] = to_ha(z.forest_attr_m2);
    j["wetland"] = {{"area_ha", to_ha(z.wetland_m2)},
                    {"protected_ha", to_ha(z.wetland_protected_m2)},
                    {"protection_rate", target_json(z.wetland)}};
    if (r.redline_assessed) {
        j["redline"] = {{"assessed", true}, {"area_ha", to_ha(z.redline_m2)}, {"share_pct", round6(z.redline_pct)}};
    } else {
        j["redline"] = {{"assessed", false},
                        {"reason", "未评估（缺少图层：生态保护红线）"},
                        {"reason_en", "not assessed (missing layer: ecological protection red line)"}};
    }
    if (!r.wetland_assessed) j["wetland"]["protection_rate"] = {{"assessed", false}};
    j["groups_ha"] = groups_json(z.group_m2);
    j["groups_in_redline_ha"] = groups_json(z.group_redline_m2);
    if (r.has_attr_area) j["groups_attribute_ha"] = groups_json(z.group_attr_m2);
    j["classes"] = nlohmann::json::array();
    for (const auto& c : z.classes) {
        nlohmann::json row = {{"code", c.code},
                              {"name", c.name},
                              {"group", layers::group_key(c.group)},
                              {"area_ha", to_ha(c.area_m2)},
                              {"in_redline_ha", to_ha(c.redline_m2)},
                              // m² to the centimetre, for checks finer than the report's hectares
                              {"area_m2", round2(c.area_m2)},
                              {"in_redline_m2", round2(c.redline_m2)}};
        if (r.has_attr_area) row["attribute_area_ha"] = to_ha(c.attr_area_m2);
        j["classes"].push_back(row);
    }
    if (z.raster) {
        const auto& x = *z.raster;
        nlohmann::json classes = nlohmann::json::object();
        for (const auto& [v, a] : x.class_m2) classes[std::to_string(v)] = to_ha(a);
        j["raster"] = {
            {"classes_ha", classes},
            {"groups_ha", groups_json(x.group_m2)},
            {"nodata_ha", to_ha(x.nodata_m2)},
            {"forest", raster_indicator_json(x.forest_m2, x.forest, x.forest_comparable, x.forest_diff_pp)},
            {"wetland", raster_indicator_json(x.wetland_m2, x.wetland, x.wetland_comparable, x.wetland_diff_pp)},
            {"route_difference",
             {{"max_pp", round6(x.max_diff_pp)},
              {"group", layers::group_key(x.max_diff_group)},
              {"tolerance_pp", r.settings.route_tolerance_pct},
              {"flagged", x.flagged}}}};
    }
    return j;
}

}  // namespace

nlohmann::json indicators_json(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Provenance& p) {
    nlohmann::json j;
    const auto& d = r.zones.front();
    j["project"] = {{"name", c.project.name}, {"admin_code", c.project.admin_code}, {"file", c.project.file}};
    j["targets"] = {
        {"forest_coverage", target_json(d.forest)},
        {"wetland_protection_rate", target_json(d.wetland)},
        {"redline_share",
         {{"assessed", r.redline_assessed},
          {"share_pct", r.redline_assessed ? nlohmann::json(round6(d.redline_pct)) : nlohmann::json()},
          {"area_ha", to_ha(d.redline_m2)},
          {"baseline_pct", r.redline.baseline_pct ? nlohmann::json(*r.redline.baseline_pct) : nlohmann::json()},
          {"baseline_ha", r.redline.baseline_ha ? nlohmann::json(*r.redline.baseline_ha) : nlohmann::json()},
          {"defined", r.redline.defined},
          {"not_decreased", r.redline.not_fallen},
          {"change_pp", round6(r.redline.change_pp)},
          {"change_ha", to_ha(r.redline.change_ha * 1e4)}}},
    };
    if (!r.redline_assessed) {
        j["targets"]["redline_share"]["reason"] = "未评估（缺少图层：生态保护红线）";
        j["targets"]["redline_share"]["reason_en"] = "not assessed (missing layer: ecological protection red line)";
    }
    if (!r.wetland_assessed) {
        j["targets"]["wetland_protection_rate"] = {
            {"assessed", false},
            {"reason", "未评估（项目没有任何湿地保护图层）"},
            {"reason_en", "not assessed (the project has none of the wetland protection layers)"}};
    }
    nlohmann::json wetland_codes = nlohmann::json::array();
    for (const auto& code : r.wetland_basis.codes()) wetland_codes.push_back(code);
    j["method"] = {
        {"area_mode", geo::to_string(r.mode)},
        {"area_method", geo::describe_area_mode(r.mode, c.working.epsg)},
        {"working_crs",
         {{"epsg", c.working.epsg},
          {"name", c.working.name},
          {"chosen_by", c.working.chosen_by.en},
          {"chosen_by_zh", c.working.chosen_by.zh}}},
        {"forest_basis",
         {{"name", r.forest_basis.name},
          {"description", r.forest_basis.describe("en")},
          {"legacy_shrub_cover_min_pct", r.forest_basis.legacy_cover_min_pct},
          {"special_shrubland", r.special_shrubland.empty() ? "not given" : r.special_shrubland},
          {"special_shrubland_note", analysis::special_shrubland_note(r).en},
          {"special_shrubland_note_zh", analysis::special_shrubland_note(r).zh}}},
        {"forest_formula", "forest coverage = qualifying forest area / land area of the unit"},
        {"wetland_basis",
         {{"name", r.wetland_basis.name}, {"codes", wetland_codes}, {"description", r.wetland_basis.describe("en")}}},
        {"wetland_formula", "protection rate = wetland area inside the union of the protection layers / wetland area"},
        {"protection_layers", r.protection_layers},
        {"protection_layers_missing", r.protection_missing},
        {"redline_formula", "red-line share = area of the union of red-line polygons inside the unit / unit area"},
        {"vector_route", "land-use polygons inside a unit counted whole, boundary polygons clipped (GEOS OverlayNG)"},
        {"attribute_area_field", r.has_attr_area ? nlohmann::json(r.attr_area_field) : nlohmann::json()},
        {"raster_route", r.has_raster
                             ? nlohmann::json{{"raster", r.raster_path},
                                              {"pixel_weights", "exact fraction of each pixel inside the unit"},
                                              {"pixel_area", r.pixel_area_method.en},
                                              {"pixel_area_zh", r.pixel_area_method.zh},
                                              {"warped", r.raster_warped}}
                             : nlohmann::json()},
        {"route_tolerance_pp", r.settings.route_tolerance_pct},
    };
    if (r.has_raster) {
        nlohmann::json classes = nlohmann::json::array();
        for (size_t i = 0; i < r.raster_classes.size(); ++i) {
            const auto& rc = r.raster_classes[i];
            const auto& m = r.raster_meanings[i];
            classes.push_back({{"value", rc.value},
                               {"name", rc.name},
                               {"codes", m.codes},
                               {"group", layers::group_key(m.group)},
                               {"forest", counts_key(m.forest)},
                               {"wetland", counts_key(m.wetland)},
                               {"counts_as", m.counts_as.zh},
                               {"counts_as_en", m.counts_as.en}});
        }
        j["method"]["raster_classes"] = classes;
    }
    j["zones"] = nlohmann::json::array();
    for (const auto& z : r.zones) j["zones"].push_back(zone_json(z, r));
    j["provenance"] = to_json(p, "indicators.json");
    return j;
}

}  // namespace ecozone::report
