#include "analysis/screen_batch.h"

#include "analysis/parallel.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace ecozone::analysis {

std::vector<SiteResult> screen_sites(const Screener& screener, const std::vector<SiteSpec>& sites,
                                     const BatchOptions& batch) {
    if (batch.threads < 0)
        throw make_error<UsageError>("线程数须 ≥ 0（0 = 每个核心一个），而不是 {}",
                                     "threads must be ≥ 0 (0 = one per core), not {}", batch.threads);
    int workers = worker_count(batch.threads);
    const size_t per = std::max<size_t>(1, batch.min_sites_per_worker);
    workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(workers), std::max<size_t>(1, sites.size() / per)));

    std::vector<SiteResult> results(sites.size());
    // Sites are handed out in small chunks to whichever worker is free: the caller's screener
    // starts at once while the others are still building theirs, so fixed shares would leave it
    // idle at the end.  Each result depends only on its site, so the order of work does not
    // change any figure.
    constexpr size_t kChunk = 8;
    std::atomic<size_t> next{0};
    run_workers(workers, [&](int k) {
        auto run = [&](const Screener& s) {
            for (size_t begin = next.fetch_add(kChunk); begin < sites.size(); begin = next.fetch_add(kChunk)) {
                for (size_t i = begin; i < std::min(sites.size(), begin + kChunk); ++i) results[i] = s.screen(sites[i]);
            }
        };
        try {
            if (k == 0) {
                run(screener);
            } else {
                const geo::GeosContext geos;  // this thread's own
                const Screener own(screener, geos);
                run(own);
            }
        } catch (...) {
            next = sites.size();  // the others stop at their next chunk
            throw;
        }
    });
    return results;
}

}  // namespace ecozone::analysis
