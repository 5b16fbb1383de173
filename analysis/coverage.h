#pragma once
// Does a polygon layer tile a region?  Gaps and overlaps of a partition (land-use polygons
// over the district, townships over the district), measured as areas.
#include "geo/area.h"
#include "geo/geos_handle.h"

#include <vector>

namespace ecozone::analysis {

struct CoverageResult {
    double region_area_m2 = 0;      // the region (district)
    double covered_area_m2 = 0;     // union of the pieces, inside the region
    double gap_area_m2 = 0;         // region not covered by any piece
    double overlap_area_m2 = 0;     // Σ piece areas − area of their union, planar (see coverage.cpp)
    double outside_area_m2 = 0;     // pieces' area outside the region
};

// Measured with `calc` in `mode`.  Overlap = Σ area(piece) − area(union); this counts an area
// covered three times twice, which is what a planner means by "double-counted area".
CoverageResult measure_coverage(const geo::GeosContext& geos, const geo::AreaCalculator& calc,
                                geo::AreaMode mode, const GEOSGeometry* region,
                                const std::vector<const GEOSGeometry*>& pieces);

}  // namespace ecozone::analysis
