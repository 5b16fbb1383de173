#pragma once
// One provenance manifest for a whole campaign (DIR/merged/provenance.json): every task's county,
// job and exact command, what it took (seconds, peak memory), every input file of its county
// with its SHA-256 (from the task's own report, which hashed them while it ran), and the task's
// output files with theirs (its <set>.manifest.json).  An auditor re-checks any county's figure
// from this one file.
#include "analysis/campaign/plan.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ecozone::report {

// The report a task's job writes ("indicators.json", "screening.json", "audit.json") and its
// output set's name ("indicators", "screening", "audit").
std::string job_report_name(const std::string& job);
std::string job_set_name(const std::string& job);

// Reads each task's report and manifest.  DataError naming the file when one is missing or not
// JSON (a task recorded as done always has them).
nlohmann::json campaign_provenance(const analysis::campaign::Plan& plan, const std::string& merged_utc,
                                   const std::string& command_line);

// A JSON file read whole; DataError naming it when it cannot be read or parsed.
nlohmann::json read_json_file(const std::string& path);

}  // namespace ecozone::report
