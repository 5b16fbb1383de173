#pragma once
// Sensitive receptors (敏感目标): residential settlements, schools, hospitals and elderly care,
// concentrated in the towns and villages.
#include "samplegen/model.h"

namespace ecozone::samplegen {

void make_receptors(const GeosContext& geos, uint64_t seed, Model& model);

}  // namespace ecozone::samplegen
