#include "geo/coverage_fraction.h"

#include <algorithm>
#include <cmath>

namespace ecozone::geo {

namespace {

// ∫ max(z, 0) du over a width w where z varies linearly from za to zb.
double ramp_integral(double za, double zb, double w) {
    if (za >= 0 && zb >= 0) return w * (za + zb) / 2;
    if (za <= 0 && zb <= 0) return 0.0;
    const double pos = std::max(za, zb);
    return w * pos * pos / (2 * std::fabs(zb - za));
}

// Accumulates one ring's edges into the window, in pixel units (u = column, t = row).
class Accumulator {
public:
    Accumulator(const Window& w, std::vector<double>& cells, std::vector<double>& full)
        : w_(w), cells_(cells), full_(full) {}

    // Edge from (ua, ta) to (ub, tb), weighted by `factor` (±1: ring orientation and hole).
    void edge(double ua, double ta, double ub, double tb, double factor) {
        const double du = ub - ua;
        if (du == 0.0) return;  // vertical edges sweep no u
        // −∫ along the edge's direction = +∫ over increasing u when the edge runs left.
        const double sign = du > 0 ? -factor : factor;
        const double ulo = std::min(ua, ub), uhi = std::max(ua, ub);
        const double slope = (tb - ta) / du;
        const int c_first = std::max(w_.col0, static_cast<int>(std::floor(ulo)));
        const int c_last = std::min(w_.col0 + w_.cols - 1, static_cast<int>(std::ceil(uhi)) - 1);
        const int r_end = w_.row0 + w_.rows;
        for (int c = c_first; c <= c_last; ++c) {
            const double u0 = std::max(ulo, static_cast<double>(c));
            const double u1 = std::min(uhi, static_cast<double>(c + 1));
            const double width = u1 - u0;
            if (width <= 0) continue;
            const double t0 = ta + (u0 - ua) * slope, t1 = ta + (u1 - ua) * slope;
            const double tmin = std::min(t0, t1), tmax = std::max(t0, t1);
            // Rows wholly above the segment (r + 1 ≤ tmin) get the full width.
            const int r_lo = static_cast<int>(std::floor(tmin));
            const int r_hi = static_cast<int>(std::ceil(tmax)) - 1;
            const size_t col = static_cast<size_t>(c - w_.col0);
            const int full_end = std::min(r_lo, r_end);
            if (full_end > w_.row0) {
                // A run from the window's first row down to (not including) full_end.
                full_[col] += sign * width;
                stops_.push_back({static_cast<size_t>(full_end - w_.row0), col, sign * width});
            }
            // Rows the segment passes through: exact clamped integral.
            for (int r = std::max(r_lo, w_.row0); r <= std::min(r_hi, r_end - 1); ++r) {
                const double v = ramp_integral(t0 - r, t1 - r, width) - ramp_integral(t0 - r - 1, t1 - r - 1, width);
                cells_[static_cast<size_t>(r - w_.row0) * w_.cols + col] += sign * v;
            }
        }
    }

    struct Stop {
        size_t row;  // relative row where the full-width run ends
        size_t col;
        double value;
    };
    std::vector<Stop> stops_;

private:
    const Window& w_;
    std::vector<double>& cells_;
    std::vector<double>& full_;
};

}  // namespace

Window polygon_window(const GeosContext& geos, const GEOSGeometry* g, const Grid& grid, int row0, int rows) {
    Window w;
    const auto b = geos.bounds(g);
    if (b.empty) return w;
    const int c0 = std::max(0, static_cast<int>(std::floor(grid.col_of(b.minx))));
    const int c1 = std::min(grid.cols, static_cast<int>(std::ceil(grid.col_of(b.maxx))));
    const int r0 = std::max(row0, static_cast<int>(std::floor(grid.row_of(b.maxy))));
    const int r1 = std::min(row0 + rows, static_cast<int>(std::ceil(grid.row_of(b.miny))));
    if (c1 <= c0 || r1 <= r0) return w;
    return Window{c0, r0, c1 - c0, r1 - r0};
}

CoverageFractions coverage_fractions(const GeosContext& geos, const GEOSGeometry* g, const Grid& grid,
                                     const Window& window) {
    CoverageFractions out;
    out.window = window;
    if (window.empty()) return out;
    out.fraction.assign(static_cast<size_t>(window.rows) * window.cols, 0.0);
    // full_start[col]: full-width contributions starting at the window's first row; each
    // Stop ends one at a given row.  A running sum down the column adds them to the cells.
    std::vector<double> full_start(static_cast<size_t>(window.cols), 0.0);
    Accumulator acc(window, out.fraction, full_start);

    GEOSContextHandle_t h = geos.handle();
    std::vector<double> u, t;
    auto add_ring = [&](const GEOSGeometry* ring, bool hole) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        if (n < 4) return;
        u.resize(n);
        t.resize(n);
        double area2 = 0;
        for (unsigned i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
            u[i] = grid.col_of(x);
            t[i] = grid.row_of(y);
        }
        for (unsigned i = 0; i + 1 < n; ++i) area2 += u[i] * t[i + 1] - u[i + 1] * t[i];
        if (area2 == 0) return;
        // The formula yields the ring's signed area; make exteriors add and holes subtract.
        const double factor = (hole ? -1.0 : 1.0) * (area2 > 0 ? 1.0 : -1.0);
        for (unsigned i = 0; i + 1 < n; ++i) acc.edge(u[i], t[i], u[i + 1], t[i + 1], factor);
    };
    auto add_polygon = [&](const GEOSGeometry* poly) {
        if (GEOSisEmpty_r(h, poly)) return;
        add_ring(GEOSGetExteriorRing_r(h, poly), false);
        const int holes = GEOSGetNumInteriorRings_r(h, poly);
        for (int i = 0; i < holes; ++i) add_ring(GEOSGetInteriorRingN_r(h, poly, i), true);
    };
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        add_polygon(g);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
            if (GEOSGeomTypeId_r(h, part) == GEOS_POLYGON) add_polygon(part);
        }
    }

    // Turn the full-width runs into per-cell values: a difference array down each column.
    std::vector<double> delta(static_cast<size_t>(window.rows + 1) * window.cols, 0.0);
    for (size_t c = 0; c < full_start.size(); ++c) delta[c] += full_start[c];
    for (const auto& s : acc.stops_) delta[s.row * window.cols + s.col] -= s.value;
    std::vector<double> running(static_cast<size_t>(window.cols), 0.0);
    for (int r = 0; r < window.rows; ++r) {
        double* row = &out.fraction[static_cast<size_t>(r) * window.cols];
        const double* d = &delta[static_cast<size_t>(r) * window.cols];
        for (int c = 0; c < window.cols; ++c) {
            running[c] += d[c];
            // Rounding can leave values a hair outside [0, 1].
            row[c] = std::clamp(row[c] + running[c], 0.0, 1.0);
        }
    }
    return out;
}

}  // namespace ecozone::geo
