// Every input the fuzzers (fuzz/, scripts/fuzz.sh) found crashing, leaking or hanging is kept in
// tests/data/fuzz_regressions/<target>/ once fixed, and replayed here exactly as the fuzz target
// fed it (fuzz/feed.h): the parser must accept it or refuse it with an ecozone::Error — never
// crash (ASan / UBSan in scripts/sanitize.sh), leak, or throw anything else.
#include "fuzz/feed.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> regressions(const std::string& target) {
    std::vector<fs::path> out;
    const fs::path dir = fs::path(ECOZONE_SOURCE_DIR) / "tests/data/fuzz_regressions" / target;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.is_regular_file()) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void replay(const std::string& target, void (*feed)(std::string_view)) {
    for (const fs::path& p : regressions(target)) {
        std::ifstream in(p, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO("replaying " << p.string());
        CHECK_NOTHROW(feed(bytes));
    }
}

}  // namespace

#define ECOZONE_FUZZ_REGRESSIONS(target)                                                        \
    TEST_CASE("fuzz regressions of " #target " are refused cleanly", "[fuzz]") {               \
        replay(#target, &ecozone::fuzz::feed_##target);                                        \
    }

ECOZONE_FUZZ_REGRESSIONS(project)
ECOZONE_FUZZ_REGRESSIONS(rules)
ECOZONE_FUZZ_REGRESSIONS(boundary_points)
ECOZONE_FUZZ_REGRESSIONS(wkt_csv)
ECOZONE_FUZZ_REGRESSIONS(coordinates)
ECOZONE_FUZZ_REGRESSIONS(dbf_encoding)
ECOZONE_FUZZ_REGRESSIONS(shapefile)
ECOZONE_FUZZ_REGRESSIONS(previous_register)

// The feeds themselves: the seeds' kinds of input are read, not refused for their packing.
TEST_CASE("fuzz feeds read what the CLI reads", "[fuzz]") {
    // A multi-file input: a length before every part but the last; lengths are clamped.
    const std::string packed = std::string("\x03\x00\x00\x00", 4) + "GBK" + "rest";
    const auto parts = ecozone::fuzz::split_parts(packed, 2);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0] == "GBK");
    CHECK(parts[1] == "rest");
    const std::string too_long = std::string("\xff\xff\xff\x7f", 4) + "ab";
    const auto clamped = ecozone::fuzz::split_parts(too_long, 3);
    CHECK(clamped[0] == "ab");
    CHECK(clamped[1].empty());
    CHECK(clamped[2].empty());
    // The sample project and rules file are accepted through the feeds.
    std::ifstream project(ECOZONE_SAMPLE_DIR "/hongsibu.toml", std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(project)), std::istreambuf_iterator<char>());
    CHECK(ecozone::fuzz::accepted([&] {
        (void)ecozone::layers::load_project(ecozone::fuzz::write_file("project.toml", text));
    }));
}
