// Project-file loading: roles, keys, value maps, and clear errors for typos.
#include "geo/errors.h"
#include "layers/project.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace ecozone::layers;

namespace {

const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

// Write a project file into a fresh temporary directory and return its path.
std::string write_project(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::temp_directory_path() / "ecozone_test_project";
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("the mini project loads with every role and map", "[project]") {
    const Project p = load_project(kMini + "mini.toml");
    CHECK(p.name == "测试县");
    CHECK(p.working_epsg == 4544);
    CHECK(p.area_mode == "ellipsoidal");
    REQUIRE(p.vector(VectorRole::ReserveZones));
    CHECK(p.vector(VectorRole::ReserveZones)->values.at("核心区") == "core");
    CHECK(p.field(VectorRole::Landuse, "code_field") == std::optional<std::string>("DLBM"));
    CHECK(p.vector(VectorRole::Rivers)->buffer_m.at("苦水河") == 100.0);
    // Paths are resolved against the project file's directory.
    CHECK(std::filesystem::path(p.vector(VectorRole::District)->path).is_absolute());
    CHECK(std::filesystem::exists(p.vector(VectorRole::District)->path));
    CHECK(p.vector(VectorRole::District)->path_as_written == "district.geojson");
}

TEST_CASE("a typo'd role names the line and suggests the right one", "[project]") {
    CHECK_THROWS_WITH(load_project(kMini + "typo_role.toml"),
                      Catch::Contains("typo_role.toml:18") && Catch::Contains("unknown layer role 'redlines'") &&
                          Catch::Contains("did you mean 'redline'"));
}

TEST_CASE("project-file mistakes are DataErrors that say the fix", "[project]") {
    SECTION("missing district") {
        const auto p = write_project("no_district.toml", "[layers.redline]\npath = \"r.shp\"\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("no [layers.district]"));
    }
    SECTION("unknown key with suggestion") {
        const auto p = write_project("bad_key.toml", "[layers.district]\npath = \"d.shp\"\nnmae_field = \"X\"\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("unknown key 'nmae_field'") &&
                                               Catch::Contains("did you mean 'name_field'"));
    }
    SECTION("required field key missing") {
        const auto p = write_project("no_zone.toml",
                                     "[layers.district]\npath = \"d.shp\"\n[layers.reserve_zones]\npath = \"z.shp\"\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("'zone_field' is required"));
    }
    SECTION("value mapped to an unknown canonical value") {
        const auto p = write_project("bad_value.toml",
                                     "[layers.district]\npath = \"d.shp\"\n[layers.reserve_zones]\npath = \"z.shp\"\n"
                                     "zone_field = \"GNFQ\"\n[layers.reserve_zones.values]\n\"核心区\" = \"cor\"\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("unknown value 'cor'") && Catch::Contains("did you mean 'core'"));
    }
    SECTION("syntax error with line") {
        const auto p = write_project("syntax.toml", "[layers.district\npath = 1\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("syntax.toml:1") && Catch::Contains("TOML syntax error"));
    }
    SECTION("bad area mode") {
        const auto p = write_project("mode.toml", "[project]\narea_mode = \"flat\"\n[layers.district]\npath = \"d.shp\"\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("area_mode 'flat'"));
    }
    SECTION("rasters need a class table") {
        const auto p = write_project("classes.toml",
                                     "[layers.district]\npath = \"d.shp\"\n[rasters.landuse]\npath = \"l.tif\"\n");
        CHECK_THROWS_WITH(load_project(p), Catch::Contains("[[raster_classes]]"));
    }
    SECTION("missing file is an IoError") {
        CHECK_THROWS_AS(load_project(kMini + "no_such.toml"), ecozone::IoError);
    }
}

TEST_CASE("every number of the project file is range-checked at load, naming the line and the key", "[project]") {
    const std::string head = "[project]\nname = \"x\"\n[layers.district]\npath = \"d.shp\"\n";
    auto error_of = [&](const std::string& body) {
        try {
            load_project(write_project("numbers.toml", head + body));
        } catch (const ecozone::DataError& e) {
            return std::string(e.what());
        }
        return std::string("(loaded)");
    };
    const std::string rivers = "[layers.rivers]\npath = \"r.shp\"\nname_field = \"HLMC\"\n";
    // A belt of 0, -50 m, NaN, infinity or 1e308 m would stop the belt rules firing or end in a GEOS error.
    for (const char* width : {"0", "-50", "nan", "inf", "1e308"}) {
        INFO(width);
        const std::string e = error_of(rivers + "default_buffer_m = " + width + "\n");
        CHECK_THAT(e, Catch::Contains("numbers.toml:8") && Catch::Contains("'default_buffer_m'"));
    }
    CHECK_THAT(error_of(rivers + "[layers.rivers.buffer_m]\n\"苦水河\" = -1\n"),
               Catch::Contains("numbers.toml:9") && Catch::Contains("'苦水河' = -1 is out of range"));
    CHECK_THAT(error_of("[indicators]\nforest_target_pct = 150\n"),
               Catch::Contains("numbers.toml:6") && Catch::Contains("a percentage from 0 to 100"));
    CHECK_THAT(error_of("[indicators]\nredline_baseline_ha = nan\n"), Catch::Contains("not a finite number"));
    CHECK_THAT(error_of("[audit]\nyear = 0\n"), Catch::Contains("not a monitoring year"));
    CHECK_THAT(error_of("[audit]\nmin_area_m2 = { \"*\" = inf }\n"), Catch::Contains("not a finite number"));
}
