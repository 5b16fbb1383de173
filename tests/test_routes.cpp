// The two routes of the indicators on the mini county, whose answers are known by hand.
#include "analysis/raster_route.h"
#include "analysis/vector_route.h"
#include "analysis/zones.h"
#include "geo/errors.h"
#include "geo/pixel_area.h"
#include "layers/gdal_handle.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

using namespace ecozone;

namespace {

const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

// Write a one-band Byte GeoTIFF; `value(row, col)` gives each pixel.
template <typename F>
std::string write_raster(const std::string& name, const std::string& crs, double xmin, double ymax, double res_x,
                         double res_y, int cols, int rows, F value, bool with_crs = true) {
    layers::ensure_gdal_registered();
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_routes";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), cols, rows, 1, GDT_Byte, nullptr));
    double gt[6] = {xmin, res_x, 0, ymax, 0, -res_y};
    ds->SetGeoTransform(gt);
    if (with_crs) {
        OGRSpatialReference srs;
        srs.SetFromUserInput(crs.c_str());
        ds->SetSpatialRef(&srs);
    }
    std::vector<unsigned char> data(static_cast<size_t>(cols) * rows);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) data[static_cast<size_t>(r) * cols + c] = static_cast<unsigned char>(value(r, c));
    CHECK(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, cols, rows, data.data(), cols, rows, GDT_Byte, 0, 0, nullptr) ==
          CE_None);
    ds->GetRasterBand(1)->SetNoDataValue(0);
    return path;
}

// Classes of the mini county's quadrants: 1 forest SW, 2 grass SE, 3 crop NW, 4 river NE.
int mini_class(double x, double y) {
    const bool east = x >= 525000, north = y >= 4135000;
    return north ? (east ? 4 : 3) : (east ? 2 : 1);
}

const std::vector<layers::RasterClass> kClasses = {
    {1, "0301", {"0301"}, {}, "乔木林地"}, {2, "0404", {"0404"}, {}, "其他草地"},
    {3, "0103", {"0103"}, {}, "旱地"},     {4, "1101", {"1101"}, {}, "河流水面"}};

struct Mini {
    geo::GeosContext geos;
    layers::Catalogue cat = layers::load_catalogue(layers::load_project(kMini + "mini.toml"), geos);
    geo::AreaCalculator calc{geos, "EPSG:4544"};
};

}  // namespace

TEST_CASE("zones: the district then its townships", "[routes]") {
    Mini m;
    const auto zones = analysis::build_zones(m.cat, m.geos, m.calc, geo::AreaMode::Planar);
    REQUIRE(zones.size() == 3);
    CHECK(zones[0].district);
    CHECK(zones[0].area_m2 == Approx(1e8));
    CHECK(zones[1].name == "西乡");
    CHECK(zones[1].area_m2 == Approx(5e7));
}

TEST_CASE("vector route: pieces per zone with red-line and protection areas by hand", "[routes]") {
    Mini m;
    const auto zones = analysis::build_zones(m.cat, m.geos, m.calc, geo::AreaMode::Planar);
    auto red = analysis::union_of(m.cat.vector(layers::VectorRole::Redline), m.geos);
    auto prot = analysis::union_of(m.cat.vector(layers::VectorRole::ReserveZones), m.geos);
    const auto r = analysis::run_vector_route(m.cat, m.geos, m.calc, geo::AreaMode::Planar, zones, red.get(), prot.get());
    CHECK(r.has_attr_area);
    std::map<std::pair<int, std::string>, analysis::LandusePiece> by;
    for (const auto& p : r.pieces) by[{p.zone, p.code}] = p;
    REQUIRE(r.pieces.size() == 8);  // 4 in the district, 2 in each township
    // In feature order, each feature's district piece before its township's.
    std::vector<std::pair<size_t, int>> order;
    for (const auto& p : r.pieces) order.emplace_back(p.feature, p.zone);
    CHECK(std::is_sorted(order.begin(), order.end()));
    CHECK(by.at({0, "0301"}).area_m2 == Approx(25e6));
    // Red line: 3 km × 8 km minus a 1 km² hole; 11 km² over forest (SW), 12 km² over crop (NW).
    CHECK(by.at({0, "0301"}).redline_m2 == Approx(11e6));
    CHECK(by.at({0, "0103"}).redline_m2 == Approx(12e6));
    CHECK(by.at({2, "0404"}).redline_m2 == 0.0);
    // Protection (reserve zones, 3 km × 3 km) lies in the river quadrant; only wetland candidates carry it.
    CHECK(by.at({0, "1101"}).protected_m2 == Approx(9e6));
    CHECK(by.at({2, "1101"}).protected_m2 == Approx(9e6));
    CHECK(by.at({0, "0301"}).protected_m2 == 0.0);
    CHECK(by.at({1, "0301"}).attr_area_m2 == Approx(25e6));
}

