// Register quality under classifier noise (issue 11): small seeded scenes with known injected
// patches, noised by the generator's own models (samplegen/classifier_noise.h) independently on
// each date, run through the audit's default recipe.  Truth is in pixels: an entry is true if it
// holds a pixel of an injected patch; a patch is found if an entry holds one of its pixels.
#include "analysis/change_patches.h"
#include "samplegen/classifier_noise.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace ecozone::analysis;
namespace sg = ecozone::samplegen;

namespace {

// Class values as in the sample: 1 dry cropland, 3 forest, 4 bare, 5 grassland, 9 built, 10
// quarry, 11 solar, 13 road.
constexpr std::uint8_t kDry = 1, kForest = 3, kBare = 4, kGrass = 5, kBuilt = 9, kQuarry = 10, kSolar = 11, kRoad = 13;

TransitionTable table() {
    TransitionTable t;
    t.natural = {kForest, kBare, kGrass};
    t.activity_of_after = {{kDry, "01"}, {kBuilt, "02"}, {kQuarry, "04"}, {kSolar, "05"}, {kRoad, "09"}};
    return t;
}

sg::Confusion confusion() {
    sg::Confusion c;
    c.set(kGrass, kDry, 1.0);  // grassland ↔ bare ↔ cropland: far likelier than anything else
    c.set(kGrass, kBare, 1.0);
    c.set(kBare, kDry, 1.0);
    c.set(kGrass, kForest, 0.3);
    for (std::uint8_t built : {kBuilt, kQuarry, kSolar}) {
        for (std::uint8_t natural : {kGrass, kBare, kForest, kDry}) c.set(built, natural, 0.02);
    }
    return c;
}

struct Scene {
    int cols = 0, rows = 0;
    std::vector<std::uint8_t> truth_before, truth_after, locked;
    std::vector<std::set<int>> patches;  // pixel indices of each injected patch
    std::uint8_t& at(std::vector<std::uint8_t>& v, int r, int c) { return v[static_cast<size_t>(r * cols + c)]; }
    void both(int r0, int c0, int h, int w, std::uint8_t v) {
        for (int r = r0; r < r0 + h; ++r)
            for (int c = c0; c < c0 + w; ++c) at(truth_before, r, c) = at(truth_after, r, c) = v;
    }
    void inject(int r0, int c0, int h, int w, std::uint8_t v) {
        std::set<int> px;
        for (int r = r0; r < r0 + h; ++r)
            for (int c = c0; c < c0 + w; ++c) {
                at(truth_after, r, c) = v;
                at(locked, r, c) = 1;
                px.insert(r * cols + c);
            }
        patches.push_back(px);
    }
};

// Fields, a village, bare land and a forest, straight boundaries everywhere, on a 240 × 240 tile
// repeated `tiles` × `tiles` times (a county has many patches for each kind of noise: the
// noisy-transition stage counts them); patches of 12–64 pixels of each activity in open land,
// one next to the village.
constexpr int kTile = 240;
Scene county_scene(bool with_patches, int tiles = 2) {
    Scene s;
    s.cols = s.rows = kTile * tiles;
    const auto n = static_cast<size_t>(s.cols * s.rows);
    s.truth_before.assign(n, kGrass);
    s.truth_after.assign(n, kGrass);
    s.locked.assign(n, 0);
    for (int ty = 0; ty < tiles; ++ty) {
        for (int tx = 0; tx < tiles; ++tx) {
            const int y = kTile * ty, x = kTile * tx;
            for (int i = 0; i < 6; ++i) s.both(y + 10 + 36 * i, x + 10, 24, 40, kDry);  // a column of fields
            for (int i = 0; i < 3; ++i) s.both(y + 20 + 70 * i, x + 150, 30, 50, kDry);
            s.both(y + 100, x + 70, 30, 30, kBuilt);  // a village
            s.both(y + 180, x + 60, 40, 60, kBare);   // bare land
            s.both(y + 10, x + 70, 50, 60, kForest);  // a forest
            s.both(y + 5, x + 215, 230, 1, kRoad);    // an existing road
            if (!with_patches) continue;
            s.inject(y + 70, x + 110, 6, 6, kQuarry);
            s.inject(y + 140, x + 110, 4, 8, kBuilt);
            s.inject(y + 200, x + 140, 7, 7, kSolar);
            s.inject(y + 60, x + 200, 5, 5, kDry);
            s.inject(y + 150, x + 200, 8, 6, kDry);
            // The village grows by six columns.  (A strip of up to ~4 pixels along existing land is
            // within what a one-pixel misregistration plus mixed edges on both dates can make, and
            // goes as a boundary shift when every noise model is on at once.)
            s.inject(y + 103, x + 100, 6, 6, kBuilt);
            s.inject(y + 30, x + 135, 4, 4, kQuarry);
            s.inject(y + 225, x + 10, 5, 12, kSolar);
            s.inject(y + 160, x + 55, 6, 6, kBuilt);
            s.inject(y + 120, x + 150, 4, 5, kQuarry);
        }
    }
    return s;
}

std::vector<std::int32_t> noised(const Scene& s, const sg::NoiseSpec& spec, int date, std::uint64_t seed) {
    std::vector<std::uint8_t> out(s.truth_before.size());
    const auto& truth = date == 0 ? s.truth_before : s.truth_after;
    sg::classify_rows(spec, confusion(), date, seed, truth.data(), 0, s.rows, s.cols, s.rows, 0, s.rows,
                      date == 1 ? s.locked.data() : nullptr, out.data());
    return {out.begin(), out.end()};
}

ecozone::geo::Grid grid_of(const Scene& s) {
    ecozone::geo::Grid g;
    g.xmin = 500000;
    g.ymax = 4000000;
    g.dx = g.dy = 10;
    g.cols = s.cols;
    g.rows = s.rows;
    return g;
}

// The CLI's default recipe (cmd_audit): no majority filter, neighbourhood confirmation, boundary
// shifts, noisy transitions, the sample's MMUs.
PatchOptions default_recipe() {
    PatchOptions o;
    o.noise.majority_filter = false;
    o.noise.confirm_neighbourhood = true;
    o.min_area_m2 = {{"*", 400}, {"02", 100}, {"04", 100}, {"05", 100}};
    return o;
}

struct Quality {
    int entries = 0, true_entries = 0, found = 0, patches = 0;
    double auc = 1;
    double precision() const { return entries ? static_cast<double>(true_entries) / entries : 1.0; }
    double recall() const { return patches ? static_cast<double>(found) / patches : 1.0; }
};

bool overlaps_truth(const ChangePatch& p, const Scene& s) {
    for (const auto& [r, c] : p.cells) {
        for (const auto& patch : s.patches)
            if (patch.count(r * s.cols + c)) return true;
    }
    return false;
}

Quality measure(const Scene& s, const PatchResult& res) {
    Quality q;
    q.entries = static_cast<int>(res.patches.size());
    std::vector<bool> found(s.patches.size(), false);
    for (const ChangePatch& p : res.patches) {
        bool any = false;
        for (const auto& [r, c] : p.cells)
            for (size_t k = 0; k < s.patches.size(); ++k)
                if (s.patches[k].count(r * s.cols + c)) found[k] = any = true;
        q.true_entries += any;
    }
    q.patches = static_cast<int>(s.patches.size());
    q.found = static_cast<int>(std::count(found.begin(), found.end(), true));
    // AUC of the confidence over every candidate (kept and rejected): the chance that a true one
    // scores above a false one (ties count half).
    std::vector<double> t, f;
    for (const auto* list : {&res.patches, &res.rejected})
        for (const ChangePatch& p : *list) (overlaps_truth(p, s) ? t : f).push_back(p.confidence);
    if (!t.empty() && !f.empty()) {
        double wins = 0;
        for (double a : t)
            for (double b : f) wins += a > b ? 1.0 : a == b ? 0.5 : 0.0;
        q.auc = wins / (static_cast<double>(t.size()) * static_cast<double>(f.size()));
    }
    return q;
}

PatchResult audit(const Scene& s, const std::string& spec, std::uint64_t seed,
                  const PatchOptions& o = default_recipe()) {
    const sg::NoiseSpec noise = sg::NoiseSpec::parse(spec);
    auto rows = memory_rows(grid_of(s), noised(s, noise, 0, seed), noised(s, noise, 1, seed), std::nullopt, 16);
    return find_change_patches(*rows, table(), o, 100);
}

}  // namespace

