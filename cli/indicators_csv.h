#pragma once
// indicators.csv (one row per unit) and landclass.csv (the land-class table per unit, and
// inside the red line), UTF-8 with BOM for Excel, headers in the planners' language.
#include "analysis/indicators.h"
#include "cli/lang.h"

#include <string>

namespace ecozone::cli {

std::string indicators_csv(const analysis::IndicatorResult& r, const Lang& t);
std::string landclass_csv(const analysis::IndicatorResult& r, const Lang& t);

}  // namespace ecozone::cli