TEST_CASE("raster route: aligned raster gives exact class areas; shifted one still covers zones exactly",
          "[routes]") {
    Mini m;
    const auto zones = analysis::build_zones(m.cat, m.geos, m.calc, geo::AreaMode::Planar);
    SECTION("pixels aligned with the quadrants: areas exact") {
        const auto path = write_raster("aligned.tif", "EPSG:4544", 519000, 4141000, 100, 100, 120, 120, [](int r, int c) {
            return mini_class(519000 + (c + 0.5) * 100, 4141000 - (r + 0.5) * 100);
        });
        const layers::ClassRaster raster(path, "EPSG:4544");
        const auto rr = analysis::run_raster_route(raster, zones, kClasses, m.geos, "EPSG:4544", geo::AreaMode::Planar);
        CHECK(rr.class_area_m2[0].at(1) == Approx(25e6).epsilon(1e-12));
        CHECK(rr.class_area_m2[1].at(3) == Approx(25e6).epsilon(1e-12));
        CHECK(rr.class_area_m2[2].count(1) == 0);
        CHECK(rr.nodata_area_m2[0] == 0.0);
    }
    SECTION("a grid shifted by 37 m: Σ fraction × pixel area equals each zone's area to 1e-9") {
        const auto path = write_raster("shifted.tif", "EPSG:4544", 518963, 4141037, 30, 30, 420, 420, [](int r, int c) {
            return mini_class(518963 + (c + 0.5) * 30, 4141037 - (r + 0.5) * 30);
        });
        const layers::ClassRaster raster(path, "EPSG:4544");
        for (auto mode : {geo::AreaMode::Planar, geo::AreaMode::Ellipsoidal}) {
            const auto zs = analysis::build_zones(m.cat, m.geos, m.calc, mode);
            const auto rr = analysis::run_raster_route(raster, zs, kClasses, m.geos, "EPSG:4544", mode);
            for (size_t z = 0; z < zs.size(); ++z) {
                double sum = 0;
                for (const auto& [v, a] : rr.class_area_m2[z]) sum += a;
                CHECK(sum == Approx(zs[z].area_m2).epsilon(mode == geo::AreaMode::Planar ? 1e-9 : 1e-6));
            }
            // Mixed pixels straddle the quadrant lines: class areas within one pixel row of exact.
            CHECK(rr.class_area_m2[0].at(1) == Approx(25e6).margin(5000 * 30));
            // The bands (7 of 64 rows) go to whichever core is free and are summed in band order:
            // the same sums, to the last bit, on one core or three.
            CHECK(rr.bands > 1);
            for (int threads : {1, 3}) {
                const auto again = analysis::run_raster_route(raster, zs, kClasses, m.geos, "EPSG:4544", mode, threads);
                CHECK(again.class_area_m2 == rr.class_area_m2);
                CHECK(again.nodata_area_m2 == rr.nodata_area_m2);
                CHECK(again.covered_area_m2 == rr.covered_area_m2);
            }
        }
    }
    SECTION("a geographic raster is read on its own grid with per-row ellipsoidal pixel areas") {
        // ~0.0005° pixels over the mini county, classes from each pixel centre in EPSG:4544.
        geo::Transform to_gk("EPSG:4490", "EPSG:4544");
        const double lon0 = 105.20, lat0 = 37.42, d = 0.0005;
        const auto path = write_raster("geographic.tif", "EPSG:4490", lon0, lat0, d, d, 300, 320, [&](int r, int c) {
            double x = lon0 + (c + 0.5) * d, y = lat0 - (r + 0.5) * d;
            to_gk.forward(x, y);
            return mini_class(x, y);
        });
        const layers::ClassRaster raster(path, "EPSG:4544");
        CHECK_FALSE(raster.in_working_crs());
        CHECK_FALSE(raster.warped());
        const auto zs = analysis::build_zones(m.cat, m.geos, m.calc, geo::AreaMode::Ellipsoidal);
        const auto rr = analysis::run_raster_route(raster, zs, kClasses, m.geos, "EPSG:4544", geo::AreaMode::Ellipsoidal);
        CHECK_THAT(rr.pixel_area_method.en, Catch::Contains("per row"));
        CHECK_THAT(rr.pixel_area_method.zh, Catch::Contains("逐行椭球像元面积"));
        double sum = 0;
        for (const auto& [v, a] : rr.class_area_m2[0]) sum += a + 0 * v;
        sum += rr.nodata_area_m2[0];
        CHECK(sum == Approx(zs[0].area_m2).epsilon(1e-5));
    }
}

