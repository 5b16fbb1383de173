#pragma once
// Stage 2 of screening: where the site is (the township and village holding most of it) and
// every zone it touches, per canonical value (reserve core / buffer / experimental, water-source
// levels, control-unit types, each river's belt), with overlap areas and shares.
#include "analysis/screening.h"
#include "analysis/screening/contacts.h"
#include "analysis/screening/zone_sets.h"

namespace ecozone::analysis::screening {

// The township and village holding the most of the site (empty without those layers).
void locate(const ZoneSets& zones, SiteContacts& contacts, const geo::GeosContext& geos, std::string& township,
            std::string& village);

// Overlaps of a site of `site_area` with every areal zone set; control units touched go to
// `units` (label and type).
std::vector<ZoneOverlap> zones_touched(const ZoneSets& zones, SiteContacts& contacts, const Area2& site_area,
                                       geo::AreaMode mode, std::vector<SiteResult::ControlUnit>& units);

}  // namespace ecozone::analysis::screening
