#pragma once
// Stage 3 of screening: the land a site would occupy, by 三调 code and land group.
#include "analysis/screening.h"
#include "analysis/screening/contacts.h"
#include "geo/box_index.h"

#include <memory>
#include <string>
#include <vector>

namespace ecozone::analysis::screening {

// The land-use layer indexed for screening.  Read-only once built, so the screeners of one
// batch's threads share it.
struct LandIndex {
    const layers::VectorLayer* layer = nullptr;
    geo::BoxIndex boxes;
    std::vector<std::string> codes;  // canonical 三调 code of each feature
};
// The boxes under which screening these sites can meet a land-use polygon: each site's bounds
// widened by the footprint buffer of a point or line site (and a metre of slack).  A land-use
// layer read within them (layers::ReadOptions::window) gives these sites the same land take as
// the whole layer: LandTake::measure asks only for polygons meeting a footprint's bounds.
std::shared_ptr<const geo::BoxIndex> land_window(const std::vector<SiteSpec>& sites, const ScreeningOptions& options,
                                                 const geo::GeosContext& geos);

// Null when the project has no land-use layer.
std::shared_ptr<const LandIndex> index_landuse(const layers::Catalogue& c, const geo::GeosContext& geos);

// One screener's view of the land use: the shared index and its own area cache (a screener
// belongs to one thread, like its GEOS context).
class LandTake {
public:
    explicit LandTake(std::shared_ptr<const LandIndex> index);
    const std::shared_ptr<const LandIndex>& index() const { return index_; }
    bool available() const { return index_ != nullptr; }

    // The land under `site` by code (ascending), and the totals per land group.
    void measure(const GEOSGeometry* site, const GEOSPreparedGeometry* site_prepared, const geo::GeosContext& geos,
                 const geo::AreaCalculator& calc, std::vector<LandOccupied>& land,
                 std::map<layers::LandGroup, Area2>& groups) const;

private:
    std::shared_ptr<const LandIndex> index_;
    // Areas of land-use polygons wholly inside some site, measured on first use and reused by
    // later sites.
    mutable std::vector<Area2> whole_area_;
};

}  // namespace ecozone::analysis::screening
