// The audit's before/after pictures, decoded back from their PNG and checked pixel by pixel
// against a hand-made raster: class colours, the black patch outline and the window's place.
#include "report/audit/thumbnail.h"

#include "layers/gdal_handle.h"
#include "png_pixels.h"

#include <catch2/catch.hpp>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <array>
#include <filesystem>

using namespace ecozone;

namespace {

constexpr int kSize = 60;  // 60 × 60 pixels of 10 m, top-left corner at (500000 E, 4000000 N)

std::string write_raster(const std::vector<unsigned char>& values) {
    layers::ensure_gdal_registered();
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_thumbnail";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "classes.tif").string();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), kSize, kSize, 1, GDT_Byte, nullptr));
    double gt[6] = {500000, 10, 0, 4000000, 0, -10};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.SetFromUserInput("EPSG:4544");
    ds->SetSpatialRef(&srs);
    REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kSize, kSize, const_cast<unsigned char*>(values.data()),
                                           kSize, kSize, GDT_Byte, 0, 0, nullptr) == CE_None);
    return path;
}

// A picture as audit.html embeds it (a data: URI), decoded back.
test::PngPixels decode(const std::string& png) {
    const std::string uri = report::png_data_uri(png);
    const std::string prefix = "data:image/png;base64,";
    REQUIRE(uri.rfind(prefix, 0) == 0);
    std::string b64 = uri.substr(prefix.size());
    const int n = CPLBase64DecodeInPlace(reinterpret_cast<GByte*>(b64.data()));
    return test::decode_png(b64.substr(0, static_cast<size_t>(n)));
}

}  // namespace

TEST_CASE("audit thumbnails: class colours, the patch outline and the window", "[report][audit]") {
    // Dry land (class 1, 0103) everywhere; a 4 × 4 block of built land (class 2, 0702) at rows and
    // columns 28–31; one pixel of a value no class names (9) at row 10, column 10.
    std::vector<unsigned char> values(static_cast<size_t>(kSize) * kSize, 1);
    for (int r = 28; r < 32; ++r) {
        for (int c = 28; c < 32; ++c) values[static_cast<size_t>(r) * kSize + c] = 2;
    }
    values[10 * kSize + 10] = 9;
    const layers::ClassRaster raster(write_raster(values), "EPSG:4544");
    std::vector<layers::RasterClass> classes(2);
    classes[0].value = 1;
    classes[0].code = "0103";
    classes[0].codes = {"0103"};
    classes[1].value = 2;
    classes[1].code = "0702";
    classes[1].codes = {"0702"};
    const report::Palette palette = report::class_palette(classes);
    const report::Rgb dry = {230, 220, 130}, built = {220, 60, 60}, white = {255, 255, 255}, black = {0, 0, 0};
    REQUIRE(palette.at(1) == dry);
    REQUIRE(palette.at(2) == built);

    const geo::GeosContext geos;
    std::vector<analysis::PatchRecord> records(3);
    // The block's outline: eastings 500280–500320, northings 3999680–3999720; centre (X 3999700, Y 500300).
    records[0].polygon =
        geos.from_wkt("POLYGON((500280 3999680,500320 3999680,500320 3999720,500280 3999720,500280 3999680))");
    records[0].gk_x = 3999700;
    records[0].gk_y = 500300;
    // No polygon (a register row without geometry): no picture.
    records[1].gk_x = 3999700;
    records[1].gk_y = 500300;
    // A patch off the raster: no picture.
    records[2].polygon = geos.from_wkt("POLYGON((0 0,10 0,10 10,0 10,0 0))");
    records[2].gk_x = 5;
    records[2].gk_y = 5;

    for (int threads : {1, 2}) {
        const std::vector<std::string> pictures = report::patch_thumbnails(raster, records, palette, geos, threads);
        REQUIRE(pictures.size() == 3);
        CHECK(pictures[1].empty());
        CHECK(pictures[2].empty());
        const test::PngPixels p = decode(pictures[0]);
        // Window: rows and columns 10–49 (20 pixels each side of the centre pixel 30), 4 screen
        // pixels per raster pixel.
        REQUIRE(p.width == 160);
        REQUIRE(p.height == 160);
        CHECK(p.at(0, 0) == white);  // raster pixel (10, 10): a value without a class
        CHECK(p.at(3, 3) == white);
        CHECK(p.at(4, 4) == dry);
        // The block occupies window pixels 18–21, screen pixels 72–87 each way.
        CHECK(p.at(71, 80) == dry);    // just outside, left
        CHECK(p.at(72, 80) == black);  // the outline: outermost screen pixel of an edge pixel
        CHECK(p.at(73, 80) == built);
        CHECK(p.at(80, 80) == built);  // inside: no line between inside pixels
        CHECK(p.at(76, 80) == built);
        CHECK(p.at(87, 80) == black);  // right edge
        CHECK(p.at(88, 80) == dry);
        CHECK(p.at(80, 72) == black);  // top edge
        CHECK(p.at(80, 87) == black);  // bottom edge
        CHECK(p.at(159, 159) == dry);
    }
}

