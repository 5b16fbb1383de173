// The patch register on the mini county: zone attribution (most protective zone, area in each),
// ids, centres, red-line flags, and the statuses against a previous register.
#include "analysis/patch_register.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace ecozone;

namespace {

const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini.toml";

// A 100 m grid over the mini county (x 519000.., y ..4141000).
geo::Grid mini_grid() {
    geo::Grid g;
    g.xmin = 519000;
    g.ymax = 4141000;
    g.dx = g.dy = 100;
    g.cols = g.rows = 120;
    return g;
}

// A rectangular patch of cells rows [r0, r0+h) × cols [c0, c0+w).
analysis::ChangePatch block(int r0, int c0, int h, int w, const std::string& activity) {
    analysis::ChangePatch p;
    p.activity = activity;
    p.row_min = r0;
    p.row_max = r0 + h - 1;
    p.col_min = c0;
    p.col_max = c0 + w - 1;
    for (int r = r0; r < r0 + h; ++r) {
        for (int c = c0; c < c0 + w; ++c) {
            p.cells.emplace_back(r, c);
            p.sum_row += r + 0.5;
            p.sum_col += c + 0.5;
            ++p.pixels;
        }
    }
    p.transitions[{5, 9}] = p.pixels;
    p.activity_pixels[activity] = p.pixels;
    return p;
}

}  // namespace

TEST_CASE("a patch straddling core and buffer is attributed to the core, with the area in each", "[register]") {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(layers::load_project(kMini), geos);
    // Core is x 526000–527000, y 4136000–4137000; buffer ring out to 525500–527500.
    // Cells: col 70 = x 526000, row 45 = y 4136500.  A 2×8 patch over cols 64..71: x 525400–526200.
    const auto grid = mini_grid();
    std::vector<analysis::ChangePatch> patches = {block(45, 64, 2, 8, "04"), block(100, 10, 3, 3, "02")};
    analysis::RegisterOptions o;
    o.id_prefix = "640399";
    o.year = 2025;
    const auto recs = analysis::build_register(patches, grid, cat, geos, o);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].id == "640399-2025-1-0001");
    CHECK(recs[0].zone == "core");
    CHECK(recs[0].zone_two == "core_protection");
    // Hand areas (planar): core 200 m × 200 m = 4 ha; buffer 500 m × 200 m = 10 ha; experimental 100 m × 200 m = 2 ha.
    CHECK(recs[0].zone_hm2.at("core") == Approx(4.0).epsilon(1e-4));
    CHECK(recs[0].zone_hm2.at("buffer") == Approx(10.0).epsilon(1e-4));
    CHECK(recs[0].zone_hm2.at("experimental") == Approx(2.0).epsilon(1e-4));
    CHECK(recs[0].area_hm2 == Approx(16.0).epsilon(1e-4));
    CHECK(recs[0].gk_y == Approx(525800.0));  // easting of the centre
    CHECK(recs[0].gk_x == Approx(4136400.0));  // northing
    CHECK(recs[0].lon > 105.0);
    CHECK(recs[0].lat > 37.0);
    CHECK(recs[0].township == "东镇");
    // The second patch: in the west township, inside the red line (x 520000–520300 is outside it).
    CHECK(recs[1].zone == "outside");
    CHECK(recs[1].township == "西乡");
}

TEST_CASE("register diff: new, expanded, unchanged, reduced and restored", "[register]") {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(layers::load_project(kMini), geos);
    const auto grid = mini_grid();
    analysis::RegisterOptions o;
    o.id_prefix = "640399";
    o.year = 2025;
    const auto now = analysis::build_register(
        {block(10, 10, 2, 2, "02"), block(20, 20, 3, 3, "02"), block(30, 30, 2, 2, "02"), block(40, 40, 2, 2, "02")}, grid,
        cat, geos, o);
    // Previous audit: the second patch was 2×2 (it grew), the third 2×2 (same), the fourth 3×3
    // (it shrank), and one more patch elsewhere that is gone now.
    o.year = 2024;
    const auto before = analysis::build_register(
        {block(20, 20, 2, 2, "02"), block(30, 30, 2, 2, "02"), block(40, 40, 3, 3, "02"), block(90, 90, 2, 2, "02")}, grid,
        cat, geos, o);
    std::vector<analysis::PreviousPatch> prev;
    for (const auto& r : before) prev.push_back({r.id, r.area_hm2, r.polygon.get(), r.gk_x, r.gk_y});
    std::vector<analysis::PatchRecord> copy;
    for (const auto& r : now) {
        analysis::PatchRecord c;
        c.id = r.id;
        c.area_hm2 = r.area_hm2;
        c.gk_x = r.gk_x;
        c.gk_y = r.gk_y;
        c.polygon = geos.clone(r.polygon.get());
        copy.push_back(std::move(c));
    }
    const auto diff = analysis::diff_with_previous(std::move(copy), prev, geos);
    REQUIRE(diff.size() == 5);
    CHECK(diff[0].change == "new");
    CHECK(diff[1].change == "expanded");
    CHECK(diff[1].added_hm2 == Approx(5.0).epsilon(1e-3));  // 9 − 4 cells of 1 ha
    CHECK(diff[2].change == "unchanged");
    CHECK(diff[3].change == "reduced");
    CHECK(diff[4].change == "restored");
    CHECK(diff[4].id == "640399-2024-1-0004");
}

