#pragma once
// River buffer belts as a county delivers them (河流生态缓冲带): each river's line buffered by
// the profile's width for it and clipped to the district, one polygon per piece (a river that
// leaves the county and comes back has several).  Only profiles with a belts layer use them;
// the sample gives the widths in the project file instead.
#include "samplegen/model.h"

namespace ecozone::samplegen {

void make_river_belts(const GeosContext& geos, Model& model);

}  // namespace ecozone::samplegen
