#include "geo/coverage_fraction.h"

#include "geo/ring_walker.h"

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

// Accumulates one ring's edges into sparse entries, in pixel units (u = column, t = row).
class Accumulator {
public:
    Accumulator(const Window& w, std::vector<std::pair<long, double>>& partial,
                std::vector<std::pair<long, double>>& runs)
        : w_(w), partial_(partial), runs_(runs) {}

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
            // Rows wholly above the segment (r + 1 ≤ tmin) get the full width: a run from the
            // window's first row down to (not including) full_end.
            const int r_lo = static_cast<int>(std::floor(tmin));
            const int r_hi = static_cast<int>(std::ceil(tmax)) - 1;
            const long col = c - w_.col0;
            const int full_end = std::min(r_lo, r_end);
            if (full_end > w_.row0) {
                runs_.push_back({key(0, col), sign * width});
                if (full_end < r_end) runs_.push_back({key(full_end - w_.row0, col), -sign * width});
            }
            // Rows the segment passes through: exact clamped integral.
            for (int r = std::max(r_lo, w_.row0); r <= std::min(r_hi, r_end - 1); ++r) {
                const double v = ramp_integral(t0 - r, t1 - r, width) - ramp_integral(t0 - r - 1, t1 - r - 1, width);
                if (v != 0.0) partial_.push_back({key(r - w_.row0, col), sign * v});
            }
        }
    }

    // Row-major key of a window-relative cell, so that sorting groups entries by row.
    long key(long row, long col) const { return row * w_.cols + col; }

private:
    const Window& w_;
    std::vector<std::pair<long, double>>& partial_;
    std::vector<std::pair<long, double>>& runs_;
};

// Feed every ring of the polygonal parts of g (polygons, multipolygons, collections of them at
// any depth: geo/ring_walker) to an accumulator.
void accumulate(const GeosContext& geos, const GEOSGeometry* g, const Grid& grid, Accumulator& acc) {
    std::vector<double> u, t;
    for_each_ring(geos, g, [&](const GEOSGeometry* ring, bool hole) {
        copy_xy(geos, ring, u, t);
        const size_t n = u.size();
        if (n < 4) return;
        double area2 = 0;
        for (size_t i = 0; i < n; ++i) {
            u[i] = grid.col_of(u[i]);
            t[i] = grid.row_of(t[i]);
        }
        for (size_t i = 0; i + 1 < n; ++i) area2 += u[i] * t[i + 1] - u[i + 1] * t[i];
        if (area2 == 0) return;
        // The formula yields the ring's signed area; make exteriors add and holes subtract.
        const double factor = (hole ? -1.0 : 1.0) * (area2 > 0 ? 1.0 : -1.0);
        for (size_t i = 0; i + 1 < n; ++i) acc.edge(u[i], t[i], u[i + 1], t[i + 1], factor);
    });
}

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

CoverageRows::CoverageRows(const GeosContext& geos, const GEOSGeometry* g, const Grid& grid, const Window& window)
    : window_(window) {
    if (window.empty()) return;
    std::vector<std::pair<long, double>> partial, runs;
    Accumulator acc(window_, partial, runs);
    accumulate(geos, g, grid, acc);
    // Stable order by cell key: deterministic sums whatever the edge order.
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::stable_sort(partial.begin(), partial.end(), by_key);
    std::stable_sort(runs.begin(), runs.end(), by_key);
    auto to_entries = [&](const std::vector<std::pair<long, double>>& in, std::vector<Entry>& out) {
        out.reserve(in.size());
        for (const auto& [k, v] : in) {
            out.push_back({static_cast<int>(k / window_.cols), static_cast<int>(k % window_.cols), v});
        }
    };
    to_entries(partial, partial_);
    to_entries(runs, runs_);
    running_.assign(static_cast<size_t>(window_.cols), 0.0);
    row_.assign(static_cast<size_t>(window_.cols), 0.0);
}

const double* CoverageRows::next_row() {
    const int r = row_index_++;
    while (next_run_ < runs_.size() && runs_[next_run_].row == r) {
        running_[static_cast<size_t>(runs_[next_run_].col)] += runs_[next_run_].value;
        ++next_run_;
    }
    std::copy(running_.begin(), running_.end(), row_.begin());
    while (next_partial_ < partial_.size() && partial_[next_partial_].row == r) {
        row_[static_cast<size_t>(partial_[next_partial_].col)] += partial_[next_partial_].value;
        ++next_partial_;
    }
    // Rounding can leave values a hair outside [0, 1].
    for (double& v : row_) v = std::clamp(v, 0.0, 1.0);
    return row_.data();
}

CoverageFractions coverage_fractions(const GeosContext& geos, const GEOSGeometry* g, const Grid& grid,
                                     const Window& window) {
    CoverageFractions out;
    out.window = window;
    if (window.empty()) return out;
    out.fraction.resize(static_cast<size_t>(window.rows) * window.cols);
    CoverageRows rows(geos, g, grid, window);
    for (int r = 0; r < window.rows; ++r) {
        const double* row = rows.next_row();
        std::copy(row, row + window.cols, out.fraction.begin() + static_cast<long>(r) * window.cols);
    }
    return out;
}

}  // namespace ecozone::geo
