// Our Gauss-Krüger inverse series against PROJ (an independent implementation).
#include "geo/gauss_kruger.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace ecozone::geo;

TEST_CASE("Krüger series inverse agrees with PROJ to far below a millimetre", "[gk]") {
    for (int epsg : {4544, 4545, 4523, 4534}) {
        INFO("EPSG:" << epsg);
        auto gk = GaussKrugerInverse::for_epsg(epsg);
        REQUIRE(gk);
        const double cm = *gk3_central_meridian(epsg);
        const Transform proj("EPSG:4490", "EPSG:" + std::to_string(epsg));
        for (double dlon : {-1.6, -0.7, 0.0, 0.4, 1.5}) {
            for (double lat : {18.0, 30.5, 37.3, 45.0, 53.0}) {
                double x = cm + dlon, y = lat;
                proj.forward(x, y);
                double lon = x, la = y;
                gk->inverse(&lon, &la, 1);
                // 1e-9° ≈ 0.1 mm.
                CHECK(lon == Approx(cm + dlon).margin(1e-9));
                CHECK(la == Approx(lat).margin(1e-9));
            }
        }
    }
    CHECK_FALSE(GaussKrugerInverse::for_epsg(4326));
}
