#pragma once
// screening.json (every figure, English keys; written once for every --lang, so texts come in
// both languages: a rule's message / message_en, a site's notes / notes_en) and screening.csv
// (one row per site, UTF-8 with BOM, headers and notes in the planners' language).
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
