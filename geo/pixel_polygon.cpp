#include "geo/pixel_polygon.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

// Why the traced outline is a valid OGC (Multi)Polygon.
//
// Every pixel edge with a pixel of the set on one side and none on the other is a boundary edge;
// we walk them with the set on the left.  At a corner only a "saddle" offers a choice: two
// diagonal pixels in, the other two out.  There the walk always turns left, around the pixel it
// came along, so the two diagonal pixels are kept apart: the polygons are the 4-connected groups
// of pixels, and the out-pixels meeting diagonally at the saddle are what connects.  Then:
//  * each ring is simple: a walk passes a corner at most twice (only a saddle has two boundary
//    edges in); a walk that does so is split there into two rings, which touch at that point only;
//  * rings never share an edge (each boundary edge is walked once), so any two rings — shell and
//    hole, two holes, two polygons — touch at most at single saddle points, which OGC allows;
//  * the interior of a 4-connected group is connected (its pixels join through shared open edges),
//    so touching rings never cut a polygon's interior in two;
//  * a group has exactly one counter-clockwise ring (x right, y up), its shell: a 4-path of
//    pixels never crosses a ring, so every ring of a group encloses the whole group or none of it,
//    and two rings enclosing it would enclose each other.  Its clockwise rings are its holes; they
//    lie inside the shell and not inside one another for the same reason;
//  * two groups never share a boundary edge, so the polygons' interiors are disjoint and their
//    boundaries meet only at saddles.  A group inside another's hole is simply another polygon.
// The walk links consecutive edges whose left pixels are 4-adjacent, so all the rings of one walk
// belong to one group, and a hole finds its shell by the group of any pixel beside it — no
// point-in-polygon test.  The area is exact: the vertices are pixel corners.

namespace ecozone::geo {

namespace {

using Cells = std::vector<std::pair<int, int>>;

// Which pixel of the set is at (row, col): its index in the input (the first, for a duplicate),
// or -1.  A dense table over the bounding box when the set fills a fair part of it (the usual
// compact patch), else an open-addressing hash table, so a long diagonal road does not pay for
// its whole bounding box.
class CellIndex {
public:
    explicit CellIndex(const Cells& cells) {
        int rmin = cells.front().first, rmax = rmin, cmin = cells.front().second, cmax = cmin;
        for (const auto& [r, c] : cells) {
            rmin = std::min(rmin, r);
            rmax = std::max(rmax, r);
            cmin = std::min(cmin, c);
            cmax = std::max(cmax, c);
        }
        const std::int64_t height = std::int64_t{rmax} - rmin + 1, width = std::int64_t{cmax} - cmin + 1;
        const auto n = static_cast<std::int64_t>(cells.size());
        if (height * width <= 4 * n + 4096) {
            row0_ = rmin;
            col0_ = cmin;
            height_ = static_cast<std::uint32_t>(height);
            width_ = static_cast<std::uint32_t>(width);
            dense_.assign(static_cast<size_t>(height * width), -1);
            for (size_t i = 0; i < cells.size(); ++i) {
                std::int32_t& slot = dense_[static_cast<size_t>(cells[i].first - rmin) * width_ +
                                            static_cast<size_t>(cells[i].second - cmin)];
                if (slot < 0) slot = static_cast<std::int32_t>(i);
            }
        } else {
            size_t capacity = 16;
            while (capacity < 2 * cells.size()) capacity *= 2;
            mask_ = capacity - 1;
            keys_.resize(capacity);
            values_.assign(capacity, -1);
            for (size_t i = 0; i < cells.size(); ++i) {
                const std::uint64_t key = key_of(cells[i].first, cells[i].second);
                size_t slot = slot_of(key);
                while (values_[slot] >= 0 && keys_[slot] != key) slot = (slot + 1) & mask_;
                if (values_[slot] < 0) {
                    keys_[slot] = key;
                    values_[slot] = static_cast<std::int32_t>(i);
                }
            }
        }
    }

