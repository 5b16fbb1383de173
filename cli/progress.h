#pragma once
// Progress for long work, on stderr only when a person is watching (a terminal) or asked for
// it with --progress, so that scripts and golden tests see a clean stderr.
#include "layers/fault_point.h"

#include <chrono>
#include <iostream>
#include <string>

#include <unistd.h>

namespace ecozone::cli {

class Progress {
public:
    Progress(int steps, bool forced) : steps_(steps), on_(forced || isatty(STDERR_FILENO)) {}
    void step(const std::string& what) {
        ++done_;
        layers::fault_point("step:" + std::to_string(done_));
        if (!on_) return;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        std::cerr << "[" << done_ << "/" << steps_ << "] " << what << " (" << static_cast<int>(s * 10) / 10.0 << " s)\n";
    }
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

private:
    int steps_;
    int done_ = 0;
    bool on_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace ecozone::cli
