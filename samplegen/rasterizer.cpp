#include "samplegen/rasterizer.h"

#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

Grid Grid::covering(const GeosContext::Bounds& b, double res) {
    Grid g;
    g.res = res;
    g.x0 = std::floor(b.minx / res) * res;
    g.y0 = std::ceil(b.maxy / res) * res;
    g.cols = static_cast<int>(std::ceil((b.maxx - g.x0) / res));
    g.rows = static_cast<int>(std::ceil((g.y0 - b.miny) / res));
    return g;
}

Rasterizer::Rasterizer(const Grid& grid) : grid_(grid) {}

void Rasterizer::collect_rings(const GeosContext& geos, const GEOSGeometry* g, Poly& p) {
    // Every ring of the polygonal parts (polygons, multipolygons, collections at any depth).
    std::vector<double> x, y;
    geo::for_each_ring(geos, g, [&](const GEOSGeometry* r, bool) {
        geo::copy_xy(geos, r, x, y);
        const size_t n = x.size();
        for (size_t i = 0; i + 1 < n; ++i) {
            if (y[i] == y[i + 1]) continue;  // horizontal edges never cross a scanline
            if (y[i] < y[i + 1]) edges_.push_back({x[i], y[i], x[i + 1], y[i + 1]});
            else edges_.push_back({x[i + 1], y[i + 1], x[i], y[i]});
            ++p.edge_count;
        }
    });
}

void Rasterizer::add(const GeosContext& geos, const GEOSGeometry* g, uint8_t value) {
    if (!bucket_start_.empty()) throw Error("internal: Rasterizer::add after finish");
    Poly p{static_cast<uint32_t>(edges_.size()), 0, 0, 0, 0, 0, value};
    collect_rings(geos, g, p);
    if (p.edge_count == 0) return;
    double minx = 1e300, maxx = -1e300, miny = 1e300, maxy = -1e300;
    for (uint32_t i = p.first_edge; i < p.first_edge + p.edge_count; ++i) {
        const Edge& e = edges_[i];
        minx = std::min({minx, e.xa, e.xb});
        maxx = std::max({maxx, e.xa, e.xb});
        miny = std::min(miny, e.ya);
        maxy = std::max(maxy, e.yb);
    }
    // Rows/cols whose centres may fall inside, widened by one for safety.
    p.r0 = std::max(0, static_cast<int>(std::floor((grid_.y0 - maxy) / grid_.res)) - 1);
    p.r1 = std::min(grid_.rows, static_cast<int>(std::ceil((grid_.y0 - miny) / grid_.res)) + 1);
    p.c0 = std::max(0, static_cast<int>(std::floor((minx - grid_.x0) / grid_.res)) - 1);
    p.c1 = std::min(grid_.cols, static_cast<int>(std::ceil((maxx - grid_.x0) / grid_.res)) + 1);
    if (p.r0 >= p.r1 || p.c0 >= p.c1) {
        edges_.resize(p.first_edge);
        return;
    }
    polys_.push_back(p);
}

void Rasterizer::finish() {
    bucket_cols_ = (grid_.cols + kBucket - 1) / kBucket;
    bucket_rows_ = (grid_.rows + kBucket - 1) / kBucket;
    const size_t nb = static_cast<size_t>(bucket_cols_) * static_cast<size_t>(bucket_rows_);
    std::vector<uint32_t> counts(nb + 1, 0);
    auto for_buckets = [&](const Poly& p, auto fn) {
        for (int br = p.r0 / kBucket; br <= (p.r1 - 1) / kBucket; ++br) {
            for (int bc = p.c0 / kBucket; bc <= (p.c1 - 1) / kBucket; ++bc) {
                fn(static_cast<size_t>(br) * static_cast<size_t>(bucket_cols_) + static_cast<size_t>(bc));
            }
        }
    };
    for (const auto& p : polys_) for_buckets(p, [&](size_t b) { ++counts[b + 1]; });
    for (size_t i = 1; i <= nb; ++i) counts[i] += counts[i - 1];
    bucket_start_ = counts;
    bucket_items_.assign(counts[nb], 0);
    std::vector<uint32_t> fill(counts.begin(), counts.end() - 1);
    for (uint32_t i = 0; i < polys_.size(); ++i) {
        for_buckets(polys_[i], [&](size_t b) { bucket_items_[fill[b]++] = i; });
    }
}

