#pragma once
// `ecozone check`: is a project's data fit for analysis?  Every layer is read (a failure is
// recorded, not thrown, so one run reports every problem), then checked against its role:
// fields, value maps, geometry family, validity, position relative to the district, and the
// land-use and township partitions.
#include "analysis/coverage.h"
#include "layers/catalogue.h"
#include "layers/note.h"

#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis {

enum class Severity { Info, Warning, Problem };
const char* to_string(Severity s);

// One line naming the file and the fix, in both languages: check composes its own sentences
// in Chinese and English; an error a reader threw (English only) is carried in both fields.
struct Finding {
    Severity severity = Severity::Info;
    layers::Note message;
};

struct LayerCheck {
    std::string role;          // "landuse", "landuse_raster", ...
    std::string label_zh, label_en;
    std::string path;          // as written in the project file
    bool raster = false;
    bool readable = false;
    std::string driver;
    std::string crs_name;
    std::optional<int> epsg;
    std::string geometry_type;
    std::int64_t features = 0;       // vector: features kept; raster: pixels
    std::string encoding, encoding_source;
    std::vector<std::int64_t> repaired_fids, empty_fids, collapsed_fids;
    std::vector<Finding> findings;
    Severity worst() const;
};

struct CoverageCheck {
    std::string what;     // "landuse", "townships"
    CoverageResult result;
    double tolerance_m2 = 0;
    bool ok() const;
};

struct CheckReport {
    std::string project_file, project_name;
    layers::WorkingCrs working;
    std::string area_mode;
    std::vector<LayerCheck> layers;
    std::vector<CoverageCheck> coverage;
    std::vector<Finding> findings;   // project-level
    int count(Severity s) const;
};

CheckReport check_project(const layers::Project& project, const geo::GeosContext& geos);

}  // namespace ecozone::analysis
