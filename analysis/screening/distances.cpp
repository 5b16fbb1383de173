#include "analysis/screening/distances.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ecozone::analysis::screening {

using layers::VectorRole;

std::pair<double, size_t> nearest_in(const ZoneSet& set, SiteContacts& contacts, const SiteContacts::Pick& pick) {
    // Candidates in order of their bounding-box distance; stop once that exceeds the best found.
    const auto& sb = contacts.site_bounds();
    std::vector<std::pair<double, size_t>> order;
    for (size_t i = 0; i < set.features.size(); ++i) {
        if (!pick(set.features[i])) continue;
        const auto& b = set.features[i].bounds;
        const double dx = std::max({0.0, b.minx - sb.maxx, sb.minx - b.maxx});
        const double dy = std::max({0.0, b.miny - sb.maxy, sb.miny - b.maxy});
        order.emplace_back(std::hypot(dx, dy), i);
    }
    std::sort(order.begin(), order.end());
    double best = std::numeric_limits<double>::infinity();
    size_t best_i = 0;
    for (const auto& [box_d, i] : order) {
        if (box_d > best) break;
        const double d = contacts.distance(set, i);
        if (d < best) {
            best = d;
            best_i = i;
        }
    }
    return {best, best_i};
}

namespace {

Distance measure(const std::string& what, const ZoneSet& set, SiteContacts& contacts, const SiteContacts::Pick& pick) {
    Distance d;
    d.what = what;
    const auto [best, i] = nearest_in(set, contacts, pick);
    if (std::isfinite(best)) {
        d.metres = best;
        d.inside = best == 0.0;
        d.nearest_name = set.features[i].name;
        d.nearest_feature = static_cast<long>(i);
    }
    return d;
}

}  // namespace

std::vector<Distance> nearest_distances(const ZoneSets& zones, SiteContacts& contacts) {
    std::vector<Distance> out;
    auto all = [](const ZoneFeature&) { return true; };
    if (const ZoneSet* lines = zones.layer(VectorRole::Rivers)) out.push_back(measure("river", *lines, contacts, all));
    if (const ZoneSet* belts = zones.belts()) out.push_back(measure("river_belt", *belts, contacts, all));
    for (auto [what, role] :
         {std::pair{"water_source", VectorRole::WaterSources}, std::pair{"reserve", VectorRole::ReserveZones},
          std::pair{"redline", VectorRole::Redline}}) {
        if (const ZoneSet* set = zones.layer(role)) out.push_back(measure(what, *set, contacts, all));
    }
    if (const ZoneSet* receptors = zones.layer(VectorRole::Receptors)) {
        for (const char* kind : {"home", "school", "hospital", "elderly_care"}) {
            out.push_back(measure(std::string("receptor:") + kind, *receptors, contacts,
                                  [&](const ZoneFeature& f) { return f.value == kind; }));
        }
    }
    return out;
}

}  // namespace ecozone::analysis::screening
