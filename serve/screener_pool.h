#pragma once
// The screeners of the server's worker threads, built once when the server starts so that a
// request never builds an index.  A Screener belongs to one GEOS context and is used by one thread
// at a time (analysis/screen_batch.h): each slot has its own context, the first screener builds the
// land-use index and the others share it read-only.  A request checks a slot out for as long as it
// works and gives it back when its lease ends, whichever worker thread it runs on.
#include "analysis/screening.h"
#include "geo/crs.h"
#include "layers/site_input.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace ecozone::serve {

class ScreenerPool {
public:
    // `size` ≥ 1 screeners on the catalogue and rules, which must outlive the pool.
    ScreenerPool(const layers::Catalogue& catalogue, const layers::RuleList& rules,
                 const analysis::ScreeningOptions& options, int size);
    ~ScreenerPool();
    ScreenerPool(const ScreenerPool&) = delete;
    ScreenerPool& operator=(const ScreenerPool&) = delete;

    class Lease {
    public:
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease();
        const analysis::Screener& screener() const;
        // The GEOS context of the screener: geometries of the request are made with it.
        const geo::GeosContext& geos() const;
        // The slot's CRS machinery, made once: sites into the working CRS, answers back to
        // CGCS2000 lon/lat.  PROJ builds a transformation from its database (a few milliseconds,
        // most of a request's time when made per request); the lease makes them one thread's.
        layers::site_detail::Reprojector& to_working() const;
        const geo::Transform& to_lonlat() const;

    private:
        friend class ScreenerPool;
        Lease(ScreenerPool* pool, size_t slot) : pool_(pool), slot_(slot) {}
        ScreenerPool* pool_;
        size_t slot_;
    };

    // A free screener; waits while every one is in use (more requests than worker threads).
    Lease checkout();
    int size() const { return static_cast<int>(slots_.size()); }

private:
    struct Slot {
        std::unique_ptr<geo::GeosContext> geos;
        std::unique_ptr<analysis::Screener> screener;
        std::unique_ptr<layers::site_detail::Reprojector> to_working;
        std::unique_ptr<geo::Transform> to_lonlat;
    };
    void give_back(size_t slot);

    std::vector<Slot> slots_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<size_t> free_;  // guarded by mutex_
};

}  // namespace ecozone::serve
