#include "analysis/screening/contacts.h"

#include "geo/clip_large.h"
#include "geo/errors.h"

#include <algorithm>
#include <set>

namespace ecozone::analysis::screening {

namespace {

bool overlaps_bounds(const geo::GeosContext::Bounds& a, const geo::GeosContext::Bounds& b) {
    return !(a.empty || b.empty || a.maxx < b.minx || a.minx > b.maxx || a.maxy < b.miny || a.miny > b.maxy);
}

}  // namespace

double tiny_area(double site_planar_m2) {
    return std::max(1e-6, site_planar_m2 * 1e-12);
}

SiteContacts::SiteContacts(const geo::GeosContext& geos, const GEOSGeometry* site, const Area2& site_area,
                           const Measure& measure)
    : geos_(geos), site_(site), site_area_(site_area), measure_(measure), bounds_(geos.bounds(site)) {}

SiteContacts::Contact& SiteContacts::contact(const ZoneSet& set, size_t i) {
    const auto key = std::make_pair(&set, i);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    const ZoneFeature& f = set.features[i];
    GEOSContextHandle_t h = geos_.handle();
    Contact c;
    // The feature's prepared index is built once and reused by every site.
    if (overlaps_bounds(bounds_, f.bounds) &&
        geos_.predicate(GEOSPreparedIntersects_r(h, f.prepared.get(), site_), "intersects")) {
        c.distance = 0;
        if (f.areal) {
            if (geos_.predicate(GEOSPreparedContainsProperly_r(h, f.prepared.get(), site_), "containsProperly")) {
                c.piece = geos_.clone(site_);
                c.whole = true;
            } else {
                // Cut a large feature down to the site's box, and a large site down to the feature's
                // box, before the overlay (linear, no noding), so that it nodes what lies near the
                // other; should a cut be degenerate, fall back to the robust full overlay.
                try {
                    const auto& b = bounds_;
                    geo::GeomPtr near =
                        f.large ? geos_.own(GEOSClipByRect_r(h, f.geom, b.minx - 1, b.miny - 1, b.maxx + 1, b.maxy + 1),
                                            "clip by rectangle")
                                : geo::GeomPtr(nullptr, geo::GeomDeleter{h});
                    geo::GeomPtr local = geo::clip_large(geos_, site_, f.bounds);
                    c.piece = geos_.polygonal_part(
                        geos_.intersection(local ? local.get() : site_, near ? near.get() : f.geom).get());
                } catch (const GeometryError&) {
                    c.piece = geos_.polygonal_part(geos_.intersection(site_, f.geom).get());
                }
            }
            if (c.piece && geos_.is_empty(c.piece.get())) c.piece.reset();
        }
    }
    return cache_.emplace(key, std::move(c)).first->second;
}

const GEOSGeometry* SiteContacts::piece(const ZoneSet& set, size_t i) {
    return contact(set, i).piece.get();
}

bool SiteContacts::touches(const ZoneSet& set, size_t i) {
    return contact(set, i).distance == 0;
}

double SiteContacts::distance(const ZoneSet& set, size_t i) {
    Contact& c = contact(set, i);
    if (c.distance < 0) {
        // Indexed facet distance on a prepared geometry: the red line's thousands of vertices are
        // not compared one by one with the site's.  GEOS indexes prepared polygons and lines, not
        // points, so to a point (a receptor) the distance is measured from the prepared site.
        const ZoneFeature& f = set.features[i];
        const bool point = GEOSGeomTypeId_r(geos_.handle(), f.geom) == GEOS_POINT ||
                           GEOSGeomTypeId_r(geos_.handle(), f.geom) == GEOS_MULTIPOINT;
        if (point && !site_prepared_) site_prepared_ = geos_.prepare(site_);
        const char ok = point ? GEOSPreparedDistance_r(geos_.handle(), site_prepared_.get(), f.geom, &c.distance)
                              : GEOSPreparedDistance_r(geos_.handle(), f.prepared.get(), site_, &c.distance);
        if (!ok)
            throw make_error<GeometryError>("GEOS 计算距离出错：{}", "GEOS distance failed: {}", geos_.last_error());
    }
    return c.distance;
}

Area2 SiteContacts::part(const ZoneSet& set, const Pick& pick, std::string* labels) {
    std::vector<const GEOSGeometry*> pieces;
    std::set<std::string> seen;
    bool whole = false;
    for (size_t i = 0; i < set.features.size(); ++i) {
        const ZoneFeature& f = set.features[i];
        if (!pick(f)) continue;
        const GEOSGeometry* p = piece(set, i);
        if (!p) continue;
        pieces.push_back(p);
        whole |= contact(set, i).whole;
        if (labels && seen.insert(f.label).second) *labels += (labels->empty() ? "" : "; ") + f.label;
    }
    if (pieces.empty()) return Area2{};
    if (whole) return site_area_;  // one feature holds all of it: the union is the site
    // The zones touched and the rules often ask for the same union (a value's features): measured once.
    auto key = std::make_pair(&set, std::vector<const GEOSGeometry*>(pieces));
    if (auto it = unions_.find(key); it != unions_.end()) return it->second;
    const Area2 a = union_area(pieces);
    unions_.emplace(std::move(key), a);
    return a;
}

Area2 SiteContacts::union_area(const std::vector<const GEOSGeometry*>& pieces) const {
    if (pieces.size() == 1) return measure_(pieces.front());
    std::vector<geo::GeomPtr> copies;
    for (const auto* p : pieces) copies.push_back(geos_.clone(p));
    return measure_(geos_.union_all(std::move(copies)).get());
}

}  // namespace ecozone::analysis::screening
