// PNG pictures written by libpng directly (report/common/png_encoder.h), decoded back by GDAL's
// PNG driver: sizes, colour types, every pixel's colour, and refusals of inconsistent input.
#include "report/common/png_encoder.h"

#include "layers/gdal_handle.h"

#include <catch2/catch.hpp>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <stdexcept>

using namespace ecozone;

namespace {

struct Decoded {
    int width = 0, height = 0, bands = 0;
    bool paletted = false;
    std::vector<report::Rgb> rgb;
};

Decoded decode(const std::string& png) {
    REQUIRE(png.size() > 8);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    layers::ensure_gdal_registered();
    const std::string name = "/vsimem/test_png_encoder.png";
    VSILFILE* f = VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())),
                                       static_cast<vsi_l_offset>(png.size()), FALSE);
    REQUIRE(f);
    VSIFCloseL(f);
    Decoded d;
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER));
        REQUIRE(ds);
        d.width = ds->GetRasterXSize();
        d.height = ds->GetRasterYSize();
        d.bands = ds->GetRasterCount();
        std::vector<unsigned char> band(static_cast<size_t>(d.width) * d.height);
        d.rgb.resize(band.size());
        const GDALColorTable* ct = ds->GetRasterBand(1)->GetColorTable();
        d.paletted = ct != nullptr;
        for (int k = 0; k < (ct ? 1 : 3); ++k) {
            REQUIRE(ds->GetRasterBand(k + 1)->RasterIO(GF_Read, 0, 0, d.width, d.height, band.data(), d.width,
                                                       d.height, GDT_Byte, 0, 0, nullptr) == CE_None);
            for (size_t i = 0; i < band.size(); ++i) {
                if (ct) {
                    const GDALColorEntry* e = ct->GetColorEntry(band[i]);
                    REQUIRE(e);
                    d.rgb[i] = {static_cast<unsigned char>(e->c1), static_cast<unsigned char>(e->c2),
                                static_cast<unsigned char>(e->c3)};
                } else {
                    d.rgb[i][static_cast<size_t>(k)] = band[i];
                }
            }
        }
    }
    VSIUnlink(name.c_str());
    return d;
}

}  // namespace

TEST_CASE("png encoder: a paletted picture decodes to its colours", "[report]") {
    const int w = 7, h = 5;  // odd sizes: no row padding may creep in
    const std::vector<report::Rgb> palette = {{0, 0, 0}, {230, 220, 130}, {220, 60, 60}};
    std::vector<std::uint8_t> index(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < index.size(); ++i) index[i] = static_cast<std::uint8_t>((i * 7 + i / w) % 3);
    for (int level : {0, 1, 9}) {
        const Decoded d = decode(report::encode_indexed_png(index, w, h, palette, level));
        REQUIRE(d.width == w);
        REQUIRE(d.height == h);
        CHECK(d.bands == 1);
        CHECK(d.paletted);
        for (size_t i = 0; i < index.size(); ++i) CHECK(d.rgb[i] == palette[index[i]]);
    }
    // A full palette of 256 colours, one pixel each.
    std::vector<report::Rgb> full(256);
    std::vector<std::uint8_t> all(256);
    for (int i = 0; i < 256; ++i) {
        full[static_cast<size_t>(i)] = {static_cast<unsigned char>(i), static_cast<unsigned char>(255 - i), 7};
        all[static_cast<size_t>(i)] = static_cast<std::uint8_t>(i);
    }
    const Decoded d = decode(report::encode_indexed_png(all, 16, 16, full));
    for (size_t i = 0; i < all.size(); ++i) CHECK(d.rgb[i] == full[i]);
}

TEST_CASE("png encoder: a truecolour picture decodes to its colours", "[report]") {
    const int w = 300, h = 3;  // 900 colours: more than a palette holds
    std::vector<report::Rgb> rgb(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < rgb.size(); ++i) {
        rgb[i] = {static_cast<unsigned char>(i % 256), static_cast<unsigned char>(i / 256), static_cast<unsigned char>(i % 7)};
    }
    const Decoded d = decode(report::encode_rgb_png(rgb, w, h));
    REQUIRE(d.width == w);
    REQUIRE(d.height == h);
    CHECK(d.bands == 3);
    CHECK_FALSE(d.paletted);
    for (size_t i = 0; i < rgb.size(); ++i) CHECK(d.rgb[i] == rgb[i]);
}

TEST_CASE("png encoder: inconsistent input is refused, not written", "[report]") {
    const std::vector<report::Rgb> palette = {{1, 2, 3}};
    CHECK_THROWS_AS(report::encode_indexed_png(std::vector<std::uint8_t>(5), 2, 2, palette), std::runtime_error);
    CHECK_THROWS_AS(report::encode_indexed_png({}, 0, 0, palette), std::runtime_error);
    CHECK_THROWS_AS(report::encode_indexed_png(std::vector<std::uint8_t>(4), 2, 2, {}), std::runtime_error);
    CHECK_THROWS_AS(report::encode_indexed_png(std::vector<std::uint8_t>(4), 2, 2, std::vector<report::Rgb>(257)),
                    std::runtime_error);
    CHECK_THROWS_AS(report::encode_rgb_png(std::vector<report::Rgb>(3), 2, 2), std::runtime_error);
}
