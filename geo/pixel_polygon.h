#pragma once
// The outline of a set of pixels as a valid OGC (Multi)Polygon, traced along the pixel edges.
//
// A union of pixel rectangles (GEOS's coverage union) refuses pixel sets whose pixels touch only
// at corners around holes, and a general union is slow on thousands of patches.  Tracing the
// boundary is linear in its length, exact (vertices are pixel corners, the area is the pixel
// count times the pixel area) and valid by construction: pixels that touch only at a corner are
// kept apart, so each 4-connected group of pixels becomes one polygon of the result.
#include "geo/geos_handle.h"
#include "geo/grid.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ecozone::geo {

// Which corners of the outline its rings keep.
//  * Every pixel corner along it (the default): the official ellipsoidal area integrates along
//    the vertices (geo/area.h), so only then is a patch's area exactly the sum of its pixels'
//    areas — the figures the registers have always had.  Dropping the straight runs' corners
//    moves an ellipsoidal area by ~1e-7 of itself, enough to change a 4-decimal hm² now and then.
//  * Only the turns: a 100×1 strip is 4 corners.  For drawing, or planar areas (exact either way).
enum class OutlineCorners { Every, Turns };

// The traced rings on the lattice of pixel corners: corner (r, c) is the top-left corner of pixel
// (r, c), so pixel (r, c) spans corners r..r+1 × c..c+1.
struct PixelOutline {
    std::vector<std::int32_t> rows, cols;  // the corners of every ring, ring after ring, first corner not repeated
    std::vector<size_t> ring_start;        // ring i is corners [ring_start[i], ring_start[i+1])
    std::vector<size_t> polygon_start;     // polygon k is rings [polygon_start[k], polygon_start[k+1]), shell first
    size_t touch_points = 0;               // corners where two rings touch: two diagonal pixels in, the others out

    size_t ring_count() const { return ring_start.empty() ? 0 : ring_start.size() - 1; }
    size_t polygon_count() const { return polygon_start.empty() ? 0 : polygon_start.size() - 1; }
    size_t hole_count() const { return ring_count() - polygon_count(); }
};

// Trace the outline of `cells` ((row, col) pairs, any order; duplicates are ignored).  Shells run
// counter-clockwise and holes clockwise in x/y (row 0 at the top, y up).  Time linear in the
// number of pixels and boundary edges (plus a sort of the corners where a ring touches itself).
PixelOutline trace_pixel_outline(const std::vector<std::pair<int, int>>& cells,
                                 OutlineCorners corners = OutlineCorners::Every);

// The pixels (row, col) of `grid` as one valid Polygon, or a MultiPolygon with one polygon per
// 4-connected group of pixels (an empty MultiPolygon for no pixels).  The traced outline is checked
// with GEOS's validity test unless it is one ring touching nothing (simple by construction); should
// it ever fail, the result is GEOS's union of the pixel rectangles, and GeometryError naming the
// first pixel when that fails too.
GeomPtr pixel_polygon(const std::vector<std::pair<int, int>>& cells, const Grid& grid, const GeosContext& geos,
                      OutlineCorners corners = OutlineCorners::Every);

// The traced outline as GEOS geometry on `grid`, unchecked (pixel_polygon checks it).
GeomPtr outline_geometry(const PixelOutline& outline, const Grid& grid, const GeosContext& geos);

}  // namespace ecozone::geo
