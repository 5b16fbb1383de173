#pragma once
// One row per screened site: id, name, category, township and village, verdict and whether it is
// complete, the deciding rules and the rules not assessed, area, zones touched, distances to the
// river, its buffer belt, water source, reserve, red line, nearest school and home, the notes (and
// the error of a site not screened), the area mode.  screening.csv and screening.xlsx
// (docs/screening.md).
#include "analysis/screening.h"
#include "layers/rules.h"
#include "report/common/lang.h"
#include "report/common/table.h"

#include <vector>

namespace ecozone::report {

Table screening_table(const std::vector<analysis::SiteResult>& results, const layers::RuleList& rules,
                      geo::AreaMode mode, const Lang& t);

}  // namespace ecozone::report