void Rasterizer::burn_poly(const Poly& p, const Window& w, uint8_t* out,
                           std::vector<double>& xs) const {
    const int rb = std::max(w.r0, p.r0), re = std::min(w.r1, p.r1);
    for (int r = rb; r < re; ++r) {
        const double yc = grid_.row_y(r);
        xs.clear();
        for (uint32_t i = p.first_edge; i < p.first_edge + p.edge_count; ++i) {
            const Edge& e = edges_[i];
            if (yc < e.ya || yc >= e.yb) continue;  // half-open: a vertex counts once
            xs.push_back(e.xa + (yc - e.ya) * (e.xb - e.xa) / (e.yb - e.ya));
        }
        if (xs.size() < 2) continue;
        std::sort(xs.begin(), xs.end());
        uint8_t* row = out + static_cast<size_t>(r - w.origin_r) * static_cast<size_t>(w.stride);
        for (size_t k = 0; k + 1 < xs.size(); k += 2) {
            // Pixel c is inside when xl <= centre(c) < xr.
            int cs = static_cast<int>(std::ceil((xs[k] - grid_.x0) / grid_.res - 0.5));
            int ce = static_cast<int>(std::ceil((xs[k + 1] - grid_.x0) / grid_.res - 0.5));
            cs = std::max(cs, w.c0);
            ce = std::min(ce, w.c1);
            for (int c = cs; c < ce; ++c) row[c - w.origin_c] = p.value;
        }
    }
}

void Rasterizer::burn(int r0, int r1, int c0, int c1, uint8_t* out) const {
    if (bucket_start_.empty()) throw Error("internal: Rasterizer::burn before finish");
    // `out` keeps the caller's origin and stride even where the window leaves the grid.
    Window w{std::max(r0, 0), std::min(r1, grid_.rows), std::max(c0, 0), std::min(c1, grid_.cols),
             r0, c0, c1 - c0};
    if (w.r0 >= w.r1 || w.c0 >= w.c1) return;
    std::vector<uint32_t> ids;
    for (int br = w.r0 / kBucket; br <= (w.r1 - 1) / kBucket; ++br) {
        for (int bc = w.c0 / kBucket; bc <= (w.c1 - 1) / kBucket; ++bc) {
            const size_t b = static_cast<size_t>(br) * static_cast<size_t>(bucket_cols_) + static_cast<size_t>(bc);
            ids.insert(ids.end(), bucket_items_.begin() + bucket_start_[b],
                       bucket_items_.begin() + bucket_start_[b + 1]);
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<double> xs;
    for (uint32_t id : ids) {
        const Poly& p = polys_[id];
        if (p.r1 <= w.r0 || p.r0 >= w.r1 || p.c1 <= w.c0 || p.c0 >= w.c1) continue;
        burn_poly(p, w, out, xs);
    }
}

uint8_t Rasterizer::at(int row, int col) const {
    if (row < 0 || col < 0 || row >= grid_.rows || col >= grid_.cols) return 0;
    uint8_t v = 0;
    burn(row, row + 1, col, col + 1, &v);
    return v;
}

size_t Rasterizer::memory_bytes() const {
    return edges_.capacity() * sizeof(Edge) + polys_.capacity() * sizeof(Poly) +
           (bucket_start_.capacity() + bucket_items_.capacity()) * sizeof(uint32_t);
}

}  // namespace ecozone::samplegen
