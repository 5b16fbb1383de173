// Change patches of the audits (analysis/change_patches.h) on in-memory rasters with injected
// patches of known pixel counts.
#include "analysis/change_patches.h"
#include "geo/errors.h"
#include "layers/class_raster.h"
#include "layers/gdal_handle.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <random>
#include <tuple>

using namespace ecozone;
using namespace ecozone::analysis;

namespace {

// Classes: 1 forest, 5 grassland (natural); 2 construction, 3 quarry, 4 dry cropland, 8 irrigated
// cropland (both agriculture, "01"), 6 solar farm.
TransitionTable table() {
    TransitionTable t;
    t.natural = {1, 5};
    t.activity_of_after = {{2, "02"}, {3, "04"}, {4, "01"}, {6, "05"}, {8, "01"}};
    return t;
}

// Two dates on a 10 m grid, both all `background` to start with.
struct Scene {
    int cols, rows;
    std::vector<std::int32_t> before, after;
    Scene(int c, int r, std::int32_t background = 1)
        : cols(c),
          rows(r),
          before(static_cast<size_t>(c * r), background),
          after(static_cast<size_t>(c * r), background) {}
    std::int32_t& b(int r, int c) { return before[static_cast<size_t>(r * cols + c)]; }
    std::int32_t& a(int r, int c) { return after[static_cast<size_t>(r * cols + c)]; }
    // After-date block of `value` over rows [r0, r0+h) × cols [c0, c0+w).
    void block(int r0, int c0, int h, int w, std::int32_t value) {
        for (int r = r0; r < r0 + h; ++r)
            for (int c = c0; c < c0 + w; ++c) a(r, c) = value;
    }
    geo::Grid grid() const {
        geo::Grid g;
        g.xmin = 500000;
        g.ymax = 4000000;
        g.dx = g.dy = 10;
        g.cols = cols;
        g.rows = rows;
        return g;
    }
    PatchResult run(const PatchOptions& opt, int band_rows = 4, std::optional<std::int32_t> nodata = std::nullopt,
                    double pixel_area = 100) const {
        auto src = memory_rows(grid(), before, after, nodata, band_rows);
        return find_change_patches(*src, table(), opt, pixel_area);
    }
};

// No noise suppression at all: every changed pixel counts.
PatchOptions plain(int connectivity = 8) {
    PatchOptions o;
    o.connectivity = connectivity;
    o.noise.majority_filter = false;
    o.noise.drop_boundary_shifts = false;
    o.noise.drop_noisy_transitions = false;
    return o;
}

// The second algorithm: breadth-first flood fill on the whole change mask, components in the
// order of their first pixel: (first row, first col, pixels).
std::vector<std::tuple<int, int, std::int64_t>> flood_fill(const Scene& s, int connectivity) {
    const TransitionTable t = table();
    std::vector<char> mask(s.before.size()), seen(s.before.size(), 0);
    for (size_t i = 0; i < mask.size(); ++i) mask[i] = !t.activity(s.before[i], s.after[i]).empty();
    std::vector<std::tuple<int, int, std::int64_t>> out;
    for (int r = 0; r < s.rows; ++r) {
        for (int c = 0; c < s.cols; ++c) {
            const size_t i = static_cast<size_t>(r * s.cols + c);
            if (!mask[i] || seen[i]) continue;
            std::int64_t n = 0;
            std::deque<std::pair<int, int>> q{{r, c}};
            seen[i] = 1;
            while (!q.empty()) {
                auto [y, x] = q.front();
                q.pop_front();
                ++n;
                for (int dy = -1; dy <= 1; ++dy) {
                    for (int dx = -1; dx <= 1; ++dx) {
                        if ((dy == 0 && dx == 0) || (connectivity == 4 && dy != 0 && dx != 0)) continue;
                        const int yy = y + dy, xx = x + dx;
                        if (yy < 0 || yy >= s.rows || xx < 0 || xx >= s.cols) continue;
                        const size_t j = static_cast<size_t>(yy * s.cols + xx);
                        if (mask[j] && !seen[j]) {
                            seen[j] = 1;
                            q.emplace_back(yy, xx);
                        }
                    }
                }
            }
            out.emplace_back(r, c, n);
        }
    }
    return out;
}

// Whole-array 3x3 majority filter, written independently (counts per class in a std::map).
std::vector<std::int32_t> majority_whole(const std::vector<std::int32_t>& v, int cols, int rows,
                                         std::optional<std::int32_t> nd) {
    std::vector<std::int32_t> out(v.size());
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const std::int32_t own = v[static_cast<size_t>(r * cols + c)];
            out[static_cast<size_t>(r * cols + c)] = own;
            if (nd && own == *nd) continue;
            std::map<std::int32_t, int> votes;
            for (int y = std::max(0, r - 1); y <= std::min(rows - 1, r + 1); ++y)
                for (int x = std::max(0, c - 1); x <= std::min(cols - 1, c + 1); ++x) {
                    const std::int32_t w = v[static_cast<size_t>(y * cols + x)];
                    if (!(nd && w == *nd)) ++votes[w];
                }
            if (votes[own] >= 4) continue;                         // backed by three like neighbours: stays
            if (r > 0 && r + 1 < rows && c > 0 && c + 1 < cols) {  // the middle of a one-pixel line: stays
                auto like = [&](int y, int x) { return v[static_cast<size_t>(y * cols + x)] == own; };
                if ((like(r - 1, c) && like(r + 1, c)) || (like(r, c - 1) && like(r, c + 1)) ||
                    (like(r - 1, c - 1) && like(r + 1, c + 1)) || (like(r - 1, c + 1) && like(r + 1, c - 1)))
                    continue;
            }
            for (const auto& [cls, n] : votes)
                if (n >= 5) out[static_cast<size_t>(r * cols + c)] = cls;
        }
    }
    return out;
}

std::vector<std::tuple<int, int, std::int64_t>> summary(const PatchResult& res) {
    std::vector<std::tuple<int, int, std::int64_t>> out;
    for (const auto& p : res.patches) out.emplace_back(p.cells.front().first, p.cells.front().second, p.pixels);
    return out;
}

}  // namespace

