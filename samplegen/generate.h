#pragma once
// The whole generation, stage by stage, into one output directory.
#include "samplegen/options.h"
#include "samplegen/profile.h"

namespace ecozone::samplegen {

void generate(const Options& options, const Profile& profile);

}  // namespace ecozone::samplegen
