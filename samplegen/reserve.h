#pragma once
// The nature reserve (the sample's: 宁夏罗山国家级自然保护区): nested core ⊂ buffer ring ⊂
// experimental ring, sized to the profile's official areas (Luoshan: 9,645 : 8,787 : 15,278 ha)
// before clipping to the district.
#include "geo/area.h"
#include "samplegen/model.h"

namespace ecozone::samplegen {

// `ha`: core, buffer and experimental zone areas of the whole reserve.
ReserveZones make_reserve(const GeosContext& geos, const geo::AreaCalculator& area, const GEOSGeometry* district,
                          XY centre, const std::array<double, 3>& ha, uint64_t seed);

}  // namespace ecozone::samplegen
