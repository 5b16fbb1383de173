#pragma once
// The planner's names of the zones a site touches, shared by every screening output: a report
// never shows the internal keys (reserve_zones/core) a rules file uses.
#include "analysis/screening.h"
#include "report/common/lang.h"

#include <string>

namespace ecozone::report {

// Planner-facing name of a canonical zone value: core -> 核心区 / core zone, level1 -> 一级保护区,
// priority -> 优先保护单元, school -> 学校, ...; unknown values are returned as given.
std::string zone_value_label(const std::string& value, const Lang& t);
// "自然保护区功能区 核心区", "生态保护红线", "河流生态缓冲带 苦水河" for one overlap.
std::string zone_overlap_label(const analysis::ZoneOverlap& z, const Lang& t);

}  // namespace ecozone::report
