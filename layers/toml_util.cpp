#include "layers/toml_util.h"

#include "geo/errors.h"
#include "layers/text_match.h"

#include <fmt/format.h>

namespace ecozone::layers {

void toml_fail(const std::string& file, const toml::source_region& where, const Note& message) {
    if (where.begin.line > 0) {
        throw make_error<DataError>("{0} 第 {1} 行：{2}", "{0}:{1}: {3}", file, where.begin.line, message.zh,
                                    message.en);
    }
    throw make_error<DataError>("{0}：{1}", "{0}: {2}", file, message.zh, message.en);
}

Note suggestion(const std::string& word, const std::vector<std::string>& known) {
    const std::string best = closest_match(word, known);
    if (best.empty()) return {};
    return make_note("是不是要写“{}”？", "did you mean '{}'? ", best);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace ecozone::layers
