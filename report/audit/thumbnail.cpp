#include "report/audit/thumbnail.h"

#include "analysis/indicator_bases.h"
#include "analysis/parallel.h"
#include "layers/gdal_handle.h"
#include "layers/landuse_codes.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <gdal_priv.h>

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

// Which window pixels belong to the patch (pixel centre inside its polygon), to outline it.
std::vector<char> patch_mask(const analysis::PatchRecord& r, const Window& w, const geo::Grid& g,
                             const geo::GeosContext& geos) {
    std::vector<char> in(static_cast<size_t>(w.cols) * w.rows, 0);
    if (!r.polygon) return in;
    const geo::PreparedPtr prepared = geos.prepare(r.polygon.get());
    for (int y = 0; y < w.rows; ++y) {
        for (int x = 0; x < w.cols; ++x) {
            geo::GeomPtr pt = geos.own(
                GEOSGeom_createPointFromXY_r(geos.handle(), g.x_of(w.col0 + x + 0.5), g.y_of(w.row0 + y + 0.5)),
                "point");
            in[static_cast<size_t>(y) * w.cols + x] =
                geos.predicate(GEOSPreparedContains_r(geos.handle(), prepared.get(), pt.get()), "contains");
        }
    }
    return in;
}

// The picture's colours, kThumbnailScale screen pixels per raster pixel, with a black line along
// the patch's edge: the outermost screen pixel of an inside pixel whose neighbour there is outside.
std::vector<Rgb> draw(const std::vector<std::int32_t>& values, const std::vector<char>& in, const Window& w,
                      const Palette& palette) {
    const int s = kThumbnailScale, W = w.cols * s, H = w.rows * s;
    auto inside = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < w.cols && y < w.rows && in[static_cast<size_t>(y) * w.cols + x];
    };
    std::vector<Rgb> colours(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        const auto it = palette.find(values[i]);
        colours[i] = it == palette.end() ? kUnknown : it->second;
    }
    std::vector<Rgb> screen(static_cast<size_t>(W) * H);
    for (int y = 0; y < H; ++y) {
        const int py = y / s;
        for (int x = 0; x < W; ++x) {
            const int px = x / s;
            const bool edge = inside(px, py) &&
                              ((x % s == 0 && !inside(px - 1, py)) || (x % s == s - 1 && !inside(px + 1, py)) ||
                               (y % s == 0 && !inside(px, py - 1)) || (y % s == s - 1 && !inside(px, py + 1)));
            screen[static_cast<size_t>(y) * W + x] = edge ? kOutline : colours[static_cast<size_t>(py) * w.cols + px];
        }
    }
    return screen;
}

// The picture as PNG bytes: one band with a colour table when it has at most 256
// colours (always, in practice: a window holds a few classes), else three bands.
std::string encode_png(const std::vector<Rgb>& screen, int W, int H, const std::string& vsi_name) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::vector<Rgb> table;
    std::vector<unsigned char> index(screen.size());
    for (size_t i = 0; i < screen.size() && table.size() <= 256; ++i) {
        auto it = std::find(table.begin(), table.end(), screen[i]);
        if (it == table.end()) {
            table.push_back(screen[i]);
            it = table.end() - 1;
        }
        index[i] = static_cast<unsigned char>(it - table.begin());
    }
    GDALDatasetUniquePtr img;
    if (table.size() <= 256) {
        img.reset(mem->Create("", W, H, 1, GDT_Byte, nullptr));
        GDALColorTable ct;
        for (size_t k = 0; k < table.size(); ++k) {
            const GDALColorEntry e{table[k][0], table[k][1], table[k][2], 255};
            ct.SetColorEntry(static_cast<int>(k), &e);
        }
        GDALRasterBand* band = img->GetRasterBand(1);
        band->SetColorTable(&ct);
        if (band->RasterIO(GF_Write, 0, 0, W, H, index.data(), W, H, GDT_Byte, 0, 0, nullptr) != CE_None) return "";
    } else {
        img.reset(mem->Create("", W, H, 3, GDT_Byte, nullptr));
        // Pixel-interleaved RGB straight from the colour array.
        int bands[3] = {1, 2, 3};
        if (img->RasterIO(GF_Write, 0, 0, W, H, const_cast<Rgb*>(screen.data()), W, H, GDT_Byte, 3, bands, 3,
                          3 * W, 1, nullptr) != CE_None) {
            return "";  // an in-memory write cannot fail in practice; no picture then, not a crash
        }
    }
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    { GDALDatasetUniquePtr out(png->CreateCopy(vsi_name.c_str(), img.get(), FALSE, nullptr, nullptr, nullptr)); }
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(vsi_name.c_str(), &size, TRUE);
    if (!data) return "";
    std::string bytes(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
    CPLFree(data);
    return bytes;
}

}  // namespace

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
                const std::vector<Rgb> screen = draw(values[j], patch_mask(records[i], w, g, gc), w, palette);
                // A name no other picture being encoded at the same time can have.
                const std::string vsi =
                    fmt::format("/vsimem/ecozone_thumb_{}_{}.png", static_cast<const void*>(out.data()), i);
                out[i] = encode_png(screen, w.cols * kThumbnailScale, w.rows * kThumbnailScale, vsi);
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
