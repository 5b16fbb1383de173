#include "samplegen/landuse.h"

#include "samplegen/rng.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

namespace {

double round2(double v) { return std::round(v * 100.0) / 100.0; }

// What a piece's location says about it.
struct Where {
    bool core = false, buffer = false, experimental = false, reserve = false;
    bool redline = false, seat_urban = false, town_urban = false;
    int park = -1;  // 0 the PV / mining park (太阳山开发区), 1 the industrial park (红寺堡工业园区)
    bool pv = false;
    double river_m = 1e9, line_m = 1e9, village_m = 1e9;
    double plain = -1;
};

// Answers "where is this point" against every zone, with prepared geometries.
class Locator {
public:
    Locator(const GeosContext& geos, const Terrain& terrain, const Model& m)
        : terrain_(terrain), m_(m),
          pv_all_(union_of(geos, pv_fields(m))),
          rivers_all_(union_of(geos, lines_of({&m.rivers}))),
          lines_all_(union_of(geos, lines_of({&m.canals, &m.roads}))),
          core_(geos, m.reserve.core.get()),
          buffer_(geos, m.reserve.buffer.get()),
          experimental_(geos, m.reserve.experimental.get()),
          redline_(geos, m.redline_union.get()),
          seat_(geos, m.urban[0].geom.get()),
          town_(geos, m.urban[1].geom.get()),
          park0_(geos, m.parks[0].geom.get()),
          park1_(geos, m.parks[1].geom.get()),
          pv_(geos, pv_all_.get()),
          rivers_(geos, rivers_all_.get()),
          lines_(geos, lines_all_.get()) {}

    Where at(XY p) const {
        Where w;
        w.core = core_.contains(p);
        w.buffer = !w.core && buffer_.contains(p);
        w.experimental = !w.core && !w.buffer && experimental_.contains(p);
        w.reserve = w.core || w.buffer || w.experimental;
        w.redline = redline_.contains(p);
        w.seat_urban = seat_.contains(p);
        w.town_urban = !w.seat_urban && town_.contains(p);
        w.park = park0_.contains(p) ? 0 : (park1_.contains(p) ? 1 : -1);
        w.pv = pv_.contains(p);
        w.river_m = rivers_.distance(p);
        w.line_m = lines_.distance(p);
        for (const auto& v : m_.villages) w.village_m = std::min(w.village_m, dist(p, v));
        w.plain = terrain_.plain(p);
        return w;
    }

private:
    static std::vector<const GEOSGeometry*> pv_fields(const Model& m) {
        std::vector<const GEOSGeometry*> out;
        for (const auto& f : m.pv_fields) out.push_back(f.get());
        return out;
    }
    static std::vector<const GEOSGeometry*> lines_of(
        std::initializer_list<const std::vector<LinearFeature>*> groups) {
        std::vector<const GEOSGeometry*> out;
        for (const auto* g : groups) {
            for (const auto& f : *g) out.push_back(f.line.get());
        }
        return out;
    }
    const Terrain& terrain_;
    const Model& m_;
    // Declared before the testers that prepare them (members initialise in this order).
    GeomPtr pv_all_, rivers_all_, lines_all_;
    PointTester core_, buffer_, experimental_, redline_, seat_, town_, park0_, park1_, pv_,
        rivers_, lines_;
};

// The class of a piece before forest is assigned.  Roads (1003), rivers and canals are not
// drawn here: they are the strips carved out in tessellation.cpp.
Lc base_class(const Terrain& t, const Where& w, XY p) {
    // Minor classes are drawn from smooth fields, one independent field per class, so that
    // ponds, hamlets and town blocks come in clusters rather than as salt and pepper.
    const bool in_town = w.park >= 0 || w.seat_urban || w.town_urban || w.village_m < 420;
    auto patch = [&](int field, double share) { return t.patchy(p, in_town, field) < share; };
    if (w.park == 0) {
        if (patch(0, 0.15)) return Lc::OtherGrass;
        if (patch(1, 0.12)) return Lc::Photovoltaic;
        return patch(2, 0.35) ? Lc::Mining : Lc::Industrial;
    }
    if (w.park == 1) {
        if (patch(0, 0.25)) return Lc::OtherGrass;
        if (patch(1, 0.06)) return Lc::FacilityFarm;
        return Lc::Industrial;
    }
    if (w.seat_urban || w.town_urban) {
        if (patch(0, 0.13)) return Lc::OtherGrass;
        if (w.seat_urban && patch(1, 0.04)) return Lc::Pond;
        if (w.seat_urban && patch(2, 0.08)) return Lc::Industrial;
        return patch(3, w.seat_urban ? 0.15 : 0.3) ? Lc::RuralHousing : Lc::UrbanHousing;
    }
    if (w.pv) return patch(0, 0.07) ? Lc::OtherGrass : Lc::Photovoltaic;
    if (w.village_m < 420) {
        if (patch(1, 0.12)) return Lc::FacilityFarm;
        return patch(2, 0.10) ? Lc::IrrigatedCrop : Lc::RuralHousing;
    }
    if (w.reserve) {
        if (t.rock(p) > 0.42) return Lc::BareRock;
        return t.pasture(p) > 0.05 ? Lc::NaturalPasture : Lc::OtherGrass;
    }
    // Wet ground along the rivers: flats, a little marsh grass.
    const double wet_reach = 180.0 + 260.0 * (t.wet(p) + 1.0);
    if (w.river_m < wet_reach) return patch(0, 0.12) ? Lc::MarshGrass : Lc::InlandFlat;
    if (w.plain > 0) {
        // Inside the red line the plain is farmed less (cropland is being withdrawn there).
        if (w.redline && patch(0, 0.55)) return Lc::OtherGrass;
        if (patch(1, 0.025)) return Lc::Pond;
        if (patch(2, 0.035)) return Lc::RuralHousing;
        if (patch(3, 0.02)) return Lc::FacilityFarm;
        return t.crop(p) + 0.7 * std::min(w.plain, 1.0) > 0.2 ? Lc::IrrigatedCrop : Lc::DryCrop;
    }
    if (!w.redline && t.dry_farming(p) > 0.42) return Lc::DryCrop;
    if (t.sand(p) > 0.36) return Lc::Sand;
    if (t.rock(p) > 0.50) return Lc::BareRock;
    if (t.bare(p) > 0.55) return Lc::BareSoil;
    return t.pasture(p) > 0.12 ? Lc::NaturalPasture : Lc::OtherGrass;
}

bool forest_candidate(Lc lc) {
    switch (lc) {
        case Lc::OtherGrass: case Lc::NaturalPasture: case Lc::Sand: case Lc::BareSoil:
        case Lc::BareRock: case Lc::DryCrop: case Lc::IrrigatedCrop:
            return true;
        default: return false;
    }
}

}  // namespace

