#include "report/indicators/indicators_gpkg.h"

#include "layers/vector_writer.h"

#include <cmath>
#include <set>

namespace ecozone::report {

using layers::AttrValue;
using layers::FieldType;
using layers::OutputFeature;
using layers::OutputField;

namespace {
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
        std::vector<geo::GeomPtr> keep;  // the protected parts live until written
        std::vector<OutputFeature> wet_features;
        for (const auto& f : landuse->features) {
            if (forest.count(f.fid)) {
                forest_features.push_back({f.geom.get(), {AttrValue(f.fid), f.attrs[code]}});
            }
            if (wet.count(f.fid) && r.protection_geom) {
                keep.push_back(geos.polygonal_part(geos.intersection(f.geom.get(), r.protection_geom.get()).get()));
                wet_features.push_back({keep.back().get(), {AttrValue(f.fid), f.attrs[code]}});
            }
        }
        out.add_layer("forest", wkbMultiPolygon, lu_fields, forest_features, geos);
        out.add_layer("protected_wetland", wkbMultiPolygon, lu_fields, wet_features, geos);
    }
    out.close();
}

}  // namespace ecozone::report
