// The shared walk over polygonal geometry (geo/ring_walker): every polygonal input — polygon,
// multipolygon, collections of them at any depth — is handled alike by the areas, the coverage
// fractions, the clipping and the rasterizer; and a GEOS failure is a GeometryError carrying
// GEOS's message, never a value.
#include "geo/area.h"
#include "geo/convex_clip.h"
#include "geo/coverage_fraction.h"
#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ecozone;
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

// The square (0.5 0.5)–(2.5 2.5) as four unit squares, spread over a multipolygon and two
// polygons inside a collection (exactextract's "basic rectangle with GeometryCollection").
const char* kSquareAsCollection =
    "GEOMETRYCOLLECTION (MULTIPOLYGON (((0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5)),"
    "((1.5 1.5, 2.5 1.5, 2.5 2.5, 1.5 2.5, 1.5 1.5))),"
    "POLYGON ((0.5 1.5, 1.5 1.5, 1.5 2.5, 0.5 2.5, 0.5 1.5)),"
    "POLYGON ((1.5 0.5, 2.5 0.5, 2.5 1.5, 1.5 1.5, 1.5 0.5)))";

}  // namespace

TEST_CASE("ring walker: every polygon of polygons, multipolygons and nested collections", "[ring_walker]") {
    GeosContext geos;
    struct Case {
        const char* wkt;
        int polygons, rings, holes;
    };
    const std::vector<Case> cases = {
        {"POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))", 1, 2, 1},
        {"MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", 2, 2, 0},
        {kSquareAsCollection, 4, 4, 0},
        // Collections inside collections, with points, lines and empty polygons skipped.
        {"GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1),POLYGON EMPTY,"
         "GEOMETRYCOLLECTION(MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.5 5.2,5.8 5.2,5.8 5.5,5.5 5.2))),"
         "GEOMETRYCOLLECTION(POLYGON((9 9,10 9,10 10,9 9)))))",
         3, 4, 1},
        {"LINESTRING(0 0,1 1)", 0, 0, 0},
        {"POLYGON EMPTY", 0, 0, 0},
        {"GEOMETRYCOLLECTION EMPTY", 0, 0, 0},
    };
    for (const auto& c : cases) {
        INFO(c.wkt);
        auto g = geos.from_wkt(c.wkt);
        int polygons = 0, rings = 0, holes = 0;
        for_each_polygon(geos, g.get(), [&](const GEOSGeometry*) { ++polygons; });
        for_each_ring(geos, g.get(), [&](const GEOSGeometry* ring, bool hole) {
            ++rings;
            holes += hole ? 1 : 0;
            std::vector<double> x, y;
            copy_xy(geos, ring, x, y);
            CHECK(x.size() >= 4);
            CHECK(x.front() == x.back());
        });
        CHECK(polygons == c.polygons);
        CHECK(rings == c.rings);
        CHECK(holes == c.holes);
    }
}

TEST_CASE("coverage fractions: a collection holding a multipolygon and polygons counts every part", "[ring_walker][coverage]") {
    GeosContext geos;
    auto g = geos.from_wkt(kSquareAsCollection);
    const Grid grid = grid3x3();
    const CoverageFractions f = coverage_fractions(geos, g.get(), grid, Window{0, 0, 3, 3});
    const double expected[3][3] = {{0.25, 0.5, 0.25}, {0.5, 1.0, 0.5}, {0.25, 0.5, 0.25}};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) CHECK(f.at(r, c) == Approx(expected[r][c]).margin(1e-15));
    // The same nested one level deeper.
    auto nested = geos.from_wkt(std::string("GEOMETRYCOLLECTION(") + kSquareAsCollection + ")");
    const CoverageFractions n = coverage_fractions(geos, nested.get(), grid, Window{0, 0, 3, 3});
    CHECK(n.fraction == f.fraction);
}

