// `ecozone campaign run --local 2` end to end on three small generated counties
// (tests/campaign/make_counties.sh): the province's areas equal the sums of three single
// `ecozone indicators` runs, its percentages the ratios of those sums (computed here, by hand);
// a county whose project names a missing file fails its tasks, `status` says why, `merge`
// refuses, and after the fix a re-run runs those tasks only.  About 15 s.
#include "analysis/campaign/task_status.h"
#include "cli/command.h"
#include "run_ecozone.h"
#include "geo/errors.h"
#include "report/campaign/merged_registers.h"
#include "test_config.h"

#include "report/audit/patch_images.h"

#include <catch2/catch.hpp>
#include <optional>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace ecozone::cli;

namespace {

const std::string kEcozone = std::string(ECOZONE_BINARY_DIR) + "/cli/ecozone";
const std::string kSamplegen = std::string(ECOZONE_BINARY_DIR) + "/samplegen/ecozone-samplegen";

int run(std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) {
    return ecozone::test::run_ecozone(args, out, err);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void replace_in_file(const fs::path& p, const std::string& from, const std::string& to) {
    std::string s = slurp(p);
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    std::ofstream(p, std::ios::binary | std::ios::trunc) << s;
}

nlohmann::json json_of(const fs::path& p) {
    return nlohmann::json::parse(slurp(p));
}

// Hectares to 4 decimals as whole square metres: the sums below are exact.
long long m2(double ha) {
    return std::llround(ha * 1e4);
}

}  // namespace

TEST_CASE("campaign run --local 2: exact province sums, a failed county re-run alone", "[campaign][slow]") {
    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_campaign_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const std::string make = std::string(ECOZONE_SOURCE_DIR) + "/tests/campaign/make_counties.sh";
    REQUIRE(std::system(("bash '" + make + "' '" + kSamplegen + "' '" + dir.string() + "'").c_str()) == 0);
    const std::vector<fs::path> projects = {dir / "a/hongsibu.toml", dir / "b/hongsibu.toml", dir / "c/county2.toml"};

    // The independent computation: each county on its own, as a planner would run it.
    long long area = 0, forest = 0, wetland = 0, protected_wetland = 0, redline = 0;
    for (size_t i = 0; i < projects.size(); ++i) {
        const fs::path out = dir / "single" / std::to_string(i);
        REQUIRE(run({"indicators", projects[i].string(), "--out", out.string()}) == kExitOk);
        const auto j = json_of(out / "indicators.json");
        const auto& d = j["zones"][0];
        REQUIRE(d["level"] == "district");
        area += m2(d["area_ha"].get<double>());
        forest += m2(d["forest"]["area_ha"].get<double>());
        wetland += m2(d["wetland"]["area_ha"].get<double>());
        protected_wetland += m2(d["wetland"]["protected_ha"].get<double>());
        redline += m2(d["redline"]["area_ha"].get<double>());
    }

    // County b names a district outline that is not there: its three tasks, which all read it, fail.
    replace_in_file(projects[1], "\"district.shp\"", "\"missing_district.shp\"");
    const fs::path camp = dir / "out";
    const std::string campaign = (dir / "campaign.toml").string();
    std::string out, err;
    CHECK(run({"campaign", "run", campaign, "--out", camp.string(), "--local", "2", "--ecozone", kEcozone, "--lang",
               "en"},
              &out, &err) == kExitProblems);
    CHECK(err.find("FAILED task 3") != std::string::npos);
    CHECK(run({"campaign", "status", camp.string(), "--lang", "en"}, &out, &err) == kExitProblems);
    CHECK(out.find("done 6, failed 3, missing 0 (of 9)") != std::string::npos);
    CHECK(out.find("missing_district.shp") != std::string::npos);
    CHECK(out.find("--array=3-5") != std::string::npos);
    CHECK(run({"campaign", "status", camp.string(), "--json"}, &out, &err) == kExitProblems);
    const auto status = nlohmann::json::parse(out);
    CHECK(status["resubmit_array"] == "3-5");
    CHECK(status["tasks"][4]["state"] == "failed");
    CHECK(status["tasks"][4]["record"]["error"].get<std::string>().find("missing_district.shp") != std::string::npos);
    // merge refuses while a county is missing, naming the tasks
    CHECK(run({"campaign", "merge", camp.string(), "--lang", "en"}, &out, &err) == kExitProblems);
    CHECK(err.find("3 task(s) not done: 3 乙县 indicators (failed); 4 乙县 screen (failed); 5 乙县 audit (failed)") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(camp / "merged"));

    // After the fix, a re-run runs those three tasks and nothing else, then merges.
    const auto done_before = fs::last_write_time(ecozone::analysis::campaign::status_path(camp.string(), 0));
    replace_in_file(projects[1], "\"missing_district.shp\"", "\"district.shp\"");
    CHECK(run({"campaign", "run", campaign, "--out", camp.string(), "--local", "2", "--ecozone", kEcozone, "--lang",
               "en"},
              &out, &err) == kExitOk);
    CHECK(err.find("6 tasks already done, skipped") != std::string::npos);
    CHECK(err.find("[3/3]") != std::string::npos);
    CHECK(err.find("[4/") == std::string::npos);
    CHECK(fs::last_write_time(ecozone::analysis::campaign::status_path(camp.string(), 0)) == done_before);
    CHECK(run({"campaign", "status", camp.string()}) == kExitOk);

    // The province: sums of the single runs, ratios of the sums.
    const auto p = json_of(camp / "merged/province_indicators.json")["province"];
    CHECK(m2(p["area_ha"].get<double>()) == area);
    CHECK(m2(p["forest_coverage"]["forest_ha"].get<double>()) == forest);
    CHECK(m2(p["wetland_protection_rate"]["wetland_ha"].get<double>()) == wetland);
    CHECK(m2(p["wetland_protection_rate"]["protected_ha"].get<double>()) == protected_wetland);
    CHECK(m2(p["redline_share"]["area_ha"].get<double>()) == redline);
    const double forest_pct = 100.0 * static_cast<double>(forest) / static_cast<double>(area);
    const double wetland_pct = 100.0 * static_cast<double>(protected_wetland) / static_cast<double>(wetland);
    const double redline_pct = 100.0 * static_cast<double>(redline) / static_cast<double>(area);
    CHECK(p["forest_coverage"]["value_pct"].get<double>() == Approx(forest_pct).margin(1e-6));
    CHECK(p["wetland_protection_rate"]["value_pct"].get<double>() == Approx(wetland_pct).margin(1e-6));
    CHECK(p["redline_share"]["value_pct"].get<double>() == Approx(redline_pct).margin(1e-6));
    // …which is not the mean of the counties' percentages (the counties differ in size)
    double mean = 0;
    const nlohmann::json merged_json = json_of(camp / "merged/province_indicators.json");  // held: the loop reads inside it
    for (const auto& c : merged_json["counties"]) mean += c["forest_pct"].get<double>() / 3;
    CHECK(std::abs(mean - forest_pct) > 0.01);

    // Every output of the merge, and the registers: every county's patches, ids unique.
    for (const char* f : {"province_indicators.json", "province_indicators.csv", "province_indicators.xlsx",
                          "province_indicators.gpkg", "province_indicators.html", "screening.csv", "patches.gpkg",
                          "patches.csv", "provenance.json", "campaign.manifest.json"}) {
        CHECK(fs::exists(camp / "merged" / f));
    }
    std::set<std::string> ids;
    size_t county_patches = 0;
    for (int task : {2, 5, 8}) {
        const fs::path csv = fs::path(json_of(camp / "tasks.json")["tasks"][task]["out"].get<std::string>()) / "patches.csv";
        const std::string text = slurp(csv);
        for (size_t at = text.find("\r\n6403"); at != std::string::npos; at = text.find("\r\n6403", at + 2)) ++county_patches;
    }
    CHECK(county_patches > 0);
    const std::string patches = slurp(camp / "merged/patches.csv");
    size_t rows = 0;
    for (size_t at = patches.find("\r\n6403"); at != std::string::npos; at = patches.find("\r\n6403", at + 2)) {
        ids.insert(patches.substr(at + 2, patches.find(',', at) - at - 2));
        ++rows;
    }
    CHECK(rows == county_patches);
    CHECK(ids.size() == rows);
    // The counties' pictures travel with their patches: every row, byte for byte; styled for QGIS.
    {
        auto open = [](const fs::path& file) {
            return GDALDatasetUniquePtr(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR));
        };
        GDALDatasetUniquePtr merged = open(camp / "merged/patches.gpkg");
        REQUIRE(merged);
        CHECK(merged->GetLayerByName("layer_styles"));
        OGRLayer* merged_images = merged->GetLayerByName(ecozone::report::kPatchImagesTable);
        REQUIRE(merged_images);
        GIntBig county_images = 0;
        std::string an_id;
        std::optional<std::string> its_png;
        for (int task : {2, 5, 8}) {
            GDALDatasetUniquePtr county =
                open(fs::path(json_of(camp / "tasks.json")["tasks"][task]["out"].get<std::string>()) / "patches.gpkg");
            REQUIRE(county);
            if (OGRLayer* images = county->GetLayerByName(ecozone::report::kPatchImagesTable)) {
                county_images += images->GetFeatureCount();
                if (an_id.empty() && images->GetFeatureCount() > 0) {
                    images->ResetReading();
                    OGRFeatureUniquePtr first(images->GetNextFeature());
                    an_id = first->GetFieldAsString("tbbh");
                    its_png = ecozone::report::read_patch_image(*county, an_id, true);
                }
            }
        }
        CHECK(county_images > 0);
        CHECK(merged_images->GetFeatureCount() == county_images);
        REQUIRE(its_png);
        CHECK(ecozone::report::read_patch_image(*merged, an_id, true) == its_png);
    }
    const auto prov = json_of(camp / "merged/provenance.json");
    CHECK(prov["tasks"].size() == 9);
    CHECK(prov["tasks"][0]["provenance"]["inputs"].size() > 10);
    CHECK(slurp(camp / "merged/screening.csv").find("\"乙县 (640392)\",") != std::string::npos);

    // Two counties giving the same patch id (here: one register listed twice) are refused, naming both.
    const std::string a_patches =
        (fs::path(json_of(camp / "tasks.json")["tasks"][2]["out"].get<std::string>()) / "patches.gpkg").string();
    ecozone::geo::GeosContext geos;
    try {
        ecozone::report::merge_patch_layers({{"甲县 (640391)", a_patches}, {"copy", a_patches}},
                                            (dir / "collide.gpkg").string(), 4544, "tbbh", geos);
        FAIL("no error");
    } catch (const ecozone::DataError& e) {
        CHECK(std::string(e.what()).find("is in both 甲县 (640391) (") != std::string::npos);
        CHECK(std::string(e.what()).find(") and copy (") != std::string::npos);
    }
    fs::remove_all(dir);
}
