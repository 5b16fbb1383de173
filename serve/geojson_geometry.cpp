#include "serve/geojson_geometry.h"

#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <cmath>
#include <vector>

namespace ecozone::serve {

namespace {

class Writer {
public:
    Writer(const geo::GeosContext& geos, int decimals) : geos_(geos), scale_(std::pow(10.0, decimals)) {}

    nlohmann::json geometry(const GEOSGeometry* g) {
        const int type = geo::geometry_type(geos_, g);
        switch (type) {
            case GEOS_POINT:
                return {{"type", "Point"}, {"coordinates", geos_.is_empty(g) ? nlohmann::json::array() : point(g)}};
            case GEOS_LINESTRING:
            case GEOS_LINEARRING:
                return {{"type", "LineString"}, {"coordinates", positions(g)}};
            case GEOS_POLYGON:
                return {{"type", "Polygon"}, {"coordinates", rings(g)}};
            case GEOS_MULTIPOINT:
                return {{"type", "MultiPoint"}, {"coordinates", parts(g, &Writer::point)}};
            case GEOS_MULTILINESTRING:
                return {{"type", "MultiLineString"}, {"coordinates", parts(g, &Writer::positions)}};
            case GEOS_MULTIPOLYGON:
                return {{"type", "MultiPolygon"}, {"coordinates", parts(g, &Writer::rings)}};
            case GEOS_GEOMETRYCOLLECTION:
                return {{"type", "GeometryCollection"}, {"geometries", parts(g, &Writer::geometry)}};
            default:
                throw make_error<GeometryError>("未知的几何类型 {}", "unknown geometry type {}", type);
        }
    }

private:
    double round(double v) const { return std::round(v * scale_) / scale_; }

    nlohmann::json point(const GEOSGeometry* g) {
        geo::copy_xy(geos_, g, x_, y_);
        if (x_.empty()) return nlohmann::json::array();
        return nlohmann::json::array({round(x_[0]), round(y_[0])});
    }

    nlohmann::json positions(const GEOSGeometry* g) {
        geo::copy_xy(geos_, g, x_, y_);
        nlohmann::json out = nlohmann::json::array();
        for (size_t i = 0; i < x_.size(); ++i) out.push_back({round(x_[i]), round(y_[i])});
        return out;
    }

    nlohmann::json rings(const GEOSGeometry* polygon) {
        nlohmann::json out = nlohmann::json::array();
        if (geos_.is_empty(polygon)) return out;
        geo::for_each_ring_of(geos_, polygon, [&](const GEOSGeometry* ring, bool) { out.push_back(positions(ring)); });
        return out;
    }

    nlohmann::json parts(const GEOSGeometry* g, nlohmann::json (Writer::*each)(const GEOSGeometry*)) {
        nlohmann::json out = nlohmann::json::array();
        const int n = geo::num_parts(geos_, g);
        for (int i = 0; i < n; ++i) out.push_back((this->*each)(geo::part_n(geos_, g, i)));
        return out;
    }

    const geo::GeosContext& geos_;
    double scale_;
    std::vector<double> x_, y_;  // reused between parts
};

}  // namespace

nlohmann::json geometry_json(const geo::GeosContext& geos, const GEOSGeometry* g, int decimals) {
    return Writer(geos, decimals).geometry(g);
}

}  // namespace ecozone::serve
