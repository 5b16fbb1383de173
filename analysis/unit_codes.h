#pragma once
// 坐落单位 against the village boundaries: a 三调 land-use polygon's location-unit code (ZLDWDM,
// the village's 12-digit code padded to 19 digits) should name the village it lies in.  A
// mismatch means the attribute or the boundary is stale — and every figure a report gives "by
// village" from either would disagree with the other.
#include "geo/geos_handle.h"
#include "layers/vector_layer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::analysis {

struct UnitCodeMismatch {
    std::int64_t fid = 0;
    std::string unit_code;                   // as the land-use polygon gives it
    std::string village_code, village_name;  // of the village holding its interior point
};

struct UnitCodeCheck {
    std::int64_t checked = 0;  // land-use polygons with a code
    std::int64_t outside = 0;  // interior point in no village
    std::int64_t mismatched = 0;
    std::vector<UnitCodeMismatch> examples;  // the first few mismatches, by fid
};

// A polygon agrees when its unit code starts with the village's code (codes compared as text,
// surrounding spaces ignored).  `unit_code_field` / `village_code_field` / `village_name_field`
// are field indexes of the two layers.
UnitCodeCheck check_unit_codes(const layers::VectorLayer& landuse, size_t unit_code_field,
                               const layers::VectorLayer& villages, size_t village_code_field,
                               size_t village_name_field, const geo::GeosContext& geos, size_t max_examples = 3);

}  // namespace ecozone::analysis