TEST_CASE("transition table: natural to activity, explicit pairs override", "[change]") {
    TransitionTable t = table();
    t.pairs[{4, 2}] = "02";  // cropland built over
    t.pairs[{1, 6}] = "";    // forest to solar is not counted here
    CHECK(t.activity(1, 2) == "02");
    CHECK(t.activity(5, 3) == "04");
    CHECK(t.activity(1, 1).empty());
    CHECK(t.activity(2, 1).empty());  // restoration is not a new activity
    CHECK(t.activity(4, 2) == "02");
    CHECK(t.activity(1, 6).empty());
    CHECK(t.activity(1, 99).empty());
}

TEST_CASE("every injected patch found with its pixel count and activity", "[change]") {
    Scene s(30, 20);
    s.block(2, 3, 3, 4, 2);    // 12 px construction -> 02
    s.block(10, 15, 5, 5, 3);  // 25 px quarry -> 04
    s.block(14, 2, 2, 7, 4);   // 14 px cropland -> 01
    s.b(0, 25) = 2;            // construction -> forest: restoration, not an activity
    {
        const PatchResult res = s.run(plain());
        REQUIRE(res.patches.size() == 3);
        const auto& p0 = res.patches[0];
        CHECK(p0.pixels == 12);
        CHECK(p0.activity == "02");
        CHECK(p0.activity_pixels == std::map<std::string, std::int64_t>{{"02", 12}});
        CHECK(p0.transitions == std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t>{{{1, 2}, 12}});
        CHECK(std::tie(p0.row_min, p0.row_max, p0.col_min, p0.col_max) == std::make_tuple(2, 4, 3, 6));
        CHECK(p0.sum_row / p0.pixels == Approx(3.5));
        CHECK(p0.sum_col / p0.pixels == Approx(5.0));
        CHECK(p0.cells.front() == std::make_pair(2, 3));
        CHECK(p0.cells.back() == std::make_pair(4, 6));
        CHECK(std::is_sorted(p0.cells.begin(), p0.cells.end()));
        CHECK(res.patches[1].pixels == 25);
        CHECK(res.patches[1].activity == "04");
        CHECK(res.patches[2].pixels == 14);
        CHECK(res.patches[2].activity == "01");
        CHECK(res.stats.components == 3);
        CHECK(res.stats.patches == 3);
        CHECK(res.stats.changed_pixels_raw == 51);
        CHECK(res.stats.changed_pixels_after_filter == 51);
    }
    {
        // The 3x3 majority filter keeps a pixel backed by 3 like neighbours: a rectangle's corner
        // (4 of 9) survives, so real patches keep their exact size.
        const PatchResult res = s.run(PatchOptions{});
        REQUIRE(res.patches.size() == 3);
        CHECK(res.patches[0].pixels == 12);
        CHECK(res.patches[0].activity == "02");
        CHECK(res.patches[1].pixels == 25);
        CHECK(res.patches[2].pixels == 14);
        CHECK(res.stats.changed_pixels_raw == 51);
        CHECK(res.stats.changed_pixels_after_filter == 51);
    }
}

TEST_CASE("a patch of mixed activities takes the majority, ties to the smallest code", "[change]") {
    Scene s(10, 10);
    s.block(2, 2, 2, 3, 3);  // 6 quarry
    s.block(4, 2, 2, 3, 2);  // 6 construction, touching: one patch, tie -> "02"
    const PatchResult res = s.run(plain());
    REQUIRE(res.patches.size() == 1);
    CHECK(res.patches[0].pixels == 12);
    CHECK(res.patches[0].activity == "02");
    CHECK(res.patches[0].transitions.size() == 2);
    s.a(6, 2) = 3;  // one more quarry pixel
    const PatchResult res2 = s.run(plain());
    REQUIRE(res2.patches.size() == 1);
    CHECK(res2.patches[0].activity == "04");
}

TEST_CASE("a patch straddling a band boundary is one patch", "[change]") {
    Scene s(12, 12);
    s.block(2, 4, 5, 3, 2);  // rows 2..6 cross the boundary at row 4 (band_rows 4)
    // A U shape whose arms only join in the third band.
    for (int r = 1; r <= 9; ++r) {
        s.a(r, 9) = 3;
        s.a(r, 11) = 3;
    }
    s.a(9, 10) = 3;
    for (int band : {1, 2, 3, 4, 5, 12}) {
        const PatchResult res = s.run(plain(), band);
        REQUIRE(res.patches.size() == 2);
        CHECK(res.patches[0].pixels == 19);  // the U starts on row 1
        CHECK(res.patches[0].activity == "04");
        CHECK(res.patches[1].pixels == 15);
        CHECK(res.patches[1].row_min == 2);
        CHECK(res.patches[1].row_max == 6);
    }
    // Majority filter on: the 3x3 windows cross the band boundaries too (the block keeps every
    // pixel whatever the band height).
    Scene only(12, 12);
    only.block(2, 4, 5, 3, 2);
    for (int band : {1, 2, 4, 12}) {
        const PatchResult res = only.run(PatchOptions{}, band);
        REQUIRE(res.patches.size() == 1);
        CHECK(res.patches[0].pixels == 15);
        CHECK(res.patches[0].row_min == 2);
        CHECK(res.patches[0].row_max == 6);
    }
}

TEST_CASE("minimum mapping unit at the threshold", "[change]") {
    Scene s(20, 8);
    s.block(1, 1, 1, 3, 2);   // 3 px = 300 m²
    s.block(1, 6, 2, 2, 2);   // 4 px = 400 m²
    s.block(1, 11, 1, 5, 2);  // 5 px = 500 m²
    PatchOptions o = plain();
    o.min_area_m2 = {{"*", 400}};
    const PatchResult res = s.run(o);
    REQUIRE(res.patches.size() == 2);
    CHECK(res.patches[0].pixels == 4);
    CHECK(res.patches[1].pixels == 5);
    CHECK(res.stats.components == 3);
    CHECK(res.stats.removed_by_mmu == 1);
    CHECK(res.stats.patches == 2);

    SECTION("per activity type, with the default for the others") {
        s.block(5, 1, 1, 3, 4);  // 3 px cropland
        o.min_area_m2 = {{"*", 100}, {"02", 450}};
        const PatchResult r2 = s.run(o);
        REQUIRE(r2.patches.size() == 2);
        CHECK(r2.patches[0].pixels == 5);
        CHECK(r2.patches[1].activity == "01");
        CHECK(r2.stats.removed_by_mmu == 2);
    }
}

