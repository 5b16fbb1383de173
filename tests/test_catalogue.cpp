// The catalogue reads its layers two at a time (layers/catalogue.cpp): the layers and their
// features are those of reading one by one, and when several layers fail the error is the first
// in the order asked for, whichever thread met it first.
#include "geo/errors.h"
#include "geo/geos_handle.h"
#include "layers/catalogue.h"
#include "layers/project.h"
#include "layers/vector_layer.h"
#include "test_config.h"

#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace ecozone;
using layers::VectorRole;
namespace fs = std::filesystem;

namespace {

const std::string kMiniDir = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini";

// The mini county's project with the reserve zones and rivers pointing at `reserve` / `rivers`.
fs::path write_project(const fs::path& dir, const std::string& reserve, const std::string& rivers) {
    fs::create_directories(dir);
    std::ofstream(dir / "project.toml") << "[project]\nname = \"t\"\nworking_epsg = 4544\n"
                                        << "[layers.district]\npath = \"" << kMiniDir << "/district.geojson\"\n"
                                        << "[layers.reserve_zones]\npath = \"" << reserve << "\"\nzone_field = \"GNFQ\"\n"
                                        << "[layers.rivers]\npath = \"" << rivers << "\"\nname_field = \"HLMC\"\n"
                                        << "[layers.landuse]\npath = \"" << kMiniDir << "/landuse.geojson\"\n"
                                        << "code_field = \"DLBM\"\n";
    return dir / "project.toml";
}

}  // namespace

TEST_CASE("layers read two at a time are the layers read one by one", "[catalogue]") {
    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_catalogue_" + std::to_string(::getpid()));
    const auto project = layers::load_project(
        write_project(dir, kMiniDir + "/reserve_zones.geojson", kMiniDir + "/rivers.geojson").string());
    const geo::GeosContext geos;
    const auto all = layers::load_catalogue(project, geos, {VectorRole::Landuse, VectorRole::ReserveZones,
                                                            VectorRole::Rivers});
    for (VectorRole role : {VectorRole::Landuse, VectorRole::ReserveZones, VectorRole::Rivers}) {
        const auto alone = layers::load_catalogue(project, geos, {role});
        const auto* a = all.vector(role);
        const auto* b = alone.vector(role);
        REQUIRE(a);
        REQUIRE(b);
        REQUIRE(a->features.size() == b->features.size());
        for (size_t i = 0; i < a->features.size(); ++i) {
            CHECK(a->features[i].fid == b->features[i].fid);
            CHECK(a->features[i].attrs == b->features[i].attrs);
            // The geometry belongs to the caller's context now: GEOS compares them through it.
            CHECK(geos.predicate(GEOSEqualsExact_r(geos.handle(), a->features[i].geom.get(), b->features[i].geom.get(), 0),
                                 "equals"));
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("of several unreadable layers the first asked for is reported", "[catalogue]") {
    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_catalogue_bad_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "reserve_broken.geojson") << "{\"type\": \"FeatureCollection\", \"features\": [";
    std::ofstream(dir / "rivers_broken.geojson") << "this is not GeoJSON";
    const auto project = layers::load_project(
        write_project(dir, (dir / "reserve_broken.geojson").string(), (dir / "rivers_broken.geojson").string()).string());
    const geo::GeosContext geos;
    for (int round = 0; round < 5; ++round) {
        CHECK_THROWS_WITH(layers::load_catalogue(project, geos, {VectorRole::ReserveZones, VectorRole::Rivers}),
                          Catch::Contains("reserve_broken"));
        CHECK_THROWS_WITH(layers::load_catalogue(project, geos, {VectorRole::Rivers, VectorRole::ReserveZones}),
                          Catch::Contains("rivers_broken"));
    }
    fs::remove_all(dir);
}

TEST_CASE("a feature's bounds as read are its geometry's, and measured when unknown", "[catalogue]") {
    const geo::GeosContext geos;
    const auto layer = layers::read_vector(geos, kMiniDir + "/landuse.geojson");
    REQUIRE_FALSE(layer.features.empty());
    for (const auto& f : layer.features) {
        const auto b = geos.bounds(f.geom.get());
        CHECK_FALSE(f.bounds.empty);
        CHECK(f.bounds.minx == b.minx);
        CHECK(f.bounds.miny == b.miny);
        CHECK(f.bounds.maxx == b.maxx);
        CHECK(f.bounds.maxy == b.maxy);
    }
    layers::Feature made;  // a feature built in code, without bounds
    made.geom = geos.from_wkt("POLYGON((0 0, 3 0, 3 2, 0 2, 0 0))");
    const auto b = layers::bounds_of(made, geos);
    CHECK(b.maxx == 3.0);
    CHECK(b.maxy == 2.0);
    CHECK_FALSE(b.empty);
}
