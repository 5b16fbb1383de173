#pragma once
// The outlines of screened sites in CGCS2000 longitude/latitude, for the page to draw what the
// server read — a pasted list of Gauss-Krüger points or an uploaded file is shown exactly as it was
// screened, not as the browser guessed it.
#include "analysis/screening.h"
#include "layers/catalogue.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ecozone::serve {

// A FeatureCollection, one Feature per spec in order (geometry null for a site that could not be
// read), with properties id and name.
// `to_lonlat`: from the working CRS to CGCS2000 lon/lat (geo::kCgcs2000Geographic).
nlohmann::json site_outlines(const geo::GeosContext& geos, const std::vector<analysis::SiteSpec>& specs,
                             const geo::Transform& to_lonlat);

}  // namespace ecozone::serve
