#include "analysis/screening/overlap_pieces.h"

namespace ecozone::analysis::screening {

std::vector<OverlapPiece> overlap_pieces(const ZoneSets& zones, SiteContacts& contacts, const Area2& site_area,
                                         const Measure& measure, const geo::GeosContext& geos) {
    std::vector<OverlapPiece> out;
    const double tiny = tiny_area(site_area.planar_m2);
    auto add = [&](const ZoneSet& set, layers::VectorRole role) {
        for (size_t i = 0; i < set.features.size(); ++i) {
            if (!set.features[i].areal) continue;
            // Cut once per site by the contacts (the zones touched asked for the same pieces).
            const GEOSGeometry* piece = contacts.piece(set, i);
            if (!piece) continue;
            const Area2 area = measure(piece);
            if (area.planar_m2 <= tiny) continue;  // touching along an edge only
            out.push_back({role, i, geos.to_wkb(piece), area});
        }
    };
    for (layers::VectorRole role : kOverlapPieceRoles) {
        if (const ZoneSet* set = zones.layer(role)) add(*set, role);
    }
    if (const ZoneSet* belts = zones.belts()) add(*belts, layers::VectorRole::Rivers);
    return out;
}

}  // namespace ecozone::analysis::screening
