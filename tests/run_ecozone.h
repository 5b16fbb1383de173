#pragma once
// An `ecozone …` command run in-process, as a user types it: its exit code, and what it printed.
#include "cli/command.h"

#include <sstream>
#include <string>
#include <vector>

namespace ecozone::test {

// `args` without the program name ({"indicators", "p.toml", "--out", "o"}).  `out` / `err`, when
// given, receive standard output and standard error.
inline int run_ecozone(const std::vector<std::string>& args, std::string* out = nullptr, std::string* err = nullptr) {
    std::vector<const char*> argv = {"ecozone"};
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream o, e;
    const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), {o, e});
    if (out) *out = o.str();
    if (err) *err = e.str();
    return code;
}

}  // namespace ecozone::test
