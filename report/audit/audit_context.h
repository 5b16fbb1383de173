#pragma once
// What one run of `ecozone audit` knows beside the patch records: the protected area, year and
// batch, the two images, the noise-suppression statistics and options, the register's scope and
// the notes made while aligning the dates.  Every output of the audit reads it (the register's
// table here, patches.gpkg, audit.json and audit.html in cli/audit_report.h).
#include "analysis/change_patches.h"
#include "layers/note.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ecozone::report {

struct AuditContext {
    std::string reserve_name;  // 宁夏罗山国家级自然保护区, or the district name
    int year = 0, batch = 1;
    std::string date_before, date_after;
    std::string before_path, after_path;
    analysis::PatchStats stats;
    analysis::PatchOptions options;
    double pixel_size_m = 0;             // of the compared grid; 0 when an external patch layer was registered
    bool protected_only = false;         // only patches touching the reserve or the red line are registered
    std::int64_t outside_protected = 0;  // patches left out by that scope
    bool has_previous = false;
    std::int64_t rejected_listed = 0;  // candidates written to rejected.gpkg (in the register's scope)
    std::vector<layers::Note> notes;   // e.g. grids aligned, a raster reprojected
    // Raster class value -> "0301 乔木林地" (code and name of [[raster_classes]]), so that no table
    // shows a bare raster value; a value the table lacks is shown as the number.
    std::map<std::int32_t, std::string> class_names;
    std::string class_name(std::int32_t value) const {
        auto it = class_names.find(value);
        return it == class_names.end() ? std::to_string(value) : it->second;
    }
};

}  // namespace ecozone::report
