#pragma once
// The province's indicator table: one row per county as each reported itself, then the province
// row recomputed from the sums (analysis/campaign/province_indicators.h).  Rendered as CSV, as a
// workbook sheet and in the HTML report, so that the three say the same thing.
#include "analysis/campaign/province_indicators.h"
#include "report/common/lang.h"
#include "report/common/table.h"

#include <string>
#include <vector>

namespace ecozone::report {

Table province_table(const std::string& province_name, const std::vector<analysis::campaign::CountyFigures>& counties,
                     const analysis::campaign::ProvinceFigures& province, const Lang& t);

// "未评估：县 A、B 缺少该指标" for a province figure some counties lack.
std::string not_assessed_text(const analysis::campaign::ProvinceRatio& r, const Lang& t);

}  // namespace ecozone::report
