// Reading vector layers: reprojection, encoding, validity reports and bad input.
#include "geo/area.h"
#include "geo/errors.h"
#include "layers/vector_layer.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace ecozone;
using namespace ecozone::layers;

namespace {

const std::string kData = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/";
const std::string kPyshp = std::string(ECOZONE_EXTERNAL_DIR) + "/pyshp/";

std::string write_temp(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_vector";
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("GeoJSON in EPSG:4544 reads with fields, CRS and UTF-8 text", "[vector]") {
    geo::GeosContext geos;
    const VectorLayer l = read_vector(geos, kData + "mini/landuse.geojson");
    CHECK(l.driver == "GeoJSON");
    CHECK(l.source_crs.epsg == 4544);
    CHECK(l.features.size() == 4);
    const size_t dlmc = l.require_field("DLMC", "name_field");
    CHECK(to_text(l.features[0].attrs[dlmc]) == "乔木林地");
    CHECK(l.encoding.encoding == "UTF-8");
    CHECK_THROWS_WITH(l.require_field("DLBM_X", "code_field"),
                      Catch::Contains("'DLBM_X'") && Catch::Contains("fields are:") && Catch::Contains("code_field"));
}

TEST_CASE("reprojection to the working CRS keeps areas (4544 -> 4490 -> 4544)", "[vector]") {
    geo::GeosContext geos;
    ReadOptions o;
    o.target_crs = "EPSG:4490";
    const VectorLayer ll = read_vector(geos, kData + "mini/district.geojson", o);
    const auto b = geos.bounds(ll.features[0].geom.get());
    CHECK(b.minx > 105.0);  // longitude first (traditional GIS order)
    CHECK(b.minx < 107.0);
    CHECK(b.miny > 37.0);
    CHECK(b.miny < 38.0);
    o.target_crs = "EPSG:4544";
    const VectorLayer gk = read_vector(geos, kData + "mini/district.geojson", o);
    CHECK(geos.planar_area(gk.features[0].geom.get()) == Approx(1e8).epsilon(1e-9));
}

TEST_CASE("GBK shapefile without .cpg is detected and decoded", "[vector][encoding]") {
    geo::GeosContext geos;
    const VectorLayer l = read_vector(geos, kData + "encoding/gbk_no_cpg.shp");
    CHECK(l.encoding.encoding == "GB18030");
    CHECK(l.encoding.source == "detected");
    const size_t dlmc = l.require_field("DLMC", "name_field");
    CHECK(to_text(l.features[0].attrs[dlmc]) == "乔木林地");
    CHECK(to_text(l.features[3].attrs[dlmc]) == "红寺堡镇");
}

TEST_CASE("a read within a window keeps the features meeting it, and the encoding is decided from all",
          "[vector][window]") {
    geo::GeosContext geos;
    const VectorLayer all = read_vector(geos, kData + "encoding/gbk_no_cpg.shp");
    REQUIRE(all.features.size() == 4);
    // The window: the first feature's bounds.  Which features meet it is decided here by
    // comparing bounds one by one (not by the reader's R-tree).
    const auto w = geos.bounds(all.features[0].geom.get());
    std::vector<std::int64_t> expected;
    for (const auto& f : all.features) {
        const auto b = geos.bounds(f.geom.get());
        if (b.minx <= w.maxx && w.minx <= b.maxx && b.miny <= w.maxy && w.miny <= b.maxy) expected.push_back(f.fid);
    }
    REQUIRE(expected.size() < all.features.size());  // the window leaves something out

    ReadOptions o;
    o.window = std::make_shared<const geo::BoxIndex>(std::vector<geo::GeosContext::Bounds>{w});
    const VectorLayer part = read_vector(geos, kData + "encoding/gbk_no_cpg.shp", o);
    std::vector<std::int64_t> kept;
    for (const auto& f : part.features) kept.push_back(f.fid);
    CHECK(kept == expected);
    CHECK(part.outside_window == static_cast<std::int64_t>(all.features.size() - expected.size()));
    CHECK(part.features_in_source == all.features_in_source);
    // Every feature's coordinates were checked and the encoding weighed all four values, as
    // when reading the whole layer (the note counts them).
    CHECK(part.source_extent.minx == all.source_extent.minx);
    CHECK(part.source_extent.maxy == all.source_extent.maxy);
    CHECK(part.encoding.encoding == "GB18030");
    CHECK(part.encoding.note.en == all.encoding.note.en);
    const size_t dlmc = part.require_field("DLMC", "name_field");
    CHECK(to_text(part.features[0].attrs[dlmc]) == "乔木林地");
    // A window away from everything keeps nothing.
    o.window = std::make_shared<const geo::BoxIndex>(
        std::vector<geo::GeosContext::Bounds>{{w.maxx + 1e6, w.maxy + 1e6, w.maxx + 2e6, w.maxy + 2e6, false}});
    const VectorLayer none = read_vector(geos, kData + "encoding/gbk_no_cpg.shp", o);
    CHECK(none.features.empty());
    CHECK(none.outside_window == 4);
}

TEST_CASE("a bow-tie polygon is repaired and reported by feature id", "[vector][validity]") {
    geo::GeosContext geos;
    const std::string path = write_temp("bowtie.geojson", R"({"type":"FeatureCollection",
      "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4544"}},
      "features":[
       {"type":"Feature","id":7,"properties":{"n":1},"geometry":{"type":"Polygon","coordinates":[[[500000,4130000],[502000,4132000],[502000,4130000],[500000,4132000],[500000,4130000]]]}},
       {"type":"Feature","id":8,"properties":{"n":2},"geometry":null},
       {"type":"Feature","id":9,"properties":{"n":3},"geometry":{"type":"Polygon","coordinates":[[[500000,4130000],[501000,4130000],[501000,4131000],[500000,4131000],[500000,4130000]]]}}]})");
    const VectorLayer l = read_vector(geos, path);
    REQUIRE(l.validity.repaired.size() == 1);
    CHECK(l.validity.repaired[0].fid == 7);
    CHECK_THAT(l.validity.repaired[0].reason, Catch::Contains("Self-intersection"));
    CHECK(l.validity.empty == std::vector<std::int64_t>{8});
    REQUIRE(l.features.size() == 2);  // the empty one is skipped, never silently kept
    // The repaired bow-tie keeps both lobes: 2 triangles of 1 km² each.
    CHECK(geos.planar_area(l.features[0].geom.get()) == Approx(2e6));
}