    std::int32_t find(int row, int col) const {
        if (!dense_.empty()) {
            const auto r = static_cast<std::uint32_t>(row - row0_), c = static_cast<std::uint32_t>(col - col0_);
            return r < height_ && c < width_ ? dense_[static_cast<size_t>(r) * width_ + c] : -1;
        }
        const std::uint64_t key = key_of(row, col);
        for (size_t slot = slot_of(key);; slot = (slot + 1) & mask_) {
            if (values_[slot] < 0 || keys_[slot] == key) return values_[slot];
        }
    }

private:
    static std::uint64_t key_of(int row, int col) {
        return (std::uint64_t{static_cast<std::uint32_t>(row)} << 32) | static_cast<std::uint32_t>(col);
    }
    // Fibonacci hashing: the high bits of the key times 2^64 / φ.
    size_t slot_of(std::uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_; }

    int row0_ = 0, col0_ = 0;
    std::uint32_t height_ = 0, width_ = 0;
    std::vector<std::int32_t> dense_;
    size_t mask_ = 0;
    std::vector<std::uint64_t> keys_;
    std::vector<std::int32_t> values_;
};

// Headings along the lattice of pixel corners, counter-clockwise (x right, y up): E, N, W, S.
// Turning left is +1, right is +3 (mod 4).
constexpr int kStepRow[4] = {0, -1, 0, 1}, kStepCol[4] = {1, 0, -1, 0};
// The pixels left and right of the edge leaving corner (r, c) with heading d are
// (r + kLeft*[d], c + ...) and (r + kRight*[d], c + ...).
constexpr int kLeftRow[4] = {-1, -1, 0, 0}, kLeftCol[4] = {0, -1, -1, 0};
constexpr int kRightRow[4] = {0, -1, -1, 0}, kRightCol[4] = {0, 0, -1, -1};

struct Corner {
    std::int32_t row, col;
    bool saddle;  // a corner where two diagonal pixels are in: the walk may pass it twice
};

// The rings found so far, before they are grouped into polygons.
struct Rings {
    std::vector<std::int32_t> rows, cols;
    std::vector<size_t> start{0};
    std::vector<std::int32_t> pixel;  // a pixel of the set beside each ring (all of its walk's pixels are one group)
    std::vector<bool> shell;          // counter-clockwise

