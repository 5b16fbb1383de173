#pragma once
// A scanline polygon rasterizer over a fixed grid, for rasterizing the land-use partition in
// row bands or small windows without ever holding the whole raster.
//
// A pixel belongs to a polygon when its centre is inside (even-odd rule).  Each edge's crossing
// is computed from its endpoints in a canonical order, so two polygons sharing an edge compute
// the same crossing and a pixel centre is never claimed by both or by neither.
#include "samplegen/shapes.h"

#include <cstdint>
#include <vector>

namespace ecozone::samplegen {

struct Grid {
    double x0 = 0, y0 = 0;  // top-left corner (min x, max y)
    double res = 30;
    int cols = 0, rows = 0;
    double col_x(double col) const { return x0 + (col + 0.5) * res; }   // pixel-centre x
    double row_y(double row) const { return y0 - (row + 0.5) * res; }   // pixel-centre y
    // Grid covering bounds, snapped outwards to multiples of res.
    static Grid covering(const GeosContext::Bounds& b, double res);
};

class Rasterizer {
public:
    explicit Rasterizer(const Grid& grid);
    // Add the polygonal parts of g, burning `value` (> 0).
    void add(const GeosContext& geos, const GEOSGeometry* g, uint8_t value);
    // Build the spatial index; call once after the last add().
    void finish();
    // Burn rows [r0, r1) x cols [c0, c1) into out (row-major, stride c1 - c0).  Pixels covered by
    // no polygon keep their value in out.
    void burn(int r0, int r1, int c0, int c1, uint8_t* out) const;
    // The value at one pixel (0 when uncovered).
    uint8_t at(int row, int col) const;
    size_t polygon_count() const { return polys_.size(); }
    size_t memory_bytes() const;

private:
    struct Edge {
        double xa, ya, xb, yb;  // ya < yb
    };
    struct Poly {
        uint32_t first_edge, edge_count;
        int r0, r1, c0, c1;     // pixel bounds (inclusive r0/c0, exclusive r1/c1)
        uint8_t value;
    };
    // The part of the grid to burn, and where out[0] sits.
    struct Window {
        int r0, r1, c0, c1;
        int origin_r, origin_c, stride;
    };
    void collect_rings(const GeosContext& geos, const GEOSGeometry* g, Poly& p);
    void burn_poly(const Poly& p, const Window& w, uint8_t* out, std::vector<double>& xs) const;

    Grid grid_;
    std::vector<Edge> edges_;
    std::vector<Poly> polys_;
    static constexpr int kBucket = 128;  // pixels per index bucket side
    int bucket_cols_ = 0, bucket_rows_ = 0;
    std::vector<uint32_t> bucket_start_;
    std::vector<uint32_t> bucket_items_;
};

}  // namespace ecozone::samplegen
