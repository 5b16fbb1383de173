// Two dates of an audit on one grid: the coarser classification resampled onto the finer one,
// and the notes that tell the report so (analysis/two_date_grids.h).
#include "analysis/two_date_grids.h"

#include "layers/gdal_handle.h"

#include <catch2/catch.hpp>
#include <gdal_priv.h>

#include <filesystem>

using namespace ecozone;

namespace {

std::string write_raster(const std::string& name, int size, double pixel, int epsg) {
    layers::ensure_gdal_registered();
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_two_date_grids";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), size, size, 1, GDT_Byte, nullptr));
    double gt[6] = {500000, pixel, 0, 4000000, 0, -pixel};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.SetFromUserInput(("EPSG:" + std::to_string(epsg)).c_str());
    ds->SetSpatialRef(&srs);
    std::vector<unsigned char> v(static_cast<size_t>(size) * size, 1);
    REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, size, size, v.data(), size, size, GDT_Byte, 0, 0,
                                           nullptr) == CE_None);
    return path;
}

}  // namespace

TEST_CASE("two dates on different grids are compared on the finer one", "[audit][grids]") {
    // EPSG:4544: CGCS2000 / 3-degree Gauss-Kruger CM 105E, the sample's working CRS.
    const std::string working = "EPSG:4544";
    const std::string fine = write_raster("fine.tif", 40, 10, 4544), coarse = write_raster("coarse.tif", 20, 20, 4544);
    SECTION("the coarser date is resampled, whichever date it is") {
        for (bool coarse_first : {false, true}) {
            const std::string before_path = coarse_first ? coarse : fine, after_path = coarse_first ? fine : coarse;
            auto before = std::make_unique<layers::ClassRaster>(before_path, working);
            auto after = std::make_unique<layers::ClassRaster>(after_path, working);
            const auto note = analysis::align_grids(before, after, before_path, after_path, working);
            REQUIRE(note);
            CHECK(before->grid().dx == 10);
            CHECK(after->grid().dx == 10);
            CHECK(before->grid().cols == 40);
            CHECK(after->grid().cols == 40);
            CHECK((coarse_first ? before : after)->warped());
            CHECK_THAT(note->en, Catch::Contains("different grids") && Catch::Contains(coarse + " resampled"));
            CHECK_THAT(note->zh, Catch::Contains("已将 " + coarse + " 按最邻近法重采样"));
        }
    }
    SECTION("the same grid: nothing done, nothing said") {
        auto before = std::make_unique<layers::ClassRaster>(fine, working);
        auto after = std::make_unique<layers::ClassRaster>(fine, working);
        CHECK_FALSE(analysis::align_grids(before, after, fine, fine, working));
        CHECK_FALSE(after->warped());
    }
}

TEST_CASE("a date in another projected CRS is reported as reprojected", "[audit][grids]") {
    layers::WorkingCrs working;
    working.epsg = 4544;
    working.definition = "EPSG:4544";
    const std::string same = write_raster("gk.tif", 10, 10, 4544);
    CHECK_FALSE(analysis::reprojection_note(layers::ClassRaster(same, working.definition), same, working));
    const std::string utm = write_raster("utm.tif", 10, 10, 32648);
    const auto note = analysis::reprojection_note(layers::ClassRaster(utm, working.definition), utm, working);
    REQUIRE(note);
    CHECK_THAT(note->en, Catch::Contains("from EPSG:32648 to the working CRS EPSG:4544"));
}
