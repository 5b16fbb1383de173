#include "samplegen/random_sites.h"

#include "geo/errors.h"
#include "geo/ring_walker.h"
#include "samplegen/rng.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

namespace ecozone::samplegen {

namespace {

using Ring = std::vector<XY>;

// Points along linework — an area's boundary, or lines themselves — drawn uniformly by length.
class LineSampler {
public:
    LineSampler(const GeosContext& geos, const GEOSGeometry* g, bool boundary_of_area = true) {
        GEOSContextHandle_t h = geos.handle();
        GeomPtr boundary = boundary_of_area ? geos.own(GEOSBoundary_r(h, g), "boundary") : geos.clone(g);
        GeomPtr lines = as_multilinestring(geos, boundary.get());
        std::vector<double> x, y;
        geo::for_each_part(geos, lines.get(), [&](const GEOSGeometry* line, int) {
            geo::copy_xy(geos, line, x, y);
            for (size_t k = 0; k + 1 < x.size(); ++k) {
                const XY a{x[k], y[k]}, b{x[k + 1], y[k + 1]};
                const double len = dist(a, b);
                if (len <= 0) continue;
                total_ += len;
                segments_.push_back({a, b, total_});
            }
        });
    }
    bool empty() const { return segments_.empty(); }
    XY draw(Rng& rng) const {
        const double at = rng.uniform(0, total_);
        const auto it = std::lower_bound(segments_.begin(), segments_.end(), at,
                                         [](const Segment& s, double v) { return s.end < v; });
        const Segment& s = it == segments_.end() ? segments_.back() : *it;
        const double len = dist(s.a, s.b);
        const double t = std::clamp(1.0 - (s.end - at) / len, 0.0, 1.0);
        return s.a + (s.b - s.a) * t;
    }

private:
    struct Segment {
        XY a, b;
        double end;  // cumulative length at b
    };
    std::vector<Segment> segments_;
    double total_ = 0;
};

double ring_area(const Ring& r) {
    double a = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        const XY& p = r[i];
        const XY& q = r[(i + 1) % r.size()];
        a += p.x * q.y - q.x * p.y;
    }
    return std::abs(a) / 2;
}

Ring moved(const Ring& r, XY c, double scale) {
    Ring out;
    for (const auto& p : r) out.push_back(c + p * scale);
    return out;
}

// A star-shaped ring around the origin with radii in [lo, 1] (n vertices): simple, non-convex.
Ring star(Rng& rng, int n, double lo) {
    std::vector<double> radii;
    for (int i = 0; i < n; ++i) radii.push_back(rng.uniform(lo, 1.0));
    return star_ring({0, 0}, n, [&](double th) {
        return radii[static_cast<size_t>(std::lround(th * n / (2 * M_PI))) % radii.size()];
    });
}

// The convex hull of random points in an ellipse (an irregular convex polygon).
Ring convex(const GeosContext& geos, Rng& rng) {
    const double ax = rng.uniform(0.5, 1.0), ay = rng.uniform(0.5, 1.0), rot = rng.uniform(0, M_PI);
    std::vector<GeomPtr> pts;
    const int n = rng.between(5, 12);
    for (int i = 0; i < n; ++i) {
        const double r = std::sqrt(rng.uniform()), th = rng.uniform(0, 2 * M_PI);
        const double x = ax * r * std::cos(th), y = ay * r * std::sin(th);
        pts.push_back(make_point(geos, {x * std::cos(rot) - y * std::sin(rot), x * std::sin(rot) + y * std::cos(rot)}));
    }
    GeomPtr hull =
        geos.own(GEOSConvexHull_r(geos.handle(), geos.collect(std::move(pts), GEOS_MULTIPOINT).get()), "convex hull");
    if (geo::geometry_type(geos, hull.get()) != GEOS_POLYGON) return rotated_rect({0, 0}, 1, 0.6, rot);
    // A convex hull is one polygon without holes: its shell is read directly.
    std::vector<double> x, y;
    geo::copy_xy(geos, geo::exterior_ring(geos, hull.get()), x, y);
    Ring out;
    for (size_t i = 0; i + 1 < x.size(); ++i) out.push_back({x[i], y[i]});
    return out;
}

enum class Shape { Point, Line, Rect, RotatedRect, Convex, NonConvex, Holes, Multi };

Shape draw_shape(Rng& rng) {
    const double u = rng.uniform();
    if (u < 0.05) return Shape::Point;
    if (u < 0.15) return Shape::Line;
    if (u < 0.30) return Shape::Rect;
    if (u < 0.50) return Shape::RotatedRect;
    if (u < 0.67) return Shape::Convex;
    if (u < 0.85) return Shape::NonConvex;
    if (u < 0.93) return Shape::Holes;
    return Shape::Multi;
}

// A site of the given shape centred on c: polygons of `area_m2`, lines of 0.6–8 km.
GeomPtr make_shape(const GeosContext& geos, Rng& rng, Shape shape, XY c, double area_m2) {
    auto scaled = [&](const Ring& unit, XY at, double target) {
        return moved(unit, at, std::sqrt(target / ring_area(unit)));
    };
    switch (shape) {
        case Shape::Point:
            return make_point(geos, c);
        case Shape::Line: {
            // A road or pipeline: a few straight legs with moderate bends, through c.
            const double length = rng.log_uniform(600, 8000);
            const int legs = rng.between(1, 4);
            double heading = rng.uniform(0, 2 * M_PI);
            std::vector<XY> pts{c};
            XY p = c;
            for (int i = 0; i < legs; ++i) {
                heading += rng.uniform(-0.7, 0.7);
                p = p + XY{std::cos(heading), std::sin(heading)} * (length / legs);
                pts.push_back(p);
            }
            // Centre the line on c.
            const XY shift = (pts.back() - pts.front()) * 0.5;
            for (auto& q : pts) q = q - shift;
            return make_line(geos, pts);
        }
        case Shape::Rect: {
            const double aspect = rng.uniform(1.0, 4.0);
            return make_polygon(geos, scaled(rotated_rect({0, 0}, aspect, 1.0, 0.0), c, area_m2));
        }
        case Shape::RotatedRect: {
            const double aspect = rng.uniform(1.0, 5.0);
            return make_polygon(geos, scaled(rotated_rect({0, 0}, aspect, 1.0, rng.uniform(0, M_PI)), c, area_m2));
        }
        case Shape::Convex:
            return make_polygon(geos, scaled(convex(geos, rng), c, area_m2));
        case Shape::NonConvex:
            return make_polygon(geos, scaled(star(rng, rng.between(6, 14), 0.35), c, area_m2));
        case Shape::Holes: {
            // A star (radii >= 0.6) with one or two small holes near the centre (radii <= 0.15 at
            // +-0.3): always inside the shell and apart from each other.
            const Ring shell = star(rng, rng.between(8, 16), 0.6);
            std::vector<Ring> holes;
            const int n = rng.between(1, 2);
            const double th = rng.uniform(0, 2 * M_PI);
            for (int i = 0; i < n; ++i) {
                const XY at = n == 1 ? XY{0, 0} : XY{std::cos(th), std::sin(th)} * (i == 0 ? 0.3 : -0.3);
                holes.push_back(star_ring(at, 12, [&](double) { return rng.uniform(0.08, 0.15); }));
            }
            double net = ring_area(shell);
            for (const auto& h : holes) net -= ring_area(h);
            const double k = std::sqrt(area_m2 / net);
            std::vector<Ring> placed_holes;
            for (const auto& h : holes) placed_holes.push_back(moved(h, c, k));
            return make_polygon(geos, moved(shell, c, k), placed_holes);
        }
        case Shape::Multi: {
            // Two or three parts (a project on both sides of a road), apart from each other.
            const int n = rng.between(2, 3);
            const double part = area_m2 / n;
            const double r = std::sqrt(part / M_PI) * 1.6;  // beyond any part's reach
            const double th = rng.uniform(0, 2 * M_PI);
            std::vector<GeomPtr> parts;
            for (int i = 0; i < n; ++i) {
                const XY at = c + XY{std::cos(th + i * 2 * M_PI / n), std::sin(th + i * 2 * M_PI / n)} * (1.4 * r);
                const Ring unit = rng.chance(0.5) ? rotated_rect({0, 0}, rng.uniform(1, 2.5), 1, rng.uniform(0, M_PI))
                                                  : star(rng, rng.between(6, 10), 0.6);
                parts.push_back(make_polygon(geos, scaled(unit, at, part)));
            }
            return geos.collect(std::move(parts), GEOS_MULTIPOLYGON);
        }
    }
    return make_point(geos, c);
}

}  // namespace

