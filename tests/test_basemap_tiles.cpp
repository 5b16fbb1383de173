// The workbench's raster basemap: XYZ tiles drawn by GDAL's warper, checked pixel by pixel against
// the raster itself — each tile pixel's centre taken back to lon/lat by the Web Mercator formula,
// projected with PROJ into the raster's CRS and looked up in its palette.
#include "geo/crs.h"
#include "geo/errors.h"
#include "layers/gdal_handle.h"
#include "serve/basemap_tiles.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <cpl_vsi.h>

#include <cmath>
#include <filesystem>

using namespace ecozone;

namespace {

const std::string kRaster = std::string(ECOZONE_SAMPLE_DIR) + "/landuse_2020_30m.tif";
constexpr double kPi = 3.14159265358979323846;

struct Rgba {
    std::vector<unsigned char> r, g, b, a;
};

Rgba decode(const std::string& png) {
    const std::string name = "/vsimem/test_basemap_tile.png";
    VSILFILE* f = VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())), png.size(), FALSE);
    REQUIRE(f);
    VSIFCloseL(f);
    GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER));
    REQUIRE(ds);
    REQUIRE(ds->GetRasterXSize() == 256);
    REQUIRE(ds->GetRasterCount() == 4);
    Rgba out;
    for (auto* plane : {&out.r, &out.g, &out.b, &out.a}) plane->resize(256 * 256);
    int band = 1;
    for (auto* plane : {&out.r, &out.g, &out.b, &out.a}) {
        REQUIRE(ds->GetRasterBand(band++)->RasterIO(GF_Read, 0, 0, 256, 256, plane->data(), 256, 256, GDT_Byte, 0, 0) ==
                CE_None);
    }
    ds.reset();
    VSIUnlink(name.c_str());
    return out;
}

}  // namespace

TEST_CASE("basemap tiles show the raster's own classes where they lie, transparent elsewhere", "[serve][basemap]") {
    layers::ensure_gdal_registered();
    const serve::BasemapTiles tiles(kRaster);
    const auto [west, south, east, north] = tiles.bounds_lonlat();
    CHECK(west > 105.0);
    CHECK(east < 107.0);
    CHECK(south > 37.0);
    CHECK(north < 38.0);

    GDALDatasetUniquePtr src = layers::open_raster(kRaster);
    double gt[6];
    src->GetGeoTransform(gt);
    GDALRasterBand* band = src->GetRasterBand(1);
    const GDALColorTable* palette = band->GetColorTable();
    const geo::Transform to_raster("EPSG:4490", "EPSG:4544");
    auto value_at = [&](int col, int row) {
        unsigned char v = 0;
        if (col < 0 || row < 0 || col >= src->GetRasterXSize() || row >= src->GetRasterYSize()) return -1;
        REQUIRE(band->RasterIO(GF_Read, col, row, 1, 1, &v, 1, 1, GDT_Byte, 0, 0) == CE_None);
        return static_cast<int>(v);
    };

    const int z = 14;
    const double n = std::pow(2.0, z);
    const double lon0 = (west + east) / 2, lat0 = (south + north) / 2;
    const int tx = static_cast<int>((lon0 + 180.0) / 360.0 * n);
    const int ty = static_cast<int>((1.0 - std::asinh(std::tan(lat0 * kPi / 180.0)) / kPi) / 2.0 * n);
    const auto png = tiles.tile(z, tx, ty);
    REQUIRE(png);
    const Rgba t = decode(**png);
    int coloured = 0, empty = 0;
    for (int py = 4; py < 256; py += 9) {
        for (int px = 4; px < 256; px += 9) {
            // The pixel centre in lon/lat (the XYZ scheme's inverse), then in the raster's grid.
            const double lon = (tx + (px + 0.5) / 256.0) / n * 360.0 - 180.0;
            const double lat = std::atan(std::sinh(kPi * (1.0 - 2.0 * (ty + (py + 0.5) / 256.0) / n))) * 180.0 / kPi;
            double x = lon, y = lat;
            to_raster.forward(x, y);
            const int col = static_cast<int>(std::floor((x - gt[0]) / gt[1]));
            const int row = static_cast<int>(std::floor((y - gt[3]) / gt[5]));
            // Only where the 3 x 3 raster pixels around agree: a tile pixel near a class edge may
            // take either side.
            const int v = value_at(col, row);
            bool uniform = v >= 0;
            for (int dr = -1; dr <= 1 && uniform; ++dr) {
                for (int dc = -1; dc <= 1 && uniform; ++dc) uniform = value_at(col + dc, row + dr) == v;
            }
            if (!uniform) continue;
            const size_t i = static_cast<size_t>(py) * 256 + px;
            INFO("tile pixel " << px << "," << py << " raster " << col << "," << row << " value " << v);
            if (v == 0) {  // the raster's no-data
                CHECK(t.a[i] == 0);
                ++empty;
                continue;
            }
            const GDALColorEntry* c = palette->GetColorEntry(v);
            CHECK(t.a[i] == 255);
            CHECK(static_cast<int>(t.r[i]) == c->c1);
            CHECK(static_cast<int>(t.g[i]) == c->c2);
            CHECK(static_cast<int>(t.b[i]) == c->c3);
            ++coloured;
        }
    }
    CHECK(coloured >= 100);

    // Far from the county: a transparent tile; out of the scheme: none.
    const Rgba far = decode(**tiles.tile(z, 0, 0));
    CHECK(std::all_of(far.a.begin(), far.a.end(), [](unsigned char a) { return a == 0; }));
    CHECK_FALSE(tiles.tile(z, -1, 0));
    CHECK_FALSE(tiles.tile(z, static_cast<int>(n), 0));
    CHECK_FALSE(tiles.tile(23, 0, 0));
    // The same tile again comes from the cache, identical.
    CHECK(**tiles.tile(z, tx, ty) == **png);
}

TEST_CASE("a basemap that cannot be drawn is refused at start, naming the file and the fix", "[serve][basemap][bad-input]") {
    layers::ensure_gdal_registered();
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_basemap";
    std::filesystem::create_directories(dir);
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const std::string wide = (dir / "int16.tif").string(), bare = (dir / "no_crs.tif").string();
    {
        GDALDatasetUniquePtr ds(gtiff->Create(wide.c_str(), 8, 8, 1, GDT_Int16, nullptr));
        layers::SrsPtr srs = layers::make_srs_from_epsg(4544);
        ds->SetSpatialRef(srs.get());
        double gt[6] = {500000, 30, 0, 4150000, 0, -30};
        ds->SetGeoTransform(gt);
    }
    {
        GDALDatasetUniquePtr ds(gtiff->Create(bare.c_str(), 8, 8, 1, GDT_Byte, nullptr));
    }
    CHECK_THROWS_WITH(serve::BasemapTiles(wide), Catch::Contains("int16.tif") && Catch::Contains("8-bit"));
    CHECK_THROWS_WITH(serve::BasemapTiles(bare), Catch::Contains("no_crs.tif") && Catch::Contains("no CRS"));
    CHECK_THROWS_AS(serve::BasemapTiles((dir / "missing.tif").string()), IoError);
}
