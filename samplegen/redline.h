#pragma once
// Ecological protection red lines (生态保护红线): the reserve's biodiversity unit, water
// conservation corridors along the rivers and around the water source, and wind-break /
// sand-fixation (or soil-conservation) units with enclaves cut out — calibrated to the profile's
// target share of the district.
#include "geo/area.h"
#include "samplegen/model.h"

namespace ecozone::samplegen {

void make_redline(const GeosContext& geos, const geo::AreaCalculator& area, uint64_t seed,
                  Model& model);

}  // namespace ecozone::samplegen
