#pragma once
// The outputs of `ecozone audit` beside the register's table (report/audit/patches_table.h, written
// as patches.csv and patches.xlsx): patches.gpkg (polygons with every attribute), audit.json and audit.html
// (summary tables, an overview map, and before/after images of each patch).
#include "analysis/change_patches.h"
#include "analysis/patch_register.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"
#include "layers/class_raster.h"
#include "report/audit/audit_context.h"
#include "report/audit/audit_html.h"
#include "report/audit/register_labels.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ecozone::report {

// The audit's run context and the register's words live with the register's table (report/audit).
using report::activity_name;
using report::AuditContext;
using report::change_name;
using report::grade_name;
using report::zone_name;

nlohmann::json audit_json(const std::vector<analysis::PatchRecord>& records, const AuditContext& a, const Provenance& p);
void write_audit_gpkg(const std::string& path, const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                      int epsg, const geo::GeosContext& geos, const Lang& t);
// rejected.gpkg: the candidates the filter stages removed, with the stage and the reason.
void write_rejected_gpkg(const std::string& path, const std::vector<analysis::PatchRecord>& rejected, int epsg,
                         const geo::GeosContext& geos, const Lang& t);
std::map<std::string, int> grade_counts(const std::vector<analysis::PatchRecord>& records);

}  // namespace ecozone::report
