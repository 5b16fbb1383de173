#pragma once
// Each reporting unit's part of the county-wide red line and wetland protection: after the land
// use, a district and its townships against a county's red line are the indicators' slowest
// overlays, so they are shared among the cores.
#include "analysis/zones.h"

#include <vector>

namespace ecozone::analysis {

struct ZoneParts {
    std::vector<geo::GeomPtr> redline;     // zone ∩ red line, per zone; empty when there is no red line
    std::vector<geo::GeomPtr> protection;  // polygonal part of zone ∩ protection; empty when none
};

// The parts, owned by `geos` (the workers intersect copies of their own, as the vector route does).
ZoneParts zone_parts(const std::vector<Zone>& zones, const GEOSGeometry* redline, const GEOSGeometry* protection,
                     const geo::GeosContext& geos, int threads);

}  // namespace ecozone::analysis