TEST_CASE("road patches carry their centreline length, detected or delivered", "[register]") {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(layers::load_project(kMini), geos);
    // An L of 100 m pixels, 1 px wide: 20 px along row 100, then 10 px down col 29.  Thinning
    // cuts the corner pixel, so the centreline runs 18 px to (100, 28), √2 px across to (101, 29),
    // 9 px down, plus half a pixel at each end: (28 + √2) × 100 m.  The old bounding-box diagonal
    // would have said √(2000² + 1100²) ≈ 2 283 m.
    analysis::ChangePatch road = block(100, 10, 1, 20, "09");
    for (int r = 101; r <= 110; ++r) {
        road.cells.emplace_back(r, 29);
        ++road.pixels;
    }
    const auto recs = analysis::build_register({road}, mini_grid(), cat, geos, analysis::RegisterOptions{});
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].road_length_m == Approx((28 + std::sqrt(2.0)) * 100).epsilon(1e-12));
    // The same road delivered as a 10 m wide polygon strip 1 000 m long.
    geo::GeomPtr strip =
        geos.from_wkt("POLYGON((520000 4130000, 521000 4130000, 521000 4130010, 520000 4130010, 520000 4130000))");
    const auto ext = analysis::build_register({analysis::ExternalPatch{strip.get(), "09", "R1"}}, cat, geos, {});
    REQUIRE(ext.size() == 1);
    CHECK(ext[0].road_length_m == Approx(1000).epsilon(1e-9));
}

TEST_CASE("patches name their village (所在村): the one holding the most of the patch", "[register]") {
    geo::GeosContext geos;
    // mini_audit.toml adds villages: 西乡 = 西一村 (y < 4135000) + 西二村; 东镇 = 东一村 (x < 527500) + 东二村.
    const auto cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini_audit.toml"), geos);
    // Cells: x = 519000 + 100 col, y = 4141000 - 100 row.
    const std::vector<analysis::ChangePatch> patches = {
        block(100, 10, 3, 3, "02"),  // x 520000–520300, y 4130700–4131000: 西一村
        block(20, 10, 3, 3, "02"),   // y 4138700–4139000: 西二村
        block(45, 84, 2, 4, "04"),   // x 527400–527800: 100 m in 东一村, 300 m in 东二村
    };
    const auto recs = analysis::build_register(patches, mini_grid(), cat, geos, analysis::RegisterOptions{});
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].township == "西乡");
    CHECK(recs[0].village == "西一村");
    CHECK(recs[1].village == "西二村");
    CHECK(recs[2].township == "东镇");
    CHECK(recs[2].village == "东二村");
    // Without a villages layer the field stays empty.
    const auto plain = layers::load_catalogue(layers::load_project(kMini), geos);
    CHECK(analysis::build_register(patches, mini_grid(), plain, geos, analysis::RegisterOptions{})[0].village.empty());
}

TEST_CASE("the protected-area scope registers only patches touching the reserve or the red line, numbered without gaps",
          "[register]") {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(layers::load_project(kMini), geos);
    // In grid order: a patch in the core (x 526000–526300, y 4136300–4136600), one far from the
    // reserve and outside the red line (x 520000–520300, y 4130700–4131000, see above), and one
    // more in the core.
    const std::vector<analysis::ChangePatch> patches = {block(44, 70, 3, 3, "04"), block(100, 10, 3, 3, "02"),
                                                        block(105, 10, 3, 3, "02"), block(50, 72, 2, 2, "02")};
    analysis::RegisterOptions all;
    all.id_prefix = "640399";
    all.year = 2025;
    const auto every = analysis::build_register(patches, mini_grid(), cat, geos, all);
    REQUIRE(every.size() == 4);
    CHECK(every[1].zone == "outside");
    CHECK_FALSE(every[1].in_redline);
    CHECK(every[2].zone == "outside");
    analysis::RegisterOptions scoped = all;
    scoped.protected_only = true;
    const auto kept = analysis::build_register(patches, mini_grid(), cat, geos, scoped);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].id == "640399-2025-1-0001");
    CHECK(kept[0].zone == "core");
    CHECK(kept[1].id == "640399-2025-1-0002");  // no gap where the outside patches were
    CHECK(kept[1].area_hm2 == every[3].area_hm2);
}
