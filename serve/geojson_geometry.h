#pragma once
// GeoJSON geometry objects from GEOS geometries, coordinates rounded to a fixed number of decimals
// (7 decimals of a degree are about a centimetre: the map needs no more, and the answer shrinks).
#include "geo/geos_handle.h"

#include <nlohmann/json.hpp>

namespace ecozone::serve {

// {"type": "Polygon", "coordinates": [...]} and the other six types, walked through the checked
// accessors of geo/ring_walker.h (a GEOS failure is a GeometryError, never a truncated shape).
nlohmann::json geometry_json(const geo::GeosContext& geos, const GEOSGeometry* g, int decimals = 7);

}  // namespace ecozone::serve
