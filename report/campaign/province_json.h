#pragma once
// province_indicators.json: the province's figures (sums, and the ratios recomputed from them),
// each county's figures as it reported them, the rules of the merge and the campaign's identity.
// Keys English, sentences in both languages (reason / reason_en), as every ecozone JSON.
#include "analysis/campaign/plan.h"
#include "analysis/campaign/province_indicators.h"

#include <nlohmann/json.hpp>

namespace ecozone::report {

nlohmann::json province_json(const analysis::campaign::Plan& plan,
                             const std::vector<analysis::campaign::CountyFigures>& counties,
                             const analysis::campaign::ProvinceFigures& province, const std::string& merged_utc);

}  // namespace ecozone::report
