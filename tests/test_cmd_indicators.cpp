// `ecozone indicators` end to end on the mini county: every output written, figures in the
// JSON equal the hand values, and a failing run leaves earlier outputs untouched.
#include "cli/command.h"
#include "run_ecozone.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace ecozone::cli;

namespace {
const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

int run(std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) {
    return ecozone::test::run_ecozone(args, out, err);
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / "ecozone_test_cmd_indicators" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("indicators writes json, csv, gpkg and html with the hand-computed figures", "[cmd][indicators]") {
    const fs::path out = fresh_dir("ok");
    std::string stdout_text, stderr_text;
    REQUIRE(run({"indicators", kMini + "mini_indicators.toml", "--out", out.string(), "--area-mode", "planar",
                 "--lang", "en"},
                &stdout_text, &stderr_text) == kExitOk);
    CHECK(stderr_text.empty());
    for (const char* f : {"indicators.json", "indicators.csv", "landclass.csv", "indicators.xlsx", "indicators.gpkg",
                          "indicators.html", "indicators.manifest.json"}) {
        CHECK(fs::exists(out / f));
    }
    // Nothing but the outputs and their manifest: no temporary files left behind (libxlsxwriter's
    // included), beside the folder either.
    CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 7);
    for (const auto& e : fs::directory_iterator(out.parent_path())) {
        CHECK(e.path().filename().string().rfind(".ok.", 0) != 0);  // no partial folder, no lock
    }
    // The manifest names every file with the run id the reports carry.
    const auto manifest = nlohmann::json::parse(slurp(out / "indicators.manifest.json"));
    const auto report = nlohmann::json::parse(slurp(out / "indicators.json"));
    CHECK(manifest["run_id"] == report["provenance"]["run_id"]);
    CHECK(manifest["files"].size() == 6);
    const auto j = nlohmann::json::parse(slurp(out / "indicators.json"));
    CHECK(j["targets"]["forest_coverage"]["value_pct"].get<double>() == Approx(25.0));
    CHECK(j["targets"]["wetland_protection_rate"]["value_pct"].get<double>() == Approx(56.0));
    CHECK(j["targets"]["redline_share"]["share_pct"].get<double>() == Approx(23.0));
    CHECK_FALSE(j["targets"]["redline_share"]["not_decreased"].get<bool>());
    CHECK(j["method"]["area_mode"] == "planar");
    CHECK(j["zones"][2]["forest"]["coverage"]["margin_ha"].get<double>() == Approx(750.0));
    // Provenance: the project file and every input with its SHA-256.
    bool project_hashed = false;
    for (const auto& in : j["provenance"]["inputs"]) {
        CHECK(in["sha256"].get<std::string>().size() == 64);
        project_hashed |= in["role"] == "project";
    }
    CHECK(project_hashed);
    // The GeoPackage's protected wetland is the part of the wetland inside the protected area:
    // 1,400 ha by hand (56 % of the 2,500 ha of wetland), whether a polygon is cut or lies wholly inside.
    {
        GDALDatasetUniquePtr gpkg(GDALDataset::Open((out / "indicators.gpkg").string().c_str(), GDAL_OF_VECTOR));
        REQUIRE(gpkg);
        OGRLayer* wet = gpkg->GetLayerByName("protected_wetland");
        REQUIRE(wet);
        double m2 = 0;
        for (auto& f : *wet) m2 += f->GetGeometryRef()->toMultiPolygon()->get_Area();
        CHECK(m2 == Approx(1400e4).epsilon(1e-9));
    }
    const std::string csv = slurp(out / "indicators.csv");
    CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);  // UTF-8 BOM for Excel
    const std::string html = slurp(out / "indicators.html");
    CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("SHA-256") && Catch::Contains("测试县"));
    CHECK_THAT(stdout_text, Catch::Contains("forest coverage: 25.00%"));
}

TEST_CASE("the Chinese report's method section speaks Chinese", "[cmd][indicators]") {
    const fs::path out = fresh_dir("zh");
    REQUIRE(run({"indicators", kMini + "mini_indicators.toml", "--out", out.string()}, nullptr, nullptr) == kExitOk);
    const std::string html = slurp(out / "indicators.html");
    CHECK_THAT(html, Catch::Contains("CGCS2000 椭球面积") && Catch::Contains("项目文件指定") &&
                         Catch::Contains("湿地公园") && Catch::Contains("按 32×32 像元分块计算"));
    CHECK_THAT(html, !Catch::Contains("ellipsoidal area on the") && !Catch::Contains("<td>wetland_parks<") &&
                         !Catch::Contains("reserve_zones, wetland_parks") && !Catch::Contains("(project file)"));
}

TEST_CASE("a failing indicators run leaves earlier outputs untouched and no partial files", "[cmd][indicators]") {
    const fs::path out = fresh_dir("failing");
    std::ofstream(out / "indicators.json") << "{\"earlier\": true}";
    std::string err;
    CHECK(run({"indicators", kMini + "unknown_code.toml", "--out", out.string()}, nullptr, &err) == kExitProblems);
    CHECK_THAT(err, Catch::Contains("'0499'"));
    CHECK(slurp(out / "indicators.json") == "{\"earlier\": true}");
    CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 1);
}

TEST_CASE("indicators usage errors", "[cmd][indicators]") {
    CHECK(run({"indicators", kMini + "mini.toml"}) == kExitUsage);  // --out is required
    CHECK(run({"indicators", kMini + "mini.toml", "--out", "x", "--forest-basis", "nonsense"}) == kExitUsage);
}

TEST_CASE("the thread count changes no figure: the sample's indicators on one thread and on two",
          "[cmd][indicators][threads]") {
    const std::string sample = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";
    const fs::path one = fresh_dir("threads1"), two = fresh_dir("threads2");
    // 4 045 land-use polygons: enough for the vector route to use its workers.
    REQUIRE(run({"indicators", sample, "--out", one.string(), "--threads", "1"}) == kExitOk);
    REQUIRE(run({"indicators", sample, "--out", two.string(), "--threads", "2"}) == kExitOk);
    const auto a = nlohmann::json::parse(slurp(one / "indicators.json"));
    const auto b = nlohmann::json::parse(slurp(two / "indicators.json"));
    CHECK(a["zones"] == b["zones"]);
    CHECK(run({"indicators", sample, "--out", one.string(), "--threads", "-1"}) == kExitUsage);
}
