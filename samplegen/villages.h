#pragma once
// Administrative villages (行政村) and communities (社区) — the village-level units a patch
// register names beside the township.  Like townships, they follow land-use cell edges: each
// cell goes to the nearest village centre inside its own township, so villages nest exactly in
// townships; a township with no village centre (新民街道, the urban core) is one community.
#include "samplegen/model.h"

namespace ecozone::samplegen {

// Fills model.village_areas from the cells and their final township assignment, and returns
// each cell's village (an index into model.village_areas).  Uses no random numbers, so the other
// layers do not change with it.
std::vector<int> build_village_areas(const GeosContext& geos, const std::vector<GeomPtr>& cells,
                                     const std::vector<XY>& cell_points, const std::vector<int>& cell_township,
                                     Model& model);

}  // namespace ecozone::samplegen
