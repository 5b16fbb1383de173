// `ecozone audit` end to end on the sample project: the register's scope, and a previous
// register compared under it.
#include "cli/command.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using namespace ecozone::cli;

namespace {

const std::string kSample = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";

int run(std::vector<std::string> args) {
    std::vector<const char*> argv = {"ecozone"};
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream o, e;
    return run_cli(static_cast<int>(argv.size()), argv.data(), {o, e});
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / "ecozone_test_cmd_audit" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("a district-wide previous register compared under the protected scope: nothing reads as restored",
          "[cmd][audit]") {
    const fs::path district = fresh_dir("district"), scoped = fresh_dir("scoped");
    REQUIRE(run({"audit", kSample, "--scope", "district", "--out", district.string()}) == kExitOk);
    REQUIRE(run({"audit", kSample, "--previous", (district / "patches.gpkg").string(), "--out", scoped.string()}) ==
            kExitOk);
    const auto all = read_json(district / "audit.json");
    const auto j = read_json(scoped / "audit.json");
    CHECK(j["method"]["scope"] == "protected");
    CHECK(all["patches"].size() == j["patches"].size() + j["stages"]["outside_protected"].get<size_t>());
    std::map<std::string, int> statuses;
    for (const auto& p : j["patches"]) statuses[p["change"].get<std::string>()]++;
    // Every registered patch was in the previous register as it is; the patches outside the
    // protected areas are out of scope on both sides, not "restored".
    CHECK(statuses["unchanged"] == static_cast<int>(j["patches"].size()));
    CHECK(statuses.count("restored") == 0);
}

TEST_CASE("the thread count changes nothing in the register", "[cmd][audit][threads]") {
    const fs::path one = fresh_dir("threads1"), many = fresh_dir("threads3");
    REQUIRE(run({"audit", kSample, "--scope", "district", "--threads", "1", "--out", one.string()}) == kExitOk);
    REQUIRE(run({"audit", kSample, "--scope", "district", "--threads", "3", "--out", many.string()}) == kExitOk);
    const auto a = read_json(one / "audit.json"), b = read_json(many / "audit.json");
    CHECK(a["patches"] == b["patches"]);
    CHECK(a["stages"] == b["stages"]);
}
