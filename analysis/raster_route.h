#pragma once
// The raster route of the indicators: class areas per zone from a classified raster, each
// pixel weighted by the exact fraction of it inside the zone (not a centre-point sample).
#include "analysis/zones.h"
#include "layers/class_raster.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ecozone::analysis {

struct RasterRouteResult {
    // Per zone: pixel value -> area (m²) inside the zone.
    std::vector<std::map<int, double>> class_area_m2;
    std::vector<double> nodata_area_m2;   // zone area on nodata pixels
    std::vector<double> covered_area_m2;  // Σ fraction × pixel area (= zone area within the raster)
    layers::Note pixel_area_method;
    bool warped = false;
    geo::Grid grid;
    std::int64_t bands = 0;
};

// Throws DataError for pixel values that the project's [[raster_classes]] does not list.
// `threads`: 0 = one per core (at most 8); the result does not depend on it.
RasterRouteResult run_raster_route(const layers::ClassRaster& raster, const std::vector<Zone>& zones,
                                   const std::vector<layers::RasterClass>& classes, const geo::GeosContext& geos,
                                   const std::string& working_crs, geo::AreaMode mode, int threads = 0);

}  // namespace ecozone::analysis
