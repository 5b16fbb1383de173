#pragma once
// `ecozone campaign merge DIR`: the province's outputs from the counties' tasks, in DIR/merged/
// (one OutputSet, so a merge killed half way leaves the previous merged set or none):
//   indicators tasks  province_indicators.json/.csv/.xlsx/.gpkg/.html (exact sums, county rows);
//   audit tasks       patches.gpkg + patches.csv (the registers concatenated, ids unique);
//   screen tasks      screening.csv (concatenated, with a county column);
//   always            provenance.json (every task's inputs and outputs with their checksums).
// Refuses, naming them, while any task is not done: a province table missing a county would be
// silently wrong.
#include "analysis/campaign/plan.h"
#include "analysis/campaign/province_indicators.h"
#include "report/common/lang.h"

#include <optional>
#include <string>
#include <vector>

namespace ecozone::report {

struct CampaignMergeResult {
    std::vector<std::string> files;  // final paths
    std::optional<analysis::campaign::ProvinceFigures> province;  // when the campaign ran indicators
    std::size_t counties = 0;
    std::size_t patches = 0;
    std::size_t screened_rows = 0;
};

CampaignMergeResult merge_campaign(const analysis::campaign::Plan& plan, const Lang& t, const std::string& command_line);

}  // namespace ecozone::report
