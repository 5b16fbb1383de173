#pragma once
// The outputs of `ecozone audit`: patches.csv (the field register, in the record order of docs/audit.md,
// UTF-8 with BOM), patches.gpkg (polygons with every attribute), audit.json and audit.html
// (summary tables, an overview map, and before/after images of each patch).
#include "analysis/change_patches.h"
#include "analysis/patch_register.h"
#include "cli/lang.h"
#include "cli/provenance.h"
#include "layers/class_raster.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ecozone::cli {

struct AuditContext {
    std::string reserve_name;        // 宁夏罗山国家级自然保护区, or the district name
    int year = 0, batch = 1;
    std::string date_before, date_after;
    std::string before_path, after_path;
    analysis::PatchStats stats;
    analysis::PatchOptions options;
    double pixel_size_m = 0;             // of the compared grid; 0 when an external patch layer was registered
    bool protected_only = false;         // only patches touching the reserve or the red line are registered
    std::int64_t outside_protected = 0;  // patches left out by that scope
    bool has_previous = false;
    std::int64_t rejected_listed = 0;    // candidates written to rejected.gpkg (in the register's scope)
    std::vector<layers::Note> notes;  // e.g. grids aligned, a raster reprojected
};

std::string activity_name(const std::string& code, const Lang& t);
std::string zone_name(const std::string& zone, const Lang& t);

std::string audit_csv(const std::vector<analysis::PatchRecord>& records, const AuditContext& a, const Lang& t);
nlohmann::json audit_json(const std::vector<analysis::PatchRecord>& records, const AuditContext& a, const Provenance& p);
void write_audit_gpkg(const std::string& path, const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                      int epsg, const geo::GeosContext& geos, const Lang& t);
// rejected.gpkg: the candidates the filter stages removed, with the stage and the reason.
void write_rejected_gpkg(const std::string& path, const std::vector<analysis::PatchRecord>& rejected, int epsg,
                         const geo::GeosContext& geos, const Lang& t);
std::string grade_name(double confidence, const Lang& t);
std::map<std::string, int> grade_counts(const std::vector<analysis::PatchRecord>& records);
std::string audit_html(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                       const layers::Catalogue& c, const layers::ClassRaster* before, const layers::ClassRaster* after,
                       const Provenance& p, const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::cli
