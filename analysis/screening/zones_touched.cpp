#include "analysis/screening/zones_touched.h"

#include <algorithm>
#include <functional>
#include <set>

namespace ecozone::analysis::screening {

using layers::VectorRole;

void locate(const ZoneSets& zones, SiteContacts& contacts, const geo::GeosContext& geos, std::string& township,
            std::string& village) {
    // Administrative units locate a site; no rule applies to them.
    for (auto [role, name] : {std::pair{VectorRole::Townships, &township}, std::pair{VectorRole::Villages, &village}}) {
        const ZoneSet* set = zones.layer(role);
        if (!set) continue;
        double most = 0;
        for (size_t i = 0; i < set->features.size(); ++i) {
            const GEOSGeometry* piece = contacts.piece(*set, i);
            if (!piece) continue;
            const double a = geos.planar_area(piece);
            if (a > most) {
                most = a;
                *name = set->features[i].name;
            }
        }
    }
}

namespace {

// One zone set's overlaps, grouped by `group_of` (a canonical value, or a belt's river).
void add_overlaps(const ZoneSet& set, SiteContacts& contacts, const Area2& site_area, geo::AreaMode mode,
                  const std::function<std::string(const ZoneFeature&)>& group_of, std::vector<ZoneOverlap>& out,
                  std::vector<SiteResult::ControlUnit>* units) {
    std::set<std::string> groups;
    for (size_t i = 0; i < set.features.size(); ++i) {
        if (set.features[i].areal && contacts.piece(set, i)) groups.insert(group_of(set.features[i]));
    }
    for (const auto& g : groups) {
        ZoneOverlap z;
        z.role = set.key;
        z.value = g;
        z.area = contacts.part(
            set, [&](const ZoneFeature& f) { return group_of(f) == g; }, &z.feature_names);
        if (z.area.planar_m2 <= tiny_area(site_area.planar_m2)) continue;  // touching along an edge only
        z.share = std::clamp(z.area.in(mode) / site_area.in(mode), 0.0, 1.0);
        out.push_back(z);
        if (!units) continue;
        for (size_t i = 0; i < set.features.size(); ++i) {
            if (set.features[i].value == g && contacts.piece(set, i)) {
                units->push_back({set.features[i].label, g});
            }
        }
    }
}

}  // namespace

std::vector<ZoneOverlap> zones_touched(const ZoneSets& zones, SiteContacts& contacts, const Area2& site_area,
                                       geo::AreaMode mode, std::vector<SiteResult::ControlUnit>& units) {
    std::vector<ZoneOverlap> out;
    using GroupOf = std::function<std::string(const ZoneFeature&)>;
    const GroupOf by_value = [](const ZoneFeature& f) { return f.value; };
    const GroupOf by_river = [](const ZoneFeature& f) { return f.name; };
    // In the order reports list them; the river role stands for the belts (the lines have no area).
    for (VectorRole role : {VectorRole::Redline, VectorRole::ReserveZones, VectorRole::Rivers, VectorRole::WaterSources,
                            VectorRole::Farmland, VectorRole::UrbanBoundary, VectorRole::IndustrialParks,
                            VectorRole::ControlUnits, VectorRole::WetlandParks, VectorRole::ImportantWetlands}) {
        const bool belts = role == VectorRole::Rivers;
        if (const ZoneSet* set = belts ? zones.belts() : zones.layer(role)) {
            add_overlaps(*set, contacts, site_area, mode, belts ? by_river : by_value, out,
                         role == VectorRole::ControlUnits ? &units : nullptr);
        }
    }
    return out;
}

}  // namespace ecozone::analysis::screening
