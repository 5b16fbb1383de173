#pragma once
// Stage 1 of screening: the ground a site would take.  Polygons as drawn (repaired when they
// cross themselves), points and lines buffered into a footprint; its areas in both modes and
// the share of it lying outside the district.
#include "analysis/screening.h"
#include "analysis/screening/contacts.h"
#include "analysis/screening/zone_sets.h"

namespace ecozone::analysis::screening {

struct Footprint {
    geo::GeomPtr geom;
    Area2 area;
    double outside_district_share = 0;
};

// Throws DataError for a site that cannot be screened (no geometry, zero area, wholly outside
// the district); notes what was assumed or repaired, in both languages.
Footprint make_footprint(const SiteSpec& site, const ScreeningOptions& options, const ZoneSets& zones,
                         const geo::GeosContext& geos, const Measure& measure, std::vector<layers::Note>& notes);

}  // namespace ecozone::analysis::screening
