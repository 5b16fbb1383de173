#pragma once
// The reporting units of an analysis: the district as a whole, then each township.
#include "geo/area.h"
#include "layers/catalogue.h"

#include <string>
#include <vector>

namespace ecozone::analysis {

struct Zone {
    std::string name;
    std::string code;
    bool district = false;
    geo::GeomPtr geom;   // in the working CRS
    double area_m2 = 0;  // in the analysis's area mode
};

// District first (the union of the district layer's features), then every township clipped to
// the district.  Townships are optional; a township lying wholly outside the district is a
// DataError naming it ("wrong file or wrong CRS").
std::vector<Zone> build_zones(const layers::Catalogue& catalogue, const geo::GeosContext& geos,
                              const geo::AreaCalculator& calc, geo::AreaMode mode);

// Union of the polygonal features of a layer (nullptr geometry if the layer is absent/empty).
geo::GeomPtr union_of(const layers::VectorLayer* layer, const geo::GeosContext& geos);

}  // namespace ecozone::analysis
