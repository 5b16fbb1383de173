// Exact pixel-coverage fractions against hand-computed cases and against GEOS clipping.
#include "geo/coverage_fraction.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <random>

using namespace ecozone::geo;

namespace {

Grid grid3x3() {
    Grid g;
    g.xmin = 0;
    g.ymax = 3;
    g.dx = g.dy = 1;
    g.cols = g.rows = 3;
    return g;
}

CoverageFractions cover(const GeosContext& geos, const std::string& wkt, const Grid& g) {
    auto poly = geos.from_wkt(wkt);
    return coverage_fractions(geos, poly.get(), g, Window{0, 0, g.cols, g.rows});
}

// The second algorithm: clip the polygon to each pixel with GEOS and measure.
double geos_fraction(const GeosContext& geos, const GEOSGeometry* poly, const Grid& g, int r, int c) {
    const double x0 = g.x_of(c), x1 = g.x_of(c + 1), y1 = g.y_of(r), y0 = g.y_of(r + 1);
    auto cell = geos.from_wkt(fmt::format("POLYGON(({0} {2},{1} {2},{1} {3},{0} {3},{0} {2}))", x0, x1, y0, y1));
    return geos.planar_area(geos.intersection(poly, cell.get()).get()) / (g.dx * g.dy);
}

}  // namespace

TEST_CASE("3x3 grid: a square covering known fractions", "[coverage]") {
    GeosContext geos;
    // Square from (0.5, 0.5) to (2.5, 2.5): centre pixel full, edge pixels 1/2, corners 1/4.
    const auto f = cover(geos, "POLYGON((0.5 0.5, 2.5 0.5, 2.5 2.5, 0.5 2.5, 0.5 0.5))", grid3x3());
    CHECK(f.at(1, 1) == Approx(1.0));
    CHECK(f.at(0, 1) == Approx(0.5));
    CHECK(f.at(1, 0) == Approx(0.5));
    CHECK(f.at(2, 1) == Approx(0.5));
    CHECK(f.at(1, 2) == Approx(0.5));
    CHECK(f.at(0, 0) == Approx(0.25));
    CHECK(f.at(2, 2) == Approx(0.25));
}

TEST_CASE("3x3 grid: a triangle, a hole, and orientation do not matter", "[coverage]") {
    GeosContext geos;
    // Right triangle (0,0)-(3,0)-(0,3): diagonal pixels are half covered.
    const auto tri = cover(geos, "POLYGON((0 0, 3 0, 0 3, 0 0))", grid3x3());
    CHECK(tri.at(2, 0) == Approx(1.0));  // bottom-left pixel: row 2 (row 0 is the top)
    CHECK(tri.at(2, 2) == Approx(0.5));
    CHECK(tri.at(1, 1) == Approx(0.5));
    CHECK(tri.at(0, 0) == Approx(0.5));
    CHECK(tri.at(0, 2) == Approx(0.0));
    const auto cw = cover(geos, "POLYGON((0 0, 0 3, 3 0, 0 0))", grid3x3());
    for (size_t i = 0; i < 9; ++i) CHECK(cw.fraction[i] == Approx(tri.fraction[i]));
    // A 3x3 square with the centre pixel as a hole.
    const auto holed = cover(geos, "POLYGON((0 0, 3 0, 3 3, 0 3, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))", grid3x3());
    CHECK(holed.at(1, 1) == Approx(0.0).margin(1e-15));
    CHECK(holed.at(0, 0) == Approx(1.0));
}

