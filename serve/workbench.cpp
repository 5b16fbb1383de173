#include "serve/workbench.h"

#include "analysis/role_dependencies.h"
#include "geo/errors.h"

namespace ecozone::serve {

namespace {

// The project's rules file, or the error `ecozone screen` gives without one.
layers::RuleList rules_of(const layers::Project& project) {
    if (!project.rules_path) {
        throw make_error<DataError>("{}：没有 [rules] 路径；选址筛查需要规则文件（“一单”）",
                                    "{}: no [rules] path; screening needs the rules file (the one list)",
                                    project.file);
    }
    return layers::load_rules(*project.rules_path);
}

// Every zone layer a rule or a distance may need, the land use and the sites; no rasters (the
// roles `ecozone screen` reads).
layers::Catalogue screening_catalogue(const layers::Project& project, const geo::GeosContext& geos) {
    analysis::require_core_roles(project, "serve");
    return layers::load_catalogue(project, geos, analysis::screening_roles());
}

}  // namespace

Workbench::Workbench(const std::string& project_path, int screeners)
    : Workbench(layers::load_project(project_path), screeners) {}

Workbench::Workbench(const layers::Project& project, int screeners)
    : rules_(rules_of(project)),
      catalogue_(screening_catalogue(project, geos_)),
      mode_(geo::parse_area_mode(project.area_mode)) {
    analysis::ScreeningOptions options;
    options.mode = mode_;
    options.footprint_m = footprint_m_;
    screeners_ = std::make_unique<ScreenerPool>(catalogue_, rules_, options, screeners);
}

Workbench::~Workbench() = default;

}  // namespace ecozone::serve
