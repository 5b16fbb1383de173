#pragma once
// What depends on each layer role: which rules of the list, which indicators and which screening
// figures cannot be assessed without it.  One table serves `check` (which lists, for every role
// the project lacks, what goes unassessed), `screen` and `indicators` (which refuse to run
// without the red line and the reserve's zones unless the project declares them optional).
#include "layers/note.h"
#include "layers/project.h"
#include "layers/rules.h"

#include <string>
#include <vector>

namespace ecozone::analysis {

struct AbsentRole {
    layers::VectorRole role;
    bool declared_absent = false;       // `optional = true` in the project file
    bool required = false;              // screen and indicators refuse without it unless declared
    std::vector<std::string> rule_ids;  // rules of the rules file that cannot be assessed
    std::vector<layers::Note> figures;  // indicators and screening figures that cannot be assessed
};

// Every role the project lacks on which some rule or figure depends, in role order.  `rules`
// may be null (no rules file, or it failed to load).
std::vector<AbsentRole> absent_roles(const layers::Project& project, const layers::RuleList* rules);

// Whether the project has river buffer belts (its own polygons, or widths on the river lines).
bool has_river_belts(const layers::Project& project);

// Throws DataError naming the project file and the fix when a role `command` needs (the red line,
// the reserve's zones) is neither in the project nor declared optional.
void require_core_roles(const layers::Project& project, const std::string& command);

// Every vector layer screening may use — zones for rules and distances, the land use, the sites,
// the administrative units that locate a site; no rasters.  `screen` and `serve` read these.
std::vector<layers::VectorRole> screening_roles();

// The Chinese / English sentence a report writes for an unassessed figure: "未评估（缺少图层：生态保护红线）".
layers::Note not_assessed_note(const std::vector<layers::VectorRole>& missing);

}  // namespace ecozone::analysis
