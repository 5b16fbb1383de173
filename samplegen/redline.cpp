#include "samplegen/redline.h"

#include "samplegen/noise.h"
#include "samplegen/places.h"
#include "samplegen/rng.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::samplegen {

namespace {

struct SandUnit {
    std::string name, type;
    double lon, lat;
    double radius_m;
    std::vector<XY> enclaves;  // holes (villages, mines): offsets from the centre / radius
    uint64_t tag;
};

}  // namespace

void make_redline(const GeosContext& geos, const geo::AreaCalculator& area, uint64_t seed,
                  Model& model) {
    Rng rng(seed, Stream::Redline);
    const uint64_t base = static_cast<uint64_t>(Stream::Redline) * 1000;
    const GEOSGeometry* district = model.district.get();
    const Profile& pr = *model.profile;
    const LonLat ll;

    // Land that the red line must leave out: towns, parks, existing PV, and a 350 m circle of
    // every village (the red line is drawn around settlements, leaving holes).
    std::vector<GeomPtr> excluded;
    for (const auto& u : model.urban) excluded.push_back(geos.clone(u.geom.get()));
    for (const auto& p : model.parks) excluded.push_back(geos.clone(p.geom.get()));
    for (const auto& f : model.pv_fields) excluded.push_back(buffer(geos, f.get(), 200));
    for (const auto& v : model.villages) {
        excluded.push_back(make_polygon(geos, star_ring(v, 48, [&](double) { return 350.0; })));
    }
    const GeomPtr exclusion = geos.union_all(std::move(excluded));
    auto finish = [&](const GeomPtr& g) {
        GeomPtr in_district = geos.intersection(g.get(), district);
        return geos.difference(in_district.get(), exclusion.get());
    };

    // Fixed parts: the reserve with an 800 m margin, the water-source zones with 300 m, and
    // the river corridors.
    std::vector<RedlineUnit> fixed;
    {
        GeomPtr margin = buffer(geos, model.reserve.whole.get(), 800, 16);
        GeomPtr g = union_of(geos, {finish(margin).get(), model.reserve.whole.get()});
        fixed.push_back({"", pr.reserve_redline_name, "生物多样性维护", std::move(g)});
    }
    {
        // The level-1 and level-2 zones (a quasi-protection zone is not red line).
        std::vector<GeomPtr> ws;
        for (const auto& w : model.water_sources) {
            if (w.level <= 2) ws.push_back(geos.clone(w.geom.get()));
        }
        GeomPtr all = geos.union_all(std::move(ws));
        GeomPtr g = union_of(geos, {finish(buffer(geos, all.get(), 300)).get(), all.get()});
        fixed.push_back({"", pr.water_redline_name, "水源涵养", std::move(g)});
    }
    for (const auto& r : model.rivers) {
        GeomPtr corridor = buffer(geos, r.line.get(), r.corridor_m, 8);
        fixed.push_back({"", std::string(r.name) + "水源涵养生态保护红线", "水源涵养", finish(corridor)});
    }

    // Sand-fixation (and soil-conservation) units: organic blobs on the steppe with enclaves cut
    // out.  Their size is what is calibrated.
    std::vector<SandUnit> sand;
    for (const auto& u : pr.sand_units) sand.push_back({u.name, u.type, u.lon, u.lat, u.radius_m, {}, u.tag});
    for (auto& s : sand) {
        // Enclave centres as offsets from the unit's centre, in units of its radius; both the
        // offsets and the enclave sizes scale with the unit, so the enclaves stay holes.
        const int holes = rng.between(1, 3);
        for (int h = 0; h < holes; ++h) {
            const double r = rng.uniform(0.0, 0.4), th = rng.uniform(0, 2 * M_PI);
            s.enclaves.push_back({r * std::cos(th), r * std::sin(th)});
        }
    }
    auto sand_units = [&](double k) {
        std::vector<RedlineUnit> out;
        for (const auto& s : sand) {
            const XY c = ll(s.lon, s.lat);
            const NoiseField n(seed, base + s.tag, 0.7, 4);
            GeomPtr g = make_polygon(geos, star_ring(c, 240, [&](double th) {
                return k * s.radius_m * (1.0 + 0.38 * n(std::cos(th), std::sin(th)));
            }));
            std::vector<GeomPtr> cut;
            for (size_t e = 0; e < s.enclaves.size(); ++e) {
                const NoiseField hn(seed, base + s.tag * 10 + e, 0.8, 3);
                const double r = (0.06 + 0.06 * unit_from_bits(hash_mix(seed, s.tag, e))) * k * s.radius_m;
                const XY at = c + s.enclaves[e] * (k * s.radius_m);
                cut.push_back(make_polygon(geos, star_ring(at, 64,
                                                           [&](double th) { return r * (1.0 + 0.3 * hn(std::cos(th), std::sin(th))); })));
            }
            GeomPtr holes = geos.union_all(std::move(cut));
            GeomPtr with_holes = geos.difference(g.get(), holes.get());
            out.push_back({"", s.name, s.type, finish(with_holes)});
        }
        return out;
    };

    // Units must not overlap: each keeps only what the units before it did not take.
    auto assemble = [&](double k) {
        std::vector<RedlineUnit> units;
        for (const auto& f : fixed) units.push_back({f.code, f.name, f.type, geos.clone(f.geom.get())});
        for (auto& s : sand_units(k)) units.push_back(std::move(s));
        GeomPtr taken = empty_polygon(geos);
        std::vector<RedlineUnit> out;
        for (auto& u : units) {
            GeomPtr own = as_multipolygon(geos, geos.difference(u.geom.get(), taken.get()).get());
            taken = union_of(geos, {taken.get(), own.get()});
            if (geos.is_empty(own.get())) continue;
            out.push_back({u.code, u.name, u.type, std::move(own)});
        }
        return std::make_pair(std::move(out), std::move(taken));
    };

    // Bisection on the size factor of the sand units to reach the target share.
    const double target = pr.redline_share * model.district_area_m2;
    double lo = 0.2, hi = 2.5;
    for (int i = 0; i < 14; ++i) {
        const double mid = 0.5 * (lo + hi);
        auto [units, all] = assemble(mid);
        if (area.ellipsoidal(all.get()) < target) lo = mid; else hi = mid;
    }
    auto [units, all] = assemble(0.5 * (lo + hi));
    for (size_t i = 0; i < units.size(); ++i) {
        units[i].code = fmt::format("{}{:03d}", pr.redline_code_prefix, i + 1);
    }
    model.redline = std::move(units);
    model.redline_union = as_multipolygon(geos, all.get());
}

}  // namespace ecozone::samplegen
