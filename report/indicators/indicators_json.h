#pragma once
// indicators.json: every figure of the indicator report, with its method and provenance.
// Keys are English; areas in hectares (4 decimals) and m².
#include "analysis/indicators.h"
#include "report/common/provenance.h"

#include <nlohmann/json.hpp>

namespace ecozone::report {

nlohmann::json indicators_json(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Provenance& p);

// Hectares from m², to 4 decimals (the land survey's reporting precision).
double to_ha(double m2);

}  // namespace ecozone::report
