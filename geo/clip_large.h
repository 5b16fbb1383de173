#pragma once
// Overlays of a geometry with many vertices (a 200 000-vertex site boundary) against many small
// ones node all its vertices every time.  Cutting it first to the other geometry's box (a linear
// pass, no noding) leaves the overlay the few vertices that matter; the result is the same,
// since the other geometry lies inside its box.
#include "geo/geos_handle.h"

namespace ecozone::geo {

// Geometries with more vertices than this are cut before an overlay.
inline constexpr int kLargeGeometryVertices = 2000;

// `g` cut to `box` grown by 1 m when it has more than kLargeGeometryVertices; null otherwise
// (then use g as it is).  Throws GeometryError when GEOS cannot cut it (overlay the whole then).
GeomPtr clip_large(const GeosContext& geos, const GEOSGeometry* g, const GeosContext::Bounds& box);

// a ∩ b, with `a` cut to b's box first when it is large (falling back to the whole on a failed cut).
GeomPtr intersection_near(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b);

}  // namespace ecozone::geo
