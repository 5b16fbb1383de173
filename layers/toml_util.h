#pragma once
// Error helpers shared by the TOML readers (project file, rules file): one-line messages with
// the file and line, and "did you mean" suggestions.
#include "layers/note.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace ecozone::layers {

// Throws DataError "file:line: message" (or "file: message" without a line), in both languages
// ("file 第 line 行：…" in Chinese).
[[noreturn]] void toml_fail(const std::string& file, const toml::source_region& where, const Note& message);
// "did you mean 'x'? " (是不是要写“x”？) when `word` is plausibly a typo of a known word, else empty.
Note suggestion(const std::string& word, const std::vector<std::string>& known);
// "a, b, c".
std::string joined(const std::vector<std::string>& items);

}  // namespace ecozone::layers
