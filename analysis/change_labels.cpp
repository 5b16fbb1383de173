#include "analysis/change_labels.h"

#include "analysis/patch_filters.h"
#include "geo/errors.h"

#include <algorithm>
#include <cmath>

namespace ecozone::analysis {

namespace {

// The windows must tile the grid: inside it, no two overlapping, their pixels adding up to the
// grid's.  A missing or doubled tile would silently lose or double patches.
void check_tiling(const std::vector<LabelledWindow>& windows, int cols, int rows) {
    std::int64_t total = 0;
    for (size_t i = 0; i < windows.size(); ++i) {
        const PixelWindow& a = windows[i].window;
        if (a.row0 < 0 || a.col0 < 0 || a.row1 > rows || a.col1 > cols || a.row0 >= a.row1 || a.col0 >= a.col1) {
            throw make_error<DataError>("分块 行 {}–{}、列 {}–{} 不在 {}x{} 像元的栅格内",
                                        "tile rows {}–{}, columns {}–{} is not inside the {}x{}-pixel grid", a.row0,
                                        a.row1 - 1, a.col0, a.col1 - 1, cols, rows);
        }
        total += a.pixels();
        for (size_t j = 0; j < i; ++j) {
            const PixelWindow& b = windows[j].window;
            if (a.row0 < b.row1 && b.row0 < a.row1 && a.col0 < b.col1 && b.col0 < a.col1) {
                throw make_error<DataError>("分块 行 {}–{}、列 {}–{} 与 行 {}–{}、列 {}–{} 重叠（同一分块给了两次？）",
                                            "tile rows {}–{}, columns {}–{} overlaps rows {}–{}, columns {}–{} (the "
                                            "same tile given twice?)",
                                            a.row0, a.row1 - 1, a.col0, a.col1 - 1, b.row0, b.row1 - 1, b.col0,
                                            b.col1 - 1);
            }
        }
    }
    if (total != static_cast<std::int64_t>(cols) * rows) {
        throw make_error<DataError>("分块只覆盖 {}x{} 像元栅格的 {} 个像元（缺少分块）",
                                    "the tiles cover {} of the {}x{} grid's pixels (a tile is missing)", total, cols,
                                    rows);
    }
}

// Unite the changed pixels that touch across the seams: every row where a window starts (against
// the row above) and every column where one starts (against the column to its left, and with
// 8-connectivity its diagonal neighbours).  Uniting two pixels of the same window again is
// harmless: they are in one set already.  `cells` are in row-major order of the whole grid.
void join_seams(const std::vector<Cell>& cells, const std::vector<LabelledWindow>& windows, int cols, bool eight,
                UnionFind& uf) {
    std::vector<int> seam_rows, seam_cols;
    for (const auto& w : windows) {
        if (w.window.row0 > 0) seam_rows.push_back(w.window.row0);
        if (w.window.col0 > 0) seam_cols.push_back(w.window.col0);
    }
    for (auto* v : {&seam_rows, &seam_cols}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    auto by_row = [](const Cell& c, int r) { return c.row < r; };

    // Rows: the row above the seam spread over the full width, this row's pixels against it.
    const auto Wz = static_cast<size_t>(cols);
    std::vector<std::int32_t> up(Wz, -1);
    for (int top : seam_rows) {
        const auto a = std::lower_bound(cells.begin(), cells.end(), top - 1, by_row);
        const auto b = std::lower_bound(a, cells.end(), top, by_row);
        for (auto it = a; it != b; ++it) up[static_cast<size_t>(it->col)] = it->label;
        for (auto it = b; it != cells.end() && it->row == top; ++it) {
            const auto c = static_cast<size_t>(it->col);
            if (up[c] >= 0) uf.unite(it->label, up[c]);
            if (eight) {
                if (c > 0 && up[c - 1] >= 0) uf.unite(it->label, up[c - 1]);
                if (c + 1 < Wz && up[c + 1] >= 0) uf.unite(it->label, up[c + 1]);
            }
        }
        for (auto it = a; it != b; ++it) up[static_cast<size_t>(it->col)] = -1;
    }
    if (seam_cols.empty()) return;

    // Columns: one pass gathers the pixels on either side of every seam (in row order), then each
    // pixel right of a seam meets the pixels left of it in the rows above, beside and below.
    std::vector<int> seam_at(Wz + 1, -1);  // column -> index of the seam starting there
    for (size_t k = 0; k < seam_cols.size(); ++k) seam_at[static_cast<size_t>(seam_cols[k])] = static_cast<int>(k);
    struct Side {
        std::vector<std::pair<std::int32_t, std::int32_t>> left, right;  // (row, label)
    };
    std::vector<Side> sides(seam_cols.size());
    for (const Cell& cell : cells) {
        const auto c = static_cast<size_t>(cell.col);
        if (seam_at[c] >= 0) sides[static_cast<size_t>(seam_at[c])].right.emplace_back(cell.row, cell.label);
        if (seam_at[c + 1] >= 0) sides[static_cast<size_t>(seam_at[c + 1])].left.emplace_back(cell.row, cell.label);
    }
    for (const Side& side : sides) {
        size_t lo = 0;
        for (const auto& [row, label] : side.right) {
            const int reach = eight ? 1 : 0;
            while (lo < side.left.size() && side.left[lo].first < row - reach) ++lo;
            for (size_t k = lo; k < side.left.size() && side.left[k].first <= row + reach; ++k) {
                uf.unite(label, side.left[k].second);
            }
        }
    }
}

}  // namespace

PatchResult patches_from_windows(std::vector<LabelledWindow> windows, int cols, int rows, const PatchOptions& options,
                                 double pixel_area_m2) {
    PatchResult result;
    PatchStats& stats = result.stats;
    if (cols <= 0 || rows <= 0) return result;
    check_tiling(windows, cols, rows);
    std::sort(windows.begin(), windows.end(), [](const LabelledWindow& a, const LabelledWindow& b) {
        return std::pair(a.window.row0, a.window.col0) < std::pair(b.window.row0, b.window.col0);
    });

    // One activity table, one union–find (window labels shifted), every cell.
    std::vector<std::string> names{std::string()};
    UnionFind uf;
    std::vector<Cell> cells;
    {
        size_t total = 0;
        for (const LabelledWindow& w : windows) total += w.cells.size();
        cells.reserve(total);
    }
    for (LabelledWindow& w : windows) {
        stats.changed_pixels_raw += w.changed_raw;
        stats.changed_pixels_after_filter += w.changed_after_filter;
        std::vector<std::uint8_t> act_map(w.names.size(), 0);
        for (size_t k = 1; k < w.names.size(); ++k) {
            auto it = std::find(names.begin(), names.end(), w.names[k]);
            if (it == names.end()) {
                if (names.size() >= 255) {
                    throw DataError("地类转换表：活动类型超过 254 种",
                                    "transition table: more than 254 distinct activity types");
                }
                it = names.insert(names.end(), w.names[k]);
            }
            act_map[k] = static_cast<std::uint8_t>(it - names.begin());
        }
        const std::int32_t shift = uf.append(w.uf);
        w.uf.clear();
        for (Cell cell : w.cells) {
            cell.label += shift;
            if (cell.act >= act_map.size()) {
                throw make_error<DataError>("分块结果损坏：活动编号 {} 超出范围",
                                            "corrupt tile result: activity index {} out of range", cell.act);
            }
            cell.act = act_map[cell.act];
            cells.push_back(cell);
        }
        std::vector<Cell>().swap(w.cells);
    }
    // Stripes of full width come in row-major order already; tiles side by side interleave by row.
    auto row_major = [](const Cell& a, const Cell& b) { return std::pair(a.row, a.col) < std::pair(b.row, b.col); };
    if (!std::is_sorted(cells.begin(), cells.end(), row_major)) std::sort(cells.begin(), cells.end(), row_major);
    join_seams(cells, windows, cols, options.connectivity == 8, uf);
    std::vector<LabelledWindow>().swap(windows);

    // Resolve roots; number the components by their first pixel (cells are in row-major order).
    std::vector<std::int32_t> patch_of_root(uf.size(), -1);
    std::int32_t components = 0;
    for (Cell& cell : cells) {
        const std::int32_t root = uf.find(cell.label);
        std::int32_t& p = patch_of_root[static_cast<size_t>(root)];
        if (p < 0) p = components++;
        cell.label = p;
    }
    uf.clear();
    std::vector<std::int32_t>().swap(patch_of_root);
    stats.components = components;

    // Group the cells by component, stably (counting sort), so each keeps row-major order.
    std::vector<std::int64_t> start(static_cast<size_t>(components) + 1, 0);
    for (const Cell& cell : cells) ++start[static_cast<size_t>(cell.label) + 1];
    for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    std::vector<std::uint32_t> order(cells.size());
    {
        std::vector<std::int64_t> next(start.begin(), start.end() - 1);
        for (size_t i = 0; i < cells.size(); ++i)
            order[static_cast<size_t>(next[static_cast<size_t>(cells[i].label)]++)] = static_cast<std::uint32_t>(i);
    }

    // Every component becomes a candidate with its evidence; the filter stages then decide
    // (analysis/patch_filters.h).
    std::vector<ChangePatch> candidates;
    candidates.reserve(static_cast<size_t>(components));
    std::vector<std::int64_t> act_count(names.size());
    for (std::int32_t p = 0; p < components; ++p) {
        const auto b = static_cast<size_t>(start[static_cast<size_t>(p)]);
        const auto e = static_cast<size_t>(start[static_cast<size_t>(p) + 1]);
        ChangePatch patch;
        patch.pixels = static_cast<std::int64_t>(e - b);
        std::fill(act_count.begin(), act_count.end(), 0);
        const Cell& first = cells[order[b]];
        patch.row_min = patch.row_max = first.row;
        patch.col_min = patch.col_max = first.col;
        patch.cells.reserve(e - b);
        for (size_t i = b; i < e; ++i) {
            const Cell& cell = cells[order[i]];
            patch.core_pixels += cell.core;
            patch.evidence.explained_pixels += cell.shift;
            ++act_count[cell.act];
            patch.row_min = std::min(patch.row_min, cell.row);
            patch.row_max = std::max(patch.row_max, cell.row);
            patch.col_min = std::min(patch.col_min, cell.col);
            patch.col_max = std::max(patch.col_max, cell.col);
            patch.sum_col += cell.col + 0.5;
            patch.sum_row += cell.row + 0.5;
            ++patch.transitions[{cell.before, cell.after}];
            patch.cells.emplace_back(cell.row, cell.col);
        }
        for (size_t k = 1; k < names.size(); ++k) {
            if (act_count[k] > 0) patch.activity_pixels[names[k]] = act_count[k];
        }
        std::int64_t best = -1;
        for (const auto& [code, n] : patch.activity_pixels) {  // codes ascending: ties go to the smallest
            if (n > best) {
                best = n;
                patch.activity = code;
            }
        }
        candidates.push_back(std::move(patch));
    }
    std::vector<Cell>().swap(cells);
    std::vector<std::uint32_t>().swap(order);
    filter_patches(std::move(candidates), options, pixel_area_m2, result);
    stats.patches = static_cast<std::int64_t>(result.patches.size());
    return result;
}

}  // namespace ecozone::analysis
