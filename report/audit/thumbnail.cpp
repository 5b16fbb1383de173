#include "report/audit/thumbnail.h"

#include "analysis/indicator_bases.h"
#include "analysis/parallel.h"
#include "layers/gdal_handle.h"
#include "layers/landuse_codes.h"
#include "report/common/png_encoder.h"
#include "geo/ring_walker.h"

#include <cpl_string.h>

#include <algorithm>
#include <cmath>

namespace ecozone::report {

namespace {

Rgb code_colour(const std::string& code) {
    static const std::map<std::string, Rgb> by_code = {
        {"0103", {230, 220, 130}}, {"0102", {240, 200, 90}},  {"0101", {250, 230, 110}}, {"0301", {30, 120, 50}},
        {"0302", {40, 140, 70}},   {"0305", {90, 170, 80}},   {"0307", {110, 160, 100}}, {"0404", {190, 220, 140}},
        {"0401", {160, 210, 110}}, {"0403", {175, 215, 125}}, {"1101", {60, 130, 220}},  {"1106", {120, 190, 230}},
        {"0702", {220, 60, 60}},   {"0701", {230, 80, 80}},   {"0602", {140, 70, 160}},  {"0601", {150, 80, 170}},
        {"1302", {40, 40, 90}},    {"1206", {235, 230, 210}}, {"1205", {230, 225, 200}}, {"1207", {215, 210, 195}}};
    if (auto it = by_code.find(code); it != by_code.end()) return it->second;
    return {255, 255, 255};
}

Rgb group_colour(layers::LandGroup g) {
    using G = layers::LandGroup;
    switch (g) {
        case G::Cropland:
            return {235, 215, 120};
        case G::Plantation:
            return {200, 200, 90};
        case G::Forest:
            return {50, 130, 60};
        case G::Grassland:
            return {180, 215, 130};
        case G::Wetland:
            return {120, 190, 230};
        case G::Water:
            return {60, 130, 220};
        case G::Construction:
            return {220, 60, 60};
        case G::Other:
            return {235, 230, 210};
    }
    return {255, 255, 255};
}

constexpr Rgb kUnknown = {255, 255, 255};
constexpr Rgb kOutline = {0, 0, 0};

// The raster window a patch's picture shows (empty when it lies off the raster).
struct Window {
    int row0 = 0, rows = 0, col0 = 0, cols = 0;
    bool empty() const { return rows <= 0 || cols <= 0; }
};

Window window_of(const analysis::PatchRecord& r, const geo::Grid& g) {
    const int cc = static_cast<int>(g.col_of(r.gk_y)), cr = static_cast<int>(g.row_of(r.gk_x));
    const int r0 = std::max(0, cr - kThumbnailHalfWindow), r1 = std::min(g.rows, cr + kThumbnailHalfWindow);
    const int c0 = std::max(0, cc - kThumbnailHalfWindow), c1 = std::min(g.cols, cc + kThumbnailHalfWindow);
    return {r0, r1 - r0, c0, c1 - c0};
}

// Which window pixels belong to the patch (pixel centre inside its polygon), to outline it: each
// row's centre line crosses the polygon's edges, every ring of every part alike (even–odd, so
// holes stay out), and the pixels whose centres lie between a pair of crossings are in.  A patch
// is traced along pixel edges, so no centre lies on its outline and this is GEOS's "contains"
// (tests/test_thumbnail.cpp compares them), at a fraction of a point-in-polygon test per pixel.
std::vector<char> patch_mask(const analysis::PatchRecord& r, const Window& w, const geo::Grid& g,
                             const geo::GeosContext& geos) {
    return pixel_centre_mask(geos, r.polygon.get(), g, w.row0, w.rows, w.col0, w.cols);
}

// The picture, kThumbnailScale screen pixels per raster pixel, with a black line along the
// patch's edge (the outermost screen pixel of an inside pixel whose neighbour there is outside),
// as indices into `table`: its colours in the order they first appear, row by row.
struct IndexedPicture {
    std::vector<std::uint16_t> index;
    std::vector<Rgb> table;
};

IndexedPicture draw(const std::vector<std::int32_t>& values, const std::vector<char>& in, const Window& w,
                    const Palette& palette) {
    const int s = kThumbnailScale, W = w.cols * s, H = w.rows * s;
    auto inside = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < w.cols && y < w.rows && in[static_cast<size_t>(y) * w.cols + x];
    };
    // Each raster pixel's colour as a source slot (0 is the outline), and which of its four sides
    // border the outside (bits 1 left, 2 right, 4 top, 8 bottom) when it is inside.
    std::vector<Rgb> sources{kOutline};
    std::vector<std::pair<std::int32_t, std::uint16_t>> seen;  // value -> slot; a window holds few values
    std::vector<std::uint16_t> slot(values.size());
    std::vector<unsigned char> sides(values.size(), 0);
    for (int y = 0; y < w.rows; ++y) {
        for (int x = 0; x < w.cols; ++x) {
            const size_t i = static_cast<size_t>(y) * w.cols + x;
            auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& e) { return e.first == values[i]; });
            if (it == seen.end()) {
                const auto colour = palette.find(values[i]);
                sources.push_back(colour == palette.end() ? kUnknown : colour->second);
                it = seen.insert(seen.end(), {values[i], static_cast<std::uint16_t>(sources.size() - 1)});
            }
            slot[i] = it->second;
            if (in[i]) {
                sides[i] = static_cast<unsigned char>((!inside(x - 1, y) ? 1 : 0) | (!inside(x + 1, y) ? 2 : 0) |
                                                      (!inside(x, y - 1) ? 4 : 0) | (!inside(x, y + 1) ? 8 : 0));
            }
        }
    }
    IndexedPicture out;
    out.index.resize(static_cast<size_t>(W) * H);
    // Source slot -> table index, given in the order of first appearance on the screen.
    std::vector<int> entry(sources.size(), -1);
    for (int y = 0; y < H; ++y) {
        const int py = y / s, sub_y = y % s;
        if (sub_y >= 2 && sub_y < s - 1) {
            // Between a raster pixel's first and last screen rows only left and right edges are
            // drawn: the row repeats the one above it.
            std::copy_n(out.index.begin() + static_cast<std::ptrdiff_t>(y - 1) * W, W,
                        out.index.begin() + static_cast<std::ptrdiff_t>(y) * W);
            continue;
        }
        for (int x = 0; x < W; ++x) {
            const int px = x / s, sub_x = x % s;
            const size_t i = static_cast<size_t>(py) * w.cols + px;
            const unsigned char b = sides[i];
            const bool edge = b && (((b & 1) && sub_x == 0) || ((b & 2) && sub_x == s - 1) ||
                                    ((b & 4) && sub_y == 0) || ((b & 8) && sub_y == s - 1));
            const std::uint16_t source = edge ? 0 : slot[i];
            if (entry[source] < 0) {
                // The outline and a class may share a colour: one entry for both, as a colour table wants.
                const auto same = std::find(out.table.begin(), out.table.end(), sources[source]);
                entry[source] = static_cast<int>(same - out.table.begin());
                if (same == out.table.end()) out.table.push_back(sources[source]);
            }
            out.index[static_cast<size_t>(y) * W + x] = static_cast<std::uint16_t>(entry[source]);
        }
    }
    return out;
}

