#pragma once
// CLI11's own words in the terminal's language: the help's section labels and type names
// (Usage → 用法, OPTIONS → 选项, TEXT:FILE → 文本:文件 …) and one readable line for each kind of
// command-line mistake CLI11 reports (a missing --out, an unexpected argument, a bad value),
// always keeping the option's name so that the planner sees what to fix.
#include "cli/lang.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace ecozone::cli {

// The formatter every subcommand inherits; its labels are in the language of `t`.
std::shared_ptr<CLI::Formatter> make_formatter(const Lang& t);

// Once every option is declared: the label of each option's type name (TEXT, INT in [0 - 64],
// TEXT:FILE …) in the language of `t`, and the section names ("Options") of every subcommand.
void translate_help(CLI::App& app, CLI::Formatter& formatter, const Lang& t);

// A type name as the help shows it, in the language of `t` ("TEXT:FILE" → "文本:文件").
std::string type_name_text(const std::string& type_name, const Lang& t);

// One line saying what is wrong with the command line, without a trailing newline.
std::string parse_error_text(const CLI::Error& e, const Lang& t);

// The message when the first word is no command: "'frobnicate' is not an ecozone command".
std::string unknown_command_text(const std::string& word, const Lang& t);

// The line after a usage error: where to read how the command line goes.
std::string usage_hint(const std::string& command, const Lang& t);

}  // namespace ecozone::cli
