#pragma once
// The provenance section every HTML report ends with: each input file with its size and SHA-256,
// then the run (tool version, run id, time, command, project file).
#include "report/common/lang.h"
#include "report/common/provenance.h"

#include <string>

namespace ecozone::report {

// `run_label` names the run id in the report's language ("运行编号", "筛查编号", ...).
// `document`: the file the table is written into, listed with its own id (provenance.h).
std::string provenance_html(const Provenance& p, const Lang& t, const std::string& run_label,
                            const std::string& document);

}  // namespace ecozone::report
