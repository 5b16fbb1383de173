#pragma once
// A north-up raster grid: where each pixel is, in the grid's CRS.  Pure arithmetic, shared by
// the raster route of the indicators (exact coverage fractions) and the audits.
#include <cmath>
#include <cstdint>

namespace ecozone::geo {

struct Grid {
    double xmin = 0, ymax = 0;  // top-left corner of the top-left pixel
    double dx = 0, dy = 0;      // pixel size, both positive
    int cols = 0, rows = 0;

    double xmax() const { return xmin + dx * cols; }
    double ymin() const { return ymax - dy * rows; }
    std::int64_t size() const { return static_cast<std::int64_t>(cols) * rows; }
    // Pixel corners: column c spans [x_of(c), x_of(c+1)], row r spans [y_of(r+1), y_of(r)].
    double x_of(double col) const { return xmin + col * dx; }
    double y_of(double row) const { return ymax - row * dy; }
    // Fractional column / row of a coordinate (row 0 at the top).
    double col_of(double x) const { return (x - xmin) / dx; }
    double row_of(double y) const { return (ymax - y) / dy; }
    // Same pixel lattice (size and phase), allowing different extents.
    bool aligned_with(const Grid& o, double tol = 1e-6) const {
        auto phase = [tol](double a, double b, double d) {
            const double f = (a - b) / d;
            return std::fabs(f - std::round(f)) < tol;
        };
        return std::fabs(dx - o.dx) < tol * dx && std::fabs(dy - o.dy) < tol * dy &&
               phase(xmin, o.xmin, dx) && phase(ymax, o.ymax, dy);
    }
};

}  // namespace ecozone::geo
