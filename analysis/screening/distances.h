#pragma once
// Stage 4 of screening: distances from the site to the nearest sensitive features.  Each is its
// own quantity with its own name: "river" is measured to the river's centre line, "river_belt"
// to its buffer belt (0 when the site overlaps the belt, however far the line is).
#include "analysis/screening.h"
#include "analysis/screening/contacts.h"
#include "analysis/screening/zone_sets.h"

namespace ecozone::analysis::screening {

// One entry per quantity whose layer the project has: river, river_belt, water_source, reserve,
// redline, receptor:home / school / hospital / elderly_care (metres = -1 when the layer holds no
// such feature).
std::vector<Distance> nearest_distances(const ZoneSets& zones, SiteContacts& contacts);

// The distance to the nearest picked feature of `set` (infinity when none), and its index.
std::pair<double, size_t> nearest_in(const ZoneSet& set, SiteContacts& contacts, const SiteContacts::Pick& pick);

}  // namespace ecozone::analysis::screening
