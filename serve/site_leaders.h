#pragma once
// The leader lines of screened sites, for the page to draw: for every distance the screening
// measured to a feature the site does not touch, the two nearest points — on the site's footprint
// and on the feature the screening found nearest (Distance::nearest_feature) — in CGCS2000
// longitude/latitude.  Nothing is searched again: the feature is the screening's.
#include "analysis/screening.h"
#include "layers/catalogue.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ecozone::serve {

// One array per result, in order: [{"what", "metres", "name", "from": [lon, lat], "to": [lon, lat]}].
// A site that could not be screened, or that touches every measured feature, has an empty array.
// `footprint_m`: the radius the screener buffers points and lines with.
// `to_lonlat`: from the working CRS to CGCS2000 lon/lat.
nlohmann::json site_leaders(const geo::GeosContext& geos, const analysis::Screener& screener,
                            const std::vector<analysis::SiteResult>& results, const geo::Transform& to_lonlat,
                            double footprint_m);

}  // namespace ecozone::serve
