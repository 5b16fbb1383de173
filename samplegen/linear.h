#pragma once
// Rivers, canals and roads: meandering centre lines between plausible waypoints, and the strips
// (water surface, canal, road) that are carved out of the land-use layer.
#include "samplegen/model.h"

namespace ecozone::samplegen {

struct LinearNetwork {
    std::vector<LinearFeature> rivers, canals, roads;
};

// The profile's rivers, canals and roads, clipped to the district.
LinearNetwork make_linear_features(const GeosContext& geos, const GEOSGeometry* district, const Profile& profile,
                                   uint64_t seed);

}  // namespace ecozone::samplegen
