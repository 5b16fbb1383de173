#pragma once
// "Did you mean ...?" for typo'd keys, roles and categories.
#include <string>
#include <vector>

namespace ecozone::layers {

// Edit distance (Levenshtein) between two byte strings.
size_t edit_distance(const std::string& a, const std::string& b);
// The known word closest to `word` if it is plausibly a typo of it (distance ≤ 1/3 of its
// length, at least 1), else "".
std::string closest_match(const std::string& word, const std::vector<std::string>& known);

}  // namespace ecozone::layers
