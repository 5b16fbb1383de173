#include "samplegen/sites.h"

#include "geo/errors.h"
#include "samplegen/rng.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

namespace ecozone::samplegen {

namespace {

// The placeholder receptor distance of the default rules (docs/rules-file.md).
constexpr double kReceptorDistance = 1000.0;

}  // namespace

void make_sites(const GeosContext& geos, const Rasterizer& truth, const Grid& grid,
                uint64_t seed, Model& m) {
    Rng rng(seed, Stream::Sites);
    const Profile& pr = *m.profile;
    const ClassScheme& classes = *pr.raster.classes;
    const uint8_t grass_a = classes.value(Role::OtherGrass), grass_b = classes.value(Role::Pasture);
    const GEOSGeometry* district = m.district.get();
    const auto bounds = geos.bounds(district);

    // Everything a "clean" site must stay clear of.
    std::vector<const GEOSGeometry*> protective{m.redline_union.get(), m.reserve.whole.get()};
    for (const auto& w : m.water_sources) protective.push_back(w.geom.get());
    for (const auto& f : m.farmland) protective.push_back(f.get());
    std::vector<GeomPtr> river_belts;
    for (const auto& r : m.rivers) river_belts.push_back(buffer(geos, r.line.get(), r.buffer_m));
    for (const auto& b : river_belts) protective.push_back(b.get());
    const GeomPtr protective_all = union_of(geos, protective);
    std::vector<const GEOSGeometry*> parks_urban;
    for (const auto& p : m.parks) parks_urban.push_back(p.geom.get());
    const GeomPtr parks_all = union_of(geos, parks_urban);
    for (const auto& u : m.urban) parks_urban.push_back(u.geom.get());
    const GeomPtr built_all = union_of(geos, parks_urban);
    std::vector<GeomPtr> rings;
    for (const auto& r : m.receptors) rings.push_back(buffer(geos, make_point(geos, r.at).get(), kReceptorDistance, 8));
    const GeomPtr receptor_zone = geos.union_all(std::move(rings));

    const PointTester in_district(geos, district), protective_t(geos, protective_all.get()),
        parks_t(geos, parks_all.get()), built_t(geos, built_all.get()),
        receptors_t(geos, receptor_zone.get()), redline_t(geos, m.redline_union.get()),
        reserve_t(geos, m.reserve.whole.get()), core_t(geos, m.reserve.core.get()),
        experimental_t(geos, m.reserve.experimental.get()), seat_t(geos, m.urban[0].geom.get());

    auto class_at = [&](XY p) {
        const int r = static_cast<int>(std::floor((grid.y0 - p.y) / grid.res));
        const int c = static_cast<int>(std::floor((p.x - grid.x0) / grid.res));
        return truth.at(r, c);
    };
    // Majority of grass (the sample's raster classes 5, 6) over a 5 x 5 sample of the site's box.
    auto mostly_grass = [&](const GEOSGeometry* g) {
        const auto b = geos.bounds(g);
        int grass = 0, total = 0;
        for (int i = 0; i < 5; ++i) {
            for (int j = 0; j < 5; ++j) {
                const uint8_t v = class_at({b.minx + (i + 0.5) * (b.maxx - b.minx) / 5, b.miny + (j + 0.5) * (b.maxy - b.miny) / 5});
                if (!v) continue;
                ++total;
                if (v == grass_a || v == grass_b) ++grass;
            }
        }
        return total > 0 && grass * 10 >= total * 6;
    };
    auto random_point = [&]() { return XY{rng.uniform(bounds.minx, bounds.maxx), rng.uniform(bounds.miny, bounds.maxy)}; };
    auto random_in = [&](const GEOSGeometry* area) {
        const auto b = geos.bounds(area);
        return XY{rng.uniform(b.minx, b.maxx), rng.uniform(b.miny, b.maxy)};
    };
    // The profile's names and words for the ten situations below, in order.
    size_t situation = 0;
    auto place = [&](const std::function<GeomPtr()>& propose, const std::function<bool(const GEOSGeometry*)>& accept) {
        const SiteSpec& spec = pr.sites.at(situation++);
        for (int tries = 0; tries < 20000; ++tries) {
            GeomPtr g = propose();
            if (!g || !in_district.covers(g.get()) || !accept(g.get())) continue;
            const std::string id = pr.site_id_prefix.empty()
                                       ? std::string()
                                       : fmt::format("{}{:03d}", pr.site_id_prefix, m.sites.size() + 1);
            m.sites.push_back({id, spec.name, spec.category, spec.word, std::move(g)});
            return;
        }
        throw DataError(fmt::format("could not place the sample site '{}' with this seed", spec.name));
    };
    auto rect_at = [&](XY c, double w, double h, bool aligned) {
        return make_polygon(geos, rotated_rect(c, w, h, aligned ? 0.0 : rng.uniform(-0.6, 0.6)));
    };
    auto clean = [&](const GEOSGeometry* g) {
        return !protective_t.intersects(g) && !built_t.intersects(g) && !receptors_t.intersects(g);
    };

    // 1. PV on grassland outside every zone: the clean case.
    place([&] { return rect_at(random_point(), 2000, 1000, true); },
          [&](const GEOSGeometry* g) { return clean(g) && mostly_grass(g); });
    // 2. A cement plant outside every industrial park (and clear of everything else).
    place([&] { return rect_at(random_point(), 500, 400, false); }, [&](const GEOSGeometry* g) { return clean(g); });
    // 3. A coking plant 300-900 m from a school, outside the parks.
    {
        std::vector<XY> schools;
        for (const auto& r : m.receptors)
            if (r.kind == ReceptorKind::School) schools.push_back(r.at);
        place(
            [&] {
                const XY s = schools[rng.below(schools.size())];
                const double d = rng.uniform(600, 1100), th = rng.uniform(0, 2 * M_PI);
                return rect_at(s + XY{d * std::cos(th), d * std::sin(th)}, 600, 500, false);
            },
            [&](const GEOSGeometry* g) {
                double nearest = 1e300;
                for (const auto& s : schools) nearest = std::min(nearest, geos.distance(g, make_point(geos, s).get()));
                return nearest > 300 && nearest < 900 && !protective_t.intersects(g) && !built_t.intersects(g);
            });
    }
    // 4. A quarry inside the reserve core.
    place([&] { return rect_at(random_in(m.reserve.core.get()), 300, 250, false); },
          [&](const GEOSGeometry* g) { return core_t.covers(g); });
    // 5. A road, a long thin strip, crossing a red line.
    place(
        [&] {
            const XY c = random_in(m.redline_union.get());
            const double th = rng.uniform(0, M_PI), half = rng.uniform(2500, 4000);
            const XY d{half * std::cos(th), half * std::sin(th)};
            GeomPtr line = make_line(geos, {c - d, c + d});
            return strip(geos, line.get(), 15.0);
        },
        [&](const GEOSGeometry* g) {
            if (!redline_t.intersects(g) || redline_t.covers(g) || reserve_t.intersects(g)) return false;
            return !built_t.intersects(g);
        });
    // 6. A tourism facility in the experimental zone.
    place([&] { return rect_at(random_in(m.reserve.experimental.get()), 200, 150, false); },
          [&](const GEOSGeometry* g) { return experimental_t.covers(g); });
    // 7. A livestock farm near a village, outside protected land.
    place(
        [&] {
            const XY v = m.villages[rng.below(m.villages.size())];
            const double d = rng.uniform(1200, 3000), th = rng.uniform(0, 2 * M_PI);
            return rect_at(v + XY{d * std::cos(th), d * std::sin(th)}, 400, 300, false);
        },
        [&](const GEOSGeometry* g) { return !protective_t.intersects(g) && !built_t.intersects(g); });
    // 8. Housing inside the seat's urban development boundary, clear of everything else.
    place([&] { return rect_at(random_in(m.urban[0].geom.get()), 400, 300, true); },
          [&](const GEOSGeometry* g) {
              return seat_t.covers(g) && !protective_t.intersects(g) && !parks_t.intersects(g);
          });
    // 9. PV straddling the red line: 30-70 % of it inside.
    place([&] { return rect_at(random_in(m.redline_union.get()), 1500, 1000, true); },
          [&](const GEOSGeometry* g) {
              if (reserve_t.intersects(g) || built_t.intersects(g)) return false;
              GeomPtr inside = geos.intersection(g, m.redline_union.get());
              const double share = geos.planar_area(inside.get()) / geos.planar_area(g);
              return share > 0.3 && share < 0.7;
          });
    // 10. Ecological restoration inside a red line (allowed there).
    place([&] { return rect_at(random_in(m.redline_union.get()), 1000, 1000, false); },
          [&](const GEOSGeometry* g) { return redline_t.covers(g) && !reserve_t.intersects(g); });
}

}  // namespace ecozone::samplegen
