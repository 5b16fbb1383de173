#include "layers/toml_util.h"

#include "geo/errors.h"
#include "layers/text_match.h"

#include <fmt/format.h>

namespace ecozone::layers {

void toml_fail(const std::string& file, const toml::source_region& where, const std::string& message) {
    if (where.begin.line > 0) throw DataError(fmt::format("{}:{}: {}", file, where.begin.line, message));
    throw DataError(fmt::format("{}: {}", file, message));
}

std::string suggestion(const std::string& word, const std::vector<std::string>& known) {
    const std::string best = closest_match(word, known);
    return best.empty() ? "" : fmt::format("did you mean '{}'? ", best);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace ecozone::layers
