#pragma once
// The two maps of indicators.html, as SVG: forest coverage by township (classes broken at the
// target) and the forest and wetland counted, with the red line and the wetland protection.
#include "analysis/indicators.h"
#include "report/common/lang.h"

#include <string>

namespace ecozone::report {

// Townships coloured by forest coverage, each labelled with its figure.
std::string forest_coverage_map(const analysis::IndicatorResult& r, const geo::GeosContext& geos, const Lang& t);

// The land-use polygons counted as forest and as wetland on the chosen bases, township
// boundaries, the red line and the union of the wetland protection layers.
std::string forest_wetland_map(const analysis::IndicatorResult& r, const layers::Catalogue& c,
                               const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::report
