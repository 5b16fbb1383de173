// Pixel outlines (geo/pixel_polygon.h): hand-drawn pixel sets with known polygon and hole counts,
// random sets against GEOS's union of the pixel squares, and the register on a patch whose
// pixels touch only at corners (which GEOS's coverage union refused).
#include "analysis/patch_register.h"
#include "geo/area.h"
#include "geo/errors.h"
#include "geo/pixel_polygon.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <set>
#include <string>

using namespace ecozone;

namespace {

using Cells = std::vector<std::pair<int, int>>;

// A Gauss–Krüger-sized grid (zone-prefixed easting) of `size` m pixels.
geo::Grid gk_grid(double size, double xmin = 36500000) {
    geo::Grid g;
    g.xmin = xmin;
    g.ymax = 4100000;
    g.dx = g.dy = size;
    g.cols = g.rows = 100000;
    return g;
}

// Pixels drawn as text, '#' in, anything else out; row 0 first, offset by (r0, c0).
Cells drawn(const std::vector<std::string>& rows, int r0 = 10, int c0 = 20) {
    Cells cells;
    for (size_t r = 0; r < rows.size(); ++r) {
        for (size_t c = 0; c < rows[r].size(); ++c) {
            if (rows[r][c] == '#') cells.emplace_back(r0 + static_cast<int>(r), c0 + static_cast<int>(c));
        }
    }
    return cells;
}

// The 4-connected groups of pixels, by flood fill: the polygons the outline must have.
size_t groups_4(const Cells& cells) {
    std::set<std::pair<int, int>> left(cells.begin(), cells.end());
    size_t groups = 0;
    while (!left.empty()) {
        ++groups;
        std::vector<std::pair<int, int>> todo = {*left.begin()};
        left.erase(left.begin());
        while (!todo.empty()) {
            const auto [r, c] = todo.back();
            todo.pop_back();
            for (const auto& n : {std::pair{r + 1, c}, std::pair{r - 1, c}, std::pair{r, c + 1}, std::pair{r, c - 1}}) {
                if (left.erase(n)) todo.push_back(n);
            }
        }
    }
    return groups;
}

size_t distinct(const Cells& cells) {
    return std::set<std::pair<int, int>>(cells.begin(), cells.end()).size();
}

// GEOS's own union of the pixel squares, the reference.
geo::GeomPtr union_of_squares(const Cells& cells, const geo::Grid& g, const geo::GeosContext& geos) {
    std::vector<geo::GeomPtr> squares;
    for (const auto& [r, c] : cells) {
        squares.push_back(geos.own(
            GEOSGeom_createRectangle_r(geos.handle(), g.x_of(c), g.y_of(r + 1), g.x_of(c + 1), g.y_of(r)), "pixel"));
    }
    return geos.union_all(std::move(squares));
}

// The traced geometry, with every pixel corner or only the turns, is valid, has exactly the
// pixels' area and equals GEOS's union of them.
void check_outline(const Cells& cells, const geo::Grid& g, const geo::GeosContext& geos) {
    const geo::GeomPtr reference = union_of_squares(cells, g, geos);
    for (const auto corners : {geo::OutlineCorners::Every, geo::OutlineCorners::Turns}) {
        const geo::PixelOutline outline = geo::trace_pixel_outline(cells, corners);
        const geo::GeomPtr traced = geo::outline_geometry(outline, g, geos);
        INFO((corners == geo::OutlineCorners::Every ? "every corner: " : "turns only: ")
             << geos.to_wkt(traced.get(), 0));
        REQUIRE(geos.is_valid(traced.get()));
        CHECK(geos.planar_area(traced.get()) ==
              Approx(static_cast<double>(distinct(cells)) * g.dx * g.dy).epsilon(1e-13));
        CHECK(outline.polygon_count() == groups_4(cells));
        CHECK(geos.predicate(GEOSEquals_r(geos.handle(), traced.get(), reference.get()), "equals"));
        CHECK(geos.planar_area(geos.difference(traced.get(), reference.get()).get()) == 0.0);
        CHECK(geos.planar_area(geos.difference(reference.get(), traced.get()).get()) == 0.0);
        // pixel_polygon returns the traced outline itself, not the fallback.
        const geo::GeomPtr built = geo::pixel_polygon(cells, g, geos, corners);
        CHECK(geos.to_wkt(built.get(), 3) == geos.to_wkt(traced.get(), 3));
    }
}

size_t ring_corners(const geo::PixelOutline& o, size_t ring) {
    return o.ring_start[ring + 1] - o.ring_start[ring];
}

}  // namespace

