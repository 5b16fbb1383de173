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
    if (GeomPtr park = corridor(geos, m, "苦水河", 900); park && !geos.is_empty(park.get())) {
        m.wetland_parks.push_back({"宁夏红寺堡苦水河国家湿地公园（样例）", std::move(park)});
    }
    if (GeomPtr wet = corridor(geos, m, "清水河", 700); wet && !geos.is_empty(wet.get())) {
        m.important_wetlands.push_back({"清水河自治区重要湿地（样例）", std::move(wet)});
    }
}

}  // namespace ecozone::samplegen
