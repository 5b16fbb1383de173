#include "samplegen/linear.h"

#include "samplegen/noise.h"
#include "samplegen/places.h"
#include "samplegen/rng.h"

#include <cmath>

namespace ecozone::samplegen {

namespace {

// Chaikin corner cutting: rounds the waypoint polyline so that lateral offsets along its normal
// never fold over at a corner.
std::vector<XY> chaikin(std::vector<XY> pts, int iterations) {
    for (int it = 0; it < iterations; ++it) {
        std::vector<XY> out{pts.front()};
        for (size_t i = 0; i + 1 < pts.size(); ++i) {
            out.push_back(pts[i] * 0.75 + pts[i + 1] * 0.25);
            out.push_back(pts[i] * 0.25 + pts[i + 1] * 0.75);
        }
        out.push_back(pts.back());
        pts = std::move(out);
    }
    return pts;
}

std::vector<XY> meander(const std::vector<XY>& waypoints, double amp_long, double amp_short,
                        const NoiseField& long_noise, const NoiseField& short_noise) {
    const std::vector<XY> base = chaikin(waypoints, 4);
    std::vector<XY> out;
    double s = 0;
    const double step = 60.0;
    for (size_t i = 0; i + 1 < base.size(); ++i) {
        const XY a = base[i], b = base[i + 1];
        const double len = dist(a, b);
        if (len <= 0) continue;
        const XY dir = (b - a) * (1.0 / len);
        const XY normal{-dir.y, dir.x};
        const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
        for (int k = 0; k < n; ++k) {
            const double t = static_cast<double>(k) / n;
            const double along = s + t * len;
            const double offset = amp_long * long_noise(along, 0.0) + amp_short * short_noise(along, 0.0);
            out.push_back(a + (b - a) * t + normal * offset);
        }
        s += len;
    }
    out.push_back(base.back());
    return out;
}

LinearFeature build(const GeosContext& geos, const GEOSGeometry* district, const LonLat& ll,
                    const LineSpec& spec, uint64_t seed, uint64_t index) {
    std::vector<XY> waypoints;
    for (const auto& [lon, lat] : spec.lonlat) waypoints.push_back(ll(lon, lat));
    const uint64_t base = static_cast<uint64_t>(Stream::Rivers) * 1000 + index * 10;
    const NoiseField long_noise(seed, base + 1, 7000, 3), short_noise(seed, base + 2, 900, 2);
    // A river that crosses itself is not a river: halve the bends until the line is simple.
    double amp_long = spec.meander_m, amp_short = spec.wiggle_m;
    GeomPtr line;
    for (int attempt = 0; attempt < 8; ++attempt) {
        line = make_line(geos, meander(waypoints, amp_long, amp_short, long_noise, short_noise));
        if (geos.predicate(GEOSisSimple_r(geos.handle(), line.get()), "isSimple")) break;
        amp_long *= 0.5;
        amp_short *= 0.5;
    }
    LinearFeature f;
    f.name = spec.name;
    f.code = spec.code;
    f.landuse = spec.landuse;
    f.half_width_m = spec.half_width_m;
    f.corridor_m = spec.corridor_m;
    f.buffer_m = spec.buffer_m;
    f.line = as_multilinestring(geos, geos.intersection(line.get(), district).get());
    GeomPtr strip_full = strip(geos, line.get(), spec.half_width_m);
    f.strip = as_multipolygon(geos, geos.intersection(strip_full.get(), district).get());
    return f;
}

}  // namespace

LinearNetwork make_linear_features(const GeosContext& geos, const GEOSGeometry* district, const Profile& profile,
                                   uint64_t seed) {
    const LonLat ll;
    LinearNetwork net;
    uint64_t index = 0;
    for (const auto& s : profile.rivers) net.rivers.push_back(build(geos, district, ll, s, seed, index++));
    for (const auto& s : profile.canals) net.canals.push_back(build(geos, district, ll, s, seed, index++));
    for (const auto& s : profile.roads) net.roads.push_back(build(geos, district, ll, s, seed, index++));
    // Strips must not overlap, or the land-use layer would not be a partition: rivers win over
    // canals (aqueduct), canals over roads (culvert).
    GeomPtr taken = empty_polygon(geos);
    for (auto* group : {&net.rivers, &net.canals, &net.roads}) {
        for (auto& f : *group) {
            f.strip = as_multipolygon(geos, geos.difference(f.strip.get(), taken.get()).get());
            taken = union_of(geos, {taken.get(), f.strip.get()});
        }
    }
    return net;
}

}  // namespace ecozone::samplegen