TEST_CASE("pixel outline: single pixel, block, L shape and strips, with every corner or only the turns",
          "[pixel-polygon]") {
    geo::GeosContext geos;
    const geo::Grid g = gk_grid(30);
    struct Case {
        const char* name;
        Cells cells;
        size_t every, turns;  // corners of the one ring
    };
    Cells strip_across, strip_down;
    for (int k = 0; k < 100; ++k) {
        strip_across.emplace_back(50, 10 + k);
        strip_down.emplace_back(10 + k, 50);
    }
    const std::vector<Case> cases = {{"single pixel", drawn({"#"}), 4, 4},
                                     {"2x2 block", drawn({"##", "##"}), 8, 4},
                                     {"L shape", drawn({"#.", "#.", "##"}), 10, 6},
                                     {"1x100 strip", strip_across, 202, 4},
                                     {"100x1 strip", strip_down, 202, 4}};
    for (const Case& c : cases) {
        SECTION(c.name) {
            const geo::PixelOutline every = geo::trace_pixel_outline(c.cells);
            const geo::PixelOutline turns = geo::trace_pixel_outline(c.cells, geo::OutlineCorners::Turns);
            for (const geo::PixelOutline* o : {&every, &turns}) {
                CHECK(o->polygon_count() == 1);
                CHECK(o->hole_count() == 0);
            }
            CHECK(ring_corners(every, 0) == c.every);
            CHECK(ring_corners(turns, 0) == c.turns);
            check_outline(c.cells, g, geos);
        }
    }
}

TEST_CASE("pixel outline: with every pixel corner, the ellipsoidal area is the sum of the pixels'", "[pixel-polygon]") {
    // The official edge formula integrates along the vertices, so it is additive over pixels only
    // when the outline keeps their corners: the register's figures then equal the pixels' sum.
    geo::GeosContext geos;
    const geo::AreaCalculator calc(geos, "EPSG:4524");  // zone 36, x0 = 36 500 000 m
    const geo::Grid g = gk_grid(30);
    Cells cells =
        drawn({"##########.....", "#........#.....", "#..####..######", "#..#..#.......#", "####..#########"});
    for (int k = 0; k < 300; ++k) cells.emplace_back(20, 40 + k);  // a 9 km strip: long straight edges
    double pixels_m2 = 0;
    for (const auto& [r, c] : cells) {
        const geo::GeomPtr square = geos.own(
            GEOSGeom_createRectangle_r(geos.handle(), g.x_of(c), g.y_of(r + 1), g.x_of(c + 1), g.y_of(r)), "pixel");
        pixels_m2 += calc.ellipsoidal(square.get());
    }
    const double every = calc.ellipsoidal(geo::pixel_polygon(cells, g, geos).get());
    const double turns = calc.ellipsoidal(geo::pixel_polygon(cells, g, geos, geo::OutlineCorners::Turns).get());
    INFO("pixels " << pixels_m2 << " m², every corner " << every << " m², turns only " << turns << " m²");
    CHECK(every == Approx(pixels_m2).epsilon(1e-12));
    CHECK(turns == Approx(pixels_m2).epsilon(1e-6));  // close, not equal
}

