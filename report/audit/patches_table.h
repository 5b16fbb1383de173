#pragma once
// The patch register officers take into the field, one row per patch in the record order of
// docs/audit.md §5: id, protected area, year, batch, image dates, activity, change type, zones
// (with the area in each), area, centre in lon/lat and Gauss-Krüger X/Y, township and village,
// red line, road length, the empty verification fields, confidence and grade.  patches.csv and
// patches.xlsx.
#include "analysis/patch_register.h"
#include "report/audit/audit_context.h"
#include "report/common/lang.h"
#include "report/common/table.h"

#include <vector>

namespace ecozone::report {

Table patches_table(const std::vector<analysis::PatchRecord>& records, const AuditContext& a, const Lang& t);

}  // namespace ecozone::report
