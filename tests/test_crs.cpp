// CRS identification, Gauss-Krüger zone choice, transforms and the axis-order rule.
#include "geo/crs.h"
#include "geo/errors.h"

#include <catch2/catch.hpp>

using namespace ecozone::geo;

TEST_CASE("nearest CGCS2000 3-degree Gauss-Krüger zone", "[crs]") {
    CHECK(gk3_epsg_for_longitude(106.1) == 4544);   // Hongsibu: CM 105°E
    CHECK(gk3_epsg_for_longitude(106.49) == 4544);
    CHECK(gk3_epsg_for_longitude(106.51) == 4545);  // CM 108°E
    CHECK(gk3_epsg_for_longitude(75.0) == 4534);
    CHECK(gk3_epsg_for_longitude(135.0) == 4554);
    CHECK_THROWS_AS(gk3_epsg_for_longitude(10.0), ecozone::CrsError);
    CHECK(*gk3_central_meridian(4544) == 105.0);
    CHECK(*gk3_central_meridian(4523) == 105.0);  // zone-prefixed code of the same zone
    CHECK(gk3_has_zone_prefix(4523));
    CHECK_FALSE(gk3_has_zone_prefix(4544));
    CHECK_FALSE(gk3_central_meridian(4326).has_value());
}

TEST_CASE("PROJ identifies our CRSs", "[crs]") {
    const CrsInfo gk = describe_crs("EPSG:4544");
    CHECK(gk.epsg == 4544);
    CHECK(gk.projected);
    const CrsInfo geog = describe_crs("EPSG:4490");
    CHECK(geog.geographic);
    CHECK_THROWS_AS(describe_crs("EPSG:99999"), ecozone::CrsError);
}

TEST_CASE("axis order: x is easting/longitude, y is northing/latitude", "[crs]") {
    Transform t("EPSG:4490", "EPSG:4544");
    double x = 105.0, y = 37.0;  // on the central meridian
    t.forward(x, y);
    // EPSG:4544 officially orders northing first; we must get easting first.
    CHECK(x == Approx(500000.0).margin(1e-6));
    CHECK(y == Approx(4097000.0).margin(2000.0));  // meridian arc to 37°N ≈ 4 097 km
    // East of the meridian the easting grows.
    double x2 = 106.0, y2 = 37.0;
    t.forward(x2, y2);
    CHECK(x2 > 588000.0);
    CHECK(x2 < 590000.0);
}

TEST_CASE("transform round trip 4490 -> 4544 -> 4490 and zone-prefixed 4523", "[crs]") {
    Transform t("EPSG:4490", "EPSG:4544");
    double x = 106.2345678, y = 37.3456789;
    t.forward(x, y);
    t.inverse(x, y);
    CHECK(x == Approx(106.2345678).margin(1e-9));
    CHECK(y == Approx(37.3456789).margin(1e-9));
    // The zone-prefixed CRS differs only by 35 000 000 m of false easting.
    Transform a("EPSG:4490", "EPSG:4544"), b("EPSG:4490", "EPSG:4523");
    double xa = 106.2, ya = 37.3, xb = 106.2, yb = 37.3;
    a.forward(xa, ya);
    b.forward(xb, yb);
    CHECK(xb - xa == Approx(35'000'000.0).margin(1e-6));
    CHECK(yb == Approx(ya).margin(1e-6));
}

TEST_CASE("an impossible coordinate is an error, not a number", "[crs]") {
    Transform t("EPSG:4490", "EPSG:4544");
    double x = 106.0, y = 95.0;  // latitude beyond the pole
    CHECK_THROWS_AS(t.forward(x, y), ecozone::CrsError);
}