TEST_CASE("fractions equal GEOS clipping per pixel, and sum to the polygon area to 1e-9", "[coverage]") {
    GeosContext geos;
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> jitter(-0.3, 0.3);
    Grid g;
    g.xmin = 500000;
    g.ymax = 4131000;
    g.dx = g.dy = 30;
    g.cols = 40;
    g.rows = 40;
    for (int trial = 0; trial < 5; ++trial) {
        // A star-shaped polygon with a hole, vertices off the pixel lattice.
        std::string outer, inner, outer0, inner0;
        const double cx = 500600 + trial * 7.3, cy = 4130400 - trial * 3.1;
        for (int k = 0; k < 23; ++k) {
            const double a = 2 * M_PI * k / 23;
            const double r = (k % 2 ? 420 : 300) * (1 + jitter(rng));
            const std::string po = fmt::format("{} {}", cx + r * std::cos(a), cy + r * std::sin(a));
            const double ri = 90 * (1 + 0.2 * jitter(rng));
            const std::string pi = fmt::format("{} {}", cx + ri * std::cos(-a), cy + ri * std::sin(-a));
            outer += (k ? "," : "") + po;
            inner += (k ? "," : "") + pi;
            if (k == 0) {
                outer0 = po;
                inner0 = pi;
            }
        }
        outer += "," + outer0;  // close the rings exactly
        inner += "," + inner0;
        auto poly = geos.make_valid(geos.from_wkt(fmt::format("POLYGON(({}),({}))", outer, inner)).get());
        const auto f = coverage_fractions(geos, poly.get(), g, Window{0, 0, g.cols, g.rows});
        double sum = 0;
        for (int r = 0; r < g.rows; ++r) {
            for (int c = 0; c < g.cols; ++c) {
                INFO("trial " << trial << " pixel " << r << "," << c);
                CHECK(f.at(r, c) == Approx(geos_fraction(geos, poly.get(), g, r, c)).margin(1e-9));
                sum += f.at(r, c) * g.dx * g.dy;
            }
        }
        CHECK(sum == Approx(geos.planar_area(poly.get())).epsilon(1e-9));
    }
}

TEST_CASE("a window of rows gives the same fractions as the whole grid", "[coverage]") {
    GeosContext geos;
    Grid g;
    g.xmin = 0;
    g.ymax = 100;
    g.dx = g.dy = 1;
    g.cols = g.rows = 100;
    auto poly = geos.from_wkt("POLYGON((10.3 10.7, 90.2 20.1, 70.9 95.5, 5.5 80.25, 10.3 10.7))");
    const auto whole = coverage_fractions(geos, poly.get(), g, Window{0, 0, 100, 100});
    for (int row0 : {0, 17, 50, 83}) {
        const Window w = polygon_window(geos, poly.get(), g, row0, 17);
        const auto part = coverage_fractions(geos, poly.get(), g, w);
        for (int r = w.row0; r < w.row0 + w.rows; ++r) {
            for (int c = w.col0; c < w.col0 + w.cols; ++c) CHECK(part.at(r, c) == Approx(whole.at(r, c)).margin(1e-12));
        }
    }
}

#include "geo/convex_clip.h"

TEST_CASE("convex clipping areas equal GEOS overlay areas", "[coverage][convex]") {
    GeosContext geos;
    AreaCalculator calc(geos, "EPSG:4544");
    // A rotated convex site and land-use polygons with a hole and a concave notch.
    auto site = geos.from_wkt("POLYGON((520000 4130000, 520800 4130300, 520600 4131000, 519800 4130700, 520000 4130000))");
    const auto clip = ConvexClipper::from(geos, site.get());
    REQUIRE(clip);
    for (const char* wkt : {"POLYGON((519700 4130200, 520500 4130200, 520500 4130900, 519700 4130900, 519700 4130200),"
                            "(520000 4130400, 520200 4130400, 520200 4130600, 520000 4130600, 520000 4130400))",
                            "POLYGON((520300 4129900, 521000 4129900, 521000 4131100, 520650 4130500, 520300 4131100, 520300 4129900))",
                            "MULTIPOLYGON(((519000 4129000, 519100 4129000, 519100 4129100, 519000 4129000)),"
                            "((520100 4130300, 520300 4130300, 520300 4130500, 520100 4130300)))"}) {
        INFO(wkt);
        auto piece = geos.from_wkt(wkt);
        auto overlay = geos.intersection(site.get(), piece.get());
        const auto a = clip->clipped_area(geos, piece.get(), calc);
        CHECK(a.planar_m2 == Approx(calc.planar(overlay.get())).epsilon(1e-9));
        CHECK(a.ellipsoidal_m2 == Approx(calc.ellipsoidal(overlay.get())).epsilon(1e-7));
    }
    // Not convex, or with a hole: no clipper.
    CHECK_FALSE(ConvexClipper::from(geos, geos.from_wkt("POLYGON((0 0, 4 0, 2 1, 4 4, 0 4, 0 0))").get()));
}
