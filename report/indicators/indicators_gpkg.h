#pragma once
// indicators.gpkg: units with their indicator attributes, the qualifying forest polygons, and
// the protected wetland (wetland ∩ protection) — for checking the figures in a GIS.
#include "analysis/indicators.h"
#include "cli/lang.h"

#include <string>

namespace ecozone::cli {

void write_indicators_gpkg(const std::string& path, const analysis::IndicatorResult& r,
                           const layers::Catalogue& c, const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::cli
