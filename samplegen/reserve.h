#pragma once
// The Luoshan National Nature Reserve (宁夏罗山国家级自然保护区): nested core ⊂ buffer ring ⊂
// experimental ring, sized to the official 9,645 : 8,787 : 15,278 ha.
#include "geo/area.h"
#include "samplegen/model.h"

namespace ecozone::samplegen {

inline constexpr double kReserveCoreHa = 9645.0;
inline constexpr double kReserveBufferHa = 8787.0;
inline constexpr double kReserveExperimentalHa = 15278.0;

ReserveZones make_reserve(const GeosContext& geos, const geo::AreaCalculator& area,
                          const GEOSGeometry* district, XY centre, uint64_t seed);

}  // namespace ecozone::samplegen