TEST_CASE("raster route bad inputs: unknown class value, raster without CRS", "[routes][bad-input]") {
    Mini m;
    const auto zones = analysis::build_zones(m.cat, m.geos, m.calc, geo::AreaMode::Planar);
    const auto odd = write_raster("odd.tif", "EPSG:4544", 519000, 4141000, 100, 100, 120, 120,
                                  [](int r, int c) { return (r == 50 && c == 50) ? 9 : 1; });
    const layers::ClassRaster raster(odd, "EPSG:4544");
    CHECK_THROWS_WITH(analysis::run_raster_route(raster, zones, kClasses, m.geos, "EPSG:4544", geo::AreaMode::Planar),
                      Catch::Contains("odd.tif") && Catch::Contains("9 (") && Catch::Contains("[[raster_classes]]"));
    const auto no_crs = write_raster("no_crs.tif", "", 519000, 4141000, 100, 100, 10, 10, [](int, int) { return 1; }, false);
    CHECK_THROWS_WITH(layers::ClassRaster(no_crs, "EPSG:4544"),
                      Catch::Contains("no_crs.tif") && Catch::Contains("gdal_edit.py -a_srs"));
}

TEST_CASE("a class raster resampled onto a finer grid keeps each coarse pixel's class (nearest neighbour)", "[routes][align]") {
    // 30 m pixels with a checkerboard of classes, read onto a 10 m grid shifted by 10 m.
    const auto coarse = write_raster("coarse30.tif", "EPSG:4544", 520000, 4131000, 30, 30, 20, 20,
                                     [](int r, int c) { return 1 + (r + c) % 4; });
    geo::Grid fine;
    fine.xmin = 520010;
    fine.ymax = 4130990;
    fine.dx = fine.dy = 10;
    fine.cols = fine.rows = 50;
    const layers::ClassRaster aligned(coarse, "EPSG:4544", fine);
    CHECK(aligned.warped());
    CHECK(aligned.grid().dx == 10.0);
    std::vector<std::int32_t> v;
    aligned.read_rows(0, fine.rows, v);
    for (int r = 0; r < fine.rows; ++r) {
        for (int c = 0; c < fine.cols; ++c) {
            // The coarse pixel under this fine pixel's centre.
            const int cr = static_cast<int>((4131000 - fine.y_of(r + 0.5)) / 30);
            const int cc = static_cast<int>((fine.x_of(c + 0.5) - 520000) / 30);
            INFO(r << "," << c);
            CHECK(v[static_cast<size_t>(r) * fine.cols + c] == 1 + (cr + cc) % 4);
        }
    }
}

