#pragma once
// The district outline: read from a lon/lat GeoJSON of county boundaries and projected to the
// working CRS.
#include "samplegen/shapes.h"

#include <string>

namespace ecozone::samplegen {

// The (multi)polygon of the feature whose `name` attribute equals `county_name`, in
// EPSG:4544.  Throws IoError when the file cannot be read and DataError when the county is
// missing or has no area.
GeomPtr read_district(const GeosContext& geos, const std::string& path,
                      const std::string& county_name);

}  // namespace ecozone::samplegen