TEST_CASE("audit quality: every injected patch found, precision ≥ 0.9 and confidence AUC ≥ 0.9 under each noise model",
          "[change][quality]") {
    const Scene s = county_scene(true);
    for (const char* spec :
         {"none", "salt:0.03", "edges:0.3", "shift:1", "blobs:0.02", "salt:0.03,edges:0.3,shift:1,blobs:0.02"}) {
        for (std::uint64_t seed : {11u, 12u}) {
            const PatchResult res = audit(s, spec, seed);
            const Quality q = measure(s, res);
            INFO(spec << " seed " << seed << ": " << q.entries << " entries, " << q.true_entries << " true, found "
                      << q.found << " of " << q.patches << ", AUC " << q.auc << ", rejected " << res.rejected.size());
            CHECK(q.found == q.patches);
            // Blobs of a class the classifier rarely confuses (2–6 px of built land, quarry, solar)
            // look exactly like small real patches on two dates alone, and are too few per kind
            // for the noisy-transition stage on a scene this size: they stay in the register,
            // graded below the real patches (the AUC) — the floor is lower there, and the 高 grade
            // (an interior of 3 × 3 pixels or more, not explained by old land) reaches the floor.
            const bool blobs = std::string(spec).find("blobs") != std::string::npos;
            CHECK(q.precision() >= (blobs ? 0.45 : 0.9));
            CHECK(q.auc >= 0.9);
            for (const ChangePatch& p : res.patches) {
                if (overlaps_truth(p, s)) CHECK(p.confidence >= kGradeMedium);  // real patches are not graded 低
            }
            PatchOptions high = default_recipe();
            high.noise.min_confidence = kGradeHigh;
            const Quality h = measure(s, audit(s, spec, seed, high));
            INFO("高 only: " << h.entries << " entries, " << h.true_entries << " true, found " << h.found);
            CHECK(h.found >= 0.9 * h.patches);  // a patch whose interior the noise breaks drops to 中
            CHECK(h.precision() >= 0.9);
        }
    }
}

