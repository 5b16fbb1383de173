#pragma once
// Work shared among threads: worker 0 runs on the calling thread, the others on threads of their
// own; all are joined, then the first failure (by worker number) is rethrown — so a bad input
// reports the same error whatever the number of cores, and no thread outlives the call.
#include <algorithm>
#include <atomic>
#include <cstddef>
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

// Numbered chunks of work handed to whichever worker is free (workers finish together however
// unevenly the work is spread), with the failures kept by chunk: rethrow_first() reports the
// failure of the lowest-numbered chunk that failed — the one a single thread would have met
// first — so the error does not depend on the number of cores or on timing.
//   ChunkQueue queue(n);
//   run_workers(workers, [&](int k) { /* per-worker set-up */ queue.drain([&](size_t c) { ... }); });
//   queue.rethrow_first();
class ChunkQueue {
public:
    explicit ChunkQueue(size_t chunks) : errors_(chunks), first_failed_(chunks) {}
    size_t size() const { return errors_.size(); }

    // Runs work(c) for chunks not yet taken until none is left.  Chunks after one that failed
    // are skipped: their outcome can no longer be reported.
    template <typename Work>
    void drain(Work&& work) {
        for (size_t c = next_++; c < errors_.size(); c = next_++) {
            if (c > first_failed_.load()) continue;
            try {
                work(c);
            } catch (...) {
                errors_[c] = std::current_exception();
                size_t seen = first_failed_.load();
                while (c < seen && !first_failed_.compare_exchange_weak(seen, c)) {
                }
            }
        }
    }

    void rethrow_first() const {
        for (const auto& e : errors_) {
            if (e) std::rethrow_exception(e);
        }
    }

private:
    std::vector<std::exception_ptr> errors_;
    std::atomic<size_t> next_{0};
    std::atomic<size_t> first_failed_;
};

}  // namespace ecozone::analysis
