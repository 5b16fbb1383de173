#pragma once
// Where a command finds its project when none is given on the command line.
#include "cli/lang.h"

#include <string>

namespace ecozone::cli {

// The project file to use: `given` if not empty; else $ECOZONE_PROJECT; else
// sample_shapefiles/hongsibu.toml under the current directory.  Throws UsageError when
// nothing is found, saying how to name one.
std::string resolve_project_path(const std::string& given);
// The default above, as the help of PROJECT says it.
std::string default_project_hint(const Lang& t);

}  // namespace ecozone::cli
