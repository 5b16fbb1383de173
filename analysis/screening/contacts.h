#pragma once
// What one site does to each zone feature — the overlap piece and the distance — measured once
// per site and reused by every stage that asks (zones touched, rules, distances).  The cache is
// keyed by the zone set and the feature, so the belt of a river and the river's line, which are
// different sets, never answer for each other.
#include "analysis/screening.h"
#include "analysis/screening/zone_sets.h"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ecozone::analysis::screening {

// Both official areas of a geometry.
struct Measure {
    const geo::AreaCalculator& calc;
    Area2 operator()(const GEOSGeometry* g) const {
        return {calc.area(g, geo::AreaMode::Ellipsoidal), calc.area(g, geo::AreaMode::Planar)};
    }
};

// The smallest overlap counted as one: touching along an edge leaves slivers of rounding size.
double tiny_area(double site_planar_m2);

class SiteContacts {
public:
    // `site` must outlive this object; `site_area` is its area (reused wherever the site lies
    // wholly inside a feature, instead of measuring its many vertices again).
    SiteContacts(const geo::GeosContext& geos, const GEOSGeometry* site, const Area2& site_area,
                 const Measure& measure);

    // site ∩ feature i of `set` (areal features only); null when they do not overlap.
    const GEOSGeometry* piece(const ZoneSet& set, size_t i);
    // Whether the site touches or overlaps feature i (distance 0).
    bool touches(const ZoneSet& set, size_t i);
    // Distance (m) from the site to feature i; 0 when they touch.
    double distance(const ZoneSet& set, size_t i);

    using Pick = std::function<bool(const ZoneFeature&)>;
    // Area of the union of the overlap pieces of the picked features (features of one layer may
    // overlap: union, never sum).  `labels`, if given, receives the touched features' labels.
    Area2 part(const ZoneSet& set, const Pick& pick, std::string* labels = nullptr);

    const geo::GeosContext::Bounds& site_bounds() const { return bounds_; }

private:
    struct Contact {
        geo::GeomPtr piece;    // site ∩ feature, null when disjoint or not areal
        bool whole = false;    // the piece is the whole site
        double distance = -1;  // -1: not measured yet
    };
    Contact& contact(const ZoneSet& set, size_t i);

    const geo::GeosContext& geos_;
    const GEOSGeometry* site_;
    Area2 site_area_;
    Measure measure_;
    geo::GeosContext::Bounds bounds_;
    Area2 union_area(const std::vector<const GEOSGeometry*>& pieces) const;

    std::map<std::pair<const ZoneSet*, size_t>, Contact> cache_;
    std::map<std::pair<const ZoneSet*, std::vector<const GEOSGeometry*>>, Area2> unions_;
    geo::PreparedPtr site_prepared_{nullptr, geo::PreparedDeleter{geos_.handle()}};  // made on first need
};

}  // namespace ecozone::analysis::screening
