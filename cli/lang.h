#pragma once
// Planner-facing text is Chinese by default, English with --lang en.  JSON keys stay English.
// The commands share the reports' Lang (report/common/lang.h): one switch for every output.
#include "report/common/lang.h"

namespace ecozone::cli {

using report::Lang;
using report::make_lang;

}  // namespace ecozone::cli