TEST_CASE("4- and 8-connectivity differ on a diagonal pair", "[change]") {
    Scene s(6, 6);
    s.a(2, 2) = 2;
    s.a(3, 3) = 2;
    s.a(3, 1) = 2;  // anti-diagonal from (2,2)
    CHECK(s.run(plain(8)).patches.size() == 1);
    CHECK(s.run(plain(8)).patches[0].pixels == 3);
    const PatchResult four = s.run(plain(4));
    REQUIRE(four.patches.size() == 3);
    CHECK(four.patches[0].cells.front() == std::make_pair(2, 2));
    CHECK(four.patches[1].cells.front() == std::make_pair(3, 1));
    CHECK(four.patches[2].cells.front() == std::make_pair(3, 3));
    PatchOptions bad = plain(6);
    CHECK_THROWS_AS(s.run(bad), UsageError);
}

TEST_CASE("majority filter removes single-pixel speckle in either date, keeps a 3x3 block as a patch", "[change]") {
    Scene s(16, 12);
    s.a(2, 2) = 2;  // after-date speckle: forest -> construction
    for (int r = 6; r < 12; ++r)
        for (int c = 10; c < 16; ++c) {
            s.b(r, c) = 2;  // built-up area at both dates ...
            s.a(r, c) = 2;
        }
    s.b(8, 13) = 1;          // ... with one before-date forest speckle: a false 1 -> 2 change
    s.block(2, 8, 3, 3, 3);  // a real 3x3 quarry
    PatchOptions o;
    REQUIRE(o.noise.majority_filter);
    const PatchResult res = s.run(o);
    REQUIRE(res.patches.size() == 1);
    CHECK(res.patches[0].pixels == 9);  // the whole block: its corners hold 4 of 9
    CHECK(res.patches[0].row_min == 2);
    CHECK(res.patches[0].col_max == 10);
    CHECK(res.patches[0].activity == "04");
    CHECK(res.stats.changed_pixels_raw == 11);
    CHECK(res.stats.changed_pixels_after_filter == 9);
    CHECK(s.run(plain()).patches.size() == 3);
}

TEST_CASE("majority filter: outside pixels and nodata do not vote", "[change]") {
    // A 2x2 construction block in the grid's corner: the corner pixel sees 4 voters (all
    // construction) and keeps its class, as do its two neighbours (4 of 6) and the inner pixel
    // (4 of 9: backed by three like neighbours).
    Scene s(6, 6);
    s.block(0, 0, 2, 2, 2);
    PatchOptions o;
    const PatchResult corner = s.run(o);
    REQUIRE(corner.patches.size() == 1);
    CHECK(corner.patches[0].pixels == 4);
    CHECK(corner.stats.changed_pixels_raw == 4);
    // A forest pixel turned built, between rows of nodata: in the before date its only voters are
    // itself and two built neighbours (construction holds 2 of 3 votes, not 5), so it stays forest
    // and the change stays.
    // Were nodata a voting class it would hold 6 of 9 and swallow the pixel.
    Scene t(7, 7, 2);
    for (int c = 2; c <= 4; ++c) {
        t.a(2, c) = t.b(2, c) = -9;
        t.a(4, c) = t.b(4, c) = -9;
    }
    t.b(3, 3) = 1;
    o.noise.drop_boundary_shifts = false;  // inside built land the change is a boundary shift; not what this tests
    const PatchResult r = t.run(o, 3, -9);
    REQUIRE(r.patches.size() == 1);
    CHECK(r.patches[0].pixels == 1);
}

TEST_CASE("nodata pixels never form patches", "[change]") {
    const std::int32_t nd = 255;
    Scene s(10, 10);
    s.block(1, 1, 3, 3, nd);  // after nodata over forest
    for (int r = 5; r < 8; ++r)
        for (int c = 1; c < 4; ++c) s.b(r, c) = nd;
    s.block(5, 1, 3, 3, 2);  // before nodata, after construction
    s.block(5, 6, 3, 3, 2);  // a real patch
    s.a(1, 6) = 2;
    s.b(1, 6) = nd;  // single pixel, before nodata
    for (bool majority : {false, true}) {
        PatchOptions o = plain();
        o.noise.majority_filter = majority;
        const PatchResult res = s.run(o, 4, nd);
        REQUIRE(res.patches.size() == 1);
        CHECK(res.patches[0].pixels == 9);  // the filter keeps real 3x3 blocks whole
        CHECK(res.patches[0].col_min == 6);
    }
    // Without declaring the nodata value, 255 is a class: forest -> 255 is still no activity,
    // but 255 -> construction is not natural -> construction either.
    CHECK(s.run(plain(), 4).patches.size() == 1);
}

TEST_CASE("core and neighbourhood-confirmation filters", "[change]") {
    Scene s(20, 12);
    s.block(1, 1, 3, 3, 2);  // 3x3: one core pixel
    s.block(1, 6, 2, 5, 2);  // 2x5: none
    s.a(6, 2) = 2;           // isolated pixel
    s.a(6, 6) = 2;           // a pair of the same activity
    s.a(6, 7) = 2;
    s.a(6, 12) = 2;  // a pair of different activities
    s.a(6, 13) = 3;
    {
        PatchOptions o = plain();
        o.noise.min_core_pixels = 1;
        const PatchResult res = s.run(o);
        REQUIRE(res.patches.size() == 1);
        CHECK(res.patches[0].pixels == 9);
        CHECK(res.patches[0].core_pixels == 1);
        CHECK(res.stats.components == 5);
        CHECK(res.stats.removed_by_core == 4);
    }
    {
        PatchOptions o = plain();
        o.noise.confirm_neighbourhood = true;
        const PatchResult res = s.run(o, 5);
        REQUIRE(res.patches.size() == 3);
        CHECK(res.patches[0].pixels == 9);
        CHECK(res.patches[1].pixels == 10);
        CHECK(res.patches[2].pixels == 2);
        CHECK(res.stats.changed_pixels_raw == 9 + 10 + 1 + 2 + 2);
        CHECK(res.stats.changed_pixels_after_filter == 21);
    }
}

