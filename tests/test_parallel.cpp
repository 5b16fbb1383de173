// run_workers: every worker runs, worker 0 on the calling thread, the first failure rethrown.
#include "analysis/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

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
