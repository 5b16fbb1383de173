#pragma once
// The provenance section every HTML report ends with: each input file with its size and SHA-256,
// then the run (tool version, run id, time, command, project file).
#include "cli/lang.h"
#include "cli/provenance.h"

#include <string>

namespace ecozone::cli {

// `run_label` names the run id in the report's language ("运行编号", "筛查编号", ...).
std::string provenance_html(const Provenance& p, const Lang& t, const std::string& run_label);

}  // namespace ecozone::cli
