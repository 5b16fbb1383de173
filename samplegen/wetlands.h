#pragma once
// Wetland protection layers: the areas a wetland protection rate counts as protected besides
// the nature reserve — river corridors of the profile's widths (the sample: a national wetland
// park along the 苦水河 and an important wetland along the 清水河; synthetic, modelled on the kind
// of sites the plan names).  One river is left unprotected, so the rate stays below 100 % and the
// indicator has something to say.
#include "samplegen/model.h"

namespace ecozone::samplegen {

void make_wetland_protection(const GeosContext& geos, Model& m);

}  // namespace ecozone::samplegen
