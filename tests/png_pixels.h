#pragma once
// A PNG decoded back by GDAL's PNG driver (an independent reader of what the report code wrote):
// its size, band count, whether it is paletted, and the RGB of every pixel (a colour table
// expanded).  Shared by the PNG encoder's and the audit pictures' tests.
#include "layers/gdal_handle.h"
#include "report/common/png_encoder.h"

#include <catch2/catch.hpp>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <string>
#include <vector>

namespace ecozone::test {

struct PngPixels {
    int width = 0, height = 0, bands = 0;
    bool paletted = false;
    std::vector<report::Rgb> rgb;
    report::Rgb at(int x, int y) const { return rgb[static_cast<size_t>(y) * width + x]; }
};

inline PngPixels decode_png(const std::string& png) {
    REQUIRE(png.size() > 8);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    layers::ensure_gdal_registered();
    const std::string name = "/vsimem/ecozone_test_png_pixels.png";
    VSILFILE* f = VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())),
                                       static_cast<vsi_l_offset>(png.size()), FALSE);
    REQUIRE(f);
    VSIFCloseL(f);
    PngPixels d;
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
        REQUIRE((ct ? 1 : 3) <= d.bands);
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

}  // namespace ecozone::test