TEST_CASE("pixel outline: the shell runs counter-clockwise, the hole clockwise, in x/y", "[pixel-polygon]") {
    geo::GeosContext geos;
    const geo::GeomPtr ring = geo::pixel_polygon(drawn({"###", "#.#", "###"}), gk_grid(10), geos);
    REQUIRE(GEOSGeomTypeId_r(geos.handle(), ring.get()) == GEOS_POLYGON);
    REQUIRE(GEOSGetNumInteriorRings_r(geos.handle(), ring.get()) == 1);
    char ccw = 0;
    GEOSCoordSeq_isCCW_r(geos.handle(),
                         GEOSGeom_getCoordSeq_r(geos.handle(), GEOSGetExteriorRing_r(geos.handle(), ring.get())), &ccw);
    CHECK(ccw == 1);
    GEOSCoordSeq_isCCW_r(geos.handle(),
                         GEOSGeom_getCoordSeq_r(geos.handle(), GEOSGetInteriorRingN_r(geos.handle(), ring.get(), 0)),
                         &ccw);
    CHECK(ccw == 0);
}

TEST_CASE("pixel outline: holes, islands, corner contacts and saddles", "[pixel-polygon]") {
    geo::GeosContext geos;
    struct Case {
        const char* name;
        std::vector<std::string> rows;
        size_t polygons, holes;
    };
    const std::vector<Case> cases = {
        {"ring of 8 around a hole", {"###", "#.#", "###"}, 1, 1},
        // The audit's failing patch: 8-connected, but only one pair of its pixels shares an edge.
        {"8 pixels touching at corners around two holes", {".#..#.", "#.##.#", ".#..#."}, 7, 0},
        {"checkerboard 6x6", {"#.#.#.", ".#.#.#", "#.#.#.", ".#.#.#", "#.#.#.", ".#.#.#"}, 18, 0},
        {"two diagonal pixels", {"#.", ".#"}, 2, 0},
        {"two diagonal pixels the other way", {".#", "#."}, 2, 0},
        // The hole is open to the outside through a corner: shell and hole touch at that saddle.
        {"hole touching the shell at a corner", {"###", "#.#", "##."}, 1, 1},
        // Two holes in a diagonal chain, the second touching the shell.
        {"holes touching each other and the shell at corners",
         {"######", "######", "##.###", "###.##", "####..", "####.."},
         1,
         2},
        {"hole touching the shell at a corner, the other diagonal", {".###", "#.##", "####"}, 1, 1},
        // Two holes meeting diagonally: they touch at one point.
        {"two holes touching at a saddle", {"####", "#.##", "##.#", "####"}, 1, 2},
        {"three holes in a diagonal chain", {"#####", "#.###", "##.##", "###.#", "#####"}, 1, 3},
        {"a hole containing an island", {"#####", "#...#", "#.#.#", "#...#", "#####"}, 2, 1},
        // The island (row 2) touches a notch of the frame (row 3) at one corner.
        {"an island touching its hole at a corner", {"######", "#....#", "#..#.#", "#...##", "#....#", "######"}, 2, 1},
        {"five holes meeting at the corners of the middle one", {"#####", "#.#.#", "##.##", "#.#.#", "#####"}, 1, 5},
        {"spiral",
         {"#########", "........#", "#######.#", "#.....#.#", "#.###.#.#", "#.#...#.#", "#.#####.#", "#.......#",
          "#########"},
         1,
         0},
        {"closed spiral (a hole winding inwards)",
         {"#########", "#.......#", "#.#####.#", "#.#...#.#", "#.#.#.#.#", "#.#.###.#", "#.#.....#", "#.#######",
          "#########"},
         1,
         1},
        {"a plus of holes", {"#####", "##.##", "#...#", "##.##", "#####"}, 1, 1},
        {"holes on both diagonals of one corner ring",
         {"#######", "#.###.#", "##.#.##", "###.###", "##.#.##", "#.###.#", "#######"},
         1,
         9},
    };
    for (const geo::Grid& g : {gk_grid(30), gk_grid(10, 500000), gk_grid(2)}) {
        for (const Case& c : cases) {
            SECTION(std::string(c.name) + " at " + std::to_string(g.dx) + " m") {
                const Cells cells = drawn(c.rows);
                for (const auto corners : {geo::OutlineCorners::Every, geo::OutlineCorners::Turns}) {
                    const geo::PixelOutline o = geo::trace_pixel_outline(cells, corners);
                    CHECK(o.polygon_count() == c.polygons);
                    CHECK(o.hole_count() == c.holes);
                }
                check_outline(cells, g, geos);
            }
        }
    }
}

