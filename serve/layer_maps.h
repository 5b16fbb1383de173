#pragma once
// The project's layers as the map draws them: GET /api/layers lists them with the rules file's
// categories; GET /api/layers/{role}.geojson?zoom=Z gives one layer in CGCS2000 longitude/latitude
// (EPSG:4490), simplified for the zoom level and with its names and codes only.  A layer is named
// by its role key, looked up in the project's own roles: no text of a request ever becomes a path.
#include "geo/geos_handle.h"
#include "layers/catalogue.h"
#include "layers/rules.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ecozone::serve {

// The body of GET /api/layers: each layer's role, labels, feature count, geometry type, CRS and
// path as the project file writes it (a password in a PG: string redacted), and the categories.
nlohmann::json layers_json(const layers::Catalogue& catalogue, const layers::RuleList& rules);

// The simplification tolerance for a zoom level, in metres: about one 256-pixel-tile pixel at
// latitude `lat_deg` (Web-map zoom: zoom 0 shows the whole equator in one tile).
double pixel_metres(int zoom, double lat_deg);

// Simplified GeoJSON per (role, zoom), made on first request and kept: the layers never change
// while the server runs.  Thread-safe.
class LayerMaps {
public:
    static constexpr int kMaxZoom = 22;
    explicit LayerMaps(const layers::Catalogue& catalogue) : catalogue_(catalogue) {}

    // The FeatureCollection text of the layer with role key `role` at `zoom` (0..kMaxZoom), made
    // with `geos` (the caller's thread's context); nullptr when the project has no such layer.
    std::shared_ptr<const std::string> geojson(const std::string& role, int zoom, const geo::GeosContext& geos);

private:
    std::string make(layers::VectorRole role, int zoom, const geo::GeosContext& geos) const;

    const layers::Catalogue& catalogue_;
    std::mutex mutex_;  // guards cache_
    std::map<std::pair<layers::VectorRole, int>, std::shared_ptr<const std::string>> cache_;
};

}  // namespace ecozone::serve