// The raster route reuses a row's pixel areas for the rows PixelAreas calls alike: they must be
// the same areas, column by column, in every kind of grid.
TEST_CASE("pixel areas: rows called alike have the same areas", "[routes]") {
    struct Case {
        geo::Grid grid;
        std::string crs;
        geo::AreaMode mode;
    };
    geo::Grid gk;  // 10 m pixels over the mini county, Gauss-Krüger
    gk.xmin = 519000;
    gk.ymax = 4141000;
    gk.dx = gk.dy = 10;
    gk.cols = 100;
    gk.rows = 100;
    geo::Grid lonlat = gk;  // 0.0005° pixels
    lonlat.xmin = 105.2;
    lonlat.ymax = 37.42;
    lonlat.dx = lonlat.dy = 0.0005;
    for (const Case& c : {Case{gk, "EPSG:4544", geo::AreaMode::Planar}, Case{gk, "EPSG:4544", geo::AreaMode::Ellipsoidal},
                          Case{lonlat, "EPSG:4490", geo::AreaMode::Ellipsoidal}}) {
        const geo::PixelAreas areas(c.grid, c.crs, "EPSG:4544", c.mode);
        std::vector<double> a(static_cast<size_t>(c.grid.cols)), b(a.size());
        int alike = 0, different = 0;
        for (int r = 0; r < c.grid.rows; r += 7) {
            for (int s = 0; s < c.grid.rows; s += 5) {
                areas.row_areas(r, 0, c.grid.cols, a.data());
                areas.row_areas(s, 0, c.grid.cols, b.data());
                if (areas.same_row_areas(r, s)) {
                    ++alike;
                    CHECK(a == b);
                } else {
                    ++different;
                    CHECK(a != b);
                }
            }
        }
        CHECK(alike > 0);
        if (c.mode == geo::AreaMode::Ellipsoidal) CHECK(different > 0);
    }
}

// Thousands of polygons go in chunks to whichever core is free: the pieces must come out the same,
// in feature order, whatever the number of workers — and add up to the hand figures.
TEST_CASE("vector route: the pieces of 7000 polygons do not depend on the number of workers", "[routes]") {
    Mini m;
    layers::VectorLayer& landuse = m.cat.vectors.at(layers::VectorRole::Landuse);
    const std::vector<layers::AttrValue> attrs = landuse.features.front().attrs;
    const size_t code = *landuse.field_index("DLBM");
    // 100 × 70 rectangles of 99 m × 141 m from (520010, 4130010): columns 50 and rows 35 straddle
    // the townships' border (x = 525000) and the quadrant line (y = 4135000).
    std::vector<layers::Feature> grid;
    for (int i = 0; i < 100; ++i) {
        for (int j = 0; j < 70; ++j) {
            const double x = 520010 + i * 99.0, y = 4130010 + j * 141.0;
            layers::Feature f;
            f.fid = static_cast<std::int64_t>(grid.size());
            f.geom = m.geos.from_wkt(fmt::format("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))", x, y, x + 99, y + 141));
            f.attrs = attrs;
            f.attrs[code] = std::string((i + j) % 3 == 0 ? "0301" : "0404");
            grid.push_back(std::move(f));
        }
    }
    landuse.features = std::move(grid);
    const auto zones = analysis::build_zones(m.cat, m.geos, m.calc, geo::AreaMode::Planar);
    auto red = analysis::union_of(m.cat.vector(layers::VectorRole::Redline), m.geos);
    auto run = [&](int threads) {
        return analysis::run_vector_route(m.cat, m.geos, m.calc, geo::AreaMode::Planar, zones, red.get(), nullptr,
                                          nullptr, threads);
    };
    const auto one = run(1);
    double district = 0, townships = 0;
    std::vector<std::pair<size_t, int>> order;
    for (const auto& p : one.pieces) {
        (p.zone == 0 ? district : townships) += p.area_m2;
        order.emplace_back(p.feature, p.zone);
    }
    CHECK(std::is_sorted(order.begin(), order.end()));
    CHECK(district == Approx(7000 * 99.0 * 141.0).epsilon(1e-12));
    CHECK(townships == Approx(district).epsilon(1e-12));  // the two townships partition the district
    CHECK(one.pieces.size() > 14000);                      // the straddling rectangles are cut in two
    for (int threads : {2, 3}) {
        const auto many = run(threads);
        REQUIRE(many.pieces.size() == one.pieces.size());
        auto a = one.pieces.begin();
        for (const auto& p : many.pieces) {
            CHECK(p.feature == a->feature);
            CHECK(p.zone == a->zone);
            CHECK(p.area_m2 == a->area_m2);
            CHECK(p.redline_m2 == a->redline_m2);
            ++a;
        }
    }
}
