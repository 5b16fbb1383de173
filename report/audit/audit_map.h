#pragma once
// The overview map of audit.html, as SVG: the district with its township boundaries, the reserve's
// functional zones each in its own fill, the red line, and every patch as a circle in its
// activity's colour, numbered as in the patch list.
#include "analysis/patch_register.h"
#include "report/common/lang.h"

#include <string>
#include <vector>

namespace ecozone::report {

// Patches without a polygon are neither drawn nor numbered, as in the list.
std::string audit_overview_map(const std::vector<analysis::PatchRecord>& records, const layers::Catalogue& c,
                               const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::report
