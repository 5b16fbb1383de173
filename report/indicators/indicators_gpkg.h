#pragma once
// indicators.gpkg: units with their indicator attributes, the qualifying forest polygons, and
// the protected wetland (wetland ∩ protection) — for checking the figures in a GIS.
#include "analysis/indicators.h"
#include "report/common/lang.h"

#include <string>

namespace ecozone::report {

void write_indicators_gpkg(const std::string& path, const analysis::IndicatorResult& r,
                           const layers::Catalogue& c, const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::report