void order_pieces(std::vector<LandPiece>& pieces) {
    std::stable_sort(pieces.begin(), pieces.end(), [](const LandPiece& a, const LandPiece& b) {
        if (a.township != b.township) return a.township < b.township;
        if (a.ip.y != b.ip.y) return a.ip.y > b.ip.y;
        return a.ip.x < b.ip.x;
    });
}

void measure_pieces(const geo::AreaCalculator& area, std::vector<LandPiece>& pieces) {
    for (auto& p : pieces) p.tbmj = round2(area.ellipsoidal(p.geom.get()));
}

void classify_pieces(const GeosContext& geos, const Terrain& terrain, uint64_t seed, Model& model) {
    const Locator locator(geos, terrain, model);
    auto& pieces = model.landuse;
    std::vector<Where> where(pieces.size());
    for (size_t i = 0; i < pieces.size(); ++i) {
        where[i] = locator.at(pieces[i].ip);
        if (!pieces[i].carved) pieces[i].lc = base_class(terrain, where[i], pieces[i].ip);
    }

    // Forest by quota.  Score: the reserve's core and buffer first, then the experimental
    // zone, sand-fixation red lines and shelterbelts along canals and roads on the plain; noise
    // spreads it so that neither the reserve is solid forest nor the steppe bare of shrubs.
    struct Candidate { double score; size_t index; bool shelterbelt; };
    std::vector<Candidate> candidates;
    for (size_t i = 0; i < pieces.size(); ++i) {
        const Where& w = where[i];
        if (pieces[i].carved || !forest_candidate(pieces[i].lc)) continue;
        const bool shelterbelt = w.plain > 0 && !w.reserve && w.line_m < 300;
        if ((pieces[i].lc == Lc::IrrigatedCrop || pieces[i].lc == Lc::DryCrop) && !shelterbelt && w.plain > 0) continue;
        double bonus = 0;
        if (w.core) bonus = 1.6;
        else if (w.buffer) bonus = 1.2;
        else if (w.experimental) bonus = 0.5;
        else if (w.redline) bonus = 0.55;
        else if (shelterbelt) bonus = 0.7;
        else if (w.river_m < 1500) bonus = 0.3;
        const double score = bonus + 1.0 * terrain.forest(pieces[i].ip);
        candidates.push_back({score, i, shelterbelt});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    const double a = model.district_area_m2;
    const Profile& pr = *model.profile;
    const double post_target = pr.forest_post_target * a;
    const double legacy_target = pr.forest_legacy_extra * a;
    const double sparse_target = pr.shrub_sparse_extra * a;
    Rng rng(seed, Stream::Attributes);
    double post = 0, extra = 0;
    bool post_done = false;
    for (const auto& c : candidates) {
        LandPiece& p = pieces[c.index];
        const Where& w = where[c.index];
        if (!post_done) {
            // Skip a piece that would overshoot the target by more than half its own area; a
            // smaller one further down the ranking will fit.
            if (post + p.tbmj - post_target > 0.5 * p.tbmj) {
                if (post_target - post < 0.0005 * a) post_done = true;
                continue;
            }
            const double canopy = terrain.canopy(p.ip);
            const bool trees = (w.core && canopy > -0.15) || (w.buffer && canopy > 0.25) ||
                               (w.experimental && canopy > 0.5) || c.shelterbelt;
            p.lc = trees ? Lc::Forest : Lc::Shrub;
            p.tsgmld = trees ? 0 : 1;
            p.gmfgd = trees ? 0 : 31 + static_cast<int>(rng.below(40));
            post += p.tbmj;
            if (post >= post_target) post_done = true;
            continue;
        }
        // Shrubland that is not 国家特别规定灌木林地: counted on the legacy basis when its cover
        // exceeds 30 %, in neither basis below that (or, in profiles that say so, that sparse part
        // is 0307 其他林地 — young plantations, 未成林造林地).
        if (extra >= legacy_target + sparse_target) break;
        p.lc = Lc::Shrub;
        p.tsgmld = 0;
        p.gmfgd = extra < legacy_target ? 31 + static_cast<int>(rng.below(9))
                                        : 15 + static_cast<int>(rng.below(16));
        if (extra >= legacy_target && pr.sparse_as_other_forest) {
            p.lc = Lc::OtherForest;
            p.gmfgd = 0;
        }
        extra += p.tbmj;
    }

    // Field-ridge deduction on cropland only: 2-8 % of TBMJ.
    for (auto& p : pieces) {
        if (is_cropland(p.lc)) {
            const double k = 0.02 + 0.06 * terrain.hash01(p.ip, 2);
            p.kcmj = round2(p.tbmj * k);
        } else {
            p.kcmj = 0;
        }
    }
}

LanduseFigures landuse_figures(const std::vector<LandPiece>& pieces) {
    LanduseFigures f;
    for (const auto& p : pieces) {
        const double a = p.tbmj;
        f.total_m2 += a;
        const bool counted = p.lc == Lc::Forest || (p.lc == Lc::Shrub && p.tsgmld == 1);
        if (counted) f.forest_post_m2 += a;
        if (counted || (p.lc == Lc::Shrub && p.gmfgd > 30)) f.forest_legacy_m2 += a;
        // Groups as the sample's raster classes fold them.
        switch (p.lc) {
            case Lc::DryCrop:
            case Lc::IrrigatedCrop:
            case Lc::FacilityFarm:
                f.cropland_m2 += a;
                break;
            case Lc::OtherGrass:
            case Lc::NaturalPasture:
                f.grassland_m2 += a;
                break;
            case Lc::River:
            case Lc::Pond:
            case Lc::Canal:
                f.water_m2 += a;
                break;
            case Lc::InlandFlat:
            case Lc::MarshGrass:
                f.wetland_m2 += a;
                break;
            case Lc::UrbanHousing:
            case Lc::RuralHousing:
            case Lc::Road:
            case Lc::Industrial:
            case Lc::Mining:
                f.built_m2 += a;
                break;
            case Lc::Photovoltaic:
                f.pv_m2 += a;
                break;
            case Lc::Sand:
            case Lc::BareSoil:
            case Lc::BareRock:
                f.bare_m2 += a;
                break;
            default: break;
        }
    }
    return f;
}

}  // namespace ecozone::samplegen
