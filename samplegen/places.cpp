#include "samplegen/places.h"

#include <cmath>

namespace ecozone::samplegen {

LonLat::LonLat() : to_working_("EPSG:4490", kWorkingCrs) {}

XY LonLat::operator()(double lon, double lat) const {
    XY p{lon, lat};
    to_working_.forward(p.x, p.y);
    return p;
}

XY pull_inside(const PointTester& district, XY inside, XY p) {
    // Outlines differ from the real boundary by up to a few km; an anchor that falls just
    // outside is moved inwards along the line to a known interior point.
    for (int step = 0; step <= 40 && !district.contains(p); ++step) {
        p = p + (inside - p) * 0.05;
    }
    return district.contains(p) ? p : inside;
}

Places make_places(const GeosContext& geos, const GEOSGeometry* district, const Profile& profile) {
    const LonLat ll;
    const PointTester inside(geos, district);
    const XY centre = interior_point(geos, district);
    auto at = [&](const GeoPoint& p) { return pull_inside(inside, centre, ll(p.lon, p.lat)); };
    Places p;
    p.seat = at(profile.seat);
    p.town = at(profile.town);
    // A reserve shared with the neighbouring county keeps its real centre, outside the district
    // when need be: only the part inside is the county's.
    p.reserve = profile.reserve_pulled_inside ? at(profile.reserve) : ll(profile.reserve.lon, profile.reserve.lat);
    p.plain_centre = at(profile.plain_centre);
    p.parks = {at(profile.parks[0].at), at(profile.parks[1].at)};
    p.water_source = at(profile.water_source);
    for (const auto& t : profile.townships) p.township_seats.push_back(at(t.seat));
    p.plain_along_m = profile.plain_along_m;
    p.plain_across_m = profile.plain_across_m;
    p.plain_angle_rad = profile.plain_angle_deg * M_PI / 180.0;
    return p;
}

}  // namespace ecozone::samplegen