    void add(const std::vector<Corner>& walk, const std::vector<size_t>& positions, size_t from, std::int32_t beside) {
        // Twice the signed area in x = col, y = -row, relative to the first corner (no overflow).
        const Corner& o = walk[positions[from]];
        std::int64_t twice_area = 0;
        for (size_t k = from; k < positions.size(); ++k) {
            const Corner& a = walk[positions[k]];
            const Corner& b = walk[positions[k + 1 < positions.size() ? k + 1 : from]];
            twice_area += std::int64_t{a.col - o.col} * (o.row - b.row) - std::int64_t{b.col - o.col} * (o.row - a.row);
            rows.push_back(a.row);
            cols.push_back(a.col);
        }
        start.push_back(rows.size());
        pixel.push_back(beside);
        shell.push_back(twice_area > 0);
    }
};

// Splits a closed walk into simple rings at the corners it passes twice.  The walk never crosses
// itself (it turns left at both passes of a saddle), so the loops between the two passes of a
// corner nest: a stack cuts each off when its corner comes round again.  Scratch buffers are kept
// between walks.
class WalkSplitter {
public:
    void split(const std::vector<Corner>& walk, std::int32_t beside, Rings& out) {
        saddles_.clear();
        for (size_t k = 0; k < walk.size(); ++k) {
            if (walk[k].saddle) saddles_.emplace_back(corner_key(walk[k]), k);
        }
        stack_.clear();
        if (saddles_.size() < 2) {  // the usual case: nothing passed twice
            for (size_t k = 0; k < walk.size(); ++k) stack_.push_back(k);
            out.add(walk, stack_, 0, beside);
            return;
        }
        std::sort(saddles_.begin(), saddles_.end());
        first_pass_.assign(walk.size(), kNone);
        for (size_t i = 1; i < saddles_.size(); ++i) {
            if (saddles_[i].first == saddles_[i - 1].first) first_pass_[saddles_[i].second] = saddles_[i - 1].second;
        }
        slot_.assign(walk.size(), kNone);
        for (size_t k = 0; k < walk.size(); ++k) {
            const size_t p = first_pass_[k];
            if (p != kNone && slot_[p] < stack_.size() && stack_[slot_[p]] == p) {
                // The loop since the first pass is a ring of its own; the walk goes on from that corner.
                out.add(walk, stack_, slot_[p], beside);
                stack_.resize(slot_[p] + 1);
            } else {
                slot_[k] = stack_.size();
                stack_.push_back(k);
            }
        }
        out.add(walk, stack_, 0, beside);
    }

private:
    static constexpr size_t kNone = SIZE_MAX;
    static std::uint64_t corner_key(const Corner& c) {
        return (std::uint64_t{static_cast<std::uint32_t>(c.row)} << 32) | static_cast<std::uint32_t>(c.col);
    }
    std::vector<std::pair<std::uint64_t, size_t>> saddles_;  // (corner, position) of the saddles passed
    std::vector<size_t> first_pass_;                         // at a second pass: the position of the first
    std::vector<size_t> slot_;                               // where a position sits on the stack
    std::vector<size_t> stack_;                              // positions of the ring being built
};

// Label the 4-connected groups of pixels (union–find), only needed when holes must find their shell
// among several.
class Groups {
public:
    Groups(const Cells& cells, const CellIndex& index) : parent_(cells.size()) {
        for (size_t i = 0; i < cells.size(); ++i) parent_[i] = static_cast<std::int32_t>(i);
        for (size_t i = 0; i < cells.size(); ++i) {
            const auto [r, c] = cells[i];
            for (const std::int32_t j : {index.find(r, c + 1), index.find(r + 1, c)}) {
                if (j >= 0) unite(static_cast<std::int32_t>(i), j);
            }
        }
    }
    std::int32_t root(std::int32_t i) {
        while (parent_[static_cast<size_t>(i)] != i) {
            parent_[static_cast<size_t>(i)] = parent_[static_cast<size_t>(parent_[static_cast<size_t>(i)])];
            i = parent_[static_cast<size_t>(i)];
        }
        return i;
    }

private:
    void unite(std::int32_t a, std::int32_t b) {
        a = root(a);
        b = root(b);
        if (a != b) parent_[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
    }
    std::vector<std::int32_t> parent_;
};

// Order the rings polygon by polygon, each shell followed by its holes.
PixelOutline group_rings(const Rings& rings, const Cells& cells, const CellIndex& index) {
    const size_t n = rings.shell.size();
    std::vector<size_t> shells, polygon_of(n, SIZE_MAX);
    for (size_t i = 0; i < n; ++i) {
        if (rings.shell[i]) {
            polygon_of[i] = shells.size();
            shells.push_back(i);
        }
    }
    if (shells.size() == 1) {
        std::fill(polygon_of.begin(), polygon_of.end(), 0);
    } else if (shells.size() < n) {
        Groups groups(cells, index);
        std::vector<size_t> polygon_of_group(cells.size(), SIZE_MAX);
        for (size_t k = 0; k < shells.size(); ++k) {
            polygon_of_group[static_cast<size_t>(groups.root(rings.pixel[shells[k]]))] = k;
        }
        for (size_t i = 0; i < n; ++i) {
            if (!rings.shell[i]) polygon_of[i] = polygon_of_group[static_cast<size_t>(groups.root(rings.pixel[i]))];
        }
    }
    // Counting sort of the rings by polygon: each polygon's shell, then its holes.
    std::vector<size_t> first(shells.size() + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        if (polygon_of[i] == SIZE_MAX)
            throw GeometryError("像元轮廓：有内环而没有外环", "pixel outline: a hole without a shell");
        ++first[polygon_of[i] + 1];
    }
    for (size_t k = 0; k < shells.size(); ++k) first[k + 1] += first[k];
    std::vector<size_t> order(n);
    std::vector<size_t> next(first.begin(), first.end() - 1);
    for (const size_t s : shells) order[next[polygon_of[s]]++] = s;
    for (size_t i = 0; i < n; ++i) {
        if (!rings.shell[i]) order[next[polygon_of[i]]++] = i;
    }
    PixelOutline out;
    out.rows.reserve(rings.rows.size());
    out.cols.reserve(rings.cols.size());
    out.ring_start.reserve(n + 1);
    out.ring_start.push_back(0);
    for (const size_t i : order) {
        out.rows.insert(out.rows.end(), rings.rows.begin() + static_cast<std::ptrdiff_t>(rings.start[i]),
                        rings.rows.begin() + static_cast<std::ptrdiff_t>(rings.start[i + 1]));
        out.cols.insert(out.cols.end(), rings.cols.begin() + static_cast<std::ptrdiff_t>(rings.start[i]),
                        rings.cols.begin() + static_cast<std::ptrdiff_t>(rings.start[i + 1]));
        out.ring_start.push_back(out.rows.size());
    }
    out.polygon_start = std::move(first);
    return out;
}

// A closed ring of the outline's corners [from, to) on the grid.
GeomPtr ring_geometry(const PixelOutline& o, size_t from, size_t to, const Grid& grid, const GeosContext& geos,
                      std::vector<double>& xy) {
    xy.clear();
    for (size_t k = from; k <= to; ++k) {
        const size_t i = k < to ? k : from;
        xy.push_back(grid.x_of(o.cols[i]));
        xy.push_back(grid.y_of(o.rows[i]));
    }
    GEOSContextHandle_t h = geos.handle();
    CoordSeqPtr seq(GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0),
                    CoordSeqDeleter{h});
    if (!seq) {
        throw make_error<GeometryError>("GEOS 无法创建坐标序列：{}", "GEOS could not create a coordinate sequence: {}",
                                        geos.last_error());
    }
    return geos.own(GEOSGeom_createLinearRing_r(h, seq.release()), "linear ring");  // the ring owns the sequence
}

// The union of the pixel rectangles: slow, but independent of the tracing.
GeomPtr union_of_pixels(const Cells& cells, const Grid& g, const GeosContext& geos) {
    std::vector<GeomPtr> squares;
    squares.reserve(cells.size());
    for (const auto& [r, c] : cells) {
        squares.push_back(geos.own(
            GEOSGeom_createRectangle_r(geos.handle(), g.x_of(c), g.y_of(r + 1), g.x_of(c + 1), g.y_of(r)), "pixel"));
    }
    return geos.polygonal_part(geos.union_all(std::move(squares)).get());
}

}  // namespace

PixelOutline trace_pixel_outline(const Cells& cells, OutlineCorners corners) {
    if (cells.empty()) return PixelOutline{{}, {}, {0}, {0}};
    const CellIndex index(cells);
    // visited[i] bit d: the boundary edge with pixel i on its left and heading d has been walked.
    std::vector<std::uint8_t> visited(cells.size(), 0);
    Rings rings;
    std::vector<Corner> walk;
    WalkSplitter splitter;
    size_t saddle_passes = 0;
    const bool every_corner = corners == OutlineCorners::Every;
    for (size_t i = 0; i < cells.size(); ++i) {
        const auto [row, col] = cells[i];
        const auto self = static_cast<std::int32_t>(i);
        if (index.find(row, col) != self) continue;  // a duplicate
        for (int d0 = 0; d0 < 4; ++d0) {
            if (visited[i] & (1u << d0)) continue;
            // The edge of pixel i with heading d0 (the pixel on its left) starts at this corner.
            int r = row - kLeftRow[d0], c = col - kLeftCol[d0];
            if (index.find(r + kRightRow[d0], c + kRightCol[d0]) >= 0) continue;  // an inner edge
            walk.clear();
            visited[i] |= static_cast<std::uint8_t>(1u << d0);
            std::int32_t left = self;
            for (int d = d0;;) {
                r += kStepRow[d];
                c += kStepCol[d];
                // The pixels ahead, left and right of the heading, decide the next edge.
                const std::int32_t ahead_left = index.find(r + kLeftRow[d], c + kLeftCol[d]);
                const std::int32_t ahead_right = index.find(r + kRightRow[d], c + kRightCol[d]);
                int next = d;
                if (ahead_left < 0) {
                    next = (d + 1) & 3;  // turn left around the same pixel; at a saddle this keeps it apart
                } else if (ahead_right >= 0) {
                    next = (d + 3) & 3;  // turn right around the pixel ahead right
                    left = ahead_right;
                } else {
                    left = ahead_left;  // straight on
                }
                const bool saddle = ahead_left < 0 && ahead_right >= 0;
                saddle_passes += saddle;
                if (every_corner || next != d) walk.push_back({r, c, saddle});
                if (left == self && next == d0) break;
                visited[static_cast<size_t>(left)] |= static_cast<std::uint8_t>(1u << next);
                d = next;
            }
            splitter.split(walk, self, rings);
        }
    }
    PixelOutline outline = group_rings(rings, cells, index);
    outline.touch_points = saddle_passes / 2;  // the boundary passes each saddle twice
    return outline;
}

GeomPtr outline_geometry(const PixelOutline& o, const Grid& grid, const GeosContext& geos) {
    GEOSContextHandle_t h = geos.handle();
    std::vector<double> xy;
    std::vector<GeomPtr> polygons;
    polygons.reserve(o.polygon_count());
    for (size_t k = 0; k < o.polygon_count(); ++k) {
        const size_t first = o.polygon_start[k], last = o.polygon_start[k + 1];
        GeomPtr shell = ring_geometry(o, o.ring_start[first], o.ring_start[first + 1], grid, geos, xy);
        std::vector<GeomPtr> holes;
        for (size_t i = first + 1; i < last; ++i) {
            holes.push_back(ring_geometry(o, o.ring_start[i], o.ring_start[i + 1], grid, geos, xy));
        }
        std::vector<GEOSGeometry*> raw_holes;
        for (auto& hole : holes) raw_holes.push_back(hole.release());  // the polygon owns its rings
        polygons.push_back(geos.own(
            GEOSGeom_createPolygon_r(h, shell.release(), raw_holes.data(), static_cast<unsigned>(raw_holes.size())),
            "polygon"));
    }
    if (polygons.size() == 1) return std::move(polygons.front());
    return geos.collect(std::move(polygons), GEOS_MULTIPOLYGON);
}

GeomPtr pixel_polygon(const Cells& cells, const Grid& grid, const GeosContext& geos, OutlineCorners corners) {
    if (cells.empty()) return geos.own(GEOSGeom_createEmptyCollection_r(geos.handle(), GEOS_MULTIPOLYGON), "empty");
    try {
        const PixelOutline outline = trace_pixel_outline(cells, corners);
        GeomPtr traced = outline_geometry(outline, grid, geos);
        // One ring touching nothing — most patches — is a simple polygon without GEOS's word for
        // it: a closed walk along pixel edges that passes each corner once cannot cross itself.
        // Holes, several parts or touching rings are checked: their validity rests on more.
        const bool simple = outline.ring_count() == 1 && outline.touch_points == 0;
        if (simple || geos.is_valid(traced.get())) return traced;
    } catch (const GeometryError&) {
        // A bug in the tracing, were there one: the union below does not depend on it.
    }
    try {
        return union_of_pixels(cells, grid, geos);
    } catch (const GeometryError& e) {
        throw GeometryError(
            fmt::format("从第 {} 行、第 {} 列开始的像元轮廓无法生成：{}", cells.front().first, cells.front().second,
                        e.text(false)),
            fmt::format("the outline of the pixels starting at row {}, column {} could not be built: {}",
                        cells.front().first, cells.front().second, e.text(true)));
    }
}

}  // namespace ecozone::geo
