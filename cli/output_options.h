#pragma once
// Options every reporting command shares: --json and --lang.
#include "cli/choice_option.h"
#include "cli/lang.h"

#include <CLI/CLI.hpp>

#include <string>

namespace ecozone::cli {

struct OutputOptions {
    bool json = false;
    std::string lang;  // --lang as given, already "zh" or "en" (中文/英文 are turned into them); empty if not given
    Lang terminal_lang;  // the terminal's language (cli/help_lang.h): the locale's when --lang is not given

    // The reports written to files: --lang, else Chinese, the language of the planning documents,
    // whatever the locale of the machine that happens to run the command.
    Lang text() const { return make_lang(lang.empty() ? "zh" : lang); }
    // What is printed on the terminal — summaries, notes, progress: --lang, else the locale's.
    Lang terminal() const { return lang.empty() ? terminal_lang : make_lang(lang); }
};

inline void add_output_options(CLI::App& sub, OutputOptions& o, const Lang& t) {
    o.terminal_lang = t;
    sub.add_flag("--json", o.json,
                 t("输出供程序读取的 JSON（键名为英文，说明文字中英文都有），不输出文字报告",
                   "Print machine-readable JSON (English keys) instead of text"));
    sub.add_option("--lang", o.lang,
                   t("报告和终端提示的语言：zh（中文，默认）或 en（英文），也可写 中文/英文；不给出时报告用中文，"
                     "终端提示随系统语言环境（LC_ALL/LC_MESSAGES/LANG 以 en 开头时为英文）",
                     "Language of the reports and of the terminal: zh (Chinese, default) or en (English), or "
                     "中文/英文; without it reports are Chinese and the terminal follows the locale (English when "
                     "LC_ALL/LC_MESSAGES/LANG starts with en)"))
        ->transform(choice_of(lang_choices(), t));
}

// --threads for the commands that share work among cores (0 = one per core, at most 8): a planner
// on a shared server can leave cores to others; the figures never depend on it.
inline void add_threads_option(CLI::App& sub, int& threads, const Lang& t) {
    sub.add_option("--threads", threads,
                   t("并行计算的线程数（默认 0：每个处理器核心一个，最多 8 个）；结果与线程数无关",
                     "Worker threads (default 0 = one per core, at most 8); results do not depend on it"))
        ->check(CLI::Range(0, 64));
}

}  // namespace ecozone::cli
