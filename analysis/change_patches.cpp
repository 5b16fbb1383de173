#include "analysis/change_patches.h"

#include "analysis/change_labels.h"
#include "analysis/parallel.h"
#include "analysis/patch_filters.h"
#include "geo/errors.h"
#include "layers/class_raster.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <exception>
#include <thread>
#include <unordered_map>

namespace ecozone::analysis {

std::string TransitionTable::activity(std::int32_t before, std::int32_t after) const {
    if (before == after) return {};
    if (auto p = pairs.find({before, after}); p != pairs.end()) return p->second;
    if (natural.count(before) == 0) return {};
    if (auto a = activity_of_after.find(after); a != activity_of_after.end()) return a->second;
    return {};
}

namespace {

// ---------------------------------------------------------------------------------------------
// Sources

class MemoryRows : public TwoDateRows {
public:
    using Values = std::shared_ptr<const std::vector<std::int32_t>>;
    MemoryRows(geo::Grid grid, Values before, Values after, std::optional<std::int32_t> nodata, int band_rows)
        : grid_(grid), before_(std::move(before)), after_(std::move(after)), nodata_(nodata), band_rows_(band_rows) {}

    const geo::Grid& grid() const override { return grid_; }
    int band_rows() const override { return band_rows_; }
    std::optional<std::int32_t> nodata() const override { return nodata_; }
    void read(int row0, int count, std::vector<std::int32_t>& before, std::vector<std::int32_t>& after) const override {
        const auto first = static_cast<std::ptrdiff_t>(row0) * grid_.cols;
        const auto last = first + static_cast<std::ptrdiff_t>(count) * grid_.cols;
        before.assign(before_->begin() + first, before_->begin() + last);
        after.assign(after_->begin() + first, after_->begin() + last);
    }
    // The values are immutable and read concurrently: clones share them.
    std::unique_ptr<TwoDateRows> clone() const override {
        return std::make_unique<MemoryRows>(grid_, before_, after_, nodata_, band_rows_);
    }

private:
    geo::Grid grid_;
    Values before_, after_;
    std::optional<std::int32_t> nodata_;
    int band_rows_;
};

class RasterPairRows : public TwoDateRows {
public:
    RasterPairRows(const layers::ClassRaster& before, const layers::ClassRaster& after)
        : before_(&before), after_(&after) {}
    RasterPairRows(std::unique_ptr<layers::ClassRaster> before, std::unique_ptr<layers::ClassRaster> after)
        : before_(before.get()), after_(after.get()), own_before_(std::move(before)), own_after_(std::move(after)) {}

