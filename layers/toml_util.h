#pragma once
// Error helpers shared by the TOML readers (project file, rules file): one-line messages with
// the file and line, and "did you mean" suggestions.
#include <toml++/toml.h>

#include <string>
#include <vector>

namespace ecozone::layers {

// Throws DataError "file:line: message" (or "file: message" without a line).
[[noreturn]] void toml_fail(const std::string& file, const toml::source_region& where, const std::string& message);
// "did you mean 'x'? " when `word` is plausibly a typo of a known word, else "".
std::string suggestion(const std::string& word, const std::vector<std::string>& known);
// "a, b, c".
std::string joined(const std::vector<std::string>& items);

}  // namespace ecozone::layers
