#pragma once
// What the server knows of its project, loaded once at start: the project file, the rules file
// (the "one list"), every layer screening needs read into the working CRS — as `ecozone screen`
// reads them — and one screener per server worker thread.  Read-only once built, so every worker
// thread may read it; a screener is the only part a request takes for itself (screener_pool.h).
#include "analysis/screening.h"
#include "geo/area.h"
#include "layers/catalogue.h"
#include "layers/rules.h"
#include "serve/screener_pool.h"

#include <memory>
#include <string>

namespace ecozone::serve {

class Workbench {
public:
    // Loads `project_path` with `screeners` screeners (≥ 1).  Throws what `ecozone screen` throws
    // for the same project: DataError without a rules file or without the red line / reserve zones
    // (unless declared optional), IoError / CrsError for unreadable layers.
    Workbench(const std::string& project_path, int screeners);
    ~Workbench();
    Workbench(const Workbench&) = delete;
    Workbench& operator=(const Workbench&) = delete;

    const layers::Project& project() const { return catalogue_.project; }
    const layers::Catalogue& catalogue() const { return catalogue_; }
    const layers::RuleList& rules() const { return rules_; }
    // The project's area mode: the one shares and verdict areas are computed in.
    geo::AreaMode mode() const { return mode_; }
    ScreenerPool& screeners() const { return *screeners_; }
    // The radius points and lines are buffered with into footprints (ScreeningOptions::footprint_m).
    double footprint_m() const { return footprint_m_; }

private:
    Workbench(const layers::Project& project, int screeners);

    // Declaration order is destruction order reversed: the screeners go before the layers they
    // index, the layers before the GEOS context that made their geometries.
    geo::GeosContext geos_;
    layers::RuleList rules_;  // read first: a broken rules file fails before the layers are read
    layers::Catalogue catalogue_;
    geo::AreaMode mode_;
    double footprint_m_ = analysis::ScreeningOptions{}.footprint_m;
    std::unique_ptr<ScreenerPool> screeners_;
};

}  // namespace ecozone::serve
