#include "report/screening/screening_gpkg_styles.h"

#include "layers/project.h"
#include "layers/rules.h"
#include "report/common/qml.h"
#include "report/screening/zone_labels.h"

namespace ecozone::report {

using layers::VectorRole;

namespace {

// The verdict colours of every screening output (ColorBrewer RdYlGn ends, readable by the
// colour-blind as dark / light / dark).
qml::Fill verdict_fill(const char* colour) {
    return {qml::hex(colour), qml::hex("#404040"), 0.4, "solid"};
}

std::string sites_style(const Lang& t) {
    const std::string lang = t.en ? "en" : "zh";
    using layers::Verdict;
    const std::vector<qml::Category> categories = {
        {layers::verdict_key(Verdict::Prohibited), layers::verdict_label(Verdict::Prohibited, lang),
         verdict_fill("#d7191c")},
        {layers::verdict_key(Verdict::Restricted), layers::verdict_label(Verdict::Restricted, lang),
         verdict_fill("#fdae61")},
        {layers::verdict_key(Verdict::Allowed), layers::verdict_label(Verdict::Allowed, lang), verdict_fill("#1a9641")},
        // A site that could not be screened has no verdict (NULL): QGIS's "all other values".
        {"", t("未筛查", "not screened"), verdict_fill("#bababa")},
    };
    qml::Options o;
    o.labels = qml::Labels{"coalesce(nullif(\"name\", ''), \"site_id\")", true};
    o.labels->outside = true;
    return qml::categorized_fill("verdict", categories, o);
}

// Hatched, so that the verdict colour of the site below shows between the lines.
qml::Fill zone_fill(const char* colour, const char* brush) {
    return {qml::hex(colour), qml::hex(colour), 0.3, brush};
}
// The control units partition the whole district, so every site lies in one or more: an outline
// only, or their hatch would cover every verdict colour.
qml::Fill unit_outline(const char* colour) {
    return {qml::hex(colour), qml::hex(colour), 0.3, "no"};
}

std::string overlaps_style(const Lang& t) {
    const std::string lang = t.en ? "en" : "zh";
    // Roles whose features carry a canonical value (the reserve's zones, the water-source
    // levels, the control-unit types) are told apart by it; the others by the role alone.
    const std::string attr =
        "CASE WHEN \"zone_role\" IN ('reserve_zones', 'water_sources', 'control_units') "
        "THEN \"zone_role\" || ':' || \"zone_value\" ELSE \"zone_role\" END";
    auto role = [&](VectorRole r, const char* colour, const char* brush) {
        return qml::Category{layers::role_key(r), layers::role_label(r, lang), zone_fill(colour, brush)};
    };
    auto valued = [&](VectorRole r, const char* value, const qml::Fill& fill) {
        return qml::Category{std::string(layers::role_key(r)) + ":" + value,
                             layers::role_label(r, lang) + " " + zone_value_label(value, t), fill};
    };
    const std::vector<qml::Category> categories = {
        role(VectorRole::Redline, "#a50f15", "diagonal_x"),
        valued(VectorRole::ReserveZones, "core", zone_fill("#54278f", "cross")),
        valued(VectorRole::ReserveZones, "buffer", zone_fill("#756bb1", "b_diagonal")),
        valued(VectorRole::ReserveZones, "experimental", zone_fill("#9e9ac8", "f_diagonal")),
        valued(VectorRole::ReserveZones, "core_protection", zone_fill("#54278f", "cross")),
        valued(VectorRole::ReserveZones, "general_control", zone_fill("#9e9ac8", "f_diagonal")),
        valued(VectorRole::WaterSources, "level1", zone_fill("#08519c", "cross")),
        valued(VectorRole::WaterSources, "level2", zone_fill("#3182bd", "b_diagonal")),
        valued(VectorRole::WaterSources, "quasi", zone_fill("#6baed6", "f_diagonal")),
        role(VectorRole::Farmland, "#b8860b", "horizontal"),
        {"river_belts", t("河流生态缓冲带", "river buffer belt"), zone_fill("#2b8cbe", "horizontal")},
        role(VectorRole::WetlandParks, "#41b6c4", "vertical"),
        role(VectorRole::ImportantWetlands, "#1d91c0", "vertical"),
        role(VectorRole::UrbanBoundary, "#636363", "b_diagonal"),
        role(VectorRole::IndustrialParks, "#8c510a", "f_diagonal"),
        valued(VectorRole::ControlUnits, "priority", unit_outline("#006d2c")),
        valued(VectorRole::ControlUnits, "key", unit_outline("#d94801")),
        valued(VectorRole::ControlUnits, "general", unit_outline("#737373")),
        {"", t("其他分区", "other zone"), zone_fill("#525252", "dense7")},
    };
    qml::Options o;
    o.draw_order = "\"zone_role\" <> 'control_units'";  // the units' outlines first, the zones over them
    return qml::categorized_fill(attr, categories, o);
}

std::string belts_style() {
    return qml::single_fill({qml::hex("#2b83ba", 90), qml::hex("#2b83ba", 220), 0.3, "solid"});
}

}  // namespace

std::vector<LayerStyle> screening_gpkg_styles(const Lang& t) {
    return {
        {"sites",
         t("拟建项目选址及筛查结论（禁止 / 限制 / 允许），按结论着色",
           "Proposed sites and their screening verdict "
           "(prohibited / restricted / allowed), coloured "
           "by verdict"),
         sites_style(t), t("筛查结论", "screening verdict")},
        {"overlaps",
         t("选址与各分区图斑的重叠部分：分区、重叠面积和触发的规则",
           "Parts of each site inside each zone feature: "
           "the zone, the overlap area and the rules fired"),
         overlaps_style(t), t("所涉分区", "zones touched")},
        {"buffer_belts", t("河流生态缓冲带（河流名称、宽度、面积）", "River buffer belts (river, width, area)"),
         belts_style(), t("河流生态缓冲带", "river buffer belts")},
    };
}

}  // namespace ecozone::report