TEST_CASE("bad inputs give one clear error naming the file and the fix", "[vector][bad-input]") {
    geo::GeosContext geos;
    SECTION("missing .prj") {
        CHECK_THROWS_WITH(read_vector(geos, kData + "bad/no_prj.shp"),
                          Catch::Contains("no_prj.shp") && Catch::Contains(".prj file is missing") &&
                              Catch::Contains("-a_srs"));
    }
    SECTION("truncated .shp") {
        CHECK_THROWS_WITH(read_vector(geos, kData + "bad/truncated.shp"),
                          Catch::Contains("truncated.shp: truncated") && Catch::Contains("re-export"));
    }
    SECTION("pyshp corrupt_too_long: records past the declared end") {
        CHECK_THROWS_WITH(read_vector(geos, kPyshp + "corrupt_too_long.shp"),
                          Catch::Contains("corrupt_too_long.shp") && Catch::Contains("re-export"));
    }
    SECTION("pyshp latin1: .shp without .shx") {
        CHECK_THROWS_WITH(read_vector(geos, kPyshp + "latin1.shp"),
                          Catch::Contains("latin1.shp") && Catch::Contains(".shx"));
    }
    SECTION("pyshp empty zip") {
        CHECK_THROWS_WITH(read_vector(geos, kPyshp + "empty_zipfile.zip"),
                          Catch::Contains("empty_zipfile.zip") && Catch::Contains("cannot open"));
    }
    SECTION("pyshp blockgroups has no .prj") {
        CHECK_THROWS_AS(read_vector(geos, kPyshp + "blockgroups.shp"), CrsError);
        ReadOptions o;
        o.require_crs = false;  // `info` still describes it
        const VectorLayer l = read_vector(geos, kPyshp + "blockgroups.shp", o);
        CHECK_FALSE(l.has_crs);
        CHECK(l.features.size() == 663);
    }
    SECTION("a missing file") {
        CHECK_THROWS_AS(read_vector(geos, kData + "no_such_file.shp"), IoError);
    }
    SECTION("coordinates in metres under a geographic .prj") {
        const std::string path = write_temp("metres_as_degrees.geojson", R"({"type":"FeatureCollection",
          "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},
          "features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[520000,4130000]}}]})");
        CHECK_THROWS_WITH(read_vector(geos, path), Catch::Contains("metres_as_degrees.geojson") &&
                                                       Catch::Contains("impossible"));
    }
    SECTION("degrees under a projected .prj") {
        const std::string path = write_temp("degrees_as_metres.geojson", R"({"type":"FeatureCollection",
          "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4544"}},
          "features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.2,37.3]}}]})");
        CHECK_THROWS_WITH(read_vector(geos, path), Catch::Contains("look like degrees"));
    }
    SECTION("a multi-layer source without a layer name lists the layers") {
        CHECK_THROWS_WITH(read_vector(geos, kData + "mini/../bad/multi_layer.gpkg"),
                          Catch::Contains("layers") && Catch::Contains("layer ="));
    }
}