TEST_CASE("random scene: injected blocks survive the filter, speckle does not; components match a flood fill",
          "[change]") {
    const int W = 400, H = 300;
    Scene s(W, H);
    std::mt19937 rng(20240605);
    // 20 blocks of 4..9 px a side on a 20 x 15 lattice of cells, each in its own cell with a margin.
    struct Block {
        int r, c, h, w;
        std::int32_t v;
    };
    std::vector<Block> blocks;
    std::vector<int> slots(20 * 15);
    for (size_t i = 0; i < slots.size(); ++i) slots[i] = static_cast<int>(i);
    std::shuffle(slots.begin(), slots.end(), rng);
    const std::int32_t kinds[] = {2, 3, 4, 6};
    for (int i = 0; i < 20; ++i) {
        const int cell = slots[static_cast<size_t>(i)];
        Block b{(cell / 20) * 20 + 3 + static_cast<int>(rng() % 5), (cell % 20) * 20 + 3 + static_cast<int>(rng() % 5),
                4 + static_cast<int>(rng() % 6), 4 + static_cast<int>(rng() % 6), kinds[rng() % 4]};
        s.block(b.r, b.c, b.h, b.w, b.v);
        blocks.push_back(b);
    }
    // 3 % speckle on the after date, of any class (some natural, some not).
    const std::int32_t speckle[] = {2, 3, 4, 5, 6};
    std::int64_t speckled = 0;
    for (auto& v : s.after) {
        if (rng() % 100 < 3) {
            v = speckle[rng() % 5];
            ++speckled;
        }
    }
    REQUIRE(speckled > 3000);

    SECTION("unfiltered components equal a whole-raster flood fill, for any band height") {
        for (int conn : {8, 4}) {
            const auto expected = flood_fill(s, conn);
            for (int band : {1, 7, 64, 300}) {
                const PatchResult res = s.run(plain(conn), band);
                CHECK(res.stats.components == static_cast<std::int64_t>(expected.size()));
                CHECK(summary(res) == expected);
            }
        }
    }

    SECTION("with the majority filter every block is found and the speckle is gone") {
        PatchOptions o;
        o.min_area_m2 = {{"*", 0}};
        const PatchResult res = s.run(o, 16);
        int found = 0;
        for (const Block& b : blocks) {
            const auto it = std::find_if(res.patches.begin(), res.patches.end(), [&](const ChangePatch& p) {
                return p.row_min <= b.r && p.row_max >= b.r + b.h - 1 && p.col_min <= b.c && p.col_max >= b.c + b.w - 1;
            });
            if (it == res.patches.end()) continue;
            // The block itself, give or take a few speckle pixels on its rim.
            CHECK(it->pixels >= b.h * b.w - 2);
            CHECK(it->pixels <= b.h * b.w + 3);
            CHECK(it->row_max - it->row_min <= b.h);
            ++found;
        }
        CHECK(found == 20);
        // What speckle survives lies on the grid's edge, where fewer pixels vote: 1–2 px, gone with the MMU.
        CHECK(res.stats.patches <= 20 + 10);
        for (const auto& p : res.patches) {
            if (p.pixels < 8) {
                CHECK(p.pixels <= 2);
                CHECK((p.row_min == 0 || p.row_max == H - 1 || p.col_min == 0 || p.col_max == W - 1));
            }
        }
        o.min_area_m2 = {{"*", 400}};
        const PatchResult mmu = s.run(o, 16);
        CHECK(mmu.stats.patches == 20);
        CHECK(mmu.stats.removed_by_mmu == res.stats.patches - 20);
        CHECK(res.stats.changed_pixels_raw > res.stats.changed_pixels_after_filter);
        const auto unfiltered = s.run(plain(), 16);
        CHECK(unfiltered.stats.patches > 2000);
        // The same result whatever the band height.
        CHECK(summary(s.run(o, 1)) == summary(mmu));
        CHECK(summary(s.run(o, 300)) == summary(mmu));
    }
}

TEST_CASE("row sources reject bad input", "[change]") {
    Scene s(4, 4);
    CHECK_THROWS_AS(memory_rows(s.grid(), s.before, {1, 2}, std::nullopt, 2), DataError);
    CHECK_THROWS_AS(memory_rows(s.grid(), s.before, s.after, std::nullopt, 0), DataError);
    CHECK_THROWS_AS(s.run(plain(), 2, std::nullopt, 0), DataError);
    PatchOptions o = plain();
    o.noise.min_core_pixels = -1;
    CHECK_THROWS_AS(s.run(o), UsageError);
    Scene empty(0, 0);
    CHECK(empty.run(plain()).patches.empty());
}

TEST_CASE("filtered pipeline equals a whole-array filter plus flood fill, for any band height", "[change]") {
    Scene s(97, 61);
    std::mt19937 rng(7);
    const std::int32_t classes[] = {1, 1, 1, 2, 3, 5, 99};  // 99 = nodata
    for (auto& v : s.before) v = rng() % 10 < 8 ? 1 : classes[rng() % 7];
    for (auto& v : s.after) v = rng() % 10 < 6 ? 1 : classes[rng() % 7];
    for (int i = 0; i < 15; ++i)
        s.block(static_cast<int>(rng() % 55), static_cast<int>(rng() % 90), 2 + static_cast<int>(rng() % 5),
                2 + static_cast<int>(rng() % 6), classes[3 + rng() % 2]);
    Scene filtered = s;
    filtered.before = majority_whole(s.before, s.cols, s.rows, 99);
    filtered.after = majority_whole(s.after, s.cols, s.rows, 99);
    for (size_t i = 0; i < filtered.before.size(); ++i) {  // nodata: no change, as the pipeline
        if (filtered.before[i] == 99 || filtered.after[i] == 99) filtered.after[i] = filtered.before[i] = 1;
    }
    for (int conn : {8, 4}) {
        const auto expected = flood_fill(filtered, conn);
        REQUIRE(expected.size() > 5);
        PatchOptions o;
        o.connectivity = conn;
        o.noise.drop_boundary_shifts = false;    // the flood fill knows nothing of boundary shifts
        o.noise.drop_noisy_transitions = false;  // nor of noisy transitions
        for (int band : {1, 2, 3, 10, 61}) {
            const PatchResult res = s.run(o, band, 99);
            CHECK(summary(res) == expected);
        }
    }
    // All noise stages at once: the result does not depend on the band height.
    PatchOptions all;
    all.noise.confirm_neighbourhood = true;
    all.noise.drop_boundary_shifts = false;  // coreless strips would go before the core stage
    all.noise.min_core_pixels = 1;
    all.min_area_m2 = {{"*", 300}};
    const PatchResult whole = s.run(all, 61, 99);
    CHECK(whole.stats.removed_by_core > 0);
    for (int band : {1, 2, 7}) {
        const PatchResult res = s.run(all, band, 99);
        CHECK(summary(res) == summary(whole));
        CHECK(res.stats.changed_pixels_after_filter == whole.stats.changed_pixels_after_filter);
        CHECK(res.stats.removed_by_core == whole.stats.removed_by_core);
        CHECK(res.stats.removed_by_mmu == whole.stats.removed_by_mmu);
    }
}

