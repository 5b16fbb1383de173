#pragma once
// Ending a server cleanly on SIGINT (Ctrl-C) or SIGTERM.  A signal handler may call almost
// nothing, certainly not a server's stop(); instead the two signals are blocked and a watcher
// thread takes them with sigtimedwait and calls `stop`.
//
// Two scopes, because a process-directed signal goes to any thread that does not block it:
//   * StopSignalMask blocks them in the calling thread, so in every thread started after it —
//     the readers' and GDAL's threads while the project loads, the server's workers.  Make it
//     first, before anything starts a thread; it restores the mask when it ends.
//   * StopOnSignals watches for them once there is something to stop, and joins its watcher
//     before that something is destroyed.  A signal received while the project was loading is
//     still pending then, and stops the server as soon as it runs.
#include <atomic>
#include <functional>
#include <signal.h>
#include <thread>

namespace ecozone::serve {

class StopSignalMask {
public:
    StopSignalMask();
    ~StopSignalMask();
    StopSignalMask(const StopSignalMask&) = delete;
    StopSignalMask& operator=(const StopSignalMask&) = delete;
    const sigset_t& signals() const { return signals_; }

private:
    sigset_t signals_{};
    sigset_t previous_{};
};

class StopOnSignals {
public:
    // Calls `stop` on the first signal, and again every few hundred milliseconds until this ends:
    // the first call may come before the server has started to listen.
    StopOnSignals(const StopSignalMask& mask, std::function<void()> stop);
    ~StopOnSignals();
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

    // The signal received (0: none yet).
    int received() const { return received_; }

private:
    std::function<void()> stop_;
    std::atomic<bool> done_{false};
    std::atomic<int> received_{0};
    std::thread watcher_;
};

}  // namespace ecozone::serve
