#include "serve/basemap_tiles.h"

#include "geo/errors.h"
#include "layers/gdal_handle.h"

#include <cpl_vsi.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ecozone::serve {

namespace {

constexpr int kTile = 256;
constexpr double kMercHalf = 20037508.342789244;  // half the Web Mercator world's width, metres

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const noexcept { GDALWarpAppOptionsFree(o); }
};

// One RGBA tile as PNG bytes, encoded by GDAL's PNG driver into an in-memory file of this name.
std::string encode_png(const std::vector<unsigned char>& rgba, const std::string& vsimem_name) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (!mem || !png) throw IoError("GDAL has no MEM or PNG driver: the basemap cannot be drawn");
    GDALDatasetUniquePtr ds(mem->Create("", kTile, kTile, 4, GDT_Byte, nullptr));
    for (int b = 0; b < 4; ++b) {
        // Band b of the interleaved buffer: every 4th byte from offset b.
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, kTile, kTile, const_cast<unsigned char*>(rgba.data()) + b,
                                                 kTile, kTile, GDT_Byte, 4, 4 * kTile) != CE_None) {
            throw IoError("the basemap tile could not be written");
        }
    }
    GDALDatasetUniquePtr out(png->CreateCopy(vsimem_name.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    out.reset();  // closing writes the file
    vsi_l_offset length = 0;
    GByte* bytes = VSIGetMemFileBuffer(vsimem_name.c_str(), &length, TRUE);  // TRUE: the buffer is ours
    VSIUnlink(vsimem_name.c_str());
    if (!bytes) throw IoError("the basemap tile could not be encoded as PNG");
    std::string png_bytes(reinterpret_cast<const char*>(bytes), static_cast<size_t>(length));
    CPLFree(bytes);
    return png_bytes;
}

}  // namespace

BasemapTiles::BasemapTiles(std::string raster, std::size_t cache_tiles)
    : raster_(std::move(raster)), capacity_(std::max<std::size_t>(cache_tiles, 1)) {
    GDALDatasetUniquePtr ds = layers::open_raster(raster_);
    const int bands = ds->GetRasterCount();
    bool bytes = bands > 0;
    for (int b = 1; b <= bands; ++b) bytes = bytes && ds->GetRasterBand(b)->GetRasterDataType() == GDT_Byte;
    if (!bytes || (bands != 1 && bands != 3 && bands != 4)) {
        throw make_error<DataError>(
            "{}：底图须为 8 位栅格（1 个灰度或调色板波段，或 3/4 个波段的 RGB/RGBA），此文件有 {} 个波段；"
            "可用 gdal_translate -ot Byte -scale 转换",
            "{}: a basemap must be an 8-bit raster (one grey or paletted band, or RGB/RGBA in 3 or 4 bands); this "
            "one has {} band(s); convert it with gdal_translate -ot Byte -scale",
            raster_, bands);
    }
    paletted_ = bands == 1 && ds->GetRasterBand(1)->GetColorTable() != nullptr;
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs) {
        throw make_error<DataError>("{}：底图没有坐标系；请补上（gdal_edit.py -a_srs EPSG:4544 ...）",
                                    "{}: the basemap has no CRS; add it (gdal_edit.py -a_srs EPSG:4544 ...)", raster_);
    }
    // The raster's outline, 20 points a side, in lon/lat and in Web Mercator.
    double gt[6];
    ds->GetGeoTransform(gt);
    std::vector<double> xs, ys;
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    for (int i = 0; i <= 20; ++i) {
        for (auto [px, py] : {std::pair{w * i / 20.0, 0.0}, std::pair{w * i / 20.0, double(h)}, std::pair{0.0, h * i / 20.0},
                              std::pair{double(w), h * i / 20.0}}) {
            xs.push_back(gt[0] + px * gt[1] + py * gt[2]);
            ys.push_back(gt[3] + px * gt[4] + py * gt[5]);
        }
    }
    auto outline_in = [&](int epsg, double& minx, double& miny, double& maxx, double& maxy) {
        layers::SrsPtr target = layers::make_srs_from_epsg(epsg);
        OGRSpatialReference source(*srs);
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(&source, target.get()));
        std::vector<double> x = xs, y = ys;
        if (!t || !t->Transform(static_cast<int>(x.size()), x.data(), y.data())) {
            throw make_error<DataError>("{}：底图的范围无法转换到 EPSG:{}；请检查其坐标系",
                                        "{}: the basemap's extent cannot be transformed to EPSG:{}; check its CRS", raster_,
                                        epsg);
        }
        minx = *std::min_element(x.begin(), x.end());
        maxx = *std::max_element(x.begin(), x.end());
        miny = *std::min_element(y.begin(), y.end());
        maxy = *std::max_element(y.begin(), y.end());
    };
    outline_in(4490, west_, south_, east_, north_);
    outline_in(3857, merc_minx_, merc_miny_, merc_maxx_, merc_maxy_);
    empty_tile_ = std::make_shared<const std::string>(
        encode_png(std::vector<unsigned char>(kTile * kTile * 4, 0), "/vsimem/ecozone_basemap_empty_" +
                                                                         std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                                                                         ".png"));
}