namespace {

std::string write_byte_tiff(const std::string& name, int cols, int rows, double xmin,
                            const std::vector<std::int32_t>& v, int nodata) {
    layers::ensure_gdal_registered();
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_change";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), cols, rows, 1, GDT_Byte, nullptr));
    double gt[6] = {xmin, 10, 0, 4000000, 0, -10};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.SetFromUserInput("EPSG:4544");
    ds->SetSpatialRef(&srs);
    std::vector<unsigned char> data(v.begin(), v.end());
    REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, cols, rows, data.data(), cols, rows, GDT_Byte, 0, 0,
                                           nullptr) == CE_None);
    ds->GetRasterBand(1)->SetNoDataValue(nodata);
    return path;
}

}  // namespace

TEST_CASE("two classified rasters as a row source", "[change]") {
    Scene s(40, 30);
    s.block(3, 3, 4, 5, 2);
    s.block(20, 30, 3, 3, 3);
    s.block(10, 10, 3, 3, 0);                       // after-date nodata (0) over forest
    for (int c = 0; c < 40; ++c) s.b(29, c) = 255;  // before-date nodata (255) on the last row ...
    s.block(29, 0, 1, 40, 2);                       // ... where the after date is built
    const std::string before = write_byte_tiff("before.tif", 40, 30, 500000, s.before, 255);
    const std::string after = write_byte_tiff("after.tif", 40, 30, 500000, s.after, 0);
    const layers::ClassRaster rb(before, "EPSG:4544"), ra(after, "EPSG:4544");
    const auto src = raster_pair_rows(rb, ra);
    CHECK(src->nodata() == kPairNodata);  // different nodata per date: rewritten to one value
    const PatchResult res = find_change_patches(*src, table(), plain(), 100);
    REQUIRE(res.patches.size() == 2);
    CHECK(res.patches[0].pixels == 20);
    CHECK(res.patches[0].activity == "02");
    CHECK(res.patches[1].pixels == 9);
    CHECK(res.patches[1].activity == "04");

    const std::string shifted = write_byte_tiff("shifted.tif", 40, 30, 500010, s.after, 0);
    const layers::ClassRaster rs(shifted, "EPSG:4544");
    CHECK_THROWS_AS(raster_pair_rows(rb, rs), DataError);
}

namespace {

// Every field of two results, compared exactly (doubles too: the sums are taken in the same order).
bool identical(const PatchResult& x, const PatchResult& y) {
    const PatchStats &a = x.stats, &b = y.stats;
    if (a.changed_pixels_raw != b.changed_pixels_raw ||
        a.changed_pixels_after_filter != b.changed_pixels_after_filter || a.components != b.components ||
        a.removed_by_core != b.removed_by_core || a.removed_by_mmu != b.removed_by_mmu || a.patches != b.patches ||
        x.patches.size() != y.patches.size()) {
        return false;
    }
    for (size_t i = 0; i < x.patches.size(); ++i) {
        const ChangePatch &p = x.patches[i], &q = y.patches[i];
        if (p.pixels != q.pixels || p.activity != q.activity || p.activity_pixels != q.activity_pixels ||
            p.transitions != q.transitions || p.row_min != q.row_min || p.row_max != q.row_max ||
            p.col_min != q.col_min || p.col_max != q.col_max || p.sum_col != q.sum_col || p.sum_row != q.sum_row ||
            p.core_pixels != q.core_pixels || p.cells != q.cells) {
            return false;
        }
    }
    return true;
}

// Blocks of every activity anywhere (some touching, some on the edges), 3 % speckle on the after
// date, 1 % on the before date and a sprinkle of nodata (99).
Scene speckled_scene(int W, int H, unsigned seed) {
    Scene s(W, H);
    std::mt19937 rng(seed);
    const std::int32_t kinds[] = {2, 3, 4, 6};
    for (int i = 0; i < W * H / 600; ++i) {
        const int r = static_cast<int>(rng() % static_cast<unsigned>(H)),
                  c = static_cast<int>(rng() % static_cast<unsigned>(W));
        const int h = 2 + static_cast<int>(rng() % 9), w = 2 + static_cast<int>(rng() % 9);
        s.block(r, c, std::min(h, H - r), std::min(w, W - c), kinds[rng() % 4]);  // clipped at the edges
    }
    const std::int32_t speckle[] = {1, 2, 3, 4, 5, 6, 99};
    for (auto& v : s.after) {
        if (rng() % 100 < 3) v = speckle[rng() % 7];
    }
    for (auto& v : s.before) {
        if (rng() % 100 < 1) v = speckle[rng() % 7];
    }
    return s;
}

}  // namespace

