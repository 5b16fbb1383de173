// Road lengths of audit patches (analysis/road_length.h) against centrelines measured by hand.
#include "analysis/road_length.h"

#include <catch2/catch.hpp>

#include <cmath>

using ecozone::analysis::road_length_m;

namespace {

using Cells = std::vector<std::pair<int, int>>;

void add_block(Cells& cells, int r0, int c0, int h, int w) {
    for (int r = r0; r < r0 + h; ++r)
        for (int c = c0; c < c0 + w; ++c) cells.emplace_back(r, c);
}

Cells unique(Cells cells) {
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    return cells;
}

}  // namespace

TEST_CASE("road length: degenerate patches", "[road]") {
    CHECK(road_length_m({}, 10, 10) == 0);
    CHECK(road_length_m({{5, 5}}, 10, 10) == 10);
}

TEST_CASE("road length: a one-pixel line is exactly its pixels", "[road]") {
    Cells line;
    add_block(line, 3, 0, 1, 37);
    CHECK(road_length_m(line, 10, 10) == Approx(370).epsilon(1e-12));
    Cells column;
    add_block(column, 0, 4, 25, 1);
    CHECK(road_length_m(column, 10, 10) == Approx(250).epsilon(1e-12));
    // A diagonal staircase of single pixels: 19 diagonal links, half a pixel beyond each end.
    Cells diagonal;
    for (int i = 0; i < 20; ++i) diagonal.emplace_back(i, i);
    CHECK(road_length_m(diagonal, 10, 10) == Approx(19 * std::sqrt(200.0) + 10).epsilon(1e-12));
}

TEST_CASE("road length: wide strips measure along their centreline", "[road]") {
    // 3 px wide, 50 px long: centreline 50 px = 500 m (within half a pixel at each end).
    Cells strip;
    add_block(strip, 10, 5, 3, 50);
    CHECK(road_length_m(strip, 10, 10) == Approx(500).margin(5));
    // The same strip standing up, with 2 m pixels.
    Cells column;
    add_block(column, 0, 0, 80, 4);
    CHECK(road_length_m(column, 2, 2) == Approx(160).margin(4));
    // A 2 px wide diagonal band of 40 steps: 40 √2 pixels.
    Cells band;
    for (int i = 0; i < 40; ++i) {
        band.emplace_back(i, i);
        band.emplace_back(i, i + 1);
    }
    CHECK(road_length_m(band, 10, 10) == Approx(40 * std::sqrt(200.0)).margin(10));
}

TEST_CASE("road length: bends and branches count every arm", "[road]") {
    // An L: a 40 px arm along rows 0..2 and a 30 px arm down cols 37..39.  Centreline row 1 from
    // col 0 to col 38, then col 38 down to row 29: 38 + 28 px between centres, + 2 half pixels.
    Cells l;
    add_block(l, 0, 0, 3, 40);
    add_block(l, 0, 37, 30, 3);
    l = unique(l);
    const double l_len = road_length_m(l, 10, 10);
    CHECK(l_len == Approx(670).margin(10));
    // The bounding-box diagonal (the old measure) would say 500 m.
    CHECK(l_len > 600);
    // A T: a 61 px bar along rows 0..2 and a 30 px stem down cols 29..31 from its middle.
    // Centreline: the bar 60 px between its end centres, the stem 29 - 1 = 28 px below the bar's
    // centre row, + 3 half pixels at the three ends: 89.5 px.
    Cells t;
    add_block(t, 0, 0, 3, 61);
    add_block(t, 0, 29, 30, 3);
    t = unique(t);
    CHECK(road_length_m(t, 10, 10) == Approx(895).margin(10));
}

TEST_CASE("road length of a polygon strip: the long side of the rectangle of equal area and perimeter", "[road]") {
    using ecozone::analysis::strip_length_m;
    // A 1000 m × 8 m rectangle.
    CHECK(strip_length_m(8000, 2016) == Approx(1000).epsilon(1e-12));
    // An L of width 6 with outer arms 500 and 300: perimeter 1600, area 6 × 794; its centreline
    // runs 497 + 297 = 794 m.
    CHECK(strip_length_m(6 * 794, 1600) == Approx(794).epsilon(1e-9));
    // A square is no strip: its side.
    CHECK(strip_length_m(100, 40) == Approx(10).epsilon(1e-12));
}

TEST_CASE("road length: compact blobs are about as long as they are wide, never zero", "[road]") {
    for (int side : {2, 3, 4, 7}) {
        Cells blob;
        add_block(blob, 0, 0, side, side);
        INFO("a " << side << " px square");
        CHECK(road_length_m(blob, 10, 10) >= 10.0 * side * 0.5);
        CHECK(road_length_m(blob, 10, 10) <= 10.0 * side * 1.5);
    }
}
