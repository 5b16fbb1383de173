#pragma once
// Reproject a GEOS geometry, densifying first so that straight edges in the source CRS stay
// faithful in the target (a 10 km Gauss-Krüger edge is a curve in longitude/latitude).
#include "geo/crs.h"
#include "geo/geos_handle.h"

#include <string>

namespace ecozone::geo {

// `max_segment` is in source units (0 = no densification).  Throws CrsError on failure.
GeomPtr transform_geometry(const GeosContext& geos, const GEOSGeometry* g, const std::string& source_crs,
                           const std::string& target_crs, double max_segment);
// Every vertex through an existing transform (no densification).  Throws CrsError when a vertex
// cannot be transformed.
GeomPtr transform_geometry(const GeosContext& geos, const GEOSGeometry* g, const Transform& transform);

}  // namespace ecozone::geo
