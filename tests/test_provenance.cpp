// The provenance lists what a command read and nothing else: the project's layers and rasters of
// the roles asked for, the rules as the project names them, files named on the command line in
// their place — each with its SHA-256, checked here against the digest of known bytes.
#include "layers/project.h"
#include "report/common/provenance.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace ecozone;

namespace {

std::set<std::string> roles_of(const report::Provenance& p) {
    std::set<std::string> out;
    for (const auto& f : p.inputs) out.insert(f.role);
    return out;
}

}  // namespace

TEST_CASE("provenance: only the inputs a command read, with their checksums", "[provenance]") {
    const layers::Project project = layers::load_project(std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml");
    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_provenance_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path given = dir / "after.tif";
    std::ofstream(given, std::ios::binary) << "abc";  // SHA-256 of "abc" is FIPS 180-2's first example

    SECTION("an audit with --after: the project's first raster, the given second one, no other layer") {
        report::InputSelection used;
        used.vectors = {layers::VectorRole::District, layers::VectorRole::Redline};
        used.rasters = {layers::RasterRole::Landuse};
        used.files = {{"landuse_after_raster", given.string(), std::nullopt}};
        const report::Provenance p = report::collect_provenance(project, "ecozone audit", used);
        CHECK(roles_of(p) == std::set<std::string>{"project", "district", "redline", "landuse_raster",
                                                    "landuse_after_raster"});
        const auto after = std::find_if(p.inputs.begin(), p.inputs.end(),
                                        [](const report::InputFile& f) { return f.role == "landuse_after_raster"; });
        REQUIRE(after != p.inputs.end());
        CHECK(after->file == given.string());
        CHECK(after->sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(after->bytes == 3);
        for (const auto& f : p.inputs) CHECK(f.file.find("landuse_2025") == std::string::npos);
    }
    SECTION("the rules are cited as the project file names them, not by a machine's path") {
        report::InputSelection used;
        used.rules = true;
        const report::Provenance p = report::collect_provenance(project, "ecozone screen", used);
        CHECK(roles_of(p) == std::set<std::string>{"project", "rules"});
        CHECK(p.inputs.back().path == "rules.toml");
        CHECK(fs::path(p.inputs.back().file).is_absolute());
    }
    SECTION("everything the project names, for the workbench") {
        const report::Provenance p =
            report::collect_provenance(project, "ecozone serve", report::all_project_inputs(project));
        std::set<std::string> expected{"project", "rules"};
        for (const auto& [role, spec] : project.vectors) expected.insert(layers::role_key(role));
        for (const auto& [role, spec] : project.rasters) expected.insert(std::string(layers::role_key(role)) + "_raster");
        CHECK(roles_of(p) == expected);
    }
    fs::remove_all(dir);
}
