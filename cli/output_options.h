#pragma once
// Options every reporting command shares: --json and --lang.
#include "cli/lang.h"

#include <CLI/CLI.hpp>

#include <string>

namespace ecozone::cli {

struct OutputOptions {
    bool json = false;
    std::string lang = "zh";
    Lang text() const { return make_lang(lang); }
};

inline void add_output_options(CLI::App& sub, OutputOptions& o) {
    sub.add_flag("--json", o.json, "Print machine-readable JSON (English keys) instead of text");
    sub.add_option("--lang", o.lang, "Language of the text report: zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
}

// --threads for the commands that share work among cores (0 = one per core, at most 8): a planner
// on a shared server can leave cores to others; the figures never depend on it.
inline void add_threads_option(CLI::App& sub, int& threads) {
    sub.add_option("--threads", threads,
                   "Worker threads (default 0 = one per core, at most 8); results do not depend on it")
        ->check(CLI::Range(0, 64));
}

}  // namespace ecozone::cli
