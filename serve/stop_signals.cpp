#include "serve/stop_signals.h"

#include <ctime>

namespace ecozone::serve {

StopOnSignals::StopOnSignals(std::function<void()> stop) : stop_(std::move(stop)) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
    watcher_ = std::thread([this, set] {
        const timespec tick{0, 200 * 1000 * 1000};
        while (!done_) {
            if (received_ == 0) {
                const int sig = sigtimedwait(&set, nullptr, &tick);
                if (sig > 0) received_ = sig;
            } else {
                // Again until the scope ends: the first call may have come before the server ran.
                nanosleep(&tick, nullptr);
            }
            if (received_ != 0 && !done_) stop_();
        }
    });
}

StopOnSignals::~StopOnSignals() {
    done_ = true;
    watcher_.join();
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace ecozone::serve