TEST_CASE("threads: results identical for 1, 2, 3 threads and any band height", "[change]") {
    PatchOptions plain8 = plain(8), plain4 = plain(4), majority, all;
    majority.min_area_m2 = {{"*", 300}, {"02", 500}};
    all.noise.confirm_neighbourhood = true;
    all.noise.min_core_pixels = 1;
    all.min_area_m2 = {{"*", 300}};
    PatchOptions all4 = all;
    all4.connectivity = 4;
    PatchOptions confirm_only = plain();
    confirm_only.noise.confirm_neighbourhood = true;
    const std::vector<PatchOptions> variants{plain8, plain4, majority, all, all4, confirm_only};

    struct Case {
        int W, H;
        unsigned seed;
    };
    for (const Case& k : {Case{400, 300, 11}, Case{120, 1100, 12}}) {
        const Scene s = speckled_scene(k.W, k.H, k.seed);
        for (const PatchOptions& base : variants) {
            PatchOptions one = base;
            one.threads = 1;
            const PatchResult ref = s.run(one, 16, 99);
            REQUIRE(ref.stats.components > 50);
            for (int threads : {1, 2, 3, 4, 0}) {
                for (int band : {1, 5, 16, 64, 256, k.H}) {
                    PatchOptions o = base;
                    o.threads = threads;
                    INFO("scene " << k.W << "x" << k.H << ", threads " << threads << ", band " << band
                                  << ", connectivity " << o.connectivity << ", majority " << o.noise.majority_filter
                                  << ", confirm " << o.noise.confirm_neighbourhood);
                    CHECK(identical(s.run(o, band, 99), ref));
                }
            }
        }
    }
    // The filters act on the stripes' neighbouring rows too: the filtered tall scene still equals
    // a whole-array filter plus flood fill, with 3 threads.
    const Scene s = speckled_scene(120, 1100, 12);
    Scene filtered = s;
    filtered.before = majority_whole(s.before, s.cols, s.rows, 99);
    filtered.after = majority_whole(s.after, s.cols, s.rows, 99);
    for (size_t i = 0; i < filtered.before.size(); ++i) {
        if (filtered.before[i] == 99 || filtered.after[i] == 99) filtered.after[i] = filtered.before[i] = 1;
    }
    PatchOptions o;
    o.threads = 3;
    o.noise.drop_boundary_shifts = false;
    CHECK(summary(s.run(o, 7, 99)) == flood_fill(filtered, 8));
    o.threads = -1;
    CHECK_THROWS_AS(s.run(o, 7, 99), UsageError);
}

TEST_CASE("threads: a patch straddling a stripe seam is one patch", "[change]") {
    // 256 rows on 2 threads: the stripes meet near row 128 (whatever the exact row, the shapes
    // below cross it).
    PatchOptions two = plain(8);
    two.threads = 2;
    SECTION("a block across the middle, and a U whose arms meet only below the seam") {
        Scene s(60, 256);
        s.block(100, 5, 60, 10, 2);  // rows 100..159
        s.block(90, 30, 50, 3, 3);   // left arm, rows 90..139
        s.block(90, 40, 50, 3, 3);   // right arm
        s.block(140, 30, 2, 13, 3);  // the bottom of the U, rows 140..141
        for (int band : {1, 4, 32, 256}) {
            const PatchResult res = s.run(two, band);
            REQUIRE(res.patches.size() == 2);
            CHECK(res.patches[0].pixels == 2 * 50 * 3 + 2 * 13);
            CHECK(res.patches[0].activity == "04");
            CHECK(res.patches[1].pixels == 600);
            CHECK(res.patches[1].row_min == 100);
            CHECK(res.patches[1].row_max == 159);
            PatchOptions one = two;
            one.threads = 1;
            CHECK(identical(res, s.run(one, band)));
        }
    }
    SECTION("a diagonal step joins in 8-connectivity only, at every row around the seam") {
        for (int r = 110; r < 146; ++r) {
            Scene s(20, 256);
            s.a(r, 5) = 2;
            s.a(r + 1, 6) = 2;
            s.a(r, 12) = 2;  // a vertical pair next to it
            s.a(r + 1, 12) = 2;
            INFO("rows " << r << " and " << r + 1);
            const PatchResult eight = s.run(two, 8);
            REQUIRE(eight.patches.size() == 2);
            CHECK(eight.patches[0].pixels == 2);
            CHECK(eight.patches[1].pixels == 2);
            PatchOptions four = two;
            four.connectivity = 4;
            const PatchResult res4 = s.run(four, 8);
            REQUIRE(res4.patches.size() == 3);
            CHECK(res4.patches[0].pixels == 1);
            CHECK(res4.patches[1].pixels == 2);
            CHECK(res4.patches[2].pixels == 1);
        }
    }
    SECTION("a column through four stripes") {
        Scene s(10, 400);
        s.block(0, 4, 400, 1, 6);
        PatchOptions four = plain(8);
        four.threads = 4;
        for (int band : {1, 3, 100}) {
            const PatchResult res = s.run(four, band);
            REQUIRE(res.patches.size() == 1);
            CHECK(res.patches[0].pixels == 400);
        }
    }
}

TEST_CASE("threads: two classified rasters are read through clones with the same result", "[change]") {
    const Scene s = speckled_scene(150, 400, 13);
    const std::string before = write_byte_tiff("threads_before.tif", s.cols, s.rows, 500000, s.before, 99);
    const std::string after = write_byte_tiff("threads_after.tif", s.cols, s.rows, 500000, s.after, 99);
    const layers::ClassRaster rb(before, "EPSG:4544"), ra(after, "EPSG:4544");
    const auto src = raster_pair_rows(rb, ra);
    const auto copy = src->clone();
    REQUIRE(copy);
    CHECK(copy->grid().cols == 150);
    CHECK(copy->grid().rows == 400);
    CHECK(copy->nodata() == 99);  // both dates say 99: the pair uses it as it is, without rewriting
    std::vector<std::int32_t> b1, a1, b2, a2;
    src->read(200, 3, b1, a1);
    copy->read(200, 3, b2, a2);
    CHECK(b1 == b2);
    CHECK(a1 == a2);
    for (PatchOptions o : {plain(), PatchOptions{}}) {
        o.noise.confirm_neighbourhood = true;
        o.threads = 1;
        const PatchResult one = find_change_patches(*src, table(), o, 100);
        REQUIRE(one.stats.components > 20);
        CHECK(identical(one, s.run(o, 16, 99)));  // the memory source agrees (99 is nodata in both)
        for (int threads : {2, 3, 6}) {
            o.threads = threads;
            CHECK(identical(find_change_patches(*src, table(), o, 100), one));
        }
    }
}

