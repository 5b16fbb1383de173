#pragma once
// Enumerated options (--area-mode, --lang, --scope, --skip-stage, the indicator bases) accept the
// value scripts and project files write (planar) or the Chinese words a planner types (平面,
// 平面面积); the Chinese is turned into the value as soon as the option is parsed, so that the
// commands only ever see the values.
#include "cli/lang.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace ecozone::cli {

struct Choice {
    std::string value;                 // what the command sees: "planar"
    std::vector<std::string> aliases;  // what people may type instead: 平面, 平面面积
};

// The validator that accepts a choice's value or any alias and rewrites the input to the value;
// its help label and its error list the values (with their first alias in Chinese help).
CLI::Validator choice_of(std::vector<Choice> choices, const Lang& t);

// The choices shared by several commands.
std::vector<Choice> area_mode_choices();
std::vector<Choice> lang_choices();

}  // namespace ecozone::cli