// The picture as PNG bytes: paletted when it has at most 256 colours (always, in practice: a
// window holds a few classes), else truecolour.
std::string encode_png(const IndexedPicture& picture, int W, int H) {
    if (picture.table.size() <= 256) {
        const std::vector<std::uint8_t> bytes(picture.index.begin(), picture.index.end());
        return encode_indexed_png(bytes, W, H, picture.table);
    }
    std::vector<Rgb> rgb(picture.index.size());
    for (size_t i = 0; i < rgb.size(); ++i) rgb[i] = picture.table[picture.index[i]];
    return encode_rgb_png(rgb, W, H);
}

}  // namespace

std::vector<char> pixel_centre_mask(const geo::GeosContext& geos, const GEOSGeometry* polygon, const geo::Grid& g,
                                    int row0, int rows, int col0, int cols) {
    std::vector<char> in(static_cast<size_t>(std::max(cols, 0)) * static_cast<size_t>(std::max(rows, 0)), 0);
    if (!polygon || in.empty()) return in;
    struct Edge {
        double x1, y1, x2, y2;
    };
    std::vector<Edge> edges;
    std::vector<double> xs, ys;
    geo::for_each_polygon(geos, polygon, [&](const GEOSGeometry* part) {
        geo::for_each_ring_of(geos, part, [&](const GEOSGeometry* ring, bool) {
            geo::copy_xy(geos, ring, xs, ys);
            for (size_t k = 1; k < xs.size(); ++k) edges.push_back({xs[k - 1], ys[k - 1], xs[k], ys[k]});
        });
    });
    std::vector<double> crossings;
    for (int y = 0; y < rows; ++y) {
        const double yc = g.y_of(row0 + y + 0.5);
        crossings.clear();
        for (const Edge& e : edges) {
            if ((e.y1 > yc) != (e.y2 > yc)) crossings.push_back(e.x1 + (yc - e.y1) * (e.x2 - e.x1) / (e.y2 - e.y1));
        }
        std::sort(crossings.begin(), crossings.end());
        for (size_t k = 0; k + 1 < crossings.size(); k += 2) {
            // Columns whose centre x_of(col0 + x + 0.5) lies strictly between the pair.
            const double first = std::ceil(g.col_of(crossings[k]) - col0 - 0.5);
            const double last = std::floor(g.col_of(crossings[k + 1]) - col0 - 0.5);
            for (int x = static_cast<int>(std::max(first, 0.0)); x <= static_cast<int>(std::min(last, cols - 1.0)); ++x) {
                const double xc = g.x_of(col0 + x + 0.5);
                if (xc > crossings[k] && xc < crossings[k + 1]) in[static_cast<size_t>(y) * cols + x] = 1;
            }
        }
    }
    return in;
}

