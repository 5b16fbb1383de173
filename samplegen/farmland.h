#pragma once
// Permanent basic farmland (永久基本农田): the cropland of the irrigated plain, dissolved into
// blocks, outside the red line, towns, parks and the level-1 water-source zone (the three
// control lines may not overlap).
#include "samplegen/model.h"
#include "samplegen/terrain.h"

namespace ecozone::samplegen {

void make_farmland(const GeosContext& geos, const Terrain& terrain, double min_block_m2,
                   Model& model);

}  // namespace ecozone::samplegen