    const geo::Grid& grid() const override { return before_->grid(); }
    int band_rows() const override { return std::max(1, std::min(before_->band_rows(), after_->band_rows())); }
    // Both dates usually share one nodata value, which then serves the pair as it is; only dates
    // with different (or one-sided) nodata are rewritten to kPairNodata, pixel by pixel.
    std::optional<std::int32_t> nodata() const override {
        if (shared_nodata()) return before_->nodata();
        if (before_->has_nodata() || after_->has_nodata()) return kPairNodata;
        return std::nullopt;
    }
    void read(int row0, int count, std::vector<std::int32_t>& before, std::vector<std::int32_t>& after) const override {
        before_->read_rows(row0, count, before);
        after_->read_rows(row0, count, after);
        if (shared_nodata()) return;
        remap(*before_, before);
        remap(*after_, after);
    }
    void read_window(int row0, int count, int col0, int cols, std::vector<std::int32_t>& before,
                     std::vector<std::int32_t>& after) const override {
        before_->read_window(row0, count, col0, cols, before);
        after_->read_window(row0, count, col0, cols, after);
        if (shared_nodata()) return;
        remap(*before_, before);
        remap(*after_, after);
    }
    // Reopen both files on their grid CRS (the working CRS, or a geographic raster's own CRS, so
    // the same grid, warped or not); null — one thread — if the reopened rasters differ in any way.
    std::unique_ptr<TwoDateRows> clone() const override {
        auto reopen = [](const layers::ClassRaster& r) {
            return std::make_unique<layers::ClassRaster>(r.source_info().path, r.grid_crs());
        };
        auto same = [](const layers::ClassRaster& x, const layers::ClassRaster& y) {
            const geo::Grid &a = x.grid(), &b = y.grid();
            return a.cols == b.cols && a.rows == b.rows && a.xmin == b.xmin && a.ymax == b.ymax && a.dx == b.dx &&
                   a.dy == b.dy && x.has_nodata() == y.has_nodata() && x.nodata() == y.nodata() &&
                   x.warped() == y.warped() && x.grid_crs() == y.grid_crs();
        };
        try {
            auto b = reopen(*before_);
            auto a = reopen(*after_);
            if (!same(*b, *before_) || !same(*a, *after_)) return nullptr;
            return std::make_unique<RasterPairRows>(std::move(b), std::move(a));
        } catch (const std::exception&) {
            return nullptr;  // e.g. a file that cannot be opened twice: read it on one thread
        }
    }

private:
    bool shared_nodata() const {
        return before_->has_nodata() && after_->has_nodata() && before_->nodata() == after_->nodata();
    }
    static void remap(const layers::ClassRaster& r, std::vector<std::int32_t>& v) {
        if (!r.has_nodata()) return;
        const std::int32_t nd = r.nodata();
        for (auto& x : v) {
            if (x == nd) x = kPairNodata;
        }
    }
    const layers::ClassRaster* before_;
    const layers::ClassRaster* after_;
    std::unique_ptr<layers::ClassRaster> own_before_, own_after_;
};

// Columns [col0, col0 + cols) of a source, every row: the grid a tile's pipeline runs on.  Row
// numbers stay those of the whole grid, so the stripe logic for rows applies unchanged.
class ColumnWindowRows : public TwoDateRows {
public:
    ColumnWindowRows(const TwoDateRows& base, int col0, int cols) : base_(base), col0_(col0), grid_(base.grid()) {
        grid_.xmin += col0 * grid_.dx;
        grid_.cols = cols;
    }
    const geo::Grid& grid() const override { return grid_; }
    int band_rows() const override { return base_.band_rows(); }
    std::optional<std::int32_t> nodata() const override { return base_.nodata(); }
    void read(int row0, int count, std::vector<std::int32_t>& before, std::vector<std::int32_t>& after) const override {
        base_.read_window(row0, count, col0_, grid_.cols, before, after);
    }

private:
    const TwoDateRows& base_;
    int col0_;
    geo::Grid grid_;
};

// ---------------------------------------------------------------------------------------------
// Activity per (before, after) pair, cached: a dense table for class values 0..255 (the usual
// case), a hash map beyond.  Index 0 = no human-activity change; names()[i] is the activity code.

class ActivityLookup {
public:
    explicit ActivityLookup(const TransitionTable& table) : table_(table), dense_(256 * 256, kUnknown) {
        names_.emplace_back();
    }

