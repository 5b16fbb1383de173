#pragma once
// province_indicators.html: the province's evidence page — its three figures recomputed from the
// counties' sums, the county table (the same Table as the CSV and workbook), a choropleth of the
// counties' forest coverage around the target, the merge's rules and each county's run.
#include "analysis/campaign/plan.h"
#include "analysis/campaign/province_indicators.h"
#include "geo/geos_handle.h"
#include "report/common/lang.h"
#include "report/common/table.h"

#include <string>
#include <vector>

namespace ecozone::report {

// `outlines`: each county's outline in one projected CRS, parallel to `counties` (null: not drawn).
std::string province_html(const analysis::campaign::Plan& plan,
                          const std::vector<analysis::campaign::CountyFigures>& counties,
                          const std::vector<const GEOSGeometry*>& outlines,
                          const analysis::campaign::ProvinceFigures& province, const Table& table,
                          const geo::GeosContext& geos, const Lang& t, const std::string& merged_utc);

}  // namespace ecozone::report
