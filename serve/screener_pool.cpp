#include "serve/screener_pool.h"

#include <fmt/format.h>

#include <utility>

namespace ecozone::serve {

ScreenerPool::ScreenerPool(const layers::Catalogue& catalogue, const layers::RuleList& rules,
                           const analysis::ScreeningOptions& options, int size) {
    slots_.resize(static_cast<size_t>(size < 1 ? 1 : size));
    for (size_t i = 0; i < slots_.size(); ++i) {
        Slot& s = slots_[i];
        s.geos = std::make_unique<geo::GeosContext>();
        s.screener = i == 0 ? std::make_unique<analysis::Screener>(catalogue, rules, *s.geos, options)
                            : std::make_unique<analysis::Screener>(*slots_[0].screener, *s.geos);
        s.to_working = std::make_unique<layers::site_detail::Reprojector>(catalogue.working.definition);
        s.to_lonlat = std::make_unique<geo::Transform>(catalogue.working.definition,
                                                       fmt::format("EPSG:{}", geo::kCgcs2000Geographic));
        free_.push_back(i);
    }
}

ScreenerPool::~ScreenerPool() {
    // The siblings share the first screener's index: they go first, each before its own context.
    for (size_t i = slots_.size(); i-- > 0;) {
        slots_[i].screener.reset();
        slots_[i].geos.reset();
    }
}

ScreenerPool::Lease ScreenerPool::checkout() {
    std::unique_lock<std::mutex> lock(mutex_);
    freed_.wait(lock, [&] { return !free_.empty(); });
    const size_t slot = free_.back();
    free_.pop_back();
    return Lease(this, slot);
}

void ScreenerPool::give_back(size_t slot) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(slot);
    }
    freed_.notify_one();
}

ScreenerPool::Lease::Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_) {}

ScreenerPool::Lease::~Lease() {
    if (pool_) pool_->give_back(slot_);
}

const analysis::Screener& ScreenerPool::Lease::screener() const { return *pool_->slots_[slot_].screener; }

const geo::GeosContext& ScreenerPool::Lease::geos() const { return *pool_->slots_[slot_].geos; }

layers::site_detail::Reprojector& ScreenerPool::Lease::to_working() const { return *pool_->slots_[slot_].to_working; }

const geo::Transform& ScreenerPool::Lease::to_lonlat() const { return *pool_->slots_[slot_].to_lonlat; }

}  // namespace ecozone::serve