void make_random_sites(const GeosContext& geos, uint64_t seed, int count, Model& m) {
    Rng rng(seed, Stream::RandomSites);
    const Profile& pr = *m.profile;
    const GEOSGeometry* district = m.district.get();
    const PointTester in_district(geos, district);
    GeomPtr outline = geos.own(GEOSBoundary_r(geos.handle(), district), "boundary");
    const PointTester on_outline(geos, outline.get());

    // Boundaries to straddle, with their share of the boundary-centred sites.
    std::vector<std::pair<LineSampler, double>> boundaries;
    boundaries.emplace_back(LineSampler(geos, m.redline_union.get()), 0.30);
    boundaries.emplace_back(LineSampler(geos, m.reserve.core.get()), 0.08);
    boundaries.emplace_back(LineSampler(geos, m.reserve.buffer.get()), 0.08);
    boundaries.emplace_back(LineSampler(geos, m.reserve.experimental.get()), 0.09);
    std::vector<const GEOSGeometry*> belts, waters, rivers;
    for (const auto& b : m.river_belts) belts.push_back(b.geom.get());
    for (const auto& w : m.water_sources) waters.push_back(w.geom.get());
    for (const auto& r : m.rivers) rivers.push_back(r.line.get());
    const GeomPtr belts_all = union_of(geos, belts), waters_all = union_of(geos, waters),
                  rivers_all = union_of(geos, rivers);
    boundaries.emplace_back(LineSampler(geos, belts_all.get()), 0.20);
    boundaries.emplace_back(LineSampler(geos, waters_all.get()), 0.10);
    const LineSampler river_lines(geos, rivers_all.get(), false);
    const PointTester belts_t(geos, belts_all.get());

    // Zones to lie inside, and everything a "far" site keeps 1 km from.
    std::vector<const GEOSGeometry*> insides{m.redline_union.get(),        m.reserve.core.get(), m.reserve.buffer.get(),
                                             m.reserve.experimental.get(), belts_all.get(),      waters_all.get(),
                                             m.urban[0].geom.get()};
    for (const auto& f : m.farmland) insides.push_back(f.get());
    std::vector<const GEOSGeometry*> zones = insides;
    for (const auto& u : m.urban) zones.push_back(u.geom.get());
    for (const auto& w : m.wetland_parks) zones.push_back(w.geom.get());
    for (const auto& w : m.important_wetlands) zones.push_back(w.geom.get());
    const GeomPtr zones_all = union_of(geos, zones);
    const PointTester zones_t(geos, zones_all.get());
    std::vector<std::unique_ptr<PointTester>> inside_t;
    for (const auto* g : insides) inside_t.push_back(std::make_unique<PointTester>(geos, g));
    const auto bounds = geos.bounds(district);
    auto anywhere = [&] { return XY{rng.uniform(bounds.minx, bounds.maxx), rng.uniform(bounds.miny, bounds.maxy)}; };
    auto inside = [&](size_t k) {
        const auto b = geos.bounds(insides[k]);
        for (int i = 0; i < 1000; ++i) {
            const XY p{rng.uniform(b.minx, b.maxx), rng.uniform(b.miny, b.maxy)};
            if (inside_t[k]->contains(p)) return p;
        }
        return interior_point(geos, insides[k]);
    };

    // Placement classes, in this proportion: boundary (including near-river), inside, far, anywhere.
    enum class Where { Boundary, NearRiver, Inside, Far, Anywhere };
    const double n = count;
    const int n_boundary = static_cast<int>(std::lround(0.28 * n)), n_river = static_cast<int>(std::lround(0.07 * n)),
              n_inside = static_cast<int>(std::lround(0.20 * n)), n_far = static_cast<int>(std::lround(0.13 * n));
    for (int i = 0; i < count; ++i) {
        const Where where = i < n_boundary                                ? Where::Boundary
                            : i < n_boundary + n_river                    ? Where::NearRiver
                            : i < n_boundary + n_river + n_inside         ? Where::Inside
                            : i < n_boundary + n_river + n_inside + n_far ? Where::Far
                                                                          : Where::Anywhere;
        const Shape shape = draw_shape(rng);
        // 1–60 ha; near a river 1–6 ha, or it could not keep off the water.
        const double area = rng.log_uniform(1e4, where == Where::NearRiver ? 6e4 : 6e5);
        const size_t zone = rng.below(insides.size());
        double share_pick = rng.uniform();
        size_t which = 0;
        for (; which + 1 < boundaries.size() && share_pick >= boundaries[which].second; ++which) {
            share_pick -= boundaries[which].second;
        }
        GeomPtr site;
        for (int attempt = 0; attempt < 4000 && !site; ++attempt) {
            // Fall back to anywhere when a placement is impossible with this shape and size.
            const Where w = attempt < 3000 ? where : Where::Anywhere;
            XY c;
            switch (w) {
                case Where::Boundary:
                    if (boundaries[which].first.empty()) continue;
                    c = boundaries[which].first.draw(rng);
                    break;
                case Where::NearRiver: {
                    // Off a point of the river by the site's radius and a 10–200 m gap.
                    const double off = std::sqrt(area / M_PI) + rng.uniform(10, 200), th = rng.uniform(0, 2 * M_PI);
                    c = river_lines.draw(rng) + XY{std::cos(th), std::sin(th)} * off;
                    break;
                }
                case Where::Inside:
                    c = inside(zone);
                    break;
                case Where::Far:
                case Where::Anywhere:
                    c = anywhere();
                    break;
            }
            // Not on the county's own outline (a zone clipped by it): the site would leave it.
            if (!in_district.contains(c) || on_outline.distance(c) < 50) continue;
            const double scale = attempt < 2000 ? 1.0 : 0.3;  // smaller when it does not fit
            GeomPtr g = make_shape(geos, rng, shape, c, area * scale);
            if (!in_district.covers(g.get()) || !geos.is_valid(g.get())) continue;
            if (w == Where::Far && zones_t.distance(c) < 1000) continue;
            if (w == Where::Far && geos.distance(g.get(), zones_all.get()) < 1000) continue;
            if (w == Where::NearRiver) {
                // 10–200 m from the river's line, overlapping its belt.
                const double d = geos.distance(g.get(), rivers_all.get());
                if (d < 10 || d > 200 || !belts_t.intersects(g.get())) continue;
            }
            site = std::move(g);
        }
        if (!site) throw DataError(fmt::format("could not place random site {} with this seed", i + 1));
        const std::vector<std::string>& words = shape == Shape::Point  ? pr.random_point_words
                                                : shape == Shape::Line ? pr.random_line_words
                                                                       : pr.random_polygon_words;
        const std::string& word = words[rng.below(words.size())];
        m.random_sites.push_back({fmt::format("{}R{:03d}", pr.site_id_prefix, i + 1),
                                  fmt::format("随机{}项目{:03d}", word, i + 1), word, std::move(site)});
    }
}

}  // namespace ecozone::samplegen
