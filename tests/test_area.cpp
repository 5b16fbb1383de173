// Area in both official modes against independent computations.
#include "geo/area.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace ecozone::geo;

namespace {

// Exact area (m²) between the equator and latitude phi on an ellipsoid, per radian of
// longitude: the closed form of ∫ b² cos B / (1 − e² sin² B)² dB — a hand computation that
// shares nothing with the series formula under test.
double zone_area_per_radian(double phi, const Ellipsoid& ell) {
    const double e2 = ell.e2(), e = std::sqrt(e2), s = std::sin(phi), b = ell.b();
    return b * b * (s / (2 * (1 - e2 * s * s)) + std::log((1 + e * s) / (1 - e * s)) / (4 * e));
}

double cell_area_exact(double lon0, double lat0, double lon1, double lat1) {
    const double r = M_PI / 180;
    return (lon1 - lon0) * r * (zone_area_per_radian(lat1 * r, kCgcs2000) - zone_area_per_radian(lat0 * r, kCgcs2000));
}

// A lon/lat cell as a ring, with `steps` points per edge (densified for the geodesic check).
void cell_ring(double lon0, double lat0, double lon1, double lat1, int steps, std::vector<double>& lon,
               std::vector<double>& lat) {
    auto edge = [&](double ax, double ay, double bx, double by) {
        for (int i = 0; i < steps; ++i) {
            lon.push_back(ax + (bx - ax) * i / steps);
            lat.push_back(ay + (by - ay) * i / steps);
        }
    };
    edge(lon0, lat0, lon1, lat0);
    edge(lon1, lat0, lon1, lat1);
    edge(lon1, lat1, lon0, lat1);
    edge(lon0, lat1, lon0, lat0);
    lon.push_back(lon0);
    lat.push_back(lat0);
}

}  // namespace

TEST_CASE("official ellipsoidal formula: 1°×1° cell equals the closed-form zone area", "[area]") {
    std::vector<double> lon, lat;
    cell_ring(106.0, 37.0, 107.0, 38.0, 1, lon, lat);
    const double formula = ellipsoidal_ring_area(lon.data(), lat.data(), lon.size());
    const double exact = cell_area_exact(106.0, 37.0, 107.0, 38.0);
    CHECK(exact == Approx(9'805'000'000.0).epsilon(0.01));  // ~9,805 km² at 37.5°N
    CHECK(formula == Approx(exact).epsilon(1e-10));
    // Orientation: a clockwise ring is negative.
    std::reverse(lon.begin(), lon.end());
    std::reverse(lat.begin(), lat.end());
    CHECK(ellipsoidal_ring_area(lon.data(), lat.data(), lon.size()) == Approx(-exact).epsilon(1e-10));
}

TEST_CASE("official ellipsoidal formula agrees with PROJ geodesic area on a densified cell", "[area]") {
    // Geodesic edges approach the cell's parallels as the edges are densified.
    std::vector<double> lon, lat;
    cell_ring(106.0, 37.0, 107.0, 38.0, 2000, lon, lat);
    const double official = ellipsoidal_ring_area(lon.data(), lat.data(), lon.size());
    const double geodesic = geodesic_ring_area(lon.data(), lat.data(), lon.size());
    CHECK(official == Approx(geodesic).epsilon(1e-9));
}

TEST_CASE("1 km square in EPSG:4544: planar 1e6 m², ellipsoidal = planar / k²", "[area]") {
    GeosContext geos;
    AreaCalculator calc(geos, "EPSG:4544");
    SECTION("on the central meridian the Gauss-Krüger scale is 1") {
        auto sq = geos.from_wkt("POLYGON((500000 4130000, 501000 4130000, 501000 4131000, 500000 4131000, 500000 4130000))");
        CHECK(calc.planar(sq.get()) == Approx(1e6).epsilon(1e-12));
        CHECK(calc.ellipsoidal(sq.get()) == Approx(1e6).epsilon(2e-6));
        CHECK(calc.ellipsoidal(sq.get()) == Approx(calc.geodesic(sq.get())).epsilon(1e-8));
    }
    SECTION("150 km east of it the projection enlarges areas by k² ≈ 1 + y²/R²") {
        const double dx = 150000;
        auto sq = geos.from_wkt("POLYGON((650000 4130000, 651000 4130000, 651000 4131000, 650000 4131000, 650000 4130000))");
        // Point scale of Gauss-Krüger: k ≈ 1 + y²/(2 R²) with R the mean radius of curvature
        // (√(MN) at 37.3°N ≈ 6.3727e6 m); area scale k².
        const double R = 6.3727e6;
        const double k = 1 + (dx + 500) * (dx + 500) / (2 * R * R);
        CHECK(calc.planar(sq.get()) == Approx(1e6).epsilon(1e-12));
        CHECK(calc.ellipsoidal(sq.get()) == Approx(1e6 / (k * k)).epsilon(1e-5));
        CHECK(calc.ellipsoidal(sq.get()) == Approx(calc.geodesic(sq.get())).epsilon(1e-8));
        // The two official modes differ by the expected distortion, ~0.055 %, not more.
        const double rel = (calc.planar(sq.get()) - calc.ellipsoidal(sq.get())) / 1e6;
        CHECK(rel > 5.0e-4);
        CHECK(rel < 6.0e-4);
    }
}

TEST_CASE("holes subtract and multipolygon parts add, in both modes", "[area]") {
    GeosContext geos;
    AreaCalculator calc(geos, "EPSG:4544");
    auto outer = geos.from_wkt("POLYGON((500000 4130000, 502000 4130000, 502000 4132000, 500000 4132000, 500000 4130000))");
    auto holed = geos.from_wkt(
        "POLYGON((500000 4130000, 502000 4130000, 502000 4132000, 500000 4132000, 500000 4130000),"
        "(500500 4130500, 500500 4131500, 501500 4131500, 501500 4130500, 500500 4130500))");
    auto hole = geos.from_wkt("POLYGON((500500 4130500, 501500 4130500, 501500 4131500, 500500 4131500, 500500 4130500))");
    auto multi = geos.from_wkt(
        "MULTIPOLYGON(((500000 4130000, 502000 4130000, 502000 4132000, 500000 4132000, 500000 4130000)),"
        "((510000 4130000, 511000 4130000, 511000 4131000, 510000 4131000, 510000 4130000)))");
    auto second = geos.from_wkt("POLYGON((510000 4130000, 511000 4130000, 511000 4131000, 510000 4131000, 510000 4130000))");
    for (AreaMode mode : {AreaMode::Planar, AreaMode::Ellipsoidal}) {
        CHECK(calc.area(holed.get(), mode) == Approx(calc.area(outer.get(), mode) - calc.area(hole.get(), mode)).epsilon(1e-12));
        CHECK(calc.area(multi.get(), mode) == Approx(calc.area(outer.get(), mode) + calc.area(second.get(), mode)).epsilon(1e-12));
    }
    CHECK(calc.planar(holed.get()) == Approx(3e6));
    // Lines and points have no area.
    auto line = geos.from_wkt("LINESTRING(500000 4130000, 501000 4131000)");
    CHECK(calc.ellipsoidal(line.get()) == 0.0);
}

TEST_CASE("area mode names", "[area]") {
    CHECK(parse_area_mode("planar") == AreaMode::Planar);
    CHECK(parse_area_mode("ellipsoidal") == AreaMode::Ellipsoidal);
    CHECK_THROWS_WITH(parse_area_mode("flat"), Catch::Contains("ellipsoidal"));
    CHECK_THAT(describe_area_mode(AreaMode::Planar, 4544), Catch::Contains("EPSG:4544"));
}
