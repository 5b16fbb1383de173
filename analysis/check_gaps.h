#pragma once
// The gaps `ecozone check` reports beyond each layer's own problems: roles the project lacks and
// what goes unassessed without them, the special-shrubland source of forest coverage, river belts
// given twice, and site industries that name no category of the rules file.
#include "analysis/project_check.h"
#include "layers/rules.h"

#include <map>
#include <vector>

namespace ecozone::analysis {

// For each absent role: the rules and figures that depend on it (warnings).
std::vector<Finding> absent_role_findings(const layers::Project& project, const layers::RuleList* rules);

// Forest coverage on the post-三调 basis needs the special-shrubland flag, a layer of such areas,
// or the county's word that it has none; otherwise every 0305 (its area measured in `landuse`)
// is left out, and the warning says how much.
std::vector<Finding> special_shrubland_findings(const layers::Project& project, const layers::VectorLayer* landuse,
                                                const geo::AreaCalculator& calc, geo::AreaMode mode);

// The sites' industry values, through the project's value map, must name categories of the
// rules file (as `screen` will require).
std::vector<Finding> site_category_findings(const layers::Project& project, const layers::VectorLayer* sites,
                                            const layers::RuleList* rules);

// River belts given both as widths on [layers.rivers] and as [layers.river_buffers].
std::vector<Finding> river_belt_findings(const layers::Project& project);

}  // namespace ecozone::analysis
