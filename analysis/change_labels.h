#pragma once
// Labelled pieces of the change raster and how they are joined (docs/audit.md §3 and "Tiled
// audits"): the pixel pipeline (change_patches.cpp) labels a window of the grid — a horizontal
// stripe per thread, or a tile of a tiled audit — with a union–find of its own; the pieces are
// joined here by uniting the changed pixels that touch across each seam, then every component
// becomes a candidate patch and the filter stages decide (patch_filters.h).  Stripes of one
// process and tiles written by separate tasks go through this same join, so a tiled audit's
// register is the single run's by construction.
#include "analysis/change_patches.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::analysis {

// One changed pixel after filtering, in the order labelled (row-major within its window).
struct Cell {
    std::int32_t row, col;       // in the whole grid
    std::int32_t before, after;  // filtered classes
    std::int32_t label;          // provisional label, then patch index
    std::uint8_t act;            // index into the window's activity names (0 = none)
    std::uint8_t core;           // all 8 neighbours changed
    std::uint8_t shift;          // the same land already lay next to it (or under it) on the before date
};

// Union–find over provisional labels; the root is always the smallest label of its set.
class UnionFind {
public:
    UnionFind() = default;
    explicit UnionFind(std::vector<std::int32_t> parents) : parent_(std::move(parents)) {}
    std::int32_t make() {
        parent_.push_back(static_cast<std::int32_t>(parent_.size()));
        return parent_.back();
    }
    std::int32_t find(std::int32_t x) {
        while (parent_[static_cast<size_t>(x)] != x) {
            auto& p = parent_[static_cast<size_t>(x)];
            p = parent_[static_cast<size_t>(p)];  // path halving
            x = p;
        }
        return x;
    }
    void unite(std::int32_t a, std::int32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (a < b) std::swap(a, b);
        parent_[static_cast<size_t>(a)] = b;
    }
    size_t size() const { return parent_.size(); }
    const std::vector<std::int32_t>& parents() const { return parent_; }
    void clear() { std::vector<std::int32_t>().swap(parent_); }
    // Append the sets of `other` with its labels shifted by the current size; returns the shift.
    std::int32_t append(const UnionFind& other) {
        const auto shift = static_cast<std::int32_t>(parent_.size());
        parent_.reserve(parent_.size() + other.parent_.size());
        for (std::int32_t p : other.parent_) parent_.push_back(p + shift);
        return shift;
    }

private:
    std::vector<std::int32_t> parent_;
};

// A rectangle of the grid: rows [row0, row1), columns [col0, col1).
struct PixelWindow {
    int row0 = 0, row1 = 0, col0 = 0, col1 = 0;
    std::int64_t pixels() const { return static_cast<std::int64_t>(row1 - row0) * (col1 - col0); }
};

// The changed pixels of one window, labelled with the window's own union–find.
struct LabelledWindow {
    PixelWindow window;
    std::vector<Cell> cells;  // row-major; labels are the window's provisional labels
    UnionFind uf;
    std::int64_t changed_raw = 0, changed_after_filter = 0;  // over the window's pixels only
    std::vector<std::string> names;  // activity names; Cell::act indexes them (names[0] = "")
};

// Columns a tile must read beyond each side for its own pixels to come out exactly as in a run over
// the whole grid.  A window's edge column is labelled as if it were the raster's edge: the majority
// filter then votes wrongly in that column (1 column), neighbourhood confirmation spreads that one
// further (1), and the core test one further again (1): majority + confirm + 1; the boundary-shift
// test reads the raw before date two columns out and asks whether that land has a like neighbour,
// one column more: kShiftReach + 1 = 3.  Rows need no halo of their own: a window reads the rows
// around it just as a thread's stripe does (change_patches.cpp, run_window).
int tile_halo(const NoiseOptions& noise);

// Label the changed pixels of `window` (single-threaded), reading only the window and `halo`
// columns (tile_halo() when negative) and the stripe's margin of rows around it.  A halo smaller
// than tile_halo() gives wrong pixels along the tile's inner edges (a test-only knob: proves the
// halo matters).
LabelledWindow label_window(const TwoDateRows& rows, const TransitionTable& table, const PatchOptions& options,
                            const PixelWindow& window, int halo = -1);

// Join labelled windows that tile a grid of `cols` × `rows` pixels exactly (no gap, no overlap;
// DataError otherwise) into the candidates, then filter them (filter_patches): the same
// PatchResult as find_change_patches over the whole grid.  Consumes the windows.
PatchResult patches_from_windows(std::vector<LabelledWindow> windows, int cols, int rows, const PatchOptions& options,
                                 double pixel_area_m2);

}  // namespace ecozone::analysis
