#include "samplegen/wetlands.h"

#include "samplegen/shapes.h"

namespace ecozone::samplegen {

namespace {

// The corridor within `half_width` of a river's course, inside the district.
GeomPtr corridor(const GeosContext& geos, const Model& m, const std::string& river, double half_width) {
    for (const auto& r : m.rivers) {
        if (r.name != river || geos.is_empty(r.line.get())) continue;
        GeomPtr band = buffer(geos, r.line.get(), half_width);
        return as_multipolygon(geos, geos.intersection(band.get(), m.district.get()).get());
    }
    return GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
}

}  // namespace

void make_wetland_protection(const GeosContext& geos, Model& m) {
    for (const WetlandSpec& w : m.profile->wetlands) {
        GeomPtr area = corridor(geos, m, w.river, w.half_width_m);
        if (!area || geos.is_empty(area.get())) continue;
        (w.important ? m.important_wetlands : m.wetland_parks).push_back({w.name, std::move(area)});
    }
}

}  // namespace ecozone::samplegen
