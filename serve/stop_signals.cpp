#include "serve/stop_signals.h"

#include <ctime>

namespace ecozone::serve {

StopSignalMask::StopSignalMask() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
}

StopSignalMask::~StopSignalMask() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

StopOnSignals::StopOnSignals(const StopSignalMask& mask, std::function<void()> stop) : stop_(std::move(stop)) {
    watcher_ = std::thread([this, set = mask.signals()] {
        const timespec tick{0, 200 * 1000 * 1000};
        while (!done_) {
            if (received_ == 0) {
                const int sig = sigtimedwait(&set, nullptr, &tick);
                if (sig > 0) received_ = sig;
            } else {
                nanosleep(&tick, nullptr);
            }
            if (received_ != 0 && !done_) stop_();
        }
    });
}

StopOnSignals::~StopOnSignals() {
    done_ = true;
    watcher_.join();
}

}  // namespace ecozone::serve
