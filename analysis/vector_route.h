#pragma once
// The vector route of the indicators: land-use polygons overlaid with the reporting zones.
//
// A polygon wholly inside a zone is counted as it is; one on a zone's boundary is clipped.
// Each piece also carries the part of it inside the red line and inside the wetland
// protection area, so that every indicator and class table is a sum over pieces.
#include "analysis/zones.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::analysis {

struct LandusePiece {
    size_t feature = 0;          // index into the land-use layer's features
    std::int64_t fid = 0;
    int zone = 0;                // index into the zones
    std::string code;            // canonical 三调 code
    double area_m2 = 0;          // geometric area of the piece (analysis mode)
    double attr_area_m2 = NAN;   // the area field (e.g. TBDLMJ) apportioned to the piece; NaN without one
    double redline_m2 = 0;       // part of the piece inside the red line
    double protected_m2 = 0;     // part inside the wetland protection area (wetland codes only)
    bool special_shrub = false;  // 国家特别规定灌木林地 flag
    double special_m2 = 0;       // 0305 only: the part that is special shrubland (flag: all; layer: the part inside)
    double shrub_cover_pct = 0;
};

struct VectorRouteResult {
    std::vector<LandusePiece> pieces;
    bool has_attr_area = false;
    std::string attr_area_field;
};

// Which wetland codes need the protection overlay (any code of any wetland basis).
bool is_wetland_candidate(const std::string& code);

// Throws DataError for a code outside the 三调 classification, naming the file, the feature
// and the code.  `redline`, `protection` and `special_shrubland` (the union of the
// [layers.special_shrubland] areas) may be null.  `threads`: 0 = one per core (at most 8); the
// result does not depend on it.
VectorRouteResult run_vector_route(const layers::Catalogue& catalogue, const geo::GeosContext& geos,
                                   const geo::AreaCalculator& calc, geo::AreaMode mode, const std::vector<Zone>& zones,
                                   const GEOSGeometry* redline, const GEOSGeometry* protection,
                                   const GEOSGeometry* special_shrubland = nullptr, int threads = 0);

}  // namespace ecozone::analysis
