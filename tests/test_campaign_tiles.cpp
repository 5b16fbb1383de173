// A campaign whose audits are tiled (campaign file `tiles = "2x2"`, docs/campaign.md): one task per
// tile and a join that needs them, on Slurm as two arrays, locally as two waves; the merged register
// equals a single `ecozone audit` run field by field.
#include "analysis/campaign/campaign_file.h"
#include "analysis/campaign/plan.h"
#include "analysis/campaign/slurm_scripts.h"
#include "analysis/campaign/task_status.h"
#include "cli/command.h"
#include "geo/errors.h"
#include "register_features.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace ecozone;
namespace campaign = ecozone::analysis::campaign;

namespace {

const std::string kEcozone = std::string(ECOZONE_BINARY_DIR) + "/cli/ecozone";
const std::string kSample = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";

int run(std::vector<std::string> args, std::string* said = nullptr) {
    std::vector<const char*> argv = {"ecozone"};
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream o, e;
    const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), {o, e});
    if (said) *said = o.str() + e.str();
    return code;
}

fs::path campaign_file(const fs::path& dir, const std::string& tiles) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path f = dir / "campaign.toml";
    std::ofstream(f) << "name = \"tiled\"\njobs = [\"audit\"]\nlang = \"en\"\ntiles = \"" << tiles
                     << "\"\n[[county]]\nproject = \"" << kSample << "\"\n";
    return f;
}

}  // namespace

TEST_CASE("a tiled audit's plan: a task per tile, a join that needs them, two Slurm arrays", "[campaign][tiles]") {
    const fs::path dir = fs::temp_directory_path() / "ecozone_test_campaign_tiles_plan";
    const campaign::Campaign c = campaign::load_campaign(campaign_file(dir, "2×2").string());
    CHECK(c.tiles == "2x2");
    const campaign::Plan p = campaign::make_plan(c, (dir / "out").string(), "/opt/ecozone");
    REQUIRE(p.tasks.size() == 5);
    for (int k = 0; k < 4; ++k) {
        CHECK(p.tasks[static_cast<size_t>(k)].job == "audit-tile");
        CHECK(p.tasks[static_cast<size_t>(k)].needs.empty());
        CHECK(p.tasks[static_cast<size_t>(k)].args[4] == "--tile");
        CHECK(p.tasks[static_cast<size_t>(k)].args[5] == std::to_string(k));
    }
    CHECK(p.tasks[4].job == "audit");
    CHECK(p.tasks[4].needs == std::vector<int>{0, 1, 2, 3});
    CHECK(std::find(p.tasks[4].args.begin(), p.tasks[4].args.end(), "--from-tiles") != p.tasks[4].args.end());
    // Each tile task is granted memory for its quarter of the pixels.
    CHECK(p.tasks[0].resources.raster_pixels > 0);
    CHECK(p.tasks[0].resources.memory_mb <=
          campaign::estimate_resources("audit", 0, p.tasks[0].resources.raster_pixels * 4).memory_mb);
    const std::string submit = campaign::submit_sh(p, std::vector<int>{0, 1, 2, 3, 4});
    CHECK_THAT(submit, Catch::Contains("--array=0-3 -D"));
    CHECK_THAT(submit, Catch::Contains("--array=4 --dependency=afterok:$array_job --kill-on-invalid-dep=yes"));
    CHECK_THAT(submit, Catch::Contains("--dependency=afterok:$array_job:$join_job"));
    // Only the join left to do: it is submitted alone, without waiting for anything.
    const std::string join_only = campaign::submit_sh(p, std::vector<int>{4});
    CHECK_THAT(join_only, !Catch::Contains("array_job="));
    CHECK_THAT(join_only, Catch::Contains("--array=4 -D"));
    CHECK_THAT(join_only, Catch::Contains("--dependency=afterok:$join_job "));
    // tasks.json keeps the needs.
    campaign::write_plan_folder(p);
    CHECK(campaign::read_plan(p.dir).tasks[4].needs == std::vector<int>{0, 1, 2, 3});
    CHECK_THROWS_AS(campaign::load_campaign(campaign_file(dir, "2by2").string()), DataError);
    fs::remove_all(dir);
}

TEST_CASE("a campaign with a 2x2-tiled audit run --local 2 equals the single audit", "[campaign][tiles][audit]") {
    const fs::path dir = fs::temp_directory_path() / "ecozone_test_campaign_tiles";
    const fs::path file = campaign_file(dir, "2x2");
    const std::string out = (dir / "out").string();
    // The join run before its tiles refuses, and says why.
    REQUIRE(run({"campaign", "plan", file.string(), "--out", out, "--ecozone", kEcozone}) == 0);
    std::string said;
    CHECK(run({"campaign", "run-task", out, "4", "--lang", "en"}, &said) == 1);
    CHECK_THAT(said, Catch::Contains("task 4 needs tile tasks 0-3, not done yet"));
    REQUIRE(run({"campaign", "run", file.string(), "--out", out, "--local", "2", "--ecozone", kEcozone}, &said) == 0);
    INFO(said);
    REQUIRE(run({"audit", kSample, "--out", (dir / "single").string(), "--lang", "en", "--threads", "1"}) == 0);
    test::same_features(dir / "single" / "patches.gpkg", dir / "out" / "merged" / "patches.gpkg", "patches");
    test::same_features(dir / "single" / "patches.gpkg", dir / "out" / "tasks" / "0004-640303-audit" / "patches.gpkg",
                        "patches");
    fs::remove_all(dir);
}
