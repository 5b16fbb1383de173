#pragma once
// Screening many sites at once on several cores.  A Screener belongs to one GEOS context (one
// thread), so each worker builds its own from the caller's (same catalogue, rules and options,
// sharing its read-only land-use index); the sites' geometries are only read.  Small batches stay
// on the caller's screener: preparing a second one costs about as much as a hundred sites.
#include "analysis/screening.h"

#include <vector>

namespace ecozone::analysis {

struct BatchOptions {
    // Worker threads: 0 = one per core (at most 8), 1 = the caller's thread only.
    int threads = 0;
    // Fewer sites than this per extra worker are screened on the caller's screener alone.
    size_t min_sites_per_worker = 200;
};

// Results in the order of `sites`, identical whatever the number of threads.  `screener` is
// the caller's; it screens on the calling thread beside the workers.
std::vector<SiteResult> screen_sites(const Screener& screener, const std::vector<SiteSpec>& sites,
                                     const BatchOptions& batch = {});

}  // namespace ecozone::analysis
