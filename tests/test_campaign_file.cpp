// The campaign's stages alone: the campaign file's errors (one line, both languages, naming the
// file and the fix), the plan's refusals, Slurm array lists, the province arithmetic (sums, ratios
// of sums, not-assessed naming the counties, mixed bases refused) and the CSV record splitter.
#include "analysis/campaign/campaign_file.h"
#include "analysis/campaign/plan.h"
#include "analysis/campaign/province_indicators.h"
#include "analysis/campaign/slurm_scripts.h"
#include "analysis/campaign/task_status.h"
#include "geo/errors.h"
#include "report/campaign/merged_registers.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace campaign = ecozone::analysis::campaign;
using ecozone::DataError;
using ecozone::Error;

namespace {

const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

// A campaign file in a fresh folder; returns its path.
std::string campaign_file(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_campaign_file_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / (name + ".toml");
    std::ofstream(p) << text;
    return p.string();
}

std::string error_of(const std::string& path, bool en = true) {
    try {
        campaign::load_campaign(path);
    } catch (const Error& e) {
        return e.text(en);
    }
    return "";
}

}  // namespace

TEST_CASE("campaign file: every mistake names the file and the fix, in both languages", "[campaign]") {
    const std::string mini = kMini + "mini_indicators.toml";
    const auto unknown = campaign_file("unknown_job", "jobs = [\"indicator\"]\n[[county]]\nproject = \"" + mini + "\"\n");
    CHECK(error_of(unknown).find("unknown_job.toml:1: unknown job 'indicator'; did you mean 'indicators'? jobs are: "
                                 "indicators, screen, audit") != std::string::npos);
    CHECK(error_of(unknown, false).find("未知的作业“indicator”") != std::string::npos);

    const auto missing = campaign_file("missing", "jobs = [\"indicators\"]\n[[county]]\nproject = \"nowhere/x.toml\"\n");
    CHECK(error_of(missing).find("missing.toml:3: project = \"") != std::string::npos);
    CHECK(error_of(missing).find("nowhere/x.toml\": no such file") != std::string::npos);
    CHECK(error_of(missing, false).find("找不到文件") != std::string::npos);

    const auto twice = campaign_file("twice", "jobs = [\"indicators\"]\n[[county]]\nproject = \"" + mini +
                                                  "\"\n[[county]]\nproject = \"" + kMini + "../mini/mini_indicators.toml\"\n");
    CHECK(error_of(twice).find("mini_indicators.toml is listed twice (counties 1 and 2") != std::string::npos);

    const auto nojobs = campaign_file("nojobs", "[[county]]\nproject = \"" + mini + "\"\n");
    CHECK(error_of(nojobs).find("nojobs.toml: no jobs to run") != std::string::npos);
    const auto typo = campaign_file("typo", "jobs = [\"indicators\"]\ncounty_folder = \"x\"\n");
    CHECK(error_of(typo).find("typo.toml:2: unknown key 'county_folder'") != std::string::npos);
    CHECK(error_of(campaign_file("none", "jobs = [\"audit\"]\n")).find("no counties") != std::string::npos);

    // screen needs sites: the mini county's indicators project has no sites layer
    const auto screen = campaign_file("screen", "jobs = [\"indicators\", \"screen\"]\n[[county]]\nproject = \"" + mini + "\"\n");
    const campaign::Campaign c = campaign::load_campaign(screen);
    REQUIRE(c.counties.size() == 1);
    try {
        campaign::make_plan(c, fs::path(screen).parent_path() / "plan", "/bin/true");
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()).find("screen.toml: job screen needs sites") != std::string::npos);
        CHECK(std::string(e.what()).find("write sites = \"…\" in its [[county]]") != std::string::npos);
    }
}

