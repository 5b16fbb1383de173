#include "serve/site_outlines.h"

#include "geo/crs.h"
#include "geo/transform_geometry.h"
#include "serve/geojson_geometry.h"

#include <fmt/format.h>

namespace ecozone::serve {

nlohmann::json site_outlines(const geo::GeosContext& geos, const std::vector<analysis::SiteSpec>& specs,
                             const geo::Transform& to_lonlat) {
    nlohmann::json features = nlohmann::json::array();
    for (const analysis::SiteSpec& s : specs) {
        nlohmann::json geometry = nullptr;
        if (s.geom) geometry = geometry_json(geos, geo::transform_geometry(geos, s.geom, to_lonlat).get());
        features.push_back({{"type", "Feature"},
                            {"properties", {{"id", s.id}, {"name", s.name}}},
                            {"geometry", std::move(geometry)}});
    }
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace ecozone::serve
