#pragma once
// The previous register of `ecozone audit --previous FILE`: the patches.gpkg an earlier audit
// wrote (or any vector layer with the same tbbh / mj_hm2 fields and polygons), read into the
// working CRS to tell new / expanded / unchanged / reduced patches apart.
#include "analysis/patch_register.h"
#include "geo/geos_handle.h"
#include "layers/catalogue.h"
#include "layers/vector_layer.h"

#include <string>
#include <vector>

namespace ecozone::analysis {

// Reads `path` into `keep` (reprojected to the catalogue's working CRS), which owns the
// polygons the returned patches point to.  Throws IoError / CrsError / DataError (e.g. no tbbh
// or mj_hm2 field) like every layer read.
std::vector<PreviousPatch> read_previous(const std::string& path, const layers::Catalogue& c,
                                                   const geo::GeosContext& geos, layers::VectorLayer& keep);

}  // namespace ecozone::analysis