TEST_CASE("pixel outline: rings touch exactly at the saddles", "[pixel-polygon]") {
    const std::vector<std::pair<std::vector<std::string>, size_t>> cases = {
        {{"#"}, 0},
        {{"##", "#."}, 0},
        {{"#.", ".#"}, 1},
        {{"###", "#.#", "##."}, 1},
        {{"####", "#.##", "##.#", "####"}, 1},
        {{".#..#.", "#.##.#", ".#..#."}, 8},
        {{"#.#.#.", ".#.#.#", "#.#.#.", ".#.#.#", "#.#.#.", ".#.#.#"}, 25},
    };
    for (const auto& [rows, touches] : cases) {
        INFO(rows.front());
        CHECK(geo::trace_pixel_outline(drawn(rows)).touch_points == touches);
        CHECK(geo::trace_pixel_outline(drawn(rows), geo::OutlineCorners::Turns).touch_points == touches);
    }
}

TEST_CASE("pixel outline: the smallest patch GEOS 3.11's coverage union refuses", "[pixel-polygon]") {
    // Found by search over random 8-connected patches: "CoverageUnion cannot process overlapping
    // inputs" (four pixels around a hole touching only at corners, and a tail).
    geo::GeosContext geos;
    const Cells cells = drawn({".#..", "#.#.", ".#.#", "..#."});
    const geo::PixelOutline o = geo::trace_pixel_outline(cells);
    CHECK(o.polygon_count() == 6);
    CHECK(o.hole_count() == 0);
    check_outline(cells, gk_grid(30), geos);
}

TEST_CASE("pixel outline: the 8-pixel patch is a valid multipolygon of 7 parts and 8 pixels", "[pixel-polygon]") {
    geo::GeosContext geos;
    const geo::Grid g = gk_grid(30);
    const Cells cells = drawn({".#..#.", "#.##.#", ".#..#."});
    const geo::GeomPtr p = geo::pixel_polygon(cells, g, geos);
    CHECK(GEOSGeomTypeId_r(geos.handle(), p.get()) == GEOS_MULTIPOLYGON);
    CHECK(GEOSGetNumGeometries_r(geos.handle(), p.get()) == 7);
    CHECK(geos.is_valid(p.get()));
    CHECK(geos.planar_area(p.get()) == 8 * 900.0);
}

TEST_CASE("pixel outline: duplicates are ignored, no pixels give an empty multipolygon", "[pixel-polygon]") {
    geo::GeosContext geos;
    const geo::Grid g = gk_grid(30);
    Cells cells = drawn({"##.", "#.#", "###"});
    const Cells twice = [&] {
        Cells t = cells;
        t.insert(t.end(), cells.rbegin(), cells.rend());
        return t;
    }();
    CHECK(geo::trace_pixel_outline(twice).ring_count() == geo::trace_pixel_outline(cells).ring_count());
    check_outline(twice, g, geos);
    const geo::GeomPtr none = geo::pixel_polygon({}, g, geos);
    CHECK(geos.is_empty(none.get()));
    CHECK(GEOSGeomTypeId_r(geos.handle(), none.get()) == GEOS_MULTIPOLYGON);
}