TEST_CASE("boundary shifts: an existing field's edge moved by a pixel is dropped, a real expansion kept", "[change]") {
    // Dry cropland over rows 2..21, cols 2..11 on both dates.
    Scene s(30, 26);
    for (int r = 2; r < 22; ++r)
        for (int c = 2; c < 12; ++c) s.b(r, c) = s.a(r, c) = 4;
    PatchOptions o;
    REQUIRE(o.noise.drop_boundary_shifts);

    SECTION("a short one-pixel fragment along the field's edge") {
        s.block(8, 12, 5, 1, 4);
        const PatchResult res = s.run(o, 3);
        CHECK(res.patches.empty());
        CHECK(res.stats.components == 1);
        CHECK(res.stats.removed_as_boundary_shift == 1);
        PatchOptions keep = o;
        keep.noise.drop_boundary_shifts = false;
        const PatchResult kept = s.run(keep, 3);
        REQUIRE(kept.patches.size() == 1);
        CHECK(kept.patches[0].pixels == 5);
    }
    SECTION(
        "a strip along the whole edge, of any length, is a shifted edge (misregistration): dropped, unless capped") {
        s.block(2, 12, 20, 1, 4);
        const PatchResult res = s.run(o, 3);
        CHECK(res.patches.empty());
        CHECK(res.stats.removed_as_boundary_shift == 1);
        REQUIRE(res.rejected.size() == 1);
        CHECK(res.rejected[0].stage == kStageBoundaryShift);
        CHECK(res.rejected[0].pixels == 20);
        PatchOptions capped = o;
        capped.noise.max_shift_pixels = 20;
        CHECK(s.run(capped, 3).stats.removed_as_boundary_shift == 1);
        capped.noise.max_shift_pixels = 19;
        CHECK(s.run(capped, 3).stats.removed_as_boundary_shift == 0);
    }
    SECTION("a two-pixel strip along the edge with a few pixels beyond it: still no interior, dropped") {
        s.block(2, 12, 20, 1, 4);
        s.block(6, 13, 3, 1, 4);  // 3 of 23 pixels do not touch the old field
        const PatchResult res = s.run(o, 3);
        CHECK(res.patches.empty());
        CHECK(res.stats.removed_as_boundary_shift == 1);
    }
    SECTION("a road (09) along the edge is a road, unless every pixel lay next to the same land") {
        TransitionTable roads = table();
        roads.activity_of_after[7] = "09";
        Scene r(30, 26);
        for (int y = 2; y < 22; ++y) r.b(y, 12) = r.a(y, 12) = 7;  // an existing road ...
        r.block(2, 13, 20, 1, 7);                                  // ... doubled by a pixel: a shifted road
        CHECK(find_change_patches(*memory_rows(r.grid(), r.before, r.after, std::nullopt, 3), roads, o, 100)
                  .stats.removed_as_boundary_shift == 1);
        Scene n(30, 26);
        n.block(2, 12, 20, 1, 7);  // a new one-pixel road across open land
        const PatchResult res =
            find_change_patches(*memory_rows(n.grid(), n.before, n.after, std::nullopt, 3), roads, o, 100);
        REQUIRE(res.patches.size() == 1);
        CHECK(res.patches[0].activity == "09");
        CHECK(res.patches[0].pixels == 18);  // the majority filter keeps a line's middle, not its two end pixels
    }
    SECTION("the fragment is of another cropland class: still the same land (both agriculture)") {
        s.block(8, 12, 5, 1, 8);
        CHECK(s.run(o, 3).stats.removed_as_boundary_shift == 1);
    }
    SECTION("the field grows by three columns: a real expansion, kept whole") {
        s.block(2, 12, 20, 3, 4);
        const PatchResult res = s.run(o, 3);
        REQUIRE(res.patches.size() == 1);
        CHECK(res.patches[0].pixels == 60);
        CHECK(res.stats.removed_as_boundary_shift == 0);
    }
    SECTION("a strip of another activity next to the field is not a shift of it") {
        s.block(2, 12, 20, 1, 2);  // a built strip along the field: new construction
        const PatchResult res = s.run(o, 3);
        REQUIRE(res.patches.size() == 1);
        CHECK(res.patches[0].activity == "02");
    }
}

TEST_CASE("boundary shifts: a lone speckle pixel on the before date does not excuse a new patch", "[change]") {
    Scene s(20, 20);
    s.block(8, 8, 3, 3, 3);  // a new 3x3 quarry ...
    s.b(9, 9) = 3;           // ... over a before-date speckle pixel of quarry
    PatchOptions o;
    const PatchResult res = s.run(o, 4);
    REQUIRE(res.patches.size() == 1);
    CHECK(res.patches[0].pixels == 9);  // the filter takes the speckle: the centre is a change too
    CHECK(res.stats.removed_as_boundary_shift == 0);
    // Two like pixels make established land: then the block is a shift of it (every pixel touches
    // it), dropped when the cap admits its 9 pixels.
    s.b(9, 10) = 3;
    o.noise.max_shift_pixels = 9;
    CHECK(s.run(o, 4).stats.removed_as_boundary_shift == 1);
}

namespace {

// The boundary-shift rule on whole arrays, written independently of the streaming pipeline:
// majority-filter both dates, flood-fill the change mask, then drop every component whose pixels
// are *explained* — they have, within their 5x5 window of the raw before date, a pixel of the
// same land (same class, or a class of the same activity) that has a like 8-neighbour — all of
// them, or at least 3/4 of them when no pixel of the component has all 8 neighbours changed;
// only components of at most `max_shift` pixels (0 = any).
std::vector<std::tuple<int, int, std::int64_t>> reference_without_shifts(const Scene& raw, int connectivity,
                                                                         bool majority, std::int64_t max_shift) {
    const TransitionTable t = table();
    const int W = raw.cols, H = raw.rows;
    const auto fb = majority ? majority_whole(raw.before, W, H, 99) : raw.before;
    const auto fa = majority ? majority_whole(raw.after, W, H, 99) : raw.after;
    auto at = [&](const std::vector<std::int32_t>& v, int r, int c) { return v[static_cast<size_t>(r * W + c)]; };
    auto changed = [&](int r, int c) {
        const std::int32_t b = at(fb, r, c), a = at(fa, r, c);
        return b != 99 && a != 99 && !t.activity(b, a).empty();
    };
    auto same_land = [&](std::int32_t before, std::int32_t after) {
        if (before == after) return true;
        const auto x = t.activity_of_after.find(before), y = t.activity_of_after.find(after);
        return x != t.activity_of_after.end() && y != t.activity_of_after.end() && x->second == y->second;
    };
    auto established = [&](int r, int c) {
        for (int y = std::max(0, r - 1); y <= std::min(H - 1, r + 1); ++y)
            for (int x = std::max(0, c - 1); x <= std::min(W - 1, c + 1); ++x)
                if ((y != r || x != c) && at(raw.before, y, x) == at(raw.before, r, c)) return true;
        return false;
    };
    auto shifted = [&](int r, int c) {
        for (int y = std::max(0, r - 2); y <= std::min(H - 1, r + 2); ++y)
            for (int x = std::max(0, c - 2); x <= std::min(W - 1, c + 2); ++x)
                if (same_land(at(raw.before, y, x), at(fa, r, c)) && established(y, x)) return true;
        return false;
    };
    std::vector<char> seen(raw.before.size(), 0);
    std::vector<std::tuple<int, int, std::int64_t>> out;
    for (int r = 0; r < H; ++r) {
        for (int c = 0; c < W; ++c) {
            if (seen[static_cast<size_t>(r * W + c)] || !changed(r, c)) continue;
            std::int64_t n = 0, n_shifted = 0, n_core = 0;
            std::deque<std::pair<int, int>> q{{r, c}};
            seen[static_cast<size_t>(r * W + c)] = 1;
            while (!q.empty()) {
                auto [y, x] = q.front();
                q.pop_front();
                ++n;
                n_shifted += shifted(y, x);
                bool core = y > 0 && y + 1 < H && x > 0 && x + 1 < W;
                for (int dy = -1; dy <= 1 && core; ++dy)
                    for (int dx = -1; dx <= 1 && core; ++dx) core = changed(y + dy, x + dx);
                n_core += core;
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        if ((dy == 0 && dx == 0) || (connectivity == 4 && dy != 0 && dx != 0)) continue;
                        const int yy = y + dy, xx = x + dx;
                        if (yy < 0 || yy >= H || xx < 0 || xx >= W || seen[static_cast<size_t>(yy * W + xx)] ||
                            !changed(yy, xx))
                            continue;
                        seen[static_cast<size_t>(yy * W + xx)] = 1;
                        q.emplace_back(yy, xx);
                    }
            }
            const bool shift = n_shifted == n || (n_core == 0 && 4 * n_shifted >= 3 * n);
            if (!shift || (max_shift > 0 && n > max_shift)) out.emplace_back(r, c, n);
        }
    }
    return out;
}

