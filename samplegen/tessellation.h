#pragma once
// The geometry of the land-use layer: a Voronoi tessellation of seeded points (denser where
// parcels are small: towns, villages, the irrigated plain), clipped to the district, grouped into
// townships, with river, canal and road strips carved out.  The result is a full partition of
// the district in which every piece lies in exactly one township.
#include "samplegen/model.h"
#include "samplegen/terrain.h"

#include <cstddef>

namespace ecozone::samplegen {

struct TessellationStats {
    size_t seeds = 0, cells = 0, pieces = 0, carved = 0, dust_merged = 0;
};

// Fills model.townships (geometry) and model.landuse (geometry, ip, township, carved class).
TessellationStats make_tessellation(const GeosContext& geos, const Terrain& terrain,
                                    uint64_t seed, size_t seed_count, Model& model);

}  // namespace ecozone::samplegen
