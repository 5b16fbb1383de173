#include "geo/convex_clip.h"

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
    GEOSContextHandle_t h = geos.handle();
    if (GEOSGeomTypeId_r(h, site) != GEOS_POLYGON || GEOSGetNumInteriorRings_r(h, site) != 0) return std::nullopt;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, site));
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    if (n < 4) return std::nullopt;
    ConvexClipper c;
    c.ex_.resize(n);
    c.ey_.resize(n);
    GEOSCoordSeq_copyToArrays_r(h, seq, c.ex_.data(), c.ey_.data(), nullptr, nullptr);
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
    GEOSContextHandle_t h = geos.handle();
    Areas total;
    // Clip one ring by every edge of the convex site (Sutherland–Hodgman), then measure it.
    auto ring_area = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        if (n < 4) return Areas{};
        ax_.resize(n);
        ay_.resize(n);
        GEOSCoordSeq_copyToArrays_r(h, seq, ax_.data(), ay_.data(), nullptr, nullptr);
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
    auto polygon = [&](const GEOSGeometry* p) {
        const Areas outer = ring_area(GEOSGetExteriorRing_r(h, p));
        total.planar_m2 += outer.planar_m2;
        total.ellipsoidal_m2 += outer.ellipsoidal_m2;
        const int holes = GEOSGetNumInteriorRings_r(h, p);
        for (int i = 0; i < holes; ++i) {
            const Areas hole = ring_area(GEOSGetInteriorRingN_r(h, p, i));
            total.planar_m2 -= hole.planar_m2;
            total.ellipsoidal_m2 -= hole.ellipsoidal_m2;
        }
    };
    const int type = GEOSGeomTypeId_r(h, piece);
    if (type == GEOS_POLYGON) {
        polygon(piece);
    } else if (type == GEOS_MULTIPOLYGON) {
        const int n = GEOSGetNumGeometries_r(h, piece);
        for (int i = 0; i < n; ++i) polygon(GEOSGetGeometryN_r(h, piece, i));
    }
    return total;
}

}  // namespace ecozone::geo