// The outline's mask scans rows against the polygon's edges; a second algorithm, GEOS's point in
// polygon for every pixel centre, must give the same pixels — for a multipolygon with a hole, a
// part touching another at a corner (as pixel-traced patches do) and slanted edges that no centre
// lies on.
TEST_CASE("audit thumbnails: the outline mask is GEOS's contains at every pixel centre", "[report][audit]") {
    const geo::GeosContext geos;
    geo::Grid g;
    g.xmin = 500000;
    g.ymax = 4000000;
    g.dx = g.dy = 10;
    g.cols = g.rows = 60;
    const char* shapes[] = {
        // a block with a hole, and a second block meeting it at one corner
        "MULTIPOLYGON(((500100 3999900,500200 3999900,500200 3999800,500100 3999800,500100 3999900),"
        "(500130 3999870,500170 3999870,500170 3999830,500130 3999830,500130 3999870)),"
        "((500200 3999800,500250 3999800,500250 3999750,500200 3999750,500200 3999800)))",
        // slanted edges, a spike and a concave notch
        "POLYGON((500003 3999997,500291 3999931,500177 3999703,500133 3999861,500061 3999707,500003 3999997))",
        // partly off the window
        "POLYGON((499950 3999950,500033 3999950,500033 3999601,499950 3999601,499950 3999950))",
    };
    for (const char* wkt : shapes) {
        const geo::GeomPtr polygon = geos.from_wkt(wkt);
        const geo::PreparedPtr prepared = geos.prepare(polygon.get());
        for (const auto& [row0, rows, col0, cols] :
             {std::array<int, 4>{0, 40, 0, 40}, std::array<int, 4>{5, 17, 9, 31}, std::array<int, 4>{0, 60, 0, 60}}) {
            const std::vector<char> mask = report::pixel_centre_mask(geos, polygon.get(), g, row0, rows, col0, cols);
            REQUIRE(mask.size() == static_cast<size_t>(rows) * cols);
            int inside = 0, differ = 0;
            for (int y = 0; y < rows; ++y) {
                for (int x = 0; x < cols; ++x) {
                    geo::GeomPtr pt = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), g.x_of(col0 + x + 0.5),
                                                                            g.y_of(row0 + y + 0.5)),
                                               "point");
                    const bool expected = GEOSPreparedContains_r(geos.handle(), prepared.get(), pt.get()) == 1;
                    inside += expected;
                    differ += expected != (mask[static_cast<size_t>(y) * cols + x] != 0);
                }
            }
            INFO(wkt << " window " << row0 << "+" << rows << ", " << col0 << "+" << cols);
            if (rows == 60) CHECK(inside > 0);
            CHECK(differ == 0);
        }
    }
    CHECK(report::pixel_centre_mask(geos, nullptr, g, 0, 4, 0, 4) == std::vector<char>(16, 0));
}
