#include "report/screening/screening_gpkg.h"

#include "analysis/parallel.h"
#include "geo/clip_large.h"

#include "report/screening/screening_html.h"
#include "layers/vector_writer.h"
#include "report/screening/site_cells.h"

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <map>

namespace ecozone::report {

using layers::AttrValue;
using layers::FieldType;
using layers::OutputFeature;
using layers::OutputField;
using layers::VectorRole;

namespace {

AttrValue ha(double m2) { return std::round(m2 / 1e4 * 1e6) / 1e6; }
AttrValue pct(double part, double whole) {
    return whole > 0 ? AttrValue(std::round(1e4 * 100.0 * part / whole) / 1e4) : AttrValue();
}

std::string join(const std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : ", ") + p;
    return s;
}

const char* input_type(const geo::GeosContext& geos, const GEOSGeometry* g) {
    if (!g) return "";
    switch (GEOSGeomTypeId_r(geos.handle(), g)) {
        case GEOS_POINT:
        case GEOS_MULTIPOINT: return "point";
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
        case GEOS_MULTILINESTRING: return "line";
        case GEOS_POLYGON:
        case GEOS_MULTIPOLYGON: return "polygon";
        default: return "collection";
    }
}


bool bounds_overlap(const geo::GeosContext::Bounds& a, const geo::GeosContext::Bounds& b) {
    return !(a.empty || b.empty || a.maxx < b.minx || a.minx > b.maxx || a.maxy < b.miny || a.miny > b.maxy);
}

// Rules of this site that fired for this zone feature (not the "outside" ones: their part is
// outside the zone).
std::string rule_ids(const analysis::SiteResult& r, VectorRole role, const std::string& value) {
    std::vector<std::string> ids;
    for (const auto& f : r.rules) {
        if (f.rule->zone != role || f.rule->condition == layers::Condition::Outside) continue;
        if (f.rule->applies_to_value(value)) ids.push_back(f.rule->id);
    }
    return join(ids);
}

}  // namespace

