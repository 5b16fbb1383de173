#include "report/audit/audit_map.h"

#include "analysis/zones.h"
#include "report/audit/register_labels.h"
#include "report/common/svg_map.h"

#include <fmt/format.h>

#include <set>

namespace ecozone::report {

namespace {

// Reserve zone features with their canonical value (core / buffer / experimental …), as the
// register attributes patches, so that the overview fills each zone in its own colour.
std::vector<std::pair<std::string, const GEOSGeometry*>> reserve_zones(const layers::Catalogue& c) {
    std::vector<std::pair<std::string, const GEOSGeometry*>> out;
    const layers::VectorLayer* rz = c.vector(layers::VectorRole::ReserveZones);
    const layers::VectorLayerSpec* spec = c.project.vector(layers::VectorRole::ReserveZones);
    if (!rz || !spec || !spec->fields.count("zone_field")) return out;
    const size_t field = rz->require_field(spec->fields.at("zone_field"), "zone_field");
    for (const auto& f : rz->features) {
        std::string v = layers::to_text(f.attrs[field]);
        if (auto it = spec->values.find(v); it != spec->values.end()) v = it->second;
        out.emplace_back(v, f.geom.get());
    }
    return out;
}

Style reserve_fill(const std::string& zone) {
    if (zone == "core" || zone == "core_protection") return Style{"#1b5e20", "#1b5e20", 0.6, 0.55, ""};
    if (zone == "buffer") return Style{"#66bb6a", "#2e7d32", 0.6, 0.45, ""};
    return Style{"#dcedc8", "#558b2f", 0.6, 0.6, ""};  // experimental, general control
}

}  // namespace

std::string audit_overview_map(const std::vector<analysis::PatchRecord>& records, const layers::Catalogue& c,
                               const geo::GeosContext& geos, const Lang& t) {
    geo::GeomPtr district = analysis::union_of(c.vector(layers::VectorRole::District), geos);
    SvgMap map = SvgMap::around(geos, district.get(), 0.04, 600, 520);
    map.set_title(t("监测图斑分布", "Patches"));
    // Township boundaries underneath, so that the township column can be read off the map.
    const Style township_edge{"none", "#9e9e9e", 0.7, 1.0, "6 2 1 2"};
    bool townships = false;
    if (const auto* tw = c.vector(layers::VectorRole::Townships)) {
        for (const auto& f : tw->features) {
            map.add(geos.own(GEOSBoundary_r(geos.handle(), f.geom.get()), "township boundary").get(), township_edge);
            townships = true;
        }
    }
    const auto zones = reserve_zones(c);
    std::set<std::string> zone_values;
    for (const auto& [v, g] : zones) {
        map.add(g, reserve_fill(v), zone_name(v, t));
        zone_values.insert(v);
    }
    if (const auto* rl = c.vector(layers::VectorRole::Redline)) {
        for (const auto& f : rl->features) map.add(f.geom.get(), Style{"none", "#d32f2f", 0.8, 1.0, ""});
    }
    map.add(district.get(), Style{"none", "#000", 1.4, 1.0, ""});
    // Patches as circles in their activity's colour, numbered as in the list below.
    std::set<std::string> activities;
    int number = 0;
    for (const auto& r : records) {
        if (!r.polygon) continue;
        ++number;
        geo::GeomPtr pt = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), r.gk_y, r.gk_x), "point");
        map.add(pt.get(), Style{activity_colour(r.activity), "#000", 1.4, 1.0, ""},
                fmt::format("{} {} {}", number, r.id, activity_name(r.activity, t)));
        map.add_label(r.gk_y, r.gk_x + 11.0 / map.scale(), std::to_string(number), 10);
        activities.insert(r.activity);
    }
    for (const char* v : {"core", "core_protection", "buffer", "experimental", "general_control"}) {
        if (zone_values.count(v))
            map.add_legend_item(reserve_fill(v), t("自然保护区", "reserve") + std::string(" ") + zone_name(v, t));
    }
    map.add_legend_item(Style{"none", "#d32f2f", 0.8, 1.0, ""}, t("生态保护红线", "red line"));
    for (const auto& code : activities) {
        map.add_legend_item(Style{activity_colour(code), "#000", 1.0, 1.0, ""}, activity_name(code, t));
    }
    if (townships) map.add_legend_item(township_edge, t("乡镇界", "township boundary"));
    map.set_legend_title(t("图例（数字为图斑序号）", "Legend (numbers: patch no.)"));
    map.set_north_label(t("北", "N"));
    map.scale_bar();
    map.north_arrow();
    map.set_side_panel(220);
    return map.str();
}

}  // namespace ecozone::report
