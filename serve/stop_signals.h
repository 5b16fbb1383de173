#pragma once
// Ending a server cleanly on SIGINT (Ctrl-C) or SIGTERM.  A signal handler may call almost
// nothing, certainly not a server's stop(); instead the two signals are blocked in this thread and
// in every thread started after (the server's workers inherit the mask), and a watcher thread
// takes them with sigtimedwait and calls `stop`.  `stop` is called again every few hundred
// milliseconds until the scope ends, so a signal that comes while the server is still starting
// is not lost.  The destructor joins the watcher and restores the mask.
#include <atomic>
#include <functional>
#include <signal.h>
#include <thread>

namespace ecozone::serve {

class StopOnSignals {
public:
    explicit StopOnSignals(std::function<void()> stop);
    ~StopOnSignals();
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

    // The signal received (0: none yet).
    int received() const { return received_; }

private:
    std::function<void()> stop_;
    sigset_t previous_{};
    std::atomic<bool> done_{false};
    std::atomic<int> received_{0};
    std::thread watcher_;
};

}  // namespace ecozone::serve
