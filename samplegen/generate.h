#pragma once
// The whole generation, stage by stage, into one output directory.
#include "samplegen/options.h"

namespace ecozone::samplegen {

void generate(const Options& options);

}  // namespace ecozone::samplegen
