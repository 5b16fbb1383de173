#include "analysis/coverage.h"

namespace ecozone::analysis {

CoverageResult measure_coverage(const geo::GeosContext& geos, const geo::AreaCalculator& calc,
                                geo::AreaMode mode, const GEOSGeometry* region,
                                const std::vector<const GEOSGeometry*>& pieces) {
    CoverageResult r;
    r.region_area_m2 = calc.area(region, mode);
    double sum = 0;
    std::vector<geo::GeomPtr> copies;
    copies.reserve(pieces.size());
    for (const GEOSGeometry* p : pieces) {
        sum += calc.area(p, mode);
        copies.push_back(geos.clone(p));
    }
    geo::GeomPtr uni = geos.union_all(std::move(copies));
    const double union_area = calc.area(uni.get(), mode);
    r.overlap_area_m2 = std::max(0.0, sum - union_area);
    geo::GeomPtr inside = geos.intersection(uni.get(), region);
    r.covered_area_m2 = calc.area(inside.get(), mode);
    geo::GeomPtr gap = geos.difference(region, uni.get());
    r.gap_area_m2 = calc.area(gap.get(), mode);
    r.outside_area_m2 = std::max(0.0, union_area - r.covered_area_m2);
    return r;
}

}  // namespace ecozone::analysis
