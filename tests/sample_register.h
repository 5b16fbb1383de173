#pragma once
// The sample project's outputs the workbench serves, made once per test run by the real commands:
// the patch register `ecozone audit` writes (and private copies of it for tests that write
// verifications into it) and the folder `ecozone indicators` writes.
#include "cli/command.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace ecozone::test {

// This process's own folder for them (ctest runs test cases in parallel processes, each making
// its own), removed when the process ends.
inline const std::filesystem::path& register_scratch() {
    struct Scratch {
        std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("ecozone_test_register_" + std::to_string(::getpid()));
        Scratch() {
            std::filesystem::remove_all(dir);
            std::filesystem::create_directories(dir);
        }
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    };
    static const Scratch scratch;
    return scratch.dir;
}

inline const std::filesystem::path& sample_register() {
    static const std::filesystem::path path = [] {
        namespace fs = std::filesystem;
        const fs::path dir = register_scratch() / "audit";
        fs::remove_all(dir);
        fs::create_directories(dir);
        const std::string project = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";
        const std::string out = dir.string();
        const char* argv[] = {"ecozone", "audit", project.c_str(), "--out", out.c_str()};
        std::ostringstream o, e;
        REQUIRE(cli::run_cli(5, argv, {o, e}) == cli::kExitOk);
        return dir / "patches.gpkg";
    }();
    return path;
}

// A fresh copy of the sample register named `name`.gpkg.
inline std::filesystem::path register_copy(const std::string& name) {
    namespace fs = std::filesystem;
    const fs::path p = register_scratch() / (name + ".gpkg");
    fs::remove(p);
    fs::copy_file(sample_register(), p);
    return p;
}

// The folder `ecozone indicators` writes for the sample project, made once per test run.
inline const std::filesystem::path& sample_indicators() {
    static const std::filesystem::path dir = [] {
        namespace fs = std::filesystem;
        const fs::path out = register_scratch() / "indicators";
        fs::remove_all(out);
        fs::create_directories(out.parent_path());
        const std::string project = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";
        const std::string out_text = out.string();
        const char* argv[] = {"ecozone", "indicators", project.c_str(), "--out", out_text.c_str()};
        std::ostringstream o, e;
        REQUIRE(cli::run_cli(5, argv, {o, e}) == cli::kExitOk);
        return out;
    }();
    return dir;
}

}  // namespace ecozone::test
