#pragma once
// Work shared among threads: worker 0 runs on the calling thread, the others on threads of their
// own; all are joined, then the first failure (by worker number) is rethrown — so a bad input
// reports the same error whatever the number of cores, and no thread outlives the call.
#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace ecozone::analysis {

// How many workers to use: `requested` when positive, else one per core, at most 8 (beyond that
// the stages here are bound by memory bandwidth, not cores).
inline int worker_count(int requested) {
    if (requested > 0) return requested;
    return std::min(8, std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
}

// Calls work(k) for k = 0 .. workers-1 (at least once, for k = 0).
template <typename Work>
void run_workers(int workers, Work&& work) {
    if (workers < 1) workers = 1;
    std::vector<std::exception_ptr> errors(static_cast<size_t>(workers));
    auto guarded = [&](int k) {
        try {
            work(k);
        } catch (...) {
            errors[static_cast<size_t>(k)] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(static_cast<size_t>(workers) - 1);
    for (int k = 1; k < workers; ++k) threads.emplace_back(guarded, k);
    guarded(0);
    for (auto& t : threads) t.join();
    for (const auto& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

}  // namespace ecozone::analysis
