#pragma once
// The words of a rule and a category in the report's language, shared by screening.html and the
// per-site PDF so that the two never word a rule differently.
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

}  // namespace ecozone::report
