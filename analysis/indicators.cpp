#include "analysis/indicators.h"

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
        if (r.forest_basis.qualifies(p.code, p.special_shrub, p.shrub_cover_pct)) {
            z.forest_m2 += p.area_m2;
            z.forest_attr_m2 += attr;
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
    std::map<int, std::string> code_of;
    for (const auto& c : r.raster_classes) code_of[c.value] = canonical_code(c.code);
    for (size_t z = 0; z < n_zones; ++z) {
        RasterZoneResult x;
        x.class_m2 = rr.class_area_m2[z];
        x.nodata_m2 = rr.nodata_area_m2[z];
        for (const auto& [value, area] : x.class_m2) {
            const std::string& code = code_of.at(value);
            const auto lc = layers::find_land_class(code);
            x.group_m2[lc ? lc->group : LandGroup::Other] += area;
            // A classifier cannot see the special-shrubland flag: shrub pixels count on the legacy
            // basis only (its > 30 % cover rule is what a shrub class represents).
            if (r.forest_basis.qualifies(code, false, r.forest_basis.name == "legacy" ? 100.0 : 0.0)) {
                x.forest_m2 += area;
            }
            if (r.wetland_basis.counts(code)) x.wetland_m2 += area;
        }
        // The protected part of the zone was tallied as zone n_zones + z.
        if (rr.class_area_m2.size() > n_zones) {
            for (const auto& [value, area] : rr.class_area_m2[n_zones + z]) {
                if (r.wetland_basis.counts(code_of.at(value))) x.wetland_protected_m2 += area;
            }
        }
        ZoneResult& zr = zones[z];
        x.forest = evaluate_target(x.forest_m2, zr.area_m2, r.settings.forest_target_pct);
        x.wetland = evaluate_target(x.wetland_protected_m2, x.wetland_m2, r.settings.wetland_target_pct);
        for (LandGroup g : layers::all_land_groups()) {
            const double vec = zr.group_m2.count(g) ? zr.group_m2.at(g) : 0.0;
            const double ras = x.group_m2.count(g) ? x.group_m2.at(g) : 0.0;
            const double diff = zr.area_m2 > 0 ? 100.0 * std::fabs(vec - ras) / zr.area_m2 : 0.0;
            if (diff > x.max_diff_pp) {
                x.max_diff_pp = diff;
                x.max_diff_group = g;
            }
        }
        x.flagged = x.max_diff_pp > r.settings.route_tolerance_pct;
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

    const geo::AreaCalculator calc(geos, c.working.definition);
    std::vector<Zone> zones = build_zones(c, geos, calc, options.mode);
    geo::GeomPtr redline = union_of(c.vector(VectorRole::Redline), geos);
    geo::GeomPtr protection = protection_union(c, geos, r);

    const VectorRouteResult v =
        run_vector_route(c, geos, calc, options.mode, zones, redline.get(), protection.get(), options.threads);
    r.has_attr_area = v.has_attr_area;
    r.attr_area_field = v.attr_area_field;

    for (const auto& z : zones) {
        ZoneResult zr;
        zr.name = z.name;
        zr.code = z.code;
        zr.district = z.district;
        zr.area_m2 = z.area_m2;
        if (redline) zr.redline_m2 = calc.area(geos.intersection(z.geom.get(), redline.get()).get(), options.mode);
        zr.redline_pct = z.area_m2 > 0 ? 100.0 * zr.redline_m2 / z.area_m2 : 0.0;
        r.zones.push_back(std::move(zr));
    }
    add_vector_pieces(v, r, r.zones);
    for (auto& zr : r.zones) {
        zr.forest = evaluate_target(zr.forest_m2, zr.area_m2, r.settings.forest_target_pct);
        zr.wetland = evaluate_target(zr.wetland_protected_m2, zr.wetland_m2, r.settings.wetland_target_pct);
    }
    for (const auto& p : v.pieces) {
        if (p.zone != 0) continue;  // district pieces list each feature once
        if (r.forest_basis.qualifies(p.code, p.special_shrub, p.shrub_cover_pct)) r.forest_fids.push_back(p.fid);
        if (r.wetland_basis.counts(p.code) && p.protected_m2 > 0) r.protected_wetland_fids.push_back(p.fid);
    }

    const ZoneResult& d = r.zones.front();
    r.redline.baseline_pct = r.settings.redline_baseline_pct;
    r.redline.baseline_ha = r.settings.redline_baseline_ha;
    if (r.redline.baseline_pct || r.redline.baseline_ha) {
        r.redline.defined = true;
        const double base_pct = r.redline.baseline_pct ? *r.redline.baseline_pct
                                                       : 100.0 * *r.redline.baseline_ha * 1e4 / d.area_m2;
        const double base_ha = r.redline.baseline_ha ? *r.redline.baseline_ha : base_pct / 100.0 * d.area_m2 / 1e4;
        r.redline.change_pp = d.redline_pct - base_pct;
        r.redline.change_ha = d.redline_m2 / 1e4 - base_ha;
        r.redline.not_fallen = r.redline.change_pp >= -1e-9 && r.redline.change_ha >= -1e-6;
    }

    const layers::RasterLayerSpec* raster_spec = nullptr;
    if (auto it = c.project.rasters.find(layers::RasterRole::Landuse); it != c.project.rasters.end()) {
        raster_spec = &it->second;
    }
    if (options.raster && raster_spec) {
        r.has_raster = true;
        r.raster_path = raster_spec->path;
        r.raster_classes = c.project.raster_classes;
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
            for (const auto& z : zones) {
                Zone part;
                part.name = z.name + " ∩ protection";
                part.geom = geos.polygonal_part(geos.intersection(z.geom.get(), protection.get()).get());
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
