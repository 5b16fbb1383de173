#pragma once
// The length of a road patch (activity 09, which the register measures in metres, not hm²; docs/audit.md).
//
// A road found on a classified raster is a strip of pixels a few pixels wide, possibly bent or
// branching.  Its length is the length of its centreline: the pixels are thinned to a
// one-pixel-wide skeleton (Guo–Hall), whose links are summed — a side step counts dx or dy, a
// diagonal step the diagonal, never both around one corner — and each free end is extended to
// the strip's edge (thinning stops an end about half the strip's width short of it).  A bounding-box diagonal
// would count an L-shaped road's two arms as their hypotenuse and a road with a branch as
// one arm.
#include <utility>
#include <vector>

namespace ecozone::analysis {

// `cells` are (row, col) pixel indices (any order, no duplicates) of one patch on a grid of
// dx × dy metre pixels.  An empty patch has length 0, a single pixel max(dx, dy); a compact blob
// about its width.
double road_length_m(const std::vector<std::pair<int, int>>& cells, double dx, double dy);

// The length of a road delivered as a polygon (an external patch layer): the long side of the
// rectangle with the polygon's area and perimeter, (P + √(P² − 16A)) / 4 — exact for a
// rectangle, the centreline length of a bent strip of even width.  A shape too compact to be a
// strip (P² < 16A cannot happen for a polygon, but rounding) gets a quarter of its perimeter.
double strip_length_m(double area_m2, double perimeter_m);

}  // namespace ecozone::analysis
