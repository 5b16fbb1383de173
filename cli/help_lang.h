#pragma once
// Which language the terminal speaks — help, usage errors, error messages, progress — decided
// before the command line is parsed, because CLI11 needs every help text when the app is built.
// `--lang en` / `--lang=en` (or 英文) anywhere in argv wins, then `--lang zh` (中文); without it
// the locale decides (LC_ALL, then LC_MESSAGES, then LANG, the POSIX order): a value starting
// with "en" is English, anything else ("C", "POSIX", zh_CN.UTF-8, unset) is Chinese, the
// language of the tool's users.
#include "cli/lang.h"

#include <functional>
#include <optional>
#include <string>

namespace ecozone::cli {

// Looks up one environment variable (null when unset); std::getenv in the program, a fixed
// table in tests, so that detection is a pure function of its inputs.
using EnvLookup = std::function<const char*(const char*)>;

// The process environment.
EnvLookup process_env();

// "zh" or "en" for a --lang value as people write it (zh, 中文, en, 英文), nothing otherwise.
std::optional<std::string> lang_code(const std::string& value);

// What --lang says in argv (argv[0] is the program): "en" if any --lang names English, else
// "zh" if any names Chinese, else nothing.  Arguments after "--" are not options.
std::optional<std::string> lang_from_args(int argc, const char* const* argv);

// Whether the locale asks for English.
bool english_locale(const EnvLookup& env);

// The terminal's language for this command line.
Lang detect_lang(int argc, const char* const* argv, const EnvLookup& env);

}  // namespace ecozone::cli
