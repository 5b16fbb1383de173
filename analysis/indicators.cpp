#include "analysis/indicators.h"

#include "analysis/zone_parts.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecozone::analysis {

using layers::LandGroup;
using layers::VectorRole;

TargetCheck evaluate_target(double numerator_m2, double denominator_m2, double target_pct) {
    TargetCheck t;
    t.target_pct = target_pct;
    if (!(denominator_m2 > 0)) return t;
    t.defined = true;
    t.value_pct = 100.0 * numerator_m2 / denominator_m2;
    t.margin_pp = t.value_pct - target_pct;
    // Tiny negative margins from rounding must not fail a target that is met exactly.
    t.met = t.margin_pp >= -1e-9;
    t.margin_ha = (target_pct / 100.0 * denominator_m2 - numerator_m2) / 1e4;
    return t;
}

layers::Note special_shrubland_note(const IndicatorResult& r) {
    if (r.special_shrubland == "field") {
        return {"国家特别规定灌木林地按土地利用图层的标记字段计入森林",
                "nationally specified special shrubland counted as forest from the land use's flag field"};
    }
    if (r.special_shrubland == "layer") {
        return {"国家特别规定灌木林地按 [layers.special_shrubland] 范围内的灌木林地（0305）计入森林",
                "nationally specified special shrubland counted as forest where shrubland (0305) lies inside the "
                "[layers.special_shrubland] areas"};
    }
    if (r.special_shrubland == "none") {
        return {"项目声明本县无国家特别规定灌木林地", "the project declares that the county has no special shrubland"};
    }
    if (r.forest_basis.name != "post_sandiao") {
        return {"未提供国家特别规定灌木林地；原林业口径按灌木覆盖度计入",
                "no special shrubland given; the legacy basis counts shrubland by its cover"};
    }
    return layers::make_note(
        "土地利用图层没有国家特别规定灌木林地标记，项目也未声明本县没有：全部灌木林地（0305）共 {:.2f} 公顷未计入森林",
        "the land use has no special-shrubland flag and the project does not say the county has none: all shrubland "
        "(0305), {:.2f} ha, is left out of forest",
        r.shrub_left_out_m2 / 1e4);
}

namespace {

std::optional<VectorRole> role_of(const std::string& key) {
    for (VectorRole r : layers::all_vector_roles()) {
        if (key == layers::role_key(r)) return r;
    }
    return std::nullopt;
}

// The union of the configured protection layers (never a sum: overlaps count once).
geo::GeomPtr protection_union(const layers::Catalogue& c, const geo::GeosContext& geos, IndicatorResult& out) {
    std::vector<geo::GeomPtr> parts;
    for (const auto& key : out.settings.wetland_protection) {
        const auto role = role_of(key);
        const layers::VectorLayer* layer = role ? c.vector(*role) : nullptr;
        if (!layer) {
            out.protection_missing.push_back(key);
            continue;
        }
        out.protection_layers.push_back(key);
        for (const auto& f : layer->features) parts.push_back(geos.polygonal_part(f.geom.get()));
    }
    if (parts.empty()) return geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
    return geos.polygonal_part(geos.union_all(std::move(parts)).get());
}

void add_vector_pieces(const VectorRouteResult& v, const IndicatorResult& r, std::vector<ZoneResult>& zones) {
    std::vector<std::map<std::string, ClassArea>> tables(zones.size());
    for (const auto& p : v.pieces) {
        ZoneResult& z = zones[static_cast<size_t>(p.zone)];
        ClassArea& row = tables[static_cast<size_t>(p.zone)][p.code];
        if (row.code.empty()) {
            const auto lc = layers::find_land_class(p.code);
            row.code = p.code;
            row.name = lc->name;
            row.group = lc->group;
        }
        const double attr = std::isnan(p.attr_area_m2) ? 0.0 : p.attr_area_m2;
        row.area_m2 += p.area_m2;
        row.attr_area_m2 += attr;
        row.redline_m2 += p.redline_m2;
        z.landuse_m2 += p.area_m2;
        z.group_m2[row.group] += p.area_m2;
        z.group_attr_m2[row.group] += attr;
        z.group_redline_m2[row.group] += p.redline_m2;
        const double forest = r.forest_basis.forest_part(p.code, p.area_m2, p.special_m2, p.shrub_cover_pct);
        if (forest > 0) {
            z.forest_m2 += forest;
            z.forest_attr_m2 += p.area_m2 > 0 ? attr * forest / p.area_m2 : 0.0;
        }
        if (r.wetland_basis.counts(p.code)) {
            z.wetland_m2 += p.area_m2;
            z.wetland_protected_m2 += p.protected_m2;
        }
    }
    for (size_t i = 0; i < zones.size(); ++i) {
        for (auto& [code, row] : tables[i]) zones[i].classes.push_back(row);
    }
}

void add_raster(const RasterRouteResult& rr, size_t n_zones, const IndicatorResult& r, std::vector<ZoneResult>& zones) {
    // What each class counts as (raster_classes.h): only classes wholly forest / wetland are added.
    std::map<int, const RasterClassMeaning*> meaning_of;
    for (const auto& m : r.raster_meanings) meaning_of[m.value] = &m;
    for (size_t z = 0; z < n_zones; ++z) {
        RasterZoneResult x;
        x.class_m2 = rr.class_area_m2[z];
        x.nodata_m2 = rr.nodata_area_m2[z];
        std::vector<int> present;
        for (const auto& [value, area] : x.class_m2) {
            const RasterClassMeaning& m = *meaning_of.at(value);
            x.group_m2[m.group] += area;
            if (m.forest == Counts::Yes) x.forest_m2 += area;
            if (m.wetland == Counts::Yes) x.wetland_m2 += area;
            if (area > 0) present.push_back(value);
        }
        // The protected part of the zone was tallied as zone n_zones + z.
        if (rr.class_area_m2.size() > n_zones) {
            for (const auto& [value, area] : rr.class_area_m2[n_zones + z]) {
                if (meaning_of.at(value)->wetland == Counts::Yes) x.wetland_protected_m2 += area;
            }
        }
        ZoneResult& zr = zones[z];
        x.forest = evaluate_target(x.forest_m2, zr.area_m2, r.settings.forest_target_pct);
        x.wetland = evaluate_target(x.wetland_protected_m2, x.wetland_m2, r.settings.wetland_target_pct);
        x.forest_comparable = forest_comparability(r.raster_meanings, present);
        x.wetland_comparable = wetland_comparability(r.raster_meanings, present);
        if (!r.wetland_assessed) {
            x.wetland_comparable = {false,
                                    {"未评估（缺少湿地保护图层）", "not assessed (no wetland protection layer)"}};
        }
        if (x.forest_comparable.comparable && x.forest.defined && zr.forest.defined) {
            x.forest_diff_pp = std::fabs(x.forest.value_pct - zr.forest.value_pct);
        }
        if (x.wetland_comparable.comparable && x.wetland.defined && zr.wetland.defined) {
            x.wetland_diff_pp = std::fabs(x.wetland.value_pct - zr.wetland.value_pct);
        }
        for (LandGroup g : layers::all_land_groups()) {
            const double vec = zr.group_m2.count(g) ? zr.group_m2.at(g) : 0.0;
            const double ras = x.group_m2.count(g) ? x.group_m2.at(g) : 0.0;
            const double diff = zr.area_m2 > 0 ? 100.0 * std::fabs(vec - ras) / zr.area_m2 : 0.0;
            if (diff > x.max_diff_pp) {
                x.max_diff_pp = diff;
                x.max_diff_group = g;
            }
        }
        const double tol = r.settings.route_tolerance_pct;
        x.flagged = x.max_diff_pp > tol || x.forest_diff_pp > tol || x.wetland_diff_pp > tol;
        zr.raster = x;
    }
}

}  // namespace