Palette class_palette(const std::vector<layers::RasterClass>& classes) {
    Palette p;
    for (const auto& c : classes) {
        Rgb colour = kUnknown;
        if (!c.codes.empty()) colour = code_colour(analysis::canonical_code(c.codes.front()));
        if (colour == kUnknown) {
            if (c.group) {
                for (auto g : layers::all_land_groups()) {
                    if (*c.group == layers::group_key(g)) colour = group_colour(g);
                }
            } else if (!c.codes.empty()) {
                if (auto lc = layers::find_land_class(c.codes.front())) colour = group_colour(lc->group);
            }
        }
        p[c.value] = colour;
    }
    return p;
}

std::vector<std::string> patch_thumbnails(const layers::ClassRaster& raster,
                                          const std::vector<analysis::PatchRecord>& records, const Palette& palette,
                                          const geo::GeosContext& geos, int threads) {
    layers::ensure_gdal_registered();
    const geo::Grid& g = raster.grid();
    std::vector<std::string> out(records.size());
    // Windows read in raster order (by tile row, then column), so each tile the pictures need is
    // decoded about once rather than once per picture that touches it.
    std::vector<size_t> order;
    std::vector<Window> window(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
        if (!records[i].polygon) continue;
        window[i] = window_of(records[i], g);
        if (!window[i].empty()) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return std::pair(window[a].row0 / 256, window[a].col0) < std::pair(window[b].row0 / 256, window[b].col0);
    });
    // In chunks, so that the windows held at once stay few however long the register is.
    constexpr size_t kChunk = 512;
    std::vector<std::vector<std::int32_t>> values;
    for (size_t start = 0; start < order.size(); start += kChunk) {
        const size_t n = std::min(kChunk, order.size() - start);
        values.assign(n, {});
        for (size_t j = 0; j < n; ++j) {
            const Window& w = window[order[start + j]];
            raster.read_window(w.row0, w.rows, w.col0, w.cols, values[j]);
        }
        const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(analysis::worker_count(threads)), n));
        analysis::run_workers(workers, [&](int k) {
            const geo::GeosContext own;
            const geo::GeosContext& gc = k == 0 ? geos : own;
            for (size_t j = static_cast<size_t>(k); j < n; j += static_cast<size_t>(workers)) {
                const size_t i = order[start + j];
                const Window& w = window[i];
                const IndexedPicture picture = draw(values[j], patch_mask(records[i], w, g, gc), w, palette);
                out[i] = encode_png(picture, w.cols * kThumbnailScale, w.rows * kThumbnailScale);
            }
        });
    }
    return out;
}

std::string png_data_uri(const std::string& png) {
    if (png.empty()) return "";
    char* b64 = CPLBase64Encode(static_cast<int>(png.size()), reinterpret_cast<const GByte*>(png.data()));
    std::string uri = std::string("data:image/png;base64,") + b64;
    CPLFree(b64);
    return uri;
}

}  // namespace ecozone::report
