#include "report/indicators/indicators_gpkg.h"

#include "analysis/parallel.h"
#include "geo/clip_large.h"
#include "layers/vector_writer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <set>

namespace ecozone::report {

using layers::AttrValue;
using layers::FieldType;
using layers::OutputFeature;
using layers::OutputField;

namespace {

// The protected part of each wetland polygon: null where the polygon lies wholly inside the
// protected area (it is its own part), else its intersection with the area, cut from the area's
// neighbourhood (geo/clip_large.h).  On all cores; the workers' GEOS contexts are made first, so
// that they outlive the pieces the workers build.
std::vector<geo::GeomPtr> protected_parts(const std::vector<const layers::Feature*>& wet,
                                          const GEOSGeometry* protection, const geo::GeosContext& geos) {
    const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(analysis::worker_count(0)),
                                                          std::max<size_t>(1, wet.size() / 64)));
    std::vector<std::unique_ptr<geo::GeosContext>> contexts;
    for (int k = 1; k < workers; ++k) contexts.push_back(std::make_unique<geo::GeosContext>());
    (void)geos.bounds(protection);  // its envelope cached here, not by racing workers
    std::vector<geo::GeomPtr> parts;
    for (size_t i = 0; i < wet.size(); ++i) parts.emplace_back(nullptr, geo::GeomDeleter{geos.handle()});
    std::atomic<size_t> next{0};
    analysis::run_workers(workers, [&](int k) {
        const geo::GeosContext& g = k == 0 ? geos : *contexts[static_cast<size_t>(k - 1)];
        const geo::PreparedPtr prepared = g.prepare(protection);
        for (size_t i = next++; i < wet.size(); i = next++) {
            const GEOSGeometry* poly = wet[i]->geom.get();
            if (g.predicate(GEOSPreparedContains_r(g.handle(), prepared.get(), poly), "contains")) continue;
            geo::GeomPtr part = g.polygonal_part(geo::intersection_near(g, protection, poly).get());
            // Handed over to the caller's context, which outlives every worker's.
            parts[i] = geo::GeomPtr(part.release(), geo::GeomDeleter{geos.handle()});
        }
    });
    return parts;
}

AttrValue ha(double m2) {
    return std::round(m2 / 1e4 * 1e4) / 1e4;
}
AttrValue pct(const analysis::TargetCheck& c) {
    return c.defined ? AttrValue(c.value_pct) : AttrValue();
}
}  // namespace

void write_indicators_gpkg(const std::string& path, const analysis::IndicatorResult& r, const layers::Catalogue& c,
                           const geo::GeosContext& geos, const Lang& t) {
    layers::VectorWriter out(path, "GPKG", c.working.epsg);

    const std::vector<OutputField> unit_fields = {
        {"name", FieldType::String, t("单位", "unit")},
        {"code", FieldType::String, t("代码", "code")},
        {"level", FieldType::String, t("级别", "level")},
        {"area_ha", FieldType::Real, t("面积（公顷）", "area (ha)")},
        {"forest_ha", FieldType::Real, t("森林面积（公顷）", "forest (ha)")},
        {"forest_pct", FieldType::Real, t("森林覆盖率（%）", "forest coverage (%)")},
        {"forest_met", FieldType::Integer, t("森林覆盖率达标", "forest target met")},
        {"wetland_ha", FieldType::Real, t("湿地面积（公顷）", "wetland (ha)")},
        {"wetland_protected_ha", FieldType::Real, t("受保护湿地（公顷）", "protected wetland (ha)")},
        {"wetland_rate_pct", FieldType::Real, t("湿地保护率（%）", "wetland protection rate (%)")},
        {"redline_ha", FieldType::Real, t("生态保护红线（公顷）", "red line (ha)")},
        {"redline_pct", FieldType::Real, t("红线占比（%）", "red-line share (%)")},
        {"area_mode", FieldType::String, t("面积计算方式", "area mode")},
    };
    std::vector<OutputFeature> units;
    for (size_t i = 0; i < r.zones.size(); ++i) {
        const auto& z = r.zones[i];
        units.push_back({r.zone_geoms[i].get(),
                         {z.name, z.code, std::string(z.district ? "district" : "township"), ha(z.area_m2),
                          ha(z.forest_m2), pct(z.forest), AttrValue(std::int64_t{z.forest.met ? 1 : 0}),
                          ha(z.wetland_m2), ha(z.wetland_protected_m2), pct(z.wetland), ha(z.redline_m2),
                          AttrValue(z.redline_pct), geo::to_string(r.mode)}});
    }
    out.add_layer("units", wkbMultiPolygon, unit_fields, units, geos);

    const layers::VectorLayer* landuse = c.vector(layers::VectorRole::Landuse);
    const auto code_field = c.project.field(layers::VectorRole::Landuse, "code_field");
    const std::vector<OutputField> lu_fields = {{"fid_source", FieldType::Integer, t("原要素号", "source fid")},
                                                {"dlbm", FieldType::String, t("地类编码", "land-use code")}};
    if (landuse && code_field) {
        const size_t code = *landuse->field_index(*code_field);
        const std::set<std::int64_t> forest(r.forest_fids.begin(), r.forest_fids.end());
        const std::set<std::int64_t> wet(r.protected_wetland_fids.begin(), r.protected_wetland_fids.end());
        std::vector<OutputFeature> forest_features;
        std::vector<const layers::Feature*> wet_sources;
        for (const auto& f : landuse->features) {
            if (forest.count(f.fid)) forest_features.push_back({f.geom.get(), {AttrValue(f.fid), f.attrs[code]}});
            if (wet.count(f.fid) && r.protection_geom) wet_sources.push_back(&f);
        }
        const std::vector<geo::GeomPtr> keep = protected_parts(wet_sources, r.protection_geom.get(), geos);
        std::vector<OutputFeature> wet_features;
        for (size_t i = 0; i < wet_sources.size(); ++i) {
            const GEOSGeometry* part = keep[i] ? keep[i].get() : wet_sources[i]->geom.get();
            wet_features.push_back({part, {AttrValue(wet_sources[i]->fid), wet_sources[i]->attrs[code]}});
        }
        out.add_layer("forest", wkbMultiPolygon, lu_fields, forest_features, geos);
        out.add_layer("protected_wetland", wkbMultiPolygon, lu_fields, wet_features, geos);
    }
    out.close();
}

}  // namespace ecozone::report
