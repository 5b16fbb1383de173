#include "geo/convex_clip.h"

#include "geo/ring_walker.h"

#include <algorithm>
#include <cmath>

namespace ecozone::geo {

namespace {

double signed_area2(const std::vector<double>& x, const std::vector<double>& y) {
    double a = 0;
    const size_t n = x.size();
    for (size_t i = 0; i < n; ++i) {
        const size_t j = (i + 1) % n;
        a += x[i] * y[j] - x[j] * y[i];
    }
    return a;
}

}  // namespace

std::optional<ConvexClipper> ConvexClipper::from(const GeosContext& geos, const GEOSGeometry* site) {
    // Only a single polygon without holes can be a convex clipper, so this reads its one ring
    // directly (through the checked accessors of geo/ring_walker) rather than walking parts.
    if (geometry_type(geos, site) != GEOS_POLYGON || geos.is_empty(site) || num_holes(geos, site) != 0)
        return std::nullopt;
    ConvexClipper c;
    copy_xy(geos, exterior_ring(geos, site), c.ex_, c.ey_);
    if (c.ex_.size() < 4) return std::nullopt;
    c.ex_.pop_back();  // drop the closing repeat
    c.ey_.pop_back();
    if (signed_area2(c.ex_, c.ey_) < 0) {
        std::reverse(c.ex_.begin(), c.ex_.end());
        std::reverse(c.ey_.begin(), c.ey_.end());
    }
    // Convex: every turn is to the left (collinear points allowed).
    const size_t m = c.ex_.size();
    for (size_t i = 0; i < m; ++i) {
        const size_t j = (i + 1) % m, k = (i + 2) % m;
        const double cross = (c.ex_[j] - c.ex_[i]) * (c.ey_[k] - c.ey_[j]) - (c.ey_[j] - c.ey_[i]) * (c.ex_[k] - c.ex_[j]);
        if (cross < 0) return std::nullopt;
    }
    return c;
}

ConvexClipper::Areas ConvexClipper::clipped_area(const GeosContext& geos, const GEOSGeometry* piece,
                                                 const AreaCalculator& calc) const {
    Areas total;
    // Clip one ring by every edge of the convex site (Sutherland–Hodgman), then measure it.
    auto ring_area = [&](const GEOSGeometry* ring) {
        copy_xy(geos, ring, ax_, ay_);
        if (ax_.size() < 4) return Areas{};
        ax_.pop_back();
        ay_.pop_back();
        const size_t m = ex_.size();
        for (size_t e = 0; e < m && !ax_.empty(); ++e) {
            const double x1 = ex_[e], y1 = ey_[e], x2 = ex_[(e + 1) % m], y2 = ey_[(e + 1) % m];
            auto side = [&](double px, double py) { return (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1); };
            bx_.clear();
            by_.clear();
            const size_t k = ax_.size();
            for (size_t i = 0; i < k; ++i) {
                const double px = ax_[i], py = ay_[i], qx = ax_[(i + 1) % k], qy = ay_[(i + 1) % k];
                const double sp = side(px, py), sq = side(qx, qy);
                if (sp >= 0) {
                    bx_.push_back(px);
                    by_.push_back(py);
                }
                if ((sp >= 0) != (sq >= 0)) {
                    const double t = sp / (sp - sq);
                    bx_.push_back(px + t * (qx - px));
                    by_.push_back(py + t * (qy - py));
                }
            }
            std::swap(ax_, bx_);
            std::swap(ay_, by_);
        }
        if (ax_.size() < 3) return Areas{};
        Areas a;
        a.planar_m2 = std::fabs(signed_area2(ax_, ay_)) / 2;
        // The clipped ring's degenerate spikes (collinear back-and-forth along the clip edge)
        // have zero area in both formulas, so they need no cleaning.
        a.ellipsoidal_m2 = calc.ellipsoidal_ring(ax_, ay_);
        return a;
    };
    // Every ring of every polygon of the piece (polygons, multipolygons, collections at any
    // depth: geo/ring_walker); a hole's clipped area subtracts.
    for_each_ring(geos, piece, [&](const GEOSGeometry* ring, bool hole) {
        const Areas a = ring_area(ring);
        const double sign = hole ? -1.0 : 1.0;
        total.planar_m2 += sign * a.planar_m2;
        total.ellipsoidal_m2 += sign * a.ellipsoidal_m2;
    });
    return total;
}

}  // namespace ecozone::geo
