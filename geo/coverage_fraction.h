#pragma once
// Exact pixel-coverage fractions: for every pixel of a grid window, the fraction of its area
// that lies inside a polygon — not a centre-point sample.
//
// The area of a polygon P inside an axis-aligned cell R = [u0,u1] × [t0,t1] is
//     area(P ∩ R) = −∮_∂P (clamp(t, t0, t1) − t0) du      (restricted to u ∈ [u0, u1]),
// because along every vertical line the boundary crossings alternate in direction, so the
// clamped heights add up to the length of the line inside P and R.  Each edge therefore adds,
// in each column it spans, an exact piecewise-linear integral to the few rows it passes through
// and one full pixel to every row on one side of it — the latter kept as a running sum down each
// column.  The cost is O(edges × columns spanned + window pixels), exact up to rounding, with no
// clipping of polygons and no per-pixel geometry.
#include "geo/geos_handle.h"
#include "geo/grid.h"

#include <vector>

namespace ecozone::geo {

struct Window {
    int col0 = 0, row0 = 0, cols = 0, rows = 0;
    bool empty() const { return cols <= 0 || rows <= 0; }
};

// Fractions in [0, 1] of the window's pixels, row-major (rows × cols).
struct CoverageFractions {
    Window window;
    std::vector<double> fraction;
    double at(int row, int col) const {
        return fraction[static_cast<size_t>(row - window.row0) * window.cols + (col - window.col0)];
    }
};

// The window of `grid` rows [row0, row0 + rows) that the polygon's bounding box touches
// (empty when it touches none).
Window polygon_window(const GeosContext& geos, const GEOSGeometry* polygonal, const Grid& grid, int row0,
                      int rows);

// The same fractions delivered row by row, so that a raster band can be tallied with one row of
// fractions in cache instead of a whole window in memory.  Edge contributions are kept sparse
// (only the pixels the boundary crosses, and where a run of full pixels starts or stops).
class CoverageRows {
public:
    CoverageRows(const GeosContext& geos, const GEOSGeometry* polygonal, const Grid& grid, const Window& window);
    const Window& window() const { return window_; }
    // Fractions of the next row of the window (window().cols values), from window().row0 on.
    const double* next_row();

private:
    struct Entry {
        int row;  // window-relative
        int col;
        double value;
    };
    Window window_;
    std::vector<Entry> partial_;        // exact clamped integrals, sorted by row
    std::vector<Entry> runs_;           // +value at a run's first row, −value after its last, sorted by row
    std::vector<double> running_, row_;
    size_t next_partial_ = 0, next_run_ = 0;
    int row_index_ = 0;
};

// Coverage fractions of polygonal geometry over `window` of `grid`: a polygon, a multipolygon or
// a collection holding them at any depth (geo/ring_walker).  Holes subtract; ring orientation
// does not matter.  Non-polygonal parts (points, lines) are ignored.  A GEOS failure while
// reading the geometry throws GeometryError (never read as an empty geometry).
CoverageFractions coverage_fractions(const GeosContext& geos, const GEOSGeometry* polygonal, const Grid& grid,
                                     const Window& window);

}  // namespace ecozone::geo
