#pragma once
// The words of a rule, a category and a control unit in the report's language, shared by
// screening.html and the per-site PDF so that the two never word a rule differently.
#include "analysis/screening.h"
#include "layers/rules.h"
#include "report/common/lang.h"

#include <string>

namespace ecozone::report {

// The rules file's name of a category ("光伏、风电"); the id itself when the file lacks it.
std::string category_label(const layers::RuleList& rules, const std::string& id, const Lang& t);
// A rule's message and requirement, English when asked and given, else the Chinese.
std::string message_of(const layers::Rule& r, const Lang& t);
std::string requirement_of(const layers::Rule& r, const Lang& t);
// "document article；另见 document article …".
std::string citation_text(const layers::Rule& r, const Lang& t);
// The zone a rule concerns, in words: "自然保护区 核心区", "河流生态缓冲带 周边 500 米内", "… 以外".
std::string rule_zone_text(const layers::Rule& rule, const Lang& t);
// What a fired rule does to the site's verdict: 决定结论 / 另有限制 / 条件/提示, or set aside
// naming the deciding rules whose special law prevails.
std::string rule_role_text(const analysis::FiredRule& f, const analysis::SiteResult& r, const Lang& t);
// An environmental control unit's type ("priority" / "key" / "general") in words.
std::string control_unit_type(const std::string& type, const Lang& t);

}  // namespace ecozone::report
