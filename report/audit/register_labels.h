#pragma once
// The words of the patch register (docs/audit.md §1, §3a, §6) in the report's language, shared by
// every audit output: activity types "02 居民点", change types "1 新增", functional zones 核心区 …,
// confidence grades 高 / 中 / 低.
#include "report/common/lang.h"

#include <string>

namespace ecozone::report {

// "02" -> "02 居民点" / "02 settlement"; an unknown code is returned as given.
std::string activity_name(const std::string& code, const Lang& t);
// "core" -> 核心区, "general_control" -> 一般控制区 …; anything else is 非保护地.
std::string zone_name(const std::string& zone, const Lang& t);
// The colour of an activity type on every map and in the QGIS style ("#e31a1c" for 02 居民点);
// grey for a code the register does not name.
std::string activity_colour(const std::string& code);
// "new" / "expanded" / "reduced" / "restored" / "unchanged" -> "1 新增" …; without a previous
// register every patch is new.
std::string change_name(const std::string& change, const Lang& t);
// 高 / 中 / 低 for a confidence from 0 to 1.
std::string grade_name(double confidence, const Lang& t);

}  // namespace ecozone::report
