#include "report/indicators/indicators_maps.h"

#include "report/common/html_util.h"
#include "report/common/svg_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ecozone::report {

namespace {

std::string pct(double v) {
    return format_number(v, 2) + "%";
}
std::string pct(const analysis::TargetCheck& c) {
    return c.defined ? pct(c.value_pct) : "—";
}

}  // namespace

std::string forest_coverage_map(const analysis::IndicatorResult& r, const geo::GeosContext& geos, const Lang& t) {
    SvgMap map = SvgMap::around(geos, r.zone_geoms.front().get(), 0.04, 820, 520);
    map.set_title(t("各乡镇森林覆盖率", "Forest coverage by township"));
    std::vector<double> values;
    for (size_t i = 1; i < r.zones.size(); ++i) values.push_back(r.zones[i].forest.value_pct);
    // The plan's target is a break, so every class either meets it or misses it.
    const double target = r.zones.front().forest.target_pct;
    const auto breaks = breaks_with_target(
        class_breaks(values, std::min<int>(5, std::max<int>(1, static_cast<int>(values.size()))), false), target);
    const int classes = breaks.size() > 1 ? static_cast<int>(breaks.size()) - 1 : 1;
    auto color_of = [&](double v) {
        const int k = class_index(v, breaks);
        return ramp_color(classes > 1 ? static_cast<double>(k) / (classes - 1) : 0.5);
    };
    for (size_t i = 1; i < r.zones.size(); ++i) {
        const auto& z = r.zones[i];
        map.add(r.zone_geoms[i].get(), Style{color_of(z.forest.value_pct), "#555", 0.8, 1.0, ""},
                fmt::format("{}: {}", z.name, pct(z.forest)));
    }
    map.add(r.zone_geoms.front().get(), Style{"none", "#000", 1.6, 1.0, ""});
    for (size_t i = 1; i < r.zones.size(); ++i) {
        GEOSGeometry* p = GEOSPointOnSurface_r(geos.handle(), r.zone_geoms[i].get());
        if (!p) continue;
        geo::GeomPtr pt = geos.own(p, "point on surface");
        double x = 0, y = 0;
        GEOSGeomGetX_r(geos.handle(), pt.get(), &x);
        GEOSGeomGetY_r(geos.handle(), pt.get(), &y);
        map.add_label(x, y, r.zones[i].name + " " + pct(r.zones[i].forest), 12);
    }
    for (int k = 0; k < classes && breaks.size() > 1; ++k) {
        map.add_legend_item(
            Style{ramp_color(classes > 1 ? static_cast<double>(k) / (classes - 1) : 0.5), "#555", 0.8, 1.0, ""},
            format_number(breaks[static_cast<size_t>(k)], 1) + "–" +
                format_number(breaks[static_cast<size_t>(k) + 1], 1) + "%" +
                (breaks[static_cast<size_t>(k)] >= target ? t("（达标）", " (meets target)")
                                                          : t("（未达标）", " (below target)")));
    }
    map.set_legend_title(t("森林覆盖率", "forest coverage"));
    map.set_north_label(t("北", "N"));
    map.scale_bar();
    map.north_arrow();
    return map.str();
}

std::string forest_wetland_map(const analysis::IndicatorResult& r, const layers::Catalogue& c,
                               const geo::GeosContext& geos, const Lang& t) {
    SvgMap map = SvgMap::around(geos, r.zone_geoms.front().get(), 0.04, 820, 520);
    map.set_title(t("森林与湿地分布", "Forest and wetland"));
    const Style forest_style{"#2e7d32", "none", 0.0, 0.85, ""};
    const Style wetland_style{"#1e88e5", "none", 0.0, 0.9, ""};
    const layers::VectorLayer* landuse = c.vector(layers::VectorRole::Landuse);
    const auto code_field = c.project.field(layers::VectorRole::Landuse, "code_field");
    if (landuse && code_field) {
        const size_t code = *landuse->field_index(*code_field);
        const std::set<std::int64_t> forest(r.forest_fids.begin(), r.forest_fids.end());
        for (const auto& f : landuse->features) {
            if (forest.count(f.fid))
                map.add(f.geom.get(), forest_style);
            else if (r.wetland_basis.counts(layers::to_text(f.attrs[code])))
                map.add(f.geom.get(), wetland_style);
        }
    }
    for (size_t i = 1; i < r.zones.size(); ++i) map.add(r.zone_geoms[i].get(), Style{"none", "#777", 0.6, 1.0, "3 2"});
    if (r.redline_geom) map.add(r.redline_geom.get(), Style{"none", "#d32f2f", 1.0, 1.0, ""});
    if (r.protection_geom) map.add(r.protection_geom.get(), Style{"none", "#6a1b9a", 1.4, 1.0, "5 3"});
    map.add(r.zone_geoms.front().get(), Style{"none", "#000", 1.6, 1.0, ""});
    map.add_legend_item(forest_style, t("森林（计入覆盖率）", "forest (counted)"));
    map.add_legend_item(wetland_style, t("湿地（所选口径）", "wetland (chosen basis)"));
    map.add_legend_item(Style{"none", "#d32f2f", 1.0, 1.0, ""}, t("生态保护红线", "ecological red line"));
    if (r.protection_geom)
        map.add_legend_item(Style{"none", "#6a1b9a", 1.4, 1.0, "5 3"}, t("湿地保护范围", "wetland protection"));
    map.add_legend_item(Style{"none", "#777", 0.6, 1.0, "3 2"}, t("乡镇界", "township boundary"));
    map.set_north_label(t("北", "N"));
    map.scale_bar();
    map.north_arrow();
    return map.str();
}

}  // namespace ecozone::report