void write_screening_gpkg(const std::string& path, const std::vector<analysis::SiteResult>& results,
                          const analysis::Screener& screener, const layers::Catalogue& c,
                          const geo::GeosContext& geos, geo::AreaMode mode, const Lang& t, double footprint_m) {
    const std::string lang = t.en ? "en" : "zh";
    const geo::AreaCalculator calc(geos, c.working.definition);
    layers::VectorWriter out(path, "GPKG", c.working.epsg);

    // The footprints, kept alive until written.
    std::vector<geo::GeomPtr> footprints;
    for (const auto& r : results) footprints.push_back(site_footprint(geos, r, footprint_m));

    // --- sites
    const std::vector<OutputField> site_fields = {
        {"site_id", FieldType::String, t("编号", "id")},
        {"name", FieldType::String, t("项目名称", "name")},
        {"category", FieldType::String, t("项目类别代码", "category id")},
        {"type_label", FieldType::String, t("项目类型", "project type")},
        {"xzmc", FieldType::String, t("所在乡镇", "township")},
        {"cmc", FieldType::String, t("所在村", "village")},
        {"verdict", FieldType::String, t("结论代码", "verdict key")},
        {"verdict_label", FieldType::String, t("筛查结论", "verdict")},
        {"complete", FieldType::Integer, t("结论完整（1 是 0 否）", "complete (1 yes 0 no)")},
        {"deciding_rules", FieldType::String, t("决定性规则", "deciding rules")},
        {"fired_rules", FieldType::String, t("触发的规则", "rules fired")},
        {"not_assessed", FieldType::String, t("未评估规则（缺少图层）", "rules not assessed (missing layer)")},
        {"area_ha", FieldType::Real, t("占地面积（公顷）", "area (ha)")},
        {"area_mode", FieldType::String, t("面积计算方式", "area mode")},
        {"screened", FieldType::Integer, t("已筛查", "screened")},
        {"error", FieldType::String, t("未能筛查的原因", "error")},
        {"input_type", FieldType::String, t("原始图形类型", "geometry as given")},
        {"footprint_m", FieldType::Real, t("缓冲半径（米）", "footprint buffer (m)")},
        {"source", FieldType::String, t("来源", "source")},
        {"notes", FieldType::String, t("说明", "notes")},
    };
    std::vector<OutputFeature> sites;
    for (size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        const GEOSGeometry* fp = footprints[i] && !geos.is_empty(footprints[i].get()) ? footprints[i].get() : nullptr;
        const std::vector<std::string> deciding = analysis::verdict_rule_ids(r);
        std::vector<std::string> fired;
        for (const auto& f : r.rules) fired.push_back(f.rule->id);
        std::vector<std::string> unassessed;
        for (const auto& u : r.not_assessed) unassessed.push_back(u.rule->id + ":" + u.missing_role);
        const std::string notes = report::joined_notes(r, t);
        const bool buffered = site_is_buffered(geos, r.spec.geom) && !geos.is_empty(r.spec.geom);
        sites.push_back(
            {fp,
             {r.spec.id, r.spec.name, r.spec.category, r.spec.type_label, r.township, r.village,
              r.screened ? AttrValue(std::string(layers::verdict_key(r.verdict))) : AttrValue(),
              r.screened ? AttrValue(layers::verdict_label(r.verdict, lang)) : AttrValue(),
              r.screened ? AttrValue(std::int64_t{r.complete() ? 1 : 0}) : AttrValue(),
              r.screened ? AttrValue(join(deciding)) : AttrValue(), r.screened ? AttrValue(join(fired)) : AttrValue(),
              r.screened ? AttrValue(join(unassessed)) : AttrValue(),
              r.screened ? ha(r.area.in(mode)) : (fp ? ha(calc.area(fp, mode)) : AttrValue()), geo::to_string(mode),
              AttrValue(std::int64_t{r.screened ? 1 : 0}), r.error.empty() ? AttrValue() : AttrValue(t(r.error_text)),
              std::string(input_type(geos, r.spec.geom)), buffered ? AttrValue(footprint_m) : AttrValue(),
              r.spec.source, notes}});
    }
    out.add_layer("sites", wkbMultiPolygon, site_fields, sites, geos);

    // --- overlaps: site ∩ each zone feature it overlaps
    const std::vector<OutputField> overlap_fields = {
        {"site_id", FieldType::String, t("项目编号", "site id")},
        {"site_name", FieldType::String, t("项目名称", "site name")},
        {"zone_role", FieldType::String, t("分区图层代码", "zone role")},
        {"zone_label", FieldType::String, t("分区图层", "zone layer")},
        {"zone_value", FieldType::String, t("分区代码", "zone value")},
        {"value_label", FieldType::String, t("分区", "zone")},
        {"feature_name", FieldType::String, t("图斑名称", "feature name")},
        {"rule_ids", FieldType::String, t("触发的规则", "rules fired")},
        {"area_ha", FieldType::Real, t("重叠面积（公顷）", "overlap (ha)")},
        {"share_pct", FieldType::Real, t("占选址比例（%）", "share of site (%)")},
    };
    struct Zone {
        VectorRole role;
        std::string value, name, value_label;
        const GEOSGeometry* geom;
        geo::GeosContext::Bounds bounds;
    };
    std::vector<Zone> zones;
    for (VectorRole role : {VectorRole::Redline, VectorRole::ReserveZones, VectorRole::WaterSources, VectorRole::Farmland,
                            VectorRole::UrbanBoundary, VectorRole::IndustrialParks, VectorRole::ControlUnits,
                            VectorRole::WetlandParks, VectorRole::ImportantWetlands}) {
        const auto names = feature_names(c, role);
        for (const auto& [value, g] : screener.zone_geometries(role)) {
            const int type = GEOSGeomTypeId_r(geos.handle(), g);
            if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) continue;
            auto it = names.find(g);
            zones.push_back({role, value, it == names.end() ? std::string() : it->second,
                             value.empty() ? std::string() : zone_value_label(value, t), g, geos.bounds(g)});
        }
    }
    const auto belts = screener.belts();
    for (const auto& b : belts) {
        zones.push_back({VectorRole::Rivers, "", b.river,
                         fmt::format(t("生态缓冲带 {:g} 米", "buffer belt {:g} m"), b.width_m), b.geom,
                         geos.bounds(b.geom)});
    }
    // The pieces are cut on all cores; the GEOS contexts and area calculators of the workers are
    // made here, before the pieces, so that every piece is destroyed while its context lives.
    const int workers = analysis::worker_count(0);
    std::vector<std::unique_ptr<geo::GeosContext>> contexts;
    std::vector<std::unique_ptr<geo::AreaCalculator>> calcs;
    for (int k = 1; k < workers; ++k) {
        contexts.push_back(std::make_unique<geo::GeosContext>());
        calcs.push_back(std::make_unique<geo::AreaCalculator>(*contexts.back(), c.working.definition));
    }
    struct Piece {
        size_t zone;
        geo::GeomPtr geom;
        double area_m2;
    };
    std::vector<std::vector<Piece>> pieces(results.size());
    std::atomic<size_t> next{0};
    analysis::run_workers(workers, [&](int k) {
        const geo::GeosContext& g = k == 0 ? geos : *contexts[static_cast<size_t>(k - 1)];
        const geo::AreaCalculator& area = k == 0 ? calc : *calcs[static_cast<size_t>(k - 1)];
        for (size_t i = next++; i < results.size(); i = next++) {
            const auto& r = results[i];
            const GEOSGeometry* fp = footprints[i].get();
            if (!r.screened || !fp || g.is_empty(fp)) continue;
            const auto sb = g.bounds(fp);
            // The screening measured the site; its footprint is prepared once for the overlaps.
            const double tiny = std::max(1e-6, r.area.planar_m2 * 1e-12);
            const geo::PreparedPtr prepared = g.prepare(fp);
            for (size_t zi = 0; zi < zones.size(); ++zi) {
                const Zone& z = zones[zi];
                if (!bounds_overlap(sb, z.bounds) ||
                    !g.predicate(GEOSPreparedIntersects_r(g.handle(), prepared.get(), z.geom), "intersects")) {
                    continue;
                }
                geo::GeomPtr piece = g.polygonal_part(geo::intersection_near(g, fp, z.geom).get());
                if (g.is_empty(piece.get()) || area.area(piece.get(), geo::AreaMode::Planar) <= tiny) continue;
                const double a = area.area(piece.get(), mode);
                pieces[i].push_back({zi, std::move(piece), a});
            }
        }
    });
    std::vector<OutputFeature> overlaps;
    for (size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        const double site_area = r.area.in(mode);
        for (const Piece& p : pieces[i]) {
            const Zone& z = zones[p.zone];
            overlaps.push_back({p.geom.get(),
                                {r.spec.id, r.spec.name,
                                 z.role == VectorRole::Rivers ? std::string("river_belts") : std::string(layers::role_key(z.role)),
                                 z.role == VectorRole::Rivers ? std::string(t("河流生态缓冲带", "river buffer belt"))
                                                              : layers::role_label(z.role, lang),
                                 z.value, z.value_label, z.name, rule_ids(r, z.role, z.value), ha(p.area_m2),
                                 pct(p.area_m2, site_area)}});
        }
    }
    out.add_layer("overlaps", wkbMultiPolygon, overlap_fields, overlaps, geos);

    // --- buffer_belts
    const std::vector<OutputField> belt_fields = {
        {"river", FieldType::String, t("河流名称", "river")},
        {"width_m", FieldType::Real, t("缓冲带宽度（米）", "belt width (m)")},
        {"area_ha", FieldType::Real, t("面积（公顷）", "area (ha)")},
    };
    std::vector<OutputFeature> belt_features;
    for (const auto& b : belts) {
        belt_features.push_back({b.geom, {b.river, AttrValue(b.width_m), ha(calc.area(b.geom, mode))}});
    }
    out.add_layer("buffer_belts", wkbMultiPolygon, belt_fields, belt_features, geos);
    out.close();
}

}  // namespace ecozone::report
