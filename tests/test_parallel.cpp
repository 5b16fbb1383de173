// run_workers: every worker runs, worker 0 on the calling thread, the first failure rethrown.
#include "analysis/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using ecozone::analysis::run_workers;

TEST_CASE("run_workers runs every worker and worker 0 on the caller's thread", "[parallel]") {
    std::atomic<int> sum{0};
    std::thread::id first;
    run_workers(4, [&](int k) {
        sum += k + 1;
        if (k == 0) first = std::this_thread::get_id();
    });
    CHECK(sum == 1 + 2 + 3 + 4);
    CHECK(first == std::this_thread::get_id());
    int calls = 0;
    run_workers(0, [&](int) { ++calls; });  // fewer than one: one
    CHECK(calls == 1);
}

TEST_CASE("run_workers rethrows the failure of the lowest-numbered worker after all finished", "[parallel]") {
    std::atomic<int> finished{0};
    try {
        run_workers(3, [&](int k) {
            ++finished;
            if (k >= 1) throw std::runtime_error("worker " + std::to_string(k));
        });
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "worker 1");
    }
    CHECK(finished == 3);
}

TEST_CASE("chunk queue: every chunk once, the first failing chunk reported whatever the timing", "[parallel]") {
    for (int workers : {1, 2, 4}) {
        ecozone::analysis::ChunkQueue queue(100);
        std::vector<std::atomic<int>> done(100);
        ecozone::analysis::run_workers(workers, [&](int k) {
            queue.drain([&](size_t c) {
                ++done[c];
                // Later chunks fail sooner: the worker meeting chunk 70 may well finish first.
                if (c == 97 || c == 70) throw std::runtime_error("chunk " + std::to_string(c));
                if (c == 40 && k == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            });
        });
        for (size_t c = 0; c <= 70; ++c) CHECK(done[c] == 1);  // all before the failure ran, once
        for (size_t c = 71; c < 100; ++c) CHECK(done[c] <= 1);
        try {
            queue.rethrow_first();
            FAIL("no error rethrown");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "chunk 70");
        }
    }
    ecozone::analysis::ChunkQueue none(0);
    ecozone::analysis::run_workers(2, [&](int) { none.drain([](size_t) { FAIL("no chunk to run"); }); });
    CHECK_NOTHROW(none.rethrow_first());
}
