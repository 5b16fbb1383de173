#include "analysis/screening/land_take.h"

#include "analysis/indicator_bases.h"
#include "geo/clip_large.h"
#include "geo/convex_clip.h"

#include <algorithm>
#include <map>

namespace ecozone::analysis::screening {

std::shared_ptr<const geo::BoxIndex> land_window(const std::vector<SiteSpec>& sites, const ScreeningOptions& options,
                                                 const geo::GeosContext& geos) {
    // A buffer's vertices lie on its circle, inside the site's bounds widened by the radius.
    const double margin = std::max(options.footprint_m, 0.0) + 1.0;
    std::vector<geo::GeosContext::Bounds> boxes;
    boxes.reserve(sites.size());
    for (const auto& s : sites) {
        if (!s.geom || geos.is_empty(s.geom)) continue;
        auto b = geos.bounds(s.geom);
        b.minx -= margin;
        b.miny -= margin;
        b.maxx += margin;
        b.maxy += margin;
        boxes.push_back(b);
    }
    return std::make_shared<const geo::BoxIndex>(boxes);
}

std::shared_ptr<const LandIndex> index_landuse(const layers::Catalogue& c, const geo::GeosContext& geos) {
    const layers::VectorLayer* landuse = c.vector(layers::VectorRole::Landuse);
    if (!landuse) return nullptr;
    const size_t code =
        landuse->require_field(*c.project.field(layers::VectorRole::Landuse, "code_field"), "code_field");
    std::vector<geo::GeosContext::Bounds> boxes;
    boxes.reserve(landuse->features.size());
    std::vector<std::string> codes;
    codes.reserve(landuse->features.size());
    std::map<std::string, std::string> canonical_of;  // a county has a few dozen codes
    for (const auto& f : landuse->features) {
        boxes.push_back(layers::bounds_of(f, geos));  // measured as the layer was read
        const std::string raw = layers::to_text(f.attrs[code]);
        auto it = canonical_of.find(raw);
        if (it == canonical_of.end()) it = canonical_of.emplace(raw, canonical_code(raw)).first;
        codes.push_back(it->second);
    }
    return std::make_shared<const LandIndex>(LandIndex{landuse, geo::BoxIndex(boxes), std::move(codes)});
}

LandTake::LandTake(std::shared_ptr<const LandIndex> index) : index_(std::move(index)) {
    if (index_) whole_area_.assign(index_->codes.size(), Area2{-1, -1});
}

void LandTake::measure(const GEOSGeometry* site, const GEOSPreparedGeometry* site_prepared,
                       const geo::GeosContext& geos, const geo::AreaCalculator& calc, std::vector<LandOccupied>& land,
                       std::map<layers::LandGroup, Area2>& groups) const {
    if (!index_) return;
    GEOSContextHandle_t h = geos.handle();
    const Measure area2{calc};
    std::map<std::string, LandOccupied> by_code;
    // Convex sites (most) clip land-use polygons by Sutherland–Hodgman; others by GEOS.
    const auto convex = geo::ConvexClipper::from(geos, site);
    for (size_t i : index_->boxes.query(geos.bounds(site))) {
        const GEOSGeometry* lg = index_->layer->features[i].geom.get();
        // Polygons wholly inside the site count whole (their area measured once); the rest are
        // clipped — by the convex site directly (a polygon outside clips to nothing), otherwise
        // by GEOS after an intersects test.
        Area2 a;
        if (geos.predicate(GEOSPreparedContainsProperly_r(h, site_prepared, lg), "containsProperly")) {
            if (whole_area_[i].planar_m2 < 0) whole_area_[i] = area2(lg);
            a = whole_area_[i];
        } else if (convex) {
            const auto c = convex->clipped_area(geos, lg, calc);
            a = {c.ellipsoidal_m2, c.planar_m2};
        } else if (geos.predicate(GEOSPreparedIntersects_r(h, site_prepared, lg), "intersects")) {
            // A site of many vertices is cut to the polygon's box first: the overlay then nodes the
            // few dozen of its vertices near the polygon, not all of them for every polygon.
            a = area2(geos.polygonal_part(geo::intersection_near(geos, site, lg).get()).get());
        }
        if (a.planar_m2 <= 0) continue;
        LandOccupied& row = by_code[index_->codes[i]];
        if (row.code.empty()) {
            row.code = index_->codes[i];
            if (auto lc = layers::find_land_class(row.code)) {
                row.name = lc->name;
                row.group = lc->group;
            }
        }
        row.area.ellipsoidal_m2 += a.ellipsoidal_m2;
        row.area.planar_m2 += a.planar_m2;
    }
    for (auto& [code, row] : by_code) {
        Area2& g = groups[row.group];
        g.ellipsoidal_m2 += row.area.ellipsoidal_m2;
        g.planar_m2 += row.area.planar_m2;
        land.push_back(row);
    }
}

}  // namespace ecozone::analysis::screening