TEST_CASE("pixel outline: random pixel sets equal GEOS's union of their squares", "[pixel-polygon]") {
    geo::GeosContext geos;
    std::mt19937 rng(20250611);
    const std::vector<geo::Grid> grids = {gk_grid(30), gk_grid(10, 500000), gk_grid(2)};
    for (int set = 0; set < 200; ++set) {
        // 10–400 distinct pixels at a density of 0.3–0.7 in a window of at most 30×30.
        const int n = std::uniform_int_distribution<int>(10, 400)(rng);
        const double density = std::uniform_real_distribution<double>(0.3, 0.7)(rng);
        const int side = std::min(30, static_cast<int>(std::ceil(std::sqrt(n / density))));
        const int count = std::min(n, side * side);
        std::vector<std::pair<int, int>> window;
        for (int r = 0; r < side; ++r) {
            for (int c = 0; c < side; ++c) window.emplace_back(1000 + r, 2000 + c);
        }
        std::shuffle(window.begin(), window.end(), rng);
        Cells cells(window.begin(), window.begin() + count);
        // Every fifth set gets a far pixel as well, so its pixels are looked up in a hash table
        // instead of a table over the bounding box.
        if (set % 5 == 4) cells.emplace_back(90000, 3);
        INFO("set " << set << ", " << cells.size() << " pixels in " << side << "x" << side);
        check_outline(cells, grids[static_cast<size_t>(set) % grids.size()], geos);
    }
}

TEST_CASE("pixel outline: a long diagonal road of pixels", "[pixel-polygon]") {
    geo::GeosContext geos;
    Cells road;
    for (int k = 0; k < 3000; ++k) {
        road.emplace_back(10 + k, 10 + k);
        road.emplace_back(10 + k, 11 + k);  // 2 pixels wide on each row: one 4-connected staircase
    }
    const geo::PixelOutline o = geo::trace_pixel_outline(road);
    CHECK(o.polygon_count() == 1);
    CHECK(o.hole_count() == 0);
    const geo::GeomPtr p = geo::pixel_polygon(road, gk_grid(10), geos);
    CHECK(geos.is_valid(p.get()));
    CHECK(geos.planar_area(p.get()) == Approx(6000 * 100.0).epsilon(1e-13));
}

TEST_CASE("the register completes on patches whose pixels touch only at corners", "[pixel-polygon][register]") {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini.toml"), geos);
    geo::Grid grid;  // 100 m pixels over the mini county, as in test_patch_register.cpp
    grid.xmin = 519000;
    grid.ymax = 4141000;
    grid.dx = grid.dy = 100;
    grid.cols = grid.rows = 120;
    auto patch = [](const Cells& cells) {
        analysis::ChangePatch p;
        p.activity = "02";
        p.cells = cells;
        p.row_min = p.col_min = 1 << 30;
        for (const auto& [r, c] : p.cells) {
            p.sum_row += r + 0.5;
            p.sum_col += c + 0.5;
            ++p.pixels;
            p.row_min = std::min(p.row_min, r);
            p.row_max = std::max(p.row_max, r);
            p.col_min = std::min(p.col_min, c);
            p.col_max = std::max(p.col_max, c);
        }
        p.transitions[{5, 2}] = p.pixels;
        p.activity_pixels["02"] = p.pixels;
        return p;
    };
    // In 西乡, outside the reserve: the 8-pixel patch of the bug report, and the 6-pixel one the
    // coverage union refused (the old register aborted on it).
    const std::vector<analysis::ChangePatch> patches = {patch(drawn({".#..#.", "#.##.#", ".#..#."}, 100, 10)),
                                                        patch(drawn({".#..", "#.#.", ".#.#", "..#."}, 105, 10))};
    const auto recs = analysis::build_register(patches, grid, cat, geos, analysis::RegisterOptions{});
    REQUIRE(recs.size() == 2);
    for (size_t i = 0; i < recs.size(); ++i) {
        const double pixels = static_cast<double>(patches[i].pixels);
        REQUIRE(recs[i].polygon);
        CHECK(geos.is_valid(recs[i].polygon.get()));
        CHECK(recs[i].pixels == patches[i].pixels);
        CHECK(recs[i].planar_m2 == Approx(pixels * 1e4).epsilon(1e-12));
        CHECK(recs[i].area_hm2 == Approx(pixels).epsilon(1e-3));  // ellipsoidal, 4 decimals
        CHECK(recs[i].township == "西乡");
    }
    CHECK(recs[0].pixels == 8);
    CHECK(recs[1].id == "000000-0-1-0002");
}

