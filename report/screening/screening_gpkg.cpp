#include "report/screening/screening_gpkg.h"

#include "analysis/screening/overlap_pieces.h"
#include "layers/vector_writer.h"
#include "report/screening/screening_html.h"
#include "report/screening/site_cells.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

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
    // The pieces are the screening's own (SiteResult::overlap_pieces, cut once per site and
    // measured in both modes); each names its zone feature by its position in the layer.
    struct Zone {
        std::string value, name, value_label;
    };
    std::map<VectorRole, std::vector<Zone>> zones;
    for (VectorRole role : analysis::screening::kOverlapPieceRoles) {
        const auto names = feature_names(c, role);
        auto& list = zones[role];
        for (const auto& [value, g] : screener.zone_geometries(role)) {
            auto it = names.find(g);
            list.push_back({value, it == names.end() ? std::string() : it->second,
                            value.empty() ? std::string() : zone_value_label(value, t)});
        }
    }
    const auto belts = screener.belts();
    for (const auto& b : belts) {
        zones[VectorRole::Rivers].push_back(
            {"", b.river, fmt::format(t("生态缓冲带 {:g} 米", "buffer belt {:g} m"), b.width_m)});
    }
    std::vector<geo::GeomPtr> piece_geoms;
    std::vector<OutputFeature> overlaps;
    for (const auto& r : results) {
        const double site_area = r.area.in(mode);
        for (const auto& p : r.overlap_pieces) {
            const auto& list = zones[p.role];
            if (p.feature >= list.size()) {
                throw std::logic_error("screening.gpkg: an overlap piece names a feature its layer does not have");
            }
            const Zone& z = list[p.feature];
            piece_geoms.push_back(geos.from_wkb(p.wkb.data(), p.wkb.size()));
            const double a = p.area.in(mode);
            const bool belt = p.role == VectorRole::Rivers;
            overlaps.push_back({piece_geoms.back().get(),
                                {r.spec.id, r.spec.name,
                                 belt ? std::string("river_belts") : std::string(layers::role_key(p.role)),
                                 belt ? std::string(t("河流生态缓冲带", "river buffer belt"))
                                      : layers::role_label(p.role, lang),
                                 z.value, z.value_label, z.name, rule_ids(r, p.role, z.value), ha(a),
                                 pct(a, site_area)}});
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