TEST_CASE("campaign plan: tasks, commands, folders and array lists", "[campaign]") {
    const auto file = campaign_file("plan", "name = \"p\"\njobs = [\"indicators\", \"audit\"]\nthreads = 2\n[[county]]\nproject = \"" +
                                                kMini + "mini_indicators.toml\"\n");
    const campaign::Plan p = campaign::make_plan(campaign::load_campaign(file), "camp-plan", "bin/ecozone");
    // Only written into memory and compared: nothing is created in camp-plan or run from bin/.
    const std::string dir = std::filesystem::absolute("camp-plan").lexically_normal().string();
    REQUIRE(p.tasks.size() == 2);
    CHECK(p.tasks[1].job == "audit");
    CHECK(p.dir == dir);
    CHECK(p.tasks[1].out.rfind(dir + "/tasks/0001-", 0) == 0);
    CHECK(p.tasks[0].args == std::vector<std::string>{"indicators", kMini + "mini_indicators.toml", "--out", p.tasks[0].out,
                                                      "--lang", "zh", "--threads", "2"});
    CHECK(p.tasks[0].resources.memory_mb >= 256);
    CHECK(p.tasks[0].resources.memory_mb % 64 == 0);
    const std::string sbatch = campaign::campaign_sbatch(p);
    CHECK(sbatch.find("#SBATCH --array=0-1\n") != std::string::npos);
    CHECK(sbatch.find("#SBATCH --cpus-per-task=2\n") != std::string::npos);
    CHECK(sbatch.find("exec 'bin/ecozone' campaign run-task '" + dir + "' \"$SLURM_ARRAY_TASK_ID\"") != std::string::npos);
    const std::string submit = campaign::submit_sh(p, "1");
    CHECK(submit.find("--array=1 ") != std::string::npos);
    CHECK(submit.find("--dependency=afterok:$array_job --kill-on-invalid-dep=yes") != std::string::npos);
    CHECK(campaign::array_list({3, 7}) == "3,7");
    CHECK(campaign::array_list({0, 1, 2, 5, 7, 8}) == "0-2,5,7-8");
    CHECK(campaign::shell_quote("it's") == "'it'\\''s'");
}

TEST_CASE("province figures: sums, ratios of the sums, and what is not assessed", "[campaign]") {
    auto county = [](std::string name, double area, double forest, double wetland, double prot, double red) {
        campaign::CountyFigures c;
        c.name = std::move(name);
        c.code = c.name == "big" ? "640001" : "640002";
        c.area_mode = "ellipsoidal";
        c.forest_basis = "post_sandiao";
        c.wetland_basis = "sandiao00";
        c.area_ha = area;
        c.forest_ha = forest;
        c.forest_pct = 100 * forest / area;
        c.forest_target_pct = 15;
        c.wetland_ha = wetland;
        c.wetland_protected_ha = prot;
        c.wetland_target_pct = 70;
        c.redline_ha = red;
        c.redline_baseline_ha = red;
        return c;
    };
    // a big county at 10 % and a small one at 40 %: the province is 11.5 %, not their mean 25 %
    std::vector<campaign::CountyFigures> cs = {county("big", 100000.0001, 10000, 800, 600, 30000),
                                               county("small", 1000, 400, 200, 200, 100)};
    auto p = campaign::province_figures(cs);
    CHECK(p.area_ha == 101000.0001);
    CHECK(p.forest.numerator_ha == 10400);
    CHECK(*p.forest.value_pct == Approx(100.0 * 10400 / 101000.0001).margin(1e-6));
    CHECK(*p.forest.target_pct == 15);
    CHECK_FALSE(*p.forest.met);
    CHECK(p.forest.margin_ha == Approx(0.15 * 101000.0001 - 10400).margin(1e-4));
    CHECK(*p.wetland.value_pct == Approx(80.0));
    CHECK(*p.redline.value_pct == Approx(100.0 * 30100 / 101000.0001).margin(1e-6));
    CHECK(*p.redline_not_decreased);

    // a county without a red line: the province's red line is not assessed, naming it
    cs[1].redline_assessed = false;
    cs[1].wetland_assessed = false;
    p = campaign::province_figures(cs);
    CHECK_FALSE(p.redline.assessed);
    CHECK_FALSE(p.redline.value_pct);
    CHECK(p.redline.lacking == std::vector<std::string>{"small (640002)"});
    CHECK_FALSE(p.wetland.assessed);
    CHECK(p.forest.assessed);

    cs[1].area_mode = "planar";
    try {
        campaign::province_figures(cs);
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()).find("county big (640001) has area_mode ellipsoidal but county small (640002) has "
                                         "planar: areas on different bases cannot be added") != std::string::npos);
    }
}

TEST_CASE("CSV records: quoted commas, quotes and line breaks stay in their record", "[campaign]") {
    const auto r = ecozone::report::csv_records("\xEF\xBB\xBF" "a,b\r\n\"x,\"\"y\"\"\r\nz\",2\r\n3,4\n");
    REQUIRE(r.size() == 3);
    CHECK(r[0] == "a,b");
    CHECK(r[1] == "\"x,\"\"y\"\"\r\nz\",2");
    CHECK(r[2] == "3,4");
}
