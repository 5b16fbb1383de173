#include "analysis/zones.h"

#include "geo/errors.h"

#include <fmt/format.h>

namespace ecozone::analysis {

geo::GeomPtr union_of(const layers::VectorLayer* layer, const geo::GeosContext& geos) {
    if (!layer || layer->features.empty()) return geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
    std::vector<geo::GeomPtr> parts;
    for (const auto& f : layer->features) parts.push_back(geos.polygonal_part(f.geom.get()));
    return geos.polygonal_part(geos.union_all(std::move(parts)).get());
}

std::vector<Zone> build_zones(const layers::Catalogue& c, const geo::GeosContext& geos,
                              const geo::AreaCalculator& calc, geo::AreaMode mode) {
    std::vector<Zone> zones;
    const layers::VectorLayer& district = c.require(layers::VectorRole::District, "the analysis");
    Zone d;
    d.district = true;
    d.geom = union_of(&district, geos);
    if (!d.geom || geos.is_empty(d.geom.get())) {
        throw make_error<DataError>("{}：行政区图层中没有面", "{}: the district layer has no polygon", district.source);
    }
    const auto name_field = c.project.field(layers::VectorRole::District, "name_field");
    const auto code_field = c.project.field(layers::VectorRole::District, "code_field");
    d.name = name_field ? layers::to_text(district.features[0].attrs[district.require_field(*name_field, "name_field")])
                        : c.project.name;
    d.code = code_field ? layers::to_text(district.features[0].attrs[district.require_field(*code_field, "code_field")])
                        : c.project.admin_code;
    d.area_m2 = calc.area(d.geom.get(), mode);
    const GEOSGeometry* dgeom = d.geom.get();
    zones.push_back(std::move(d));

    const layers::VectorLayer* townships = c.vector(layers::VectorRole::Townships);
    if (!townships) return zones;
    const size_t name = townships->require_field(*c.project.field(layers::VectorRole::Townships, "name_field"),
                                                 "name_field");
    const auto tcode = c.project.field(layers::VectorRole::Townships, "code_field");
    const bool has_code = tcode.has_value();
    const size_t code = has_code ? townships->require_field(*tcode, "code_field") : 0;
    for (const auto& f : townships->features) {
        Zone z;
        z.name = layers::to_text(f.attrs[name]);
        if (has_code) z.code = layers::to_text(f.attrs[code]);
        z.geom = geos.polygonal_part(geos.intersection(f.geom.get(), dgeom).get());
        z.area_m2 = calc.area(z.geom.get(), mode);
        if (z.area_m2 <= 0) {
            throw make_error<DataError>("{}：乡镇“{}”（要素 {}）在行政区之外；文件或坐标系不对——请运行 ecozone check",
                                        "{}: township '{}' (feature {}) lies outside the district; wrong file "
                                        "or wrong CRS — run ecozone check",
                                        townships->source, z.name, f.fid);
        }
        zones.push_back(std::move(z));
    }
    return zones;
}

}  // namespace ecozone::analysis
