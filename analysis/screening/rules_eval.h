#pragma once
// Stage 5 of screening: which rules of the list fire for the site's category, which could not
// be assessed because their layer is missing, which decide, and the verdict.
#include "analysis/screening.h"
#include "analysis/screening/contacts.h"
#include "analysis/screening/zone_sets.h"

namespace ecozone::analysis::screening {

struct RulesOutcome {
    std::vector<FiredRule> fired;              // deciding ones first, strictest first, then in list order
    std::vector<UnassessedRule> not_assessed;  // in list order
    layers::Verdict verdict = layers::Verdict::Allowed;
};

RulesOutcome evaluate_rules(const layers::RuleList& rules, const std::string& category, const ZoneSets& zones,
                            SiteContacts& contacts, const Area2& site_area, geo::AreaMode mode);

// The part a rule plays in a verdict (see RuleRole), given whether it was set aside by a
// special law and the site's verdict.
RuleRole role_in_verdict(const layers::Rule& rule, bool deciding, layers::Verdict site_verdict);

}  // namespace ecozone::analysis::screening
