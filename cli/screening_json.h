#pragma once
// screening.json (every figure, English keys) and screening.csv (one row per site, UTF-8 with
// BOM, headers in the planners' language).
#include "analysis/screening.h"
#include "cli/lang.h"
#include "cli/provenance.h"

#include <nlohmann/json.hpp>

namespace ecozone::cli {

nlohmann::json screening_json(const std::vector<analysis::SiteResult>& results, const layers::Catalogue& c,
                              const layers::RuleList& rules, const Provenance& p, geo::AreaMode mode);
std::string screening_csv(const std::vector<analysis::SiteResult>& results, const layers::RuleList& rules,
                          geo::AreaMode mode, const Lang& t);

}  // namespace ecozone::cli
