#include "analysis/coverage.h"

#include <algorithm>

namespace ecozone::analysis {

CoverageResult measure_coverage(const geo::GeosContext& geos, const geo::AreaCalculator& calc,
                                geo::AreaMode mode, const GEOSGeometry* region,
                                const std::vector<const GEOSGeometry*>& pieces) {
    CoverageResult r;
    r.region_area_m2 = calc.area(region, mode);
    double planar_sum = 0;
    std::vector<geo::GeomPtr> copies;
    copies.reserve(pieces.size());
    for (const GEOSGeometry* p : pieces) {
        planar_sum += calc.planar(p);
        copies.push_back(geos.clone(p));
    }
    geo::GeomPtr uni = geos.union_all(std::move(copies));
    // Overlap is a difference of two large areas, so it is taken in the projection plane:
    // the ellipsoidal edge formula treats an edge as straight in latitude/longitude, and the
    // extra vertices a union inserts on a 10 km edge move its ellipsoidal area by tens of m²
    // without any real overlap.  On the small overlap itself the two modes differ by < 0.1 %.
    r.overlap_area_m2 = std::max(0.0, planar_sum - calc.planar(uni.get()));
    // Gaps, coverage and spill are measured on their own geometries, in the requested mode.
    r.covered_area_m2 = calc.area(geos.intersection(uni.get(), region).get(), mode);
    r.gap_area_m2 = calc.area(geos.difference(region, uni.get()).get(), mode);
    r.outside_area_m2 = calc.area(geos.difference(uni.get(), region).get(), mode);
    return r;
}

}  // namespace ecozone::analysis
