#pragma once
// One note — what was assumed or repaired while reading or screening a site, how a layer's
// text encoding was decided, what `check` found in a project, what `audit` had to align — in
// both languages.  Planner-facing reports are Chinese by default and English with --lang en, and
// the notes are made long before any report is written (while reading a file, while screening),
// so each note carries both sentences and every writer picks the one it was asked for.  JSON
// reports keep their keys English and carry both (see cli/screening_json.cpp).
#include <fmt/format.h>

#include <string>
#include <utility>

namespace ecozone::layers {

struct Note {
    std::string zh;  // planner-quality Chinese: 带号, 圈, 地块面积, 公顷 …
    std::string en;  // the same sentence in English

    const std::string& in(bool english) const { return english ? en : zh; }
    bool operator==(const Note& o) const { return zh == o.zh && en == o.en; }
    bool operator!=(const Note& o) const { return !(*this == o); }
};

// A note from two format strings filled with the same arguments, so that the numbers read the
// same in both languages: make_note("第 {} 圈未闭合", "ring {} was not closed", 2).
template <typename... Args>
Note make_note(fmt::format_string<Args...> zh, fmt::format_string<Args...> en, Args&&... args) {
    return {fmt::vformat(zh, fmt::make_format_args(args...)), fmt::vformat(en, fmt::make_format_args(args...))};
}

// A sentence that exists in English only — an error thrown deep in the readers, whose what()
// names the file, the feature and the fix — carried in both fields so that every writer can
// still pick a language without a special case.
inline Note untranslated(std::string text) {
    return {text, std::move(text)};
}

}  // namespace ecozone::layers
