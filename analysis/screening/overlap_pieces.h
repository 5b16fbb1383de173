#pragma once
// Stage 2b of screening: the site's piece of every areal zone feature it overlaps, kept with the
// result (SiteResult::overlap_pieces) so that the GeoPackage writes the pieces the screening
// measured instead of cutting each site against every zone again.
#include "analysis/screening.h"
#include "analysis/screening/contacts.h"
#include "analysis/screening/zone_sets.h"

#include <array>

namespace ecozone::analysis::screening {

// The layers whose pieces are kept, in the order of the overlaps layer; the river belts follow.
inline constexpr std::array<layers::VectorRole, 9> kOverlapPieceRoles = {
    layers::VectorRole::Redline,         layers::VectorRole::ReserveZones, layers::VectorRole::WaterSources,
    layers::VectorRole::Farmland,        layers::VectorRole::UrbanBoundary, layers::VectorRole::IndustrialParks,
    layers::VectorRole::ControlUnits,    layers::VectorRole::WetlandParks, layers::VectorRole::ImportantWetlands};

// Every piece larger than a sliver of rounding size (tiny_area of the site), with both areas.
std::vector<OverlapPiece> overlap_pieces(const ZoneSets& zones, SiteContacts& contacts, const Area2& site_area,
                                         const Measure& measure, const geo::GeosContext& geos);

}  // namespace ecozone::analysis::screening