    std::uint8_t operator()(std::int32_t before, std::int32_t after) {
        if (before == after) return 0;
        if (static_cast<std::uint32_t>(before) < 256 && static_cast<std::uint32_t>(after) < 256) {
            std::uint8_t& slot = dense_[static_cast<size_t>(before) * 256 + static_cast<size_t>(after)];
            if (slot == kUnknown) slot = resolve(before, after);
            return slot;
        }
        const std::uint64_t key =
            (static_cast<std::uint64_t>(static_cast<std::uint32_t>(before)) << 32) | static_cast<std::uint32_t>(after);
        auto it = sparse_.find(key);
        if (it == sparse_.end()) it = sparse_.emplace(key, resolve(before, after)).first;
        return it->second;
    }
    const std::vector<std::string>& names() const { return names_; }

private:
    static constexpr std::uint8_t kUnknown = 255;
    std::uint8_t resolve(std::int32_t before, std::int32_t after) {
        const std::string a = table_.activity(before, after);
        if (a.empty()) return 0;
        for (size_t i = 1; i < names_.size(); ++i) {
            if (names_[i] == a) return static_cast<std::uint8_t>(i);
        }
        if (names_.size() >= kUnknown) {
            throw DataError("地类转换表：活动类型超过 254 种",
                            "transition table: more than 254 distinct activity types");
        }
        names_.push_back(a);
        return static_cast<std::uint8_t>(names_.size() - 1);
    }
    const TransitionTable& table_;
    std::vector<std::uint8_t> dense_;
    std::unordered_map<std::uint64_t, std::uint8_t> sparse_;
    std::vector<std::string> names_;
};

// Which kind of human land a class is (its activity as an after-class: farmland → "01",
// settlement → "02", ...), so that a boundary shift is recognised when a field of 0103 dry land
// grows by a pixel of 0101 paddy.  Dense for class values 0..255; -1 = not a human-land class.
class LandKind {
public:
    explicit LandKind(const TransitionTable& table) : dense_(256, -1) {
        std::map<std::string, int> index;
        for (const auto& [cls, activity] : table.activity_of_after) {
            const int k = index.emplace(activity, static_cast<int>(index.size())).first->second;
            if (static_cast<std::uint32_t>(cls) < 256) {
                dense_[static_cast<size_t>(cls)] = k;
            } else {
                sparse_[cls] = k;
            }
        }
    }
    // True when `neighbour_before` is the same land as `after`: the same class or the same kind.
    bool same(std::int32_t neighbour_before, std::int32_t after) const {
        if (neighbour_before == after) return true;
        const int k = of(after);
        return k >= 0 && of(neighbour_before) == k;
    }

private:
    int of(std::int32_t cls) const {
        if (static_cast<std::uint32_t>(cls) < 256) return dense_[static_cast<size_t>(cls)];
        auto it = sparse_.find(cls);
        return it == sparse_.end() ? -1 : it->second;
    }
    std::vector<int> dense_;
    std::map<std::int32_t, int> sparse_;
};

// Activity index of each pixel of a row; returns the number of changed pixels.
std::int64_t activity_row(const std::int32_t* before, const std::int32_t* after, int cols,
                          const std::optional<std::int32_t>& nodata, ActivityLookup& lookup, std::uint8_t* out) {
    std::int64_t changed = 0;
    auto one = [&](int c) {
        const std::int32_t b = before[c], a = after[c];
        std::uint8_t act = 0;
        if (b != a && !(nodata && (b == *nodata || a == *nodata))) act = lookup(b, a);
        out[c] = act;
        changed += act != 0;
    };
    // Most of a row is unchanged: runs of eight equal pixels are skipped with one comparison.
    constexpr int kRun = 8;
    int c = 0;
    for (; c + kRun <= cols; c += kRun) {
        if (std::memcmp(before + c, after + c, kRun * sizeof(std::int32_t)) == 0) {
            std::memset(out + c, 0, kRun);
        } else {
            for (int i = c; i < c + kRun; ++i) one(i);
        }
    }
    for (; c < cols; ++c) one(c);
    return changed;
}

// 3x3 majority filter of one row: `up` / `down` are null outside the grid; nodata never votes
// and a nodata pixel stays nodata.  A pixel backed by ≥ 3 like neighbours (4 of the 9 votes), or
// in the middle of a one-pixel line (two like neighbours opposite each other, inside the grid),
// keeps its class; otherwise it takes the class held by ≥ 5 of the (at most) 9 voting pixels of
// its window, else keeps its own.
void majority_row(const std::int32_t* up, const std::int32_t* mid, const std::int32_t* down, int cols,
                  const std::optional<std::int32_t>& nodata, std::int32_t* out) {
    const std::int32_t* rows3[3] = {up, mid, down};
    auto vote = [&](int c) -> std::int32_t {
        const std::int32_t centre = mid[c];
        if (nodata && centre == *nodata) return centre;
        // A pixel on a one-pixel line — two like neighbours opposite each other — keeps its class:
        // roads, tracks and canals are one pixel wide at 10–30 m and must not be eroded, while
        // speckle has no like neighbour and a two-pixel speck only one.
        if (up && down && c > 0 && c + 1 < cols &&
            ((up[c] == centre && down[c] == centre) || (mid[c - 1] == centre && mid[c + 1] == centre) ||
             (up[c - 1] == centre && down[c + 1] == centre) || (up[c + 1] == centre && down[c - 1] == centre))) {
            return centre;
        }
        std::array<std::int32_t, 9> v{};
        int n = 0;
        for (const std::int32_t* row : rows3) {
            if (!row) continue;
            for (int cc = std::max(0, c - 1); cc <= std::min(cols - 1, c + 1); ++cc) {
                if (nodata && row[cc] == *nodata) continue;
                v[static_cast<size_t>(n++)] = row[cc];
            }
        }
        // A class with ≥ 5 of ≤ 9 votes is a strict majority: Boyer–Moore finds it, then count.
        std::int32_t cand = centre;
        int k = 0;
        for (int i = 0; i < n; ++i) {
            if (k == 0) {
                cand = v[static_cast<size_t>(i)];
                k = 1;
            } else {
                k += v[static_cast<size_t>(i)] == cand ? 1 : -1;
            }
        }
        int count = 0, own = 0;
        for (int i = 0; i < n; ++i) {
            count += v[static_cast<size_t>(i)] == cand;
            own += v[static_cast<size_t>(i)] == centre;
        }
        // A pixel backed by three like neighbours stays: the corner of a real patch holds 4 of 9
        // and must not be eroded; speckle (1 of 9) and 1-pixel lines (≤ 3 of 9) give way.
        return own >= 4 ? centre : count >= 5 ? cand : centre;
    };
    if (!up || !down || cols < 3) {
        for (int c = 0; c < cols; ++c) out[c] = vote(c);
        return;
    }
    // Interior pixels: count the like neighbours four at a time without branches; a pixel with
    // ≥ 3 keeps its class (a nodata centre keeps it anyway, and nodata never equals a class), the
    // few others (speckle, edges of patches) take the full vote.
    out[0] = vote(0);
    int c = 1;
#if defined(__GNUC__)
    using V4 = std::int32_t __attribute__((vector_size(16)));
    auto load = [](const std::int32_t* p) {
        V4 v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    for (; c + 4 < cols; c += 4) {
        const V4 x = load(mid + c);
        // Each comparison is -1 where equal: n = -(like neighbours).
        const V4 n = (load(up + c - 1) == x) + (load(up + c) == x) + (load(up + c + 1) == x) +
                     (load(mid + c - 1) == x) + (load(mid + c + 1) == x) + (load(down + c - 1) == x) +
                     (load(down + c) == x) + (load(down + c + 1) == x);
        const V4 weak = n > -3;
        if (weak[0] == 0 && weak[1] == 0 && weak[2] == 0 && weak[3] == 0) {
            std::memcpy(out + c, &x, sizeof x);
            continue;
        }
        for (int i = 0; i < 4; ++i) out[c + i] = weak[i] == 0 ? x[i] : vote(c + i);
    }
#endif
    for (; c + 1 < cols; ++c) {
        const std::int32_t x = mid[c];
        const int n = (up[c - 1] == x) + (up[c] == x) + (up[c + 1] == x) + (mid[c - 1] == x) + (mid[c + 1] == x) +
                      (down[c - 1] == x) + (down[c] == x) + (down[c + 1] == x);
        out[c] = n >= 3 ? x : vote(c);
    }
    out[cols - 1] = vote(cols - 1);
}

// A changed pixel is kept only if one of its 8 neighbours changed to the same activity.
std::int64_t confirm_row(const std::uint8_t* up, const std::uint8_t* mid, const std::uint8_t* down, int cols,
                         std::uint8_t* out) {
    std::int64_t kept = 0;
    for (int c = 0; c < cols; ++c) {
        const std::uint8_t a = mid[c];
        bool ok = false;
        if (a != 0) {
            const int c0 = std::max(0, c - 1), c1 = std::min(cols - 1, c + 1);
            for (int cc = c0; cc <= c1 && !ok; ++cc) {
                ok = (up && up[cc] == a) || (down && down[cc] == a) || (cc != c && mid[cc] == a);
            }
        }
        out[c] = ok ? a : 0;
        kept += ok;
    }
    return kept;
}

// What the pipeline needs to know of the grid and options.
struct Pipeline {
    int W = 0, H = 0, band = 1;
    std::optional<std::int32_t> nodata;
    bool majority = true, confirm = false, eight = true;
};

// Rows kept per stage.  The labelling stage runs three rows behind the confirmed rows (the
// boundary-shift test looks three rows down in the raw before date: land two rows away, and
// whether that land is established, one row further), so the row it labels lies up to five rows
// behind the newest raw row, and it looks three rows above that: nine slots.
// How far (pixels, any direction) the boundary-shift test looks for the same land on the before
// date: two, because mixed edge pixels are independent on each date — the before date's own
// edge pixel next to a changed one is itself mixed a third of the time, the land behind it not.
constexpr int kShiftReach = 2;
constexpr int kRing = 9;

// Run the pipeline over rows [r0, r1) of the grid.  The filters look one row beyond each side per
// stage (majority filter, confirmation, core test) and the boundary-shift test three rows into the
// raw before date, so the rows read are [r0 - margin, r1 +
// margin) clipped to the grid, and every stage computes only the rows whose inputs it has: the
// rows of [r0, r1) come out exactly as in a run over the whole grid.  Labels start afresh at r0.
// Only columns [lab0, lab1) of the source are labelled and counted (a tile's own columns; the
// others are its halo), and `col_offset` is the source's first column in the whole grid.
void run_window(const TwoDateRows& rows, const TransitionTable& table, const Pipeline& p, int r0, int r1, int lab0,
                int lab1, int col_offset, LabelledWindow& out) {
    const int W = p.W, H = p.H, band = p.band;
    const std::optional<std::int32_t>& nodata = p.nodata;
    const bool majority = p.majority, confirm = p.confirm, eight = p.eight;
    const auto Wz = static_cast<size_t>(W);
    const int lag_f = majority ? 1 : 0;
    const int lag_c = confirm ? 1 : 0;
    const int margin = lag_f + lag_c + kShiftReach + 1;
    // Rows each stage can compute: raw [e0, e1), filtered/activity [f0, f1), confirmed [c0, c1).
    const int e0 = std::max(0, r0 - margin), e1 = std::min(H, r1 + margin);
    const int f0 = e0 > 0 ? e0 + lag_f : e0, f1 = e1 < H ? e1 - lag_f : e1;
    const int c0 = f0 > 0 ? f0 + lag_c : f0, c1 = f1 < H ? f1 - lag_c : f1;
    auto inside = [&](int r) { return r >= r0 && r < r1; };
    // Changed pixels of a row within the labelled columns (`n` is the whole row's count).
    const bool full_width = lab0 == 0 && lab1 == W;
    auto counted = [&](const std::uint8_t* row, std::int64_t n) -> std::int64_t {
        if (full_width) return n;
        return std::count_if(row + lab0, row + lab1, [](std::uint8_t a) { return a != 0; });
    };

    ActivityLookup lookup(table);
    const LandKind kind(table);

    // Rings of kRing rows per stage, slot = row % kRing.  Without a filter a stage aliases the previous one.
    using IntRow = std::vector<std::int32_t>;
    using ByteRow = std::vector<std::uint8_t>;
    std::array<IntRow, kRing> raw_b, raw_a, flt_b_store, flt_a_store;
    std::array<ByteRow, kRing> act, fin_store;
    for (int i = 0; i < kRing; ++i) {
        raw_b[i].resize(Wz);
        raw_a[i].resize(Wz);
        act[i].resize(Wz);
        if (majority) {
            flt_b_store[i].resize(Wz);
            flt_a_store[i].resize(Wz);
        }
        if (confirm) fin_store[i].resize(Wz);
    }
    std::array<IntRow, kRing>& flt_b = majority ? flt_b_store : raw_b;
    std::array<IntRow, kRing>& flt_a = majority ? flt_a_store : raw_a;
    std::array<ByteRow, kRing>& fin = confirm ? fin_store : act;
    ByteRow scratch(Wz);
    auto slot = [](int r) { return static_cast<size_t>(r % kRing); };

    // The current band of both dates; rows are copied into the raw ring, so the previous band's
    // last row stays available to the 3x3 windows (the one-row overlap between bands).  Bands end
    // on multiples of the band height (the source's blocks) whatever the stripe's first row.
    IntRow band_b, band_a;
    int band_row0 = 0, band_count = 0;
    auto load_raw = [&](int r) {
        if (r >= band_row0 + band_count) {
            band_row0 = r;
            band_count = std::min((r / band + 1) * band, e1) - r;
            rows.read(band_row0, band_count, band_b, band_a);
            const size_t want = static_cast<size_t>(band_count) * Wz;
            if (band_b.size() != want || band_a.size() != want) {
                throw make_error<DataError>("变化图斑：第 {}..{} 行读回了 {} / {} 个值，而应为 {} 个",
                                            "change patches: rows {}..{} came back with {} / {} values instead of {}",
                                            band_row0, band_row0 + band_count - 1, band_b.size(), band_a.size(), want);
            }
        }
        const size_t off = static_cast<size_t>(r - band_row0) * Wz;
        std::copy_n(band_b.begin() + static_cast<std::ptrdiff_t>(off), Wz, raw_b[slot(r)].begin());
        std::copy_n(band_a.begin() + static_cast<std::ptrdiff_t>(off), Wz, raw_a[slot(r)].begin());
    };

    // Labelling state: labels of the previous and current row (-1 = unchanged), the union–find
    // and every changed pixel.
    std::array<std::vector<std::int32_t>, 2> labels{std::vector<std::int32_t>(Wz, -1),
                                                    std::vector<std::int32_t>(Wz, -1)};
    UnionFind& uf = out.uf;
    std::vector<Cell>& cells = out.cells;

    // The boundary-shift test: did land of the same kind as `after` lie on or next to (r, c) on the
    // before date?  It reads the before date as classified, not filtered — the filter erodes thin
    // roads and field strips, whose edges are exactly what moves by a pixel — but a neighbour
    // counts only if it is established (a like pixel next to it), so that a lone speckle pixel of
    // quarry on the before date cannot pass a new quarry off as an old one.
    auto raw_before = [&](int rr) -> const std::int32_t* {
        return rr >= 0 && rr < H ? raw_b[slot(rr)].data() : nullptr;
    };
    auto established = [&](int rr, int cc) {
        const std::int32_t v = raw_before(rr)[cc];
        for (int r2 = rr - 1; r2 <= rr + 1; ++r2) {
            const std::int32_t* row = raw_before(r2);
            if (!row) continue;
            for (int c2 = std::max(0, cc - 1); c2 <= std::min(W - 1, cc + 1); ++c2) {
                if ((r2 != rr || c2 != cc) && row[c2] == v) return true;
            }
        }
        return false;
    };
    auto land_was_next_to = [&](int r, int c, std::int32_t after) {
        for (int rr = r - kShiftReach; rr <= r + kShiftReach; ++rr) {
            const std::int32_t* row = raw_before(rr);
            if (!row) continue;
            for (int cc = std::max(0, c - kShiftReach); cc <= std::min(W - 1, c + kShiftReach); ++cc) {
                if (kind.same(row[cc], after) && established(rr, cc)) return true;
            }
        }
        return false;
    };

    auto label_row = [&](int r) {
        std::vector<std::int32_t>& cur = labels[static_cast<size_t>(r % 2)];
        const std::vector<std::int32_t>* prev = r > r0 ? &labels[static_cast<size_t>((r + 1) % 2)] : nullptr;
        const std::uint8_t* f_up = r > 0 ? fin[slot(r - 1)].data() : nullptr;
        const std::uint8_t* f_mid = fin[slot(r)].data();
        const std::uint8_t* f_down = r + 1 < H ? fin[slot(r + 1)].data() : nullptr;
        const std::int32_t* fb = flt_b[slot(r)].data();
        const std::int32_t* fa = flt_a[slot(r)].data();
        for (int c = lab0; c < lab1; ++c) {
            const auto cz = static_cast<size_t>(c);
            if (f_mid[cz] == 0) {
                // Most pixels are unchanged: eight at a time when the next eight all are.
                std::uint64_t eight_flags = 1;
                if (c + 8 <= lab1) std::memcpy(&eight_flags, f_mid + cz, 8);
                if (eight_flags == 0) {
                    std::fill_n(cur.begin() + static_cast<std::ptrdiff_t>(cz), 8, -1);
                    c += 7;
                    continue;
                }
                cur[cz] = -1;
                continue;
            }
            std::int32_t l = -1;
            auto join = [&](std::int32_t n) {
                if (n < 0) return;
                if (l < 0) {
                    l = n;
                } else if (n != l) {
                    uf.unite(l, n);
                }
            };
            // Columns outside [lab0, lab1) keep the label -1: a tile's neighbours are joined at the seams.
            if (c > lab0) join(cur[cz - 1]);
            if (prev) {
                join((*prev)[cz]);
                if (eight) {
                    if (c > lab0) join((*prev)[cz - 1]);
                    if (c + 1 < lab1) join((*prev)[cz + 1]);
                }
            }
            if (l < 0) l = uf.make();
            cur[cz] = l;
            bool core = f_up && f_down && c > 0 && c + 1 < W;
            for (int cc = c - 1; core && cc <= c + 1; ++cc) {
                const auto k = static_cast<size_t>(cc);
                core = f_up[k] != 0 && f_down[k] != 0 && f_mid[k] != 0;
            }
            cells.push_back(Cell{r, c + col_offset, fb[cz], fa[cz], l, f_mid[cz], static_cast<std::uint8_t>(core),
                                 static_cast<std::uint8_t>(land_was_next_to(r, c, fa[cz]))});
        }
    };

    // The pipeline: at step s raw row s is read, row s - lag_f filtered and classified, row
    // s - lag_f - lag_c confirmed, and the row two above that labelled (its core test needs the
    // confirmed row below, its boundary-shift test the raw before row two below).
    for (int s = e0; s < e1 + lag_f + lag_c + kShiftReach + 1; ++s) {
        if (s < e1) {
            load_raw(s);
            if (majority && inside(s)) {
                out.changed_raw += counted(
                    scratch.data(),
                    activity_row(raw_b[slot(s)].data(), raw_a[slot(s)].data(), W, nodata, lookup, scratch.data()));
            }
        }
        const int fr = s - lag_f;
        if (fr >= f0 && fr < f1) {
            if (majority) {
                auto filter = [&](std::array<IntRow, kRing>& src, std::array<IntRow, kRing>& dst) {
                    majority_row(fr > 0 ? src[slot(fr - 1)].data() : nullptr, src[slot(fr)].data(),
                                 fr + 1 < H ? src[slot(fr + 1)].data() : nullptr, W, nodata, dst[slot(fr)].data());
                };
                filter(raw_b, flt_b);
                filter(raw_a, flt_a);
            }
            const std::int64_t n =
                activity_row(flt_b[slot(fr)].data(), flt_a[slot(fr)].data(), W, nodata, lookup, act[slot(fr)].data());
            if (inside(fr)) {
                const std::int64_t k = counted(act[slot(fr)].data(), n);
                if (!majority) out.changed_raw += k;
                if (!confirm) out.changed_after_filter += k;
            }
        }
        const int cr = fr - lag_c;
        if (confirm && cr >= c0 && cr < c1) {
            const std::int64_t n =
                confirm_row(cr > 0 ? act[slot(cr - 1)].data() : nullptr, act[slot(cr)].data(),
                            cr + 1 < H ? act[slot(cr + 1)].data() : nullptr, W, fin[slot(cr)].data());
            if (inside(cr)) out.changed_after_filter += counted(fin[slot(cr)].data(), n);
        }
        const int lr = cr - (kShiftReach + 1);
        if (inside(lr)) label_row(lr);
    }
    out.names = lookup.names();
}

// Stripes of rows for `workers` threads: bounds[i]..bounds[i+1].  Boundaries fall on multiples
// of the band height when there are enough bands (each stripe then reads whole blocks).
std::vector<int> stripe_bounds(int H, int band, int workers) {
    std::vector<int> bounds{0};
    const int bands = (H + band - 1) / band;
    for (int i = 1; i < workers; ++i) {
        const int b = bands >= workers ? static_cast<int>(static_cast<std::int64_t>(i) * bands / workers) * band
                                       : static_cast<int>(static_cast<std::int64_t>(i) * H / workers);
        if (b > bounds.back() && b < H) bounds.push_back(b);
    }
    bounds.push_back(H);
    return bounds;
}

}  // namespace

std::unique_ptr<TwoDateRows> memory_rows(geo::Grid grid, std::vector<std::int32_t> before,
                                         std::vector<std::int32_t> after, std::optional<std::int32_t> nodata,
                                         int band_rows) {
    const auto n = static_cast<size_t>(grid.size());
    if (grid.cols < 0 || grid.rows < 0 || before.size() != n || after.size() != n) {
        throw make_error<DataError>("内存中的变化栅格：{2}x{3} 的栅格却有 {0} 和 {1} 个值",
                                    "in-memory change rasters: {} and {} values for a {}x{} grid", before.size(),
                                    after.size(), grid.cols, grid.rows);
    }
    if (band_rows < 1)
        throw make_error<DataError>("内存中的变化栅格：band_rows 须 ≥ 1，而不是 {}",
                                    "in-memory change rasters: band_rows must be ≥ 1, not {}", band_rows);
    return std::make_unique<MemoryRows>(grid, std::make_shared<const std::vector<std::int32_t>>(std::move(before)),
                                        std::make_shared<const std::vector<std::int32_t>>(std::move(after)), nodata,
                                        band_rows);
}

std::unique_ptr<TwoDateRows> raster_pair_rows(const layers::ClassRaster& before, const layers::ClassRaster& after) {
    const geo::Grid& a = before.grid();
    const geo::Grid& b = after.grid();
    const bool same = a.cols == b.cols && a.rows == b.rows && a.aligned_with(b) &&
                      std::fabs(a.xmin - b.xmin) < 1e-6 * a.dx && std::fabs(a.ymax - b.ymax) < 1e-6 * a.dy;
    if (!same || before.grid_crs() != after.grid_crs()) {
        throw make_error<DataError>(
            "{}（{}x{} 像元，像元大小 {}x{}，起点 {},{}）与 {}（{}x{} 像元，像元大小 {}x{}，起点 "
            "{},{}）不在同一栅格上；请先对齐再比较",
            "{} ({}x{} px of {}x{} from {},{}) and {} ({}x{} px of {}x{} from {},{}) are not on the same "
            "grid; align them before comparing",
            before.source_info().path, a.cols, a.rows, a.dx, a.dy, a.xmin, a.ymax, after.source_info().path, b.cols,
            b.rows, b.dx, b.dy, b.xmin, b.ymax);
    }
    return std::make_unique<RasterPairRows>(before, after);
}

void TwoDateRows::read_window(int row0, int count, int col0, int cols, std::vector<std::int32_t>& before,
                              std::vector<std::int32_t>& after) const {
    read(row0, count, before, after);
    const auto W = static_cast<size_t>(grid().cols), n = static_cast<size_t>(cols);
    for (size_t r = 0; r < static_cast<size_t>(count); ++r) {
        std::copy_n(before.begin() + static_cast<std::ptrdiff_t>(r * W + static_cast<size_t>(col0)), n,
                    before.begin() + static_cast<std::ptrdiff_t>(r * n));
        std::copy_n(after.begin() + static_cast<std::ptrdiff_t>(r * W + static_cast<size_t>(col0)), n,
                    after.begin() + static_cast<std::ptrdiff_t>(r * n));
    }
    before.resize(n * static_cast<size_t>(count));
    after.resize(n * static_cast<size_t>(count));
}

namespace {

void check_options(const PatchOptions& options) {
    if (options.connectivity != 4 && options.connectivity != 8) {
        throw make_error<UsageError>("连通方式须为 4 或 8，而不是 {}", "connectivity must be 4 or 8, not {}",
                                     options.connectivity);
    }
    if (options.noise.min_core_pixels < 0) {
        throw make_error<UsageError>("最少核心像元数须 ≥ 0，而不是 {}", "minimum core pixels must be ≥ 0, not {}",
                                     options.noise.min_core_pixels);
    }
    if (options.noise.max_shift_pixels < 0) {
        throw make_error<UsageError>("边缘位移条带的最大像元数须 ≥ 0，而不是 {}",
                                     "maximum boundary-shift pixels must be ≥ 0, not {}",
                                     options.noise.max_shift_pixels);
    }
    if (options.threads < 0)
        throw make_error<UsageError>("线程数须 ≥ 0（0 = 每个核心一个），而不是 {}",
                                     "threads must be ≥ 0 (0 = one per core), not {}", options.threads);
}

void check_pixel_area(double pixel_area_m2) {
    if (!(pixel_area_m2 > 0) || !std::isfinite(pixel_area_m2)) {
        throw make_error<DataError>("变化图斑：像元面积须为正数（平方米），而不是 {}",
                                    "change patches: pixel area must be a positive number of m², not {}",
                                    pixel_area_m2);
    }
}

Pipeline pipeline_for(const TwoDateRows& rows, const PatchOptions& options) {
    Pipeline pipe;
    pipe.W = rows.grid().cols;
    pipe.H = rows.grid().rows;
    pipe.band = rows.band_rows();
    if (pipe.band < 1)
        throw make_error<DataError>("变化图斑：数据源要求每块 {} 行",
                                    "change patches: the row source asks for bands of {} rows", pipe.band);
    pipe.nodata = rows.nodata();
    pipe.majority = options.noise.majority_filter;
    pipe.confirm = options.noise.confirm_neighbourhood;
    pipe.eight = options.connectivity == 8;
    return pipe;
}

}  // namespace

int tile_halo(const NoiseOptions& noise) {
    const int filters = (noise.majority_filter ? 1 : 0) + (noise.confirm_neighbourhood ? 1 : 0) + 1;
    return std::max(filters, kShiftReach + 1);
}

LabelledWindow label_window(const TwoDateRows& rows, const TransitionTable& table, const PatchOptions& options,
                            const PixelWindow& window, int halo) {
    check_options(options);
    const geo::Grid& grid = rows.grid();
    if (window.row0 < 0 || window.col0 < 0 || window.row1 > grid.rows || window.col1 > grid.cols ||
        window.row0 >= window.row1 || window.col0 >= window.col1) {
        throw make_error<UsageError>("分块 行 {}–{}、列 {}–{} 不在 {}x{} 像元的栅格内",
                                     "tile rows {}–{}, columns {}–{} is not inside the {}x{}-pixel grid",
                                     window.row0, window.row1 - 1, window.col0, window.col1 - 1, grid.cols, grid.rows);
    }
    const int h = halo < 0 ? tile_halo(options.noise) : halo;
    const int x0 = std::max(0, window.col0 - h), x1 = std::min(grid.cols, window.col1 + h);
    LabelledWindow out;
    out.window = window;
    if (x0 == 0 && x1 == grid.cols) {
        run_window(rows, table, pipeline_for(rows, options), window.row0, window.row1, window.col0, window.col1, 0,
                   out);
    } else {
        const ColumnWindowRows source(rows, x0, x1 - x0);
        run_window(source, table, pipeline_for(source, options), window.row0, window.row1, window.col0 - x0,
                   window.col1 - x0, x0, out);
    }
    return out;
}

PatchResult find_change_patches(const TwoDateRows& rows, const TransitionTable& table, const PatchOptions& options,
                                double pixel_area_m2) {
    check_options(options);
    check_pixel_area(pixel_area_m2);
    const Pipeline pipe = pipeline_for(rows, options);
    const int W = pipe.W, H = pipe.H;
    if (W <= 0 || H <= 0) return {};

    // Stripes of ≥ 64 rows, one per worker; workers past the first read through clones.
    constexpr int kMinStripeRows = 64;
    int workers = worker_count(options.threads);
    workers = std::max(1, std::min(workers, H / kMinStripeRows));
    std::vector<std::unique_ptr<TwoDateRows>> clones;
    for (int i = 1; i < workers; ++i) {
        auto c = rows.clone();
        if (!c) break;
        clones.push_back(std::move(c));
    }
    workers = static_cast<int>(clones.size()) + 1;
    const std::vector<int> bounds = stripe_bounds(H, pipe.band, workers);
    const size_t K = bounds.size() - 1;
    std::vector<LabelledWindow> stripes(K);
    run_workers(static_cast<int>(K), [&](int k) {
        const auto i = static_cast<size_t>(k);
        stripes[i].window = {bounds[i], bounds[i + 1], 0, W};
        run_window(i == 0 ? rows : *clones[i - 1], table, pipe, bounds[i], bounds[i + 1], 0, W, 0, stripes[i]);
    });
    clones.clear();
    // The stripes are joined exactly as a tiled audit's tiles are (change_labels.cpp).
    return patches_from_windows(std::move(stripes), W, H, options, pixel_area_m2);
}

}  // namespace ecozone::analysis