TEST_CASE("a patch GEOS cannot overlay is registered from its pixels, and the register goes on",
          "[pixel-polygon][register]") {
    geo::GeosContext geos;
    auto cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini.toml"), geos);
    // Every reserve zone becomes one bow-tie over the core (x 526000–527000, y 4136000–4137000):
    // an overlay with it throws ("Self-intersection"), as a broken layer could.
    for (auto& f : cat.vectors.at(layers::VectorRole::ReserveZones).features) {
        f.geom =
            geos.from_wkt("POLYGON((526000 4136000, 527000 4136000, 526000 4137000, 527000 4137000, 526000 4136000))");
    }
    geo::Grid grid;
    grid.xmin = 519000;
    grid.ymax = 4141000;
    grid.dx = grid.dy = 100;
    grid.cols = grid.rows = 120;
    auto block = [](int r0, int c0, int n) {
        analysis::ChangePatch p;
        p.activity = "02";
        for (int r = r0; r < r0 + n; ++r) {
            for (int c = c0; c < c0 + n; ++c) {
                p.cells.emplace_back(r, c);
                p.sum_row += r + 0.5;
                p.sum_col += c + 0.5;
                ++p.pixels;
            }
        }
        p.transitions[{5, 2}] = p.pixels;
        return p;
    };
    // x 526400–526700, y 4136100–4136400: across the lower triangle's edge, so the overlay is
    // tried; 8 of its 9 pixel centres are inside the triangle (the ninth is on its edge).  Then a
    // patch far from the reserve, attributed as usual.
    const auto recs = analysis::build_register({block(46, 74, 3), block(100, 10, 3)}, grid, cat, geos, {});
    REQUIRE(recs.size() == 2);
    CHECK_FALSE(recs[0].polygon);
    CHECK(recs[0].pixels == 9);
    CHECK(recs[0].planar_m2 == Approx(9e4).epsilon(1e-12));
    CHECK(recs[0].area_hm2 == Approx(9.0).epsilon(1e-3));
    CHECK(recs[0].zone == "core");
    CHECK(recs[0].zone_hm2.at("core") == Approx(8.0).epsilon(1e-3));
    CHECK(recs[0].township == "东镇");
    REQUIRE(recs[1].polygon);
    CHECK(recs[1].zone == "outside");
    CHECK(recs[1].area_hm2 == Approx(9.0).epsilon(1e-3));
    CHECK(recs[1].id == "000000-0-1-0002");
}

// Not a test: the time to trace a 1000×1000 speckle (every pixel in with probability p).
// build/tests/ecozone_tests "[.pixel-polygon-bench]"
TEST_CASE("pixel outline: speckle timing", "[.pixel-polygon-bench]") {
    geo::GeosContext geos;
    const geo::Grid g = gk_grid(10);
    for (const double p : {0.3, 0.5, 0.7}) {
        std::mt19937 rng(7);
        std::bernoulli_distribution in(p);
        Cells cells;
        for (int r = 0; r < 1000; ++r) {
            for (int c = 0; c < 1000; ++c) {
                if (in(rng)) cells.emplace_back(r, c);
            }
        }
        using Clock = std::chrono::steady_clock;
        for (const auto corners : {geo::OutlineCorners::Every, geo::OutlineCorners::Turns}) {
            auto t0 = Clock::now();
            const geo::PixelOutline o = geo::trace_pixel_outline(cells, corners);
            auto t1 = Clock::now();
            const geo::GeomPtr traced = geo::outline_geometry(o, g, geos);
            auto t2 = Clock::now();
            const bool valid = geos.is_valid(traced.get());
            auto t3 = Clock::now();
            auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
            std::cout << "density " << p
                      << (corners == geo::OutlineCorners::Every ? ", every corner: " : ", turns only: ") << cells.size()
                      << " pixels, " << o.ring_start.back() << " corners, " << o.polygon_count() << " polygons, "
                      << o.hole_count() << " holes; trace " << ms(t0, t1) << " ms, GEOS geometry " << ms(t1, t2)
                      << " ms, isValid " << ms(t2, t3) << " ms\n";
            CHECK(valid);
        }
    }
}
