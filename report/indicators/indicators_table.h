#pragma once
// The indicators per unit (district first, then each township): area, forest and its coverage
// against the target, wetland and its protection rate, the red line; the raster route's figures
// and the differences between the routes when a raster was used; the area mode.  indicators.csv
// and the first sheet of indicators.xlsx.
#include "analysis/indicators.h"
#include "report/common/lang.h"
#include "report/common/table.h"

namespace ecozone::report {

Table indicators_table(const analysis::IndicatorResult& r, const Lang& t);

}  // namespace ecozone::report
