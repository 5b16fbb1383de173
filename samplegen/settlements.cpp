#include "samplegen/settlements.h"

#include "geo/errors.h"
#include "samplegen/noise.h"
#include "samplegen/rng.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

namespace {

// Plausible village names of the district's resettlement villages (生态移民村); synthetic.
const std::vector<const char*> kVillageNames = {
    "红崖村", "沙泉村", "杨柳村", "新集村", "东源村", "梨花村", "弘德村", "大河村", "龙泉村",
    "兴盛村", "朝阳村", "石坡村", "团结村", "香园村", "新圈村", "玉池村", "平原村", "甘沟村",
    "川心村", "红光村", "永新村", "中圈塘村", "上源村", "开元村", "河西村", "马渠村", "海子村",
    "白墩村", "鲁家窑村", "双井村", "新源村", "康庄村", "光彩村", "兴旺村", "同德村", "和顺村",
    "泉眼村", "柳树湾村", "金塘村", "甜水河村"};

constexpr int kVillageCount = 26;

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

    // Urban development boundaries (城镇开发边界): the seat and 太阳山镇.
    model.urban.push_back({"红寺堡区城区城镇开发边界",
                           clip(geos, blob(geos, pl.seat, 2700, 0.28, NoiseField(seed, base + 1, 0.9, 3)), district)});
    model.urban.push_back({"太阳山镇区城镇开发边界",
                           clip(geos, blob(geos, pl.taiyangshan, 1200, 0.25, NoiseField(seed, base + 2, 0.9, 3)), district)});
    const GeomPtr urban_all = union_of(geos, {model.urban[0].geom.get(), model.urban[1].geom.get()});

    // Industrial parks: planned, so straight-edged — a union of rotated rectangles.
    auto park = [&](XY c, double w, double h, double angle, XY annex_offset, double aw, double ah) {
        std::vector<GeomPtr> parts;
        parts.push_back(make_polygon(geos, rotated_rect(c, w, h, angle)));
        parts.push_back(make_polygon(geos, rotated_rect(c + annex_offset, aw, ah, angle)));
        GeomPtr u = geos.union_all(std::move(parts));
        return as_multipolygon(geos, geos.difference(clip(geos, u, district).get(), urban_all.get()).get());
    };
    const double a1 = rng.uniform(-0.3, 0.3), a2 = rng.uniform(-0.3, 0.3);
    model.parks.push_back({"太阳山开发区", park(pl.taiyangshan_park, 6000, 3800, a1,
                                                 {rng.uniform(-2500, 2500), -2600}, 2800, 2000)});
    model.parks.push_back({"红寺堡工业园区", park(pl.hongsibu_park, 2800, 2000, a2,
                                                    {1700, rng.uniform(-600, 600)}, 1200, 1400)});
    const GeomPtr parks_all = union_of(geos, {model.parks[0].geom.get(), model.parks[1].geom.get()});

    const PointTester in_district(geos, district);
    const PointTester in_reserve(geos, model.reserve.whole.get());
    const PointTester in_parks(geos, parks_all.get());
    const PointTester in_urban(geos, urban_all.get());
    std::vector<const GEOSGeometry*> river_lines;
    for (const auto& r : model.rivers) river_lines.push_back(r.line.get());
    const GeomPtr rivers_all = union_of(geos, river_lines);
    const PointTester near_river(geos, rivers_all.get());

    // Existing PV arrays (光伏板区) on the open ground around 太阳山, east-west rectangles.
    const int pv_count = 6;
    for (int tries = 0; tries < 4000 && static_cast<int>(model.pv_fields.size()) < pv_count; ++tries) {
        const double r = rng.uniform(3500, 14000), th = rng.uniform(0, 2 * M_PI);
        const XY c = pl.taiyangshan + XY{r * std::cos(th), r * std::sin(th)};
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

    // Drinking-water source zones: a well field west of the seat.  The level-2 zone is a ring
    // around the level-1 zone.
    {
        const XY c = pl.water_source;
        GeomPtr level1 = clip(geos, blob(geos, c, 650, 0.2, NoiseField(seed, base + 3, 0.9, 3)), district);
        GeomPtr outer = clip(geos, blob(geos, c + XY{300, -200}, 2100, 0.25, NoiseField(seed, base + 4, 0.9, 3)), district);
        outer = as_multipolygon(geos, geos.difference(outer.get(), urban_all.get()).get());
        level1 = as_multipolygon(geos, geos.difference(level1.get(), urban_all.get()).get());
        GeomPtr level2 = as_multipolygon(geos, geos.difference(outer.get(), level1.get()).get());
        model.water_sources.push_back({"红寺堡城区地下水饮用水水源地", "一级", std::move(level1)});
        model.water_sources.push_back({"红寺堡城区地下水饮用水水源地", "二级", std::move(level2)});
    }
    const PointTester in_water(geos, model.water_sources[1].geom.get());

    // Village centres: mostly on the irrigated plain (the resettlement villages), some out on
    // the steppe; never in the reserve, a park, the town or a water-source zone.
    std::vector<XY> taken{pl.seat, pl.taiyangshan, pl.dahe, pl.xinzhuangji, pl.liuquan};
    const auto bounds = geos.bounds(district);
    std::vector<size_t> name_order(kVillageNames.size());
    for (size_t i = 0; i < name_order.size(); ++i) name_order[i] = i;
    rng.shuffle(name_order);
    for (int tries = 0; tries < 20000 && static_cast<int>(model.villages.size()) < kVillageCount; ++tries) {
        const XY p{rng.uniform(bounds.minx, bounds.maxx), rng.uniform(bounds.miny, bounds.maxy)};
        const bool want_plain = model.villages.size() % 10 < 7;
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
        model.village_names.push_back(kVillageNames[name_order[model.villages.size() - 1]]);
    }
    if (model.villages.size() < 10) {
        throw DataError("could not place enough villages inside the district outline");
    }
}

}  // namespace ecozone::samplegen
