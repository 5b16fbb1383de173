#pragma once
// Progress for long work, on stderr only when a person is watching (a terminal) or asked for
// it with --progress, so that scripts and golden tests see a clean stderr.
#include "cli/lang.h"
#include "layers/fault_point.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <string>

#include <unistd.h>

namespace ecozone::cli {

class Progress {
public:
    // `t`: the terminal's language, which the step names are printed in.
    Progress(int steps, bool forced, const Lang& t) : steps_(steps), on_(forced || isatty(STDERR_FILENO)), t_(t) {}
    // One step done: its name in Chinese and in English, filled with the same arguments.
    template <typename... Args>
    void step(fmt::format_string<Args...> zh, fmt::format_string<Args...> en, Args&&... args) {
        ++done_;
        layers::fault_point("step:" + std::to_string(done_));
        if (!on_) return;
        const std::string what =
            t_.en ? fmt::vformat(en, fmt::make_format_args(args...)) : fmt::vformat(zh, fmt::make_format_args(args...));
        const double s = static_cast<int>(seconds() * 10) / 10.0;
        std::cerr << fmt::format(t_("[{}/{}] {}（{} 秒）\n", "[{}/{}] {} ({} s)\n"), done_, steps_, what, s);
    }
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

private:
    int steps_;
    int done_ = 0;
    bool on_;
    Lang t_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace ecozone::cli
