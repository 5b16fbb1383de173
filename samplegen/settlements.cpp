#include "samplegen/settlements.h"

#include "geo/errors.h"
#include "samplegen/noise.h"
#include "samplegen/rng.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

namespace {

GeomPtr blob(const GeosContext& geos, XY c, double r, double roughness, const NoiseField& n) {
    return make_polygon(geos, star_ring(c, 180, [&](double th) {
        return r * (1.0 + roughness * n(std::cos(th), std::sin(th)));
    }));
}

GeomPtr clip(const GeosContext& geos, const GeomPtr& g, const GEOSGeometry* district) {
    return as_multipolygon(geos, geos.intersection(g.get(), district).get());
}

}  // namespace

void make_settlements(const GeosContext& geos, const Terrain& terrain, uint64_t seed,
                      Model& model) {
    Rng rng(seed, Stream::Settlements);
    const uint64_t base = static_cast<uint64_t>(Stream::Settlements) * 1000;
    const GEOSGeometry* district = model.district.get();
    const Places& pl = model.places;
    const Profile& pr = *model.profile;

    // Urban development boundaries (城镇开发边界): the seat and the second town.
    const XY urban_at[2] = {pl.seat, pl.town};
    for (size_t i = 0; i < 2; ++i) {
        const UrbanSpec& u = pr.urban[i];
        model.urban.push_back(
            {u.name,
             clip(geos, blob(geos, urban_at[i], u.radius_m, u.roughness, NoiseField(seed, base + 1 + i, 0.9, 3)),
                  district)});
    }
    const GeomPtr urban_all = union_of(geos, {model.urban[0].geom.get(), model.urban[1].geom.get()});

    // Industrial parks: planned, so straight-edged — a union of rotated rectangles.
    auto park = [&](XY c, double w, double h, double angle, XY annex_offset, double aw, double ah) {
        std::vector<GeomPtr> parts;
        parts.push_back(make_polygon(geos, rotated_rect(c, w, h, angle)));
        parts.push_back(make_polygon(geos, rotated_rect(c + annex_offset, aw, ah, angle)));
        GeomPtr u = geos.union_all(std::move(parts));
        return as_multipolygon(geos, geos.difference(clip(geos, u, district).get(), urban_all.get()).get());
    };
    const double angles[2] = {rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)};
    auto draw = [&](double lo, double hi) { return lo == hi ? lo : rng.uniform(lo, hi); };
    for (size_t i = 0; i < 2; ++i) {
        const ParkSpec& s = pr.parks[i];
        const double dx = draw(s.annex_dx_lo, s.annex_dx_hi);
        const double dy = draw(s.annex_dy_lo, s.annex_dy_hi);
        model.parks.push_back({s.name, park(pl.parks[i], s.w, s.h, angles[i], {dx, dy}, s.annex_w, s.annex_h)});
    }
    const GeomPtr parks_all = union_of(geos, {model.parks[0].geom.get(), model.parks[1].geom.get()});

    const PointTester in_district(geos, district);
    const PointTester in_reserve(geos, model.reserve.whole.get());
    const PointTester in_parks(geos, parks_all.get());
    const PointTester in_urban(geos, urban_all.get());
    std::vector<const GEOSGeometry*> river_lines;
    for (const auto& r : model.rivers) river_lines.push_back(r.line.get());
    const GeomPtr rivers_all = union_of(geos, river_lines);
    const PointTester near_river(geos, rivers_all.get());

    // Existing PV arrays (光伏板区) on the open ground around the second town, east-west rectangles.
    const int pv_count = pr.pv_count;
    for (int tries = 0; tries < 4000 && static_cast<int>(model.pv_fields.size()) < pv_count; ++tries) {
        const double r = rng.uniform(3500, 14000), th = rng.uniform(0, 2 * M_PI);
        const XY c = pl.town + XY{r * std::cos(th), r * std::sin(th)};
        GeomPtr rect = make_polygon(geos, rotated_rect(c, rng.uniform(1200, 3200), rng.uniform(800, 2000), 0.0));
        if (!in_district.covers(rect.get()) || in_reserve.intersects(rect.get()) ||
            in_parks.intersects(rect.get()) || in_urban.intersects(rect.get()) ||
            near_river.distance(c) < 1500) {
            continue;
        }
        bool overlaps = false;
        for (const auto& f : model.pv_fields) {
            if (geos.distance(f.get(), rect.get()) < 300) overlaps = true;
        }
        if (!overlaps) model.pv_fields.push_back(std::move(rect));
    }

    // Drinking-water source zones: a well field near the seat.  The level-2 zone is a ring
    // around the level-1 zone, and a quasi-protection zone (准保护区), if the profile has one, a
    // ring around that.
    {
        const XY c = pl.water_source;
        GeomPtr level1 = clip(geos, blob(geos, c, 650, 0.2, NoiseField(seed, base + 3, 0.9, 3)), district);
        GeomPtr outer = clip(geos, blob(geos, c + XY{300, -200}, 2100, 0.25, NoiseField(seed, base + 4, 0.9, 3)), district);
        outer = as_multipolygon(geos, geos.difference(outer.get(), urban_all.get()).get());
        level1 = as_multipolygon(geos, geos.difference(level1.get(), urban_all.get()).get());
        GeomPtr level2 = as_multipolygon(geos, geos.difference(outer.get(), level1.get()).get());
        GeomPtr quasi;
        if (pr.water_source_quasi) {
            GeomPtr far =
                clip(geos, blob(geos, c + XY{500, -400}, 4200, 0.25, NoiseField(seed, base + 5, 1.2, 3)), district);
            far = as_multipolygon(geos, geos.difference(far.get(), urban_all.get()).get());
            quasi = as_multipolygon(geos, geos.difference(far.get(), outer.get()).get());
        }
        model.water_sources.push_back({pr.water_source_name, 1, std::move(level1)});
        model.water_sources.push_back({pr.water_source_name, 2, std::move(level2)});
        if (quasi && !geos.is_empty(quasi.get()))
            model.water_sources.push_back({pr.water_source_name, 3, std::move(quasi)});
    }
    const PointTester in_water(geos, model.water_sources[1].geom.get());

    // Village centres: mostly on the irrigated plain (the resettlement villages), some out on
    // the steppe; never in the reserve, a park, the town or a water-source zone.
    std::vector<XY> taken = pl.township_seats;
    const auto bounds = geos.bounds(district);
    const std::vector<std::string>& names = pr.village_names;
    const int village_count = pr.village_count;
    std::vector<size_t> name_order(names.size());
    for (size_t i = 0; i < name_order.size(); ++i) name_order[i] = i;
    rng.shuffle(name_order);
    for (int tries = 0; tries < 20000 && static_cast<int>(model.villages.size()) < village_count; ++tries) {
        const XY p{rng.uniform(bounds.minx, bounds.maxx), rng.uniform(bounds.miny, bounds.maxy)};
        const bool want_plain = static_cast<int>(model.villages.size() % 10) < pr.villages_on_plain_per_10;
        if (want_plain && terrain.plain(p) < 0.15) continue;
        if (!in_district.contains(p) || in_reserve.contains(p) || in_parks.contains(p) ||
            in_urban.contains(p) || in_water.contains(p) || near_river.distance(p) < 400) {
            continue;
        }
        bool crowded = false;
        for (const auto& q : taken) crowded = crowded || dist(p, q) < 2300;
        if (crowded) continue;
        taken.push_back(p);
        model.villages.push_back(p);
        model.village_names.push_back(names[name_order[model.villages.size() - 1]]);
    }
    if (model.villages.size() < 10) {
        throw DataError("could not place enough villages inside the district outline");
    }
}

}  // namespace ecozone::samplegen