std::optional<std::shared_ptr<const std::string>> BasemapTiles::tile(int z, int x, int y) const {
    if (z < 0 || z > kMaxZoom) return std::nullopt;
    const long long n = 1LL << z;
    if (x < 0 || y < 0 || x >= n || y >= n) return std::nullopt;
    const auto key = std::make_tuple(z, x, y);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = cache_.find(key); it != cache_.end()) {
            order_.splice(order_.begin(), order_, it->second.second);
            return it->second.first;
        }
    }
    auto png = std::make_shared<const std::string>(render(z, x, y));
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second.first;  // drawn meanwhile
    order_.push_front(key);
    cache_.emplace(key, std::make_pair(png, order_.begin()));
    if (cache_.size() > capacity_) {
        cache_.erase(order_.back());
        order_.pop_back();
    }
    return png;
}

std::string BasemapTiles::render(int z, int x, int y) const {
    const double size = 2 * kMercHalf / static_cast<double>(1LL << z);
    const double minx = -kMercHalf + x * size, maxx = minx + size;
    const double maxy = kMercHalf - y * size, miny = maxy - size;
    if (maxx <= merc_minx_ || minx >= merc_maxx_ || maxy <= merc_miny_ || miny >= merc_maxy_) return *empty_tile_;

    layers::GdalErrorCapture capture;
    GDALDatasetUniquePtr src = layers::open_raster(raster_);  // a handle per render: GDAL's are not shared
    std::vector<std::string> args = {"-of", "MEM", "-t_srs", "EPSG:3857", "-te", std::to_string(minx),
                                     std::to_string(miny), std::to_string(maxx), std::to_string(maxy), "-ts",
                                     std::to_string(kTile), std::to_string(kTile), "-r",
                                     paletted_ ? "near" : "bilinear", "-dstalpha"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options(GDALWarpAppOptionsNew(argv.data(), nullptr));
    GDALDatasetH source = GDALDataset::ToHandle(src.get());
    int usage_error = 0;
    GDALDatasetUniquePtr warped(GDALDataset::FromHandle(GDALWarp("", nullptr, 1, &source, options.get(), &usage_error)));
    if (!warped) {
        throw make_error<IoError>("{}：底图瓦片 {}/{}/{} 无法绘制（{}）", "{}: basemap tile {}/{}/{} cannot be drawn ({})",
                                  raster_, z, x, y, capture.last());
    }
    const int bands = warped->GetRasterCount();  // colour band(s) + alpha
    std::vector<std::vector<unsigned char>> planes(bands, std::vector<unsigned char>(kTile * kTile));
    for (int b = 0; b < bands; ++b) {
        if (warped->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, kTile, kTile, planes[b].data(), kTile, kTile, GDT_Byte, 0,
                                                   0) != CE_None) {
            throw make_error<IoError>("{}：底图瓦片无法读取（{}）", "{}: a basemap tile cannot be read ({})", raster_,
                                      capture.last());
        }
    }
    std::vector<unsigned char> rgba(kTile * kTile * 4, 0);
    const GDALColorTable* palette = paletted_ ? warped->GetRasterBand(1)->GetColorTable() : nullptr;
    const std::vector<unsigned char>& alpha = planes.back();
    for (size_t i = 0; i < static_cast<size_t>(kTile * kTile); ++i) {
        unsigned char* px = &rgba[4 * i];
        if (alpha[i] == 0) continue;  // no data, or off the raster: transparent
        if (palette) {
            const GDALColorEntry* c = palette->GetColorEntry(planes[0][i]);
            if (!c) continue;
            px[0] = static_cast<unsigned char>(c->c1);
            px[1] = static_cast<unsigned char>(c->c2);
            px[2] = static_cast<unsigned char>(c->c3);
            px[3] = static_cast<unsigned char>(std::min<int>(alpha[i], c->c4));
        } else if (bands - 1 >= 3) {
            px[0] = planes[0][i];
            px[1] = planes[1][i];
            px[2] = planes[2][i];
            px[3] = alpha[i];
        } else {
            px[0] = px[1] = px[2] = planes[0][i];
            px[3] = alpha[i];
        }
    }
    unsigned long long k;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        k = ++renders_;
    }
    return encode_png(rgba, "/vsimem/ecozone_basemap_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "_" +
                                std::to_string(k) + ".png");
}

}  // namespace ecozone::serve