IndicatorResult compute_indicators(const layers::Catalogue& c, const geo::GeosContext& geos,
                                   const IndicatorOptions& options) {
    IndicatorResult r;
    r.settings = c.project.indicators;
    if (options.forest_basis) r.settings.forest_basis = *options.forest_basis;
    if (options.wetland_basis) r.settings.wetland_basis = *options.wetland_basis;
    r.forest_basis.name = r.settings.forest_basis;
    r.forest_basis.legacy_cover_min_pct = r.settings.legacy_shrub_cover_min_pct;
    r.wetland_basis.name = r.settings.wetland_basis;
    r.wetland_basis.codes();  // throws for an unknown basis name
    r.mode = options.mode;
    r.special_shrubland = c.project.indicators.special_shrubland;

    const geo::AreaCalculator calc(geos, c.working.definition);
    std::vector<Zone> zones = build_zones(c, geos, calc, options.mode);
    geo::GeomPtr redline = union_of(c.vector(VectorRole::Redline), geos);
    r.redline_assessed = c.vector(VectorRole::Redline) != nullptr;
    geo::GeomPtr protection = protection_union(c, geos, r);
    r.wetland_assessed = !r.protection_layers.empty();
    const geo::GeomPtr special = union_of(c.vector(VectorRole::SpecialShrubland), geos);

    const VectorRouteResult v = run_vector_route(c, geos, calc, options.mode, zones, redline.get(), protection.get(),
                                                 special.get(), options.threads);
    r.has_attr_area = v.has_attr_area;
    r.attr_area_field = v.attr_area_field;

    const layers::RasterLayerSpec* raster_spec = nullptr;
    if (auto it = c.project.rasters.find(layers::RasterRole::Landuse); it != c.project.rasters.end()) {
        raster_spec = &it->second;
    }
    const bool raster_route = options.raster && raster_spec;
    // The zones' parts of the red line, and of the protection for the raster route's wetland rate.
    ZoneParts parts = zone_parts(zones, redline.get(), raster_route ? protection.get() : nullptr, geos, options.threads);
    for (size_t i = 0; i < zones.size(); ++i) {
        const Zone& z = zones[i];
        ZoneResult zr;
        zr.name = z.name;
        zr.code = z.code;
        zr.district = z.district;
        zr.area_m2 = z.area_m2;
        if (redline) zr.redline_m2 = calc.area(parts.redline[i].get(), options.mode);
        zr.redline_pct = z.area_m2 > 0 ? 100.0 * zr.redline_m2 / z.area_m2 : 0.0;
        r.zones.push_back(std::move(zr));
    }
    add_vector_pieces(v, r, r.zones);
    // Shares of a district the land use does not cover are no evidence: 2 ha of land use in a
    // 208 923 ha district would make "forest must grow by 31 337 ha".
    const ZoneResult& whole = r.zones.front();
    const double covered_pct = whole.area_m2 > 0 ? 100.0 * whole.landuse_m2 / whole.area_m2 : 0.0;
    if (covered_pct < r.settings.min_landuse_coverage_pct) {
        throw make_error<DataError>(
            "{}：土地利用图层只覆盖了全区的 {:.2f}%（{:.1f} 公顷 / {:.1f} 公顷），低于指标核算要求的 "
            "{:g}%；是文件不对、只是裁剪后的一部分，还是坐标系不对？（阈值见 [indicators] "
            "min_landuse_coverage_pct）",
            "{}: the land-use layer covers only {:.2f} % of the district ({:.1f} ha of "
            "{:.1f} ha), below the {:g} % indicators need; wrong file, a clipped extract, or a "
            "wrong CRS? (the threshold is [indicators] min_landuse_coverage_pct)",
            c.project.vector(VectorRole::Landuse)->path_as_written, covered_pct, whole.landuse_m2 / 1e4,
            whole.area_m2 / 1e4, r.settings.min_landuse_coverage_pct);
    }
    for (auto& zr : r.zones) {
        zr.forest = evaluate_target(zr.forest_m2, zr.area_m2, r.settings.forest_target_pct);
        zr.wetland = evaluate_target(zr.wetland_protected_m2, zr.wetland_m2, r.settings.wetland_target_pct);
    }
    for (const auto& p : v.pieces) {
        if (p.zone != 0) continue;  // district pieces list each feature once
        if (r.forest_basis.forest_part(p.code, p.area_m2, p.special_m2, p.shrub_cover_pct) > 0) {
            r.forest_fids.push_back(p.fid);
        }
        if (r.wetland_basis.counts(p.code) && p.protected_m2 > 0) r.protected_wetland_fids.push_back(p.fid);
        // Not told where the special shrubland is: every 0305 is left out of post-三调 forest.
        if (r.special_shrubland.empty() && r.forest_basis.name == "post_sandiao" && p.code == "0305") {
            r.shrub_left_out_m2 += p.area_m2;
        }
    }

    const ZoneResult& d = r.zones.front();
    r.redline.baseline_pct = r.settings.redline_baseline_pct;
    r.redline.baseline_ha = r.settings.redline_baseline_ha;
    if (r.redline_assessed && (r.redline.baseline_pct || r.redline.baseline_ha)) {
        r.redline.defined = true;
        const double base_pct =
            r.redline.baseline_pct ? *r.redline.baseline_pct : 100.0 * *r.redline.baseline_ha * 1e4 / d.area_m2;
        const double base_ha = r.redline.baseline_ha ? *r.redline.baseline_ha : base_pct / 100.0 * d.area_m2 / 1e4;
        r.redline.change_pp = d.redline_pct - base_pct;
        r.redline.change_ha = d.redline_m2 / 1e4 - base_ha;
        r.redline.not_fallen = r.redline.change_pp >= -1e-9 && r.redline.change_ha >= -1e-6;
    }

    if (raster_route) {
        r.has_raster = true;
        r.raster_path = raster_spec->path;
        r.raster_classes = c.project.raster_classes;
        r.raster_meanings =
            interpret_raster_classes(r.raster_classes, r.forest_basis, r.wetland_basis, r.special_shrubland);
        const layers::ClassRaster raster(raster_spec->path, c.working.definition);
        r.raster_warped = raster.warped();
        // Tally each zone, then each zone's protected part (for the raster wetland rate).
        std::vector<Zone> tallied;
        for (const auto& z : zones) {
            Zone copy;
            copy.name = z.name;
            copy.geom = geos.clone(z.geom.get());
            tallied.push_back(std::move(copy));
        }
        if (protection) {
            for (size_t i = 0; i < zones.size(); ++i) {
                Zone part;
                part.name = zones[i].name + " ∩ protection";
                part.geom = std::move(parts.protection[i]);
                tallied.push_back(std::move(part));
            }
        }
        const RasterRouteResult rr = run_raster_route(raster, tallied, r.raster_classes, geos, c.working.definition,
                                                      options.mode, options.threads);
        r.pixel_area_method = rr.pixel_area_method;
        add_raster(rr, zones.size(), r, r.zones);
    }
    for (auto& z : zones) r.zone_geoms.push_back(std::move(z.geom));
    r.redline_geom = std::move(redline);
    r.protection_geom = std::move(protection);
    return r;
}

}  // namespace ecozone::analysis
