#pragma once
// Land-use classes and 三调 attributes of the land-use pieces.
//
// Classes come from rules on the piece's location (zones, distance to rivers, villages, the
// plain) and smooth noise fields, so that they form coherent regions.  Forest is then assigned by
// quota: pieces are ranked by a forest suitability score and take 0301/0305 until the forest
// coverage on the post-三调 basis reaches its target, so the indicator is controlled, not luck.
#include "geo/area.h"
#include "samplegen/model.h"
#include "samplegen/terrain.h"

namespace ecozone::samplegen {

// Forest coverage targets are the profile's (shares of the district area): the sample's are
// 14.5 % for 0301 + 0302 + 0305 with TSGMLD = 1, + 1.6 % 0305 with GMFGD > 30 (legacy basis),
// + 0.8 % 0305 with GMFGD <= 30 (counts in neither).

// Sort pieces into their written order (township, then north to south, west to east).
void order_pieces(std::vector<LandPiece>& pieces);
// TBMJ (ellipsoidal, 2 decimals) of every piece.
void measure_pieces(const geo::AreaCalculator& area, std::vector<LandPiece>& pieces);
// Classes, then the forest quota, then KCMJ / GMFGD / TSGMLD.
void classify_pieces(const GeosContext& geos, const Terrain& terrain, uint64_t seed, Model& model);

struct LanduseFigures {
    double total_m2 = 0;
    double forest_post_m2 = 0, forest_legacy_m2 = 0;
    double cropland_m2 = 0, grassland_m2 = 0, water_m2 = 0, wetland_m2 = 0, built_m2 = 0,
           pv_m2 = 0, bare_m2 = 0;
};
LanduseFigures landuse_figures(const std::vector<LandPiece>& pieces);

}  // namespace ecozone::samplegen