TEST_CASE("audit quality: a misregistered pair gives no patch along straight boundaries", "[change][quality]") {
    const Scene s = county_scene(false);
    for (const char* spec : {"shift:1", "shift:0.5", "shift:1.5"}) {
        for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {  // several directions
            const PatchResult res = audit(s, spec, seed);
            INFO(spec << " seed " << seed << " (" << sg::shift_direction(seed).name << ")");
            // Nothing along the fields', village's, bare land's and forest's edges.  A road moved by
            // half a pixel diagonally is a broken, scattered line on the before date: a few pieces
            // of the road (at its ends, or where the before date's pixels are isolated) can stay,
            // at most ten pixels each.
            for (const ChangePatch& p : res.patches) {
                INFO("kept " << p.activity << ", " << p.pixels << " px at row " << p.row_min << ", col " << p.col_min);
                CHECK(p.activity == "09");
                CHECK(p.pixels <= 10);
            }
            for (const ChangePatch& p : res.rejected) {
                CHECK((p.stage == kStageBoundaryShift || p.stage == kStageMmu));  // a stray pixel: below the MMU
            }
        }
    }
}

TEST_CASE("audit quality: a new one-pixel road stays under edge noise and misregistration", "[change][quality]") {
    Scene s = county_scene(false);
    s.inject(30, 60, 180, 1, kRoad);  // a new north–south road, one pixel wide, through open land and the bare land
    for (const char* spec : {"none", "edges:0.3", "shift:1", "salt:0.03"}) {
        const PatchResult res = audit(s, spec, 5);
        const Quality q = measure(s, res);
        INFO(spec);
        CHECK(q.found == 1);
        std::int64_t road_pixels = 0;
        for (const ChangePatch& p : res.patches)
            if (p.activity == "09") road_pixels += p.pixels;
        CHECK(road_pixels >= 150);  // most of its 180 pixels: the majority filter keeps a line's middle
    }
}

TEST_CASE("audit quality: rejected candidates carry their stage and reason; --min-confidence filters",
          "[change][quality]") {
    const Scene s = county_scene(true);
    const PatchResult res = audit(s, "salt:0.03,edges:0.3", 3);
    REQUIRE(!res.rejected.empty());
    std::int64_t by_stage = res.stats.removed_as_boundary_shift + res.stats.removed_by_core +
                            res.stats.removed_as_noisy_transition + res.stats.removed_by_mmu +
                            res.stats.removed_by_confidence;
    CHECK(static_cast<std::int64_t>(res.rejected.size()) == by_stage);
    for (const ChangePatch& p : res.rejected) {
        CHECK(!p.stage.empty());
        CHECK(!p.reason.empty());
        CHECK(!p.cells.empty());
    }
    PatchOptions strict = default_recipe();
    strict.noise.min_confidence = kGradeHigh;
    const PatchResult high = audit(s, "salt:0.03,edges:0.3", 3, strict);
    for (const ChangePatch& p : high.patches) CHECK(p.confidence >= kGradeHigh);
    CHECK(high.patches.size() + static_cast<size_t>(high.stats.removed_by_confidence) == res.patches.size());
}
