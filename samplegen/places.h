#pragma once
// The fixed geography the model is built around: where the seat, the towns, the reserve, the
// plain and the parks are (the profile's lon/lat, from public maps of the county, rounded).
#include "samplegen/model.h"

namespace ecozone::samplegen {

Places make_places(const GeosContext& geos, const GEOSGeometry* district, const Profile& profile);

// Longitude/latitude (CGCS2000) to the working CRS.
class LonLat {
public:
    LonLat();
    XY operator()(double lon, double lat) const;

private:
    geo::Transform to_working_;
};

// Move p towards the district's interior until it lies inside (no-op when it already does).
XY pull_inside(const PointTester& district, XY inside, XY p);

}  // namespace ecozone::samplegen
