#pragma once
// The township-level units (乡镇/街道) of the profile.  Their boundaries follow land-use cell edges, as real
// administrative boundaries follow parcel edges: each cell goes to one township by a weighted,
// noise-warped nearest-seat rule, and a township is the union of its cells.
#include "samplegen/model.h"
#include "samplegen/terrain.h"

namespace ecozone::samplegen {

// Codes, names, seats and weights (geometry still empty).
std::vector<Township> township_seeds(const Places& places, const Profile& profile);

// Which township a point belongs to.  The urban core of the seat goes to township 0; when
// `first_is_urban_core` (新民街道 of the sample) township 0 is only that core and the rest is
// shared among the others by the weighted nearest-seat rule.
class TownshipRule {
public:
    TownshipRule(const GeosContext& geos, const std::vector<Township>& townships, const Terrain& terrain,
                 const GEOSGeometry* urban_core, bool first_is_urban_core);
    int operator()(XY p) const;

private:
    const std::vector<Township>* townships_;
    const Terrain* terrain_;
    PointTester urban_core_;
    size_t first_;
};

// Union of cells per township; enclaves of one township inside another's territory are handed
// to the neighbour they share most border with.  `cell_township` is updated accordingly.
void build_township_geometry(const GeosContext& geos, const std::vector<GeomPtr>& cells,
                             const std::vector<XY>& cell_points, std::vector<int>& cell_township,
                             std::vector<Township>& townships);

// Union of polygons that form a coverage (shared edges identical); falls back to a full
// overlay union when GEOS finds the coverage invalid.
GeomPtr coverage_union(const GeosContext& geos, std::vector<GeomPtr> parts);

}  // namespace ecozone::samplegen
