#pragma once
// The land classes of each unit by 三调 code: area, attribute area (with the field's name),
// area inside the red line, share of the unit.  landclass.csv and the second sheet of
// indicators.xlsx.
#include "analysis/indicators.h"
#include "report/common/lang.h"
#include "report/common/table.h"

namespace ecozone::report {

Table landclass_table(const analysis::IndicatorResult& r, const Lang& t);

}  // namespace ecozone::report
