#pragma once
// Ecological protection red lines (生态保护红线): the Luoshan biodiversity unit, water
// conservation corridors along the rivers and around the water source, and wind-break /
// sand-fixation units with enclaves cut out — calibrated to a target share of the district.
#include "geo/area.h"
#include "samplegen/model.h"

namespace ecozone::samplegen {

inline constexpr double kRedlineTargetShare = 0.30;

void make_redline(const GeosContext& geos, const geo::AreaCalculator& area, uint64_t seed,
                  Model& model);

}  // namespace ecozone::samplegen
