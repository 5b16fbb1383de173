#pragma once
// Screening many sites at once on several cores.  A Screener belongs to one GEOS context (one
// thread), so each worker builds its own from the shared, read-only catalogue and rules; the
// sites' geometries are only read.  Small batches stay on the caller's screener: building a
// second one costs about as much as screening a few hundred sites.
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
// the caller's (built on `catalogue`, `rules` and `options`) and screens the first share.
std::vector<SiteResult> screen_sites(const Screener& screener, const layers::Catalogue& catalogue,
                                     const layers::RuleList& rules, const ScreeningOptions& options,
                                     const std::vector<SiteSpec>& sites, const BatchOptions& batch = {});

}  // namespace ecozone::analysis
