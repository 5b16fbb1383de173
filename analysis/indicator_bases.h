#pragma once
// Which land counts for an indicator, on each official basis (docs/indicators.md).
#include "layers/landuse_codes.h"

#include <set>
#include <string>

namespace ecozone::analysis {

// Forest coverage (森林覆盖率):
//  * post_sandiao (default): 0301 乔木林地 + 0302 竹林地 + the 0305 灌木林地 flagged as
//    国家特别规定灌木林地 (the project's special_shrub_field);
//  * legacy: the forestry basis of 林资发〔2004〕14号 — also every 0305 with shrub cover above
//    the threshold (30 %; counties with < 400 mm rainfall such as Hongsibu count all
//    protective shrubland above 30 %).
struct ForestBasis {
    std::string name = "post_sandiao";
    double legacy_cover_min_pct = 30.0;
    // Does a land-use polygon qualify?  `special_shrub` and `shrub_cover_pct` are its
    // attribute values (false / 0 when the project maps no such field).
    bool qualifies(const std::string& code, bool special_shrub, double shrub_cover_pct) const;
    // The part of a piece of land-use polygon (of `area`) that counts as forest: all of a
    // 0301 / 0302 piece; of a 0305 piece the part that is special shrubland (`special_area`: the
    // whole piece when flagged, the part inside [layers.special_shrubland] areas), or, on the
    // legacy basis, all of it when its shrub cover is above the threshold.
    double forest_part(const std::string& code, double area, double special_area, double shrub_cover_pct) const;
    std::string describe(const std::string& lang) const;
};

// Wetland protection rate denominator (湿地保护率):
//  * legal: Wetland Protection Law art. 2 — natural and artificial wetlands incl. rivers, lakes,
//    reservoirs and ponds, excluding paddy fields and aquaculture waters;
//  * sandiao00: the 三调 wetland class 00 (0303 0304 0306 0402 0603 1105 1106 1108);
//  * gbt21010b: GB/T 21010-2017 appendix B, 14 codes incl. 0101 and 1101-1104, 1107.
struct WetlandBasis {
    std::string name = "sandiao00";
    bool counts(const std::string& code) const;
    const std::set<std::string>& codes() const;
    std::string describe(const std::string& lang) const;
};

// A code with any K suffix stripped and spaces trimmed ("0301K" -> "0301"); the raw code if it
// is not in the classification.
std::string canonical_code(const std::string& raw);

}  // namespace ecozone::analysis
