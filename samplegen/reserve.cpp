#include "samplegen/reserve.h"

#include "samplegen/noise.h"
#include "samplegen/rng.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

namespace {

constexpr int kVertices = 360;

// Radius of an ellipse of semi-axes `along` (rotated `rot` from north) and `across`.
double ellipse_radius(double theta, double along, double across, double rot) {
    // theta is measured from east; the long axis points to azimuth `rot` from north.
    const double t = theta - (M_PI / 2 - rot);
    const double c = std::cos(t) / along, s = std::sin(t) / across;
    return 1.0 / std::sqrt(c * c + s * s);
}

// Find s in [lo, hi] with area(s) = target by bisection (area grows with s).
template <typename AreaOf>
double calibrate(AreaOf area_of, double target, double lo, double hi) {
    for (int i = 0; i < 50; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (area_of(mid) < target) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

ReserveZones make_reserve(const GeosContext& geos, const geo::AreaCalculator& area, const GEOSGeometry* district,
                          XY centre, const std::array<double, 3>& official_ha, uint64_t seed) {
    const double core_ha = official_ha[0], buffer_ha = official_ha[1], experimental_ha = official_ha[2];
    const uint64_t base = static_cast<uint64_t>(Stream::Reserve) * 1000;
    // Outline noise sampled on the unit circle, so each outline closes smoothly.
    const NoiseField outer_noise(seed, base + 1, 0.7, 5), mid_noise(seed, base + 2, 0.6, 5),
        core_noise(seed, base + 3, 0.6, 5);
    Rng rng(seed, Stream::Reserve);
    // The range runs NNE-SSW, ~30 km x 18 km; the high ground (core) sits north-east of centre.
    const double rot = rng.uniform(8.0, 16.0) * M_PI / 180.0;
    const double peak_dir = rng.uniform(30.0, 80.0) * M_PI / 180.0;
    const double along = 15000.0, across = 9000.0;

    auto r_outer = [&](double s, double th) {
        return s * ellipse_radius(th, along, across, rot) *
               (1.0 + 0.24 * outer_noise(std::cos(th), std::sin(th)));
    };
    auto r_mid = [&](double s_outer, double s, double th) {
        const double raw = s * ellipse_radius(th, along, across, rot) *
                           (1.0 + 0.22 * mid_noise(std::cos(th), std::sin(th)) +
                            0.10 * std::cos(th - peak_dir));
        return std::min(raw, 0.93 * r_outer(s_outer, th));
    };
    auto r_core = [&](double s_outer, double s_mid, double s, double th) {
        const double raw = s * ellipse_radius(th, along, across, rot) *
                           (1.0 + 0.22 * core_noise(std::cos(th), std::sin(th)) +
                            0.22 * std::cos(th - peak_dir));
        return std::min(raw, 0.90 * r_mid(s_outer, s_mid, th));
    };
    auto polygon = [&](auto radius) {
        return make_polygon(geos, star_ring(centre, kVertices, radius));
    };
    auto ha = [&](const GeomPtr& g) { return area.ellipsoidal(g.get()) / 10000.0; };

    // Calibrate each outline to its official area on the ellipsoid, outermost first, so that
    // the nesting clamps of the inner outlines see their final outer outline.
    const double total = core_ha + buffer_ha + experimental_ha;
    const double s_outer = calibrate(
        [&](double s) { return ha(polygon([&](double th) { return r_outer(s, th); })); }, total,
        0.2, 2.0);
    const double s_mid =
        calibrate([&](double s) { return ha(polygon([&](double th) { return r_mid(s_outer, s, th); })); },
                  core_ha + buffer_ha, 0.1, 2.0);
    const double s_core =
        calibrate([&](double s) { return ha(polygon([&](double th) { return r_core(s_outer, s_mid, s, th); })); },
                  core_ha, 0.05, 2.0);

    GeomPtr outer = polygon([&](double th) { return r_outer(s_outer, th); });
    GeomPtr mid = polygon([&](double th) { return r_mid(s_outer, s_mid, th); });
    GeomPtr core = polygon([&](double th) { return r_core(s_outer, s_mid, s_core, th); });
    GeomPtr buffer_ring = geos.difference(mid.get(), core.get());
    GeomPtr experimental_ring = geos.difference(outer.get(), mid.get());

    ReserveZones z;
    z.unclipped_ha[0] = ha(core);
    z.unclipped_ha[1] = ha(buffer_ring);
    z.unclipped_ha[2] = ha(experimental_ring);
    // Where the outline leaves the district the reserve continues in the neighbouring county;
    // only the part inside is ours.
    z.core = as_multipolygon(geos, geos.intersection(core.get(), district).get());
    z.buffer = as_multipolygon(geos, geos.intersection(buffer_ring.get(), district).get());
    z.experimental =
        as_multipolygon(geos, geos.intersection(experimental_ring.get(), district).get());
    z.whole = as_multipolygon(geos, geos.intersection(outer.get(), district).get());
    z.core_and_buffer = as_multipolygon(geos, geos.intersection(mid.get(), district).get());
    return z;
}

}  // namespace ecozone::samplegen
