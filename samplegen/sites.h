#pragma once
// Proposed project sites (拟建项目): one per verdict the screening must produce — clean sites,
// sites in forbidden zones, sites near receptors, a site straddling the red line.
#include "samplegen/model.h"
#include "samplegen/rasterizer.h"

namespace ecozone::samplegen {

void make_sites(const GeosContext& geos, const Rasterizer& truth, const Grid& grid,
                uint64_t seed, Model& model);

}  // namespace ecozone::samplegen
