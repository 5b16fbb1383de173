#pragma once
// Built-up and managed areas laid out around the anchor places: urban development boundaries,
// the two industrial parks, the existing PV arrays near the second town (the sample's 太阳山), the
// drinking-water source zones and the village centres.
#include "samplegen/model.h"
#include "samplegen/terrain.h"

namespace ecozone::samplegen {

void make_settlements(const GeosContext& geos, const Terrain& terrain, uint64_t seed,
                      Model& model);

}  // namespace ecozone::samplegen
