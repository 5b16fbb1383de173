#pragma once
// screening.json: every figure, English keys; written once for every --lang, so texts come in
// both languages (a rule's message / message_en, a site's notes / notes_en).  screening.csv and
// screening.xlsx are rendered from report/screening/screening_table.h.
#include "analysis/screening.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"

#include <nlohmann/json.hpp>

namespace ecozone::report {

nlohmann::json screening_json(const std::vector<analysis::SiteResult>& results, const layers::Catalogue& c,
                              const layers::RuleList& rules, const Provenance& p, geo::AreaMode mode);

}  // namespace ecozone::report
