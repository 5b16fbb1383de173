#include "samplegen/places.h"

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

Places make_places(const GeosContext& geos, const GEOSGeometry* district) {
    const LonLat ll;
    const PointTester inside(geos, district);
    const XY centre = interior_point(geos, district);
    auto at = [&](double lon, double lat) { return pull_inside(inside, centre, ll(lon, lat)); };
    Places p;
    p.seat = at(106.060, 37.430);
    p.taiyangshan = at(106.480, 37.520);
    p.dahe = at(105.900, 37.300);
    p.xinzhuangji = at(106.020, 37.220);
    p.liuquan = at(105.915, 37.400);
    // Luoshan National Nature Reserve: N 37°11'-37°25', E 106°04'-106°24'.
    p.luoshan = at(106.165, 37.300);
    p.plain_centre = at(105.975, 37.380);
    p.hongsibu_park = at(106.105, 37.462);
    p.taiyangshan_park = at(106.455, 37.468);
    p.water_source = at(106.110, 37.400);
    return p;
}

}  // namespace ecozone::samplegen