TEST_CASE("areas and clipped areas: a collection measures as its polygons", "[ring_walker][area]") {
    GeosContext geos;
    AreaCalculator calc(geos, "EPSG:4544");
    auto one = geos.from_wkt("POLYGON((500000 4130000, 502000 4130000, 502000 4132000, 500000 4132000, 500000 4130000))");
    auto two = geos.from_wkt("POLYGON((510000 4130000, 511000 4130000, 511000 4131000, 510000 4131000, 510000 4130000))");
    auto coll = geos.from_wkt(
        "GEOMETRYCOLLECTION(LINESTRING(0 0, 1 1), GEOMETRYCOLLECTION(MULTIPOLYGON(((500000 4130000, 502000 4130000, "
        "502000 4132000, 500000 4132000, 500000 4130000)))), POLYGON((510000 4130000, 511000 4130000, 511000 4131000, "
        "510000 4131000, 510000 4130000)))");
    for (AreaMode mode : {AreaMode::Planar, AreaMode::Ellipsoidal}) {
        CHECK(calc.area(coll.get(), mode) == Approx(calc.area(one.get(), mode) + calc.area(two.get(), mode)).epsilon(1e-14));
    }
    // A convex site (the box of both squares) clips the collection to the whole of both.
    auto site = geos.from_wkt("POLYGON((499000 4129000, 512000 4129000, 512000 4133000, 499000 4133000, 499000 4129000))");
    auto clipper = ConvexClipper::from(geos, site.get());
    REQUIRE(clipper);
    const auto a = clipper->clipped_area(geos, coll.get(), calc);
    CHECK(a.planar_m2 == Approx(5e6).epsilon(1e-12));
    CHECK(a.ellipsoidal_m2 == Approx(calc.ellipsoidal(coll.get())).epsilon(1e-12));
}

// GEOS reports failure by a value (null, -1, 0 or 2); each must become a GeometryError with
// GEOS's own message.  The inputs below make GEOS itself fail, not our code.
TEST_CASE("GEOS failures are GeometryErrors carrying GEOS's message", "[ring_walker][geos]") {
    GeosContext geos;
    auto coll = geos.from_wkt("GEOMETRYCOLLECTION(POINT(0 0))");
    auto poly = geos.from_wkt("POLYGON((0 0,1 0,1 1,0 0))");
    auto point = geos.from_wkt("POINT(0 0)");
    // Ring accessors on something that is not a polygon: GEOS throws IllegalArgumentException.
    CHECK_THROWS_AS(exterior_ring(geos, coll.get()), GeometryError);
    CHECK_THROWS_WITH(exterior_ring(geos, coll.get()), Catch::Contains("must be a Polygon"));
    CHECK_THROWS_WITH(num_holes(geos, coll.get()), Catch::Contains("not a Polygon"));
    CHECK_THROWS_WITH(hole_n(geos, point.get(), 0), Catch::Contains("IllegalArgumentException"));
    // A polygon has no coordinate sequence of its own.
    std::vector<double> x, y;
    CHECK_THROWS_AS(copy_xy(geos, poly.get(), x, y), GeometryError);
    CHECK_THROWS_WITH(copy_xy(geos, poly.get(), x, y), Catch::Contains("GEOSGeom_getCoordSeq"));
    // A predicate whose GEOS result is 2 (exception): a NaN vertex on a line crossing a prepared
    // rectangle, as the site map's "visible" test asks — an error, never "visible".
    auto view = geos.from_wkt("POLYGON((0 0,5 0,5 5,0 5,0 0))");
    auto prepared = geos.prepare(view.get());
    auto bad = geos.from_wkt("LINESTRING(-1 -1, NaN 3, 10 10)");
    const char r = GEOSPreparedIntersects_r(geos.handle(), prepared.get(), bad.get());
    CHECK(r == 2);
    CHECK_THROWS_AS(geos.predicate(r, "intersects"), GeometryError);
    CHECK_THROWS_WITH(geos.predicate(GEOSPreparedIntersects_r(geos.handle(), prepared.get(), bad.get()), "intersects"),
                      Catch::Contains("NaN"));
    // A measure returning 0 with an error: a distance across a NaN vertex.
    auto tri = geos.from_wkt("POLYGON((0.5 0.5,4 0.7,1 4,0.5 0.5))");
    auto nan_poly = geos.from_wkt("POLYGON((0 0,3 0,3 NaN,0 3,0 0))");
    CHECK_THROWS_AS(geos.distance(nan_poly.get(), tri.get()), GeometryError);
    CHECK_THROWS_WITH(geos.distance(nan_poly.get(), tri.get()), Catch::Contains("NaN"));
}