// Existing land on both dates (blocks of every activity class), each grown, shifted or left alone
// on the after date, new blocks, and speckle on both dates.
Scene grown_scene(int W, int H, unsigned seed) {
    Scene s(W, H);
    std::mt19937 rng(seed);
    const std::int32_t kinds[] = {2, 3, 4, 6, 8};
    for (int i = 0; i < W * H / 500; ++i) {
        const int r = static_cast<int>(rng() % static_cast<unsigned>(H - 14)),
                  c = static_cast<int>(rng() % static_cast<unsigned>(W - 14));
        const int h = 2 + static_cast<int>(rng() % 8), w = 2 + static_cast<int>(rng() % 8);
        const std::int32_t v = kinds[rng() % 5];
        const bool existing = rng() % 3 != 0;
        if (existing) {
            for (int y = r; y < r + h; ++y)
                for (int x = c; x < c + w; ++x) s.b(y, x) = v;
        }
        const int grow = static_cast<int>(rng() % 4);  // 0: unchanged, 1: a one-pixel shift, 2–3: growth
        s.block(r, c, h + (grow > 0 ? grow - 1 : 0), w + grow, existing && rng() % 2 ? kinds[rng() % 5] : v);
    }
    const std::int32_t speckle[] = {1, 2, 3, 4, 5, 6, 8, 99};
    for (auto& v : s.after)
        if (rng() % 100 < 3) v = speckle[rng() % 8];
    for (auto& v : s.before)
        if (rng() % 100 < 2) v = speckle[rng() % 8];
    return s;
}

}  // namespace

TEST_CASE("boundary shifts: the streamed rule equals a whole-array reference, for any band and thread count",
          "[change]") {
    for (const auto& [W, H, seed] : {std::tuple{300, 200, 31u}, std::tuple{90, 900, 32u}}) {
        const Scene s = grown_scene(W, H, seed);
        for (const auto& [conn, majority] : {std::pair{8, true}, std::pair{4, true}, std::pair{8, false}}) {
            const auto expected = reference_without_shifts(s, conn, majority, PatchOptions{}.noise.max_shift_pixels);
            PatchOptions o;
            o.connectivity = conn;
            o.noise.majority_filter = majority;  // without it the rule alone looks furthest past a stripe's rows
            o.noise.drop_noisy_transitions = false;
            PatchOptions keep = o;
            keep.noise.drop_boundary_shifts = false;
            const PatchResult all = s.run(keep, 16, 99);
            REQUIRE(expected.size() > 20);
            REQUIRE(all.stats.patches >
                    static_cast<std::int64_t>(expected.size()) + 10);  // the rule removes a good many
            for (int threads : {1, 3, 8}) {                            // 8: eleven stripes of the tall scene, ten seams
                for (int band : {1, 2, 5, 16, H}) {
                    o.threads = threads;
                    INFO("scene " << W << "x" << H << ", connectivity " << conn << ", majority " << majority
                                  << ", threads " << threads << ", band " << band);
                    const PatchResult res = s.run(o, band, 99);
                    CHECK(summary(res) == expected);
                    CHECK(res.stats.removed_as_boundary_shift == all.stats.patches - res.stats.patches);
                }
            }
        }
    }
}

TEST_CASE("boundary shifts: the test reaches two rows past a stripe's edge", "[change]") {
    // Two stripes of 64 rows (2 threads, one band): the rule must see the before date two rows
    // beyond each stripe's rows.  Left: a changed pixel on the upper stripe's last row whose
    // cropland neighbour is established only by the pixel below that, two rows into the lower
    // stripe.  Right: the mirror case at the lower stripe's first row.
    Scene s(20, 128);
    s.a(63, 10) = 4;                // change 1 -> 4 on row 63 ...
    s.b(64, 10) = s.a(64, 10) = 4;  // ... next to cropland on row 64,
    s.b(65, 10) = s.a(65, 10) = 4;  // established by its neighbour on row 65
    s.a(64, 5) = 4;                 // change on row 64 ...
    s.b(63, 5) = s.a(63, 5) = 4;    // ... next to cropland on row 63,
    s.b(62, 5) = s.a(62, 5) = 4;    // established by row 62
    for (int threads : {1, 2}) {
        PatchOptions o = plain();
        o.noise.drop_boundary_shifts = true;
        o.threads = threads;
        const PatchResult res = s.run(o, 128);
        INFO("threads " << threads);
        CHECK(res.stats.components == 2);
        CHECK(res.stats.removed_as_boundary_shift == 2);
        CHECK(res.patches.empty());
    }
}
