// `check` on the mini county, whose gaps and overlaps are known by hand.
#include "analysis/coverage.h"
#include "analysis/project_check.h"
#include "test_config.h"

#include <catch2/catch.hpp>

using namespace ecozone;
using analysis::Severity;

namespace {
const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

analysis::CheckReport check(const std::string& file) {
    geo::GeosContext geos;
    return analysis::check_project(layers::load_project(kMini + file), geos);
}

// The first finding of severity `s` whose English sentence contains `text`, or null.
const analysis::Finding* find(const analysis::CheckReport& r, Severity s, const std::string& text) {
    auto in = [&](const std::vector<analysis::Finding>& fs) -> const analysis::Finding* {
        for (const auto& f : fs) {
            if (f.severity == s && f.message.en.find(text) != std::string::npos) return &f;
        }
        return nullptr;
    };
    if (const auto* f = in(r.findings)) return f;
    for (const auto& l : r.layers) {
        if (const auto* f = in(l.findings)) return f;
    }
    return nullptr;
}

bool mentions(const analysis::CheckReport& r, Severity s, const std::string& text) {
    return find(r, s, text) != nullptr;
}

// The Chinese sentence of the finding whose English sentence contains `text` ("" if none).
std::string chinese(const analysis::CheckReport& r, Severity s, const std::string& text) {
    const auto* f = find(r, s, text);
    return f ? f->message.zh : "";
}
}  // namespace

TEST_CASE("the mini project is clean", "[check]") {
    const auto r = check("mini.toml");
    CHECK(r.count(Severity::Problem) == 0);
    // Its only warnings are the layers it lacks (no water sources, no wetland protection layers
    // besides the reserve), each naming what goes unassessed.
    CHECK(r.count(Severity::Warning) == 4);
    for (const auto& f : r.findings) {
        if (f.severity == Severity::Warning) CHECK_THAT(f.message.en, Catch::StartsWith("the project has no [layers."));
    }
    CHECK(r.working.epsg == 4544);
    REQUIRE(r.coverage.size() == 2);
    for (const auto& c : r.coverage) {
        CHECK(c.result.gap_area_m2 == Approx(0.0).margin(1e-6));
        CHECK(c.result.overlap_area_m2 == Approx(0.0).margin(1e-3));
    }
}

TEST_CASE("坐落单位 codes are checked against the village each land-use polygon lies in", "[check]") {
    // landuse_units.geojson: four 1 km squares, one per village; the one in 东一村 says 东二村's code.
    const auto r = check("units.toml");
    const auto* w = find(r, Severity::Warning, "location-unit code");
    REQUIRE(w);
    CHECK_THAT(w->message.en, Catch::StartsWith("landuse_units.geojson: 1 polygons") &&
                                  Catch::Contains("6403990022020000000 lies in 640399002201 东一村"));
    CHECK_THAT(w->message.zh, Catch::Contains("1 个图斑的坐落单位代码（ZLDWDM）与所在村界不一致"));
    // The sample's land use agrees with its villages everywhere.
    const auto sample = analysis::check_project(
        layers::load_project(std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml"), geo::GeosContext{});
    CHECK(find(sample, Severity::Info, "location-unit code (ZLDWDM) of all 4045 polygons") != nullptr);
}

TEST_CASE("villages are checked to cover the district like townships", "[check]") {
    const auto r = check("mini_audit.toml");
    std::vector<std::string> what;
    for (const auto& c : r.coverage) {
        what.push_back(c.what);
        CHECK(c.result.gap_area_m2 == Approx(0.0).margin(1e-6));  // the four villages tile the 10 km square
        CHECK(c.result.overlap_area_m2 == Approx(0.0).margin(1e-3));
    }
    CHECK(what == std::vector<std::string>{"townships", "villages", "landuse"});
}

TEST_CASE("coverage gaps and overlaps equal hand-computed areas", "[check][coverage]") {
    geo::GeosContext geos;
    geo::AreaCalculator calc(geos, "EPSG:4544");
    auto region = geos.from_wkt("POLYGON((500000 4130000, 504000 4130000, 504000 4134000, 500000 4134000, 500000 4130000))");
    // Left piece 2 km wide, right piece from 2.5 km: a 0.5 km × 4 km gap = 2 km².
    // A third piece overlapping the left one by 1 km × 1 km = 1 km².
    auto a = geos.from_wkt("POLYGON((500000 4130000, 502000 4130000, 502000 4134000, 500000 4134000, 500000 4130000))");
    auto b = geos.from_wkt("POLYGON((502500 4130000, 504000 4130000, 504000 4134000, 502500 4134000, 502500 4130000))");
    auto c = geos.from_wkt("POLYGON((501000 4130000, 502000 4130000, 502000 4131000, 501000 4131000, 501000 4130000))");
    const auto r = analysis::measure_coverage(geos, calc, geo::AreaMode::Planar, region.get(), {a.get(), b.get(), c.get()});
    CHECK(r.gap_area_m2 == Approx(2e6));
    CHECK(r.overlap_area_m2 == Approx(1e6));
    CHECK(r.region_area_m2 == Approx(16e6));
    CHECK(r.covered_area_m2 == Approx(14e6));
}

TEST_CASE("check reports each bad input as a problem naming the file and the fix", "[check][bad-input]") {
    SECTION("required field absent") {
        const auto r = check("missing_field.toml");
        CHECK(mentions(r, Severity::Problem, "field 'XZQMC_TYPO'"));
        CHECK(mentions(r, Severity::Problem, "fix name_field"));
    }
    SECTION("unknown working EPSG") {
        CHECK(mentions(check("unknown_epsg.toml"), Severity::Problem, "working_epsg = 99999 is not a known EPSG code"));
    }
    SECTION("layer far outside the district") {
        CHECK(mentions(check("far_layer.toml"), Severity::Problem, "every feature lies outside the district"));
    }
    SECTION("empty layer") {
        CHECK(mentions(check("empty_layer.toml"), Severity::Problem, "empty.geojson: the layer has no features"));
    }
    SECTION("missing .prj on the district") {
        CHECK(mentions(check("no_prj.toml"), Severity::Problem, ".prj file is missing"));
    }
    SECTION("truncated land-use shapefile") {
        const auto r = check("truncated.toml");
        CHECK(mentions(r, Severity::Problem, "truncated.shp: truncated"));
    }
    SECTION("a coded value the project does not map") {
        CHECK(mentions(check("unmapped_value.toml"), Severity::Problem, "'实验区' ×1"));
    }
}

TEST_CASE("land-use codes outside the 三调 classification are problems", "[check][landuse]") {
    CHECK(mentions(check("unknown_code.toml"), Severity::Problem, "'0499' ×1"));
}

TEST_CASE("check validates the rules file as screening would", "[check][rules]") {
    CHECK(mentions(check("bad_rules.toml"), Severity::Problem, "duplicate_id.toml"));
}

TEST_CASE("findings check composes are in Chinese and English, with the same figures", "[check][lang]") {
    // GBK sites without a .cpg, in EPSG:4490, 70–100 km east of the mini district.
    const auto r = check("gbk_sites.toml");
    SECTION("the detected encoding") {
        const auto* f = find(r, Severity::Info, "GBK (read as its superset GB18030)");
        REQUIRE(f);
        CHECK(f->message.en ==
              "../encoding/gbk_no_cpg.shp: GBK (read as its superset GB18030) detected from 4 non-ASCII values "
              "(no .cpg; the DBF language-driver id 0x57 only says \"the writer's ANSI code page\")");
        CHECK(f->message.zh ==
              "../encoding/gbk_no_cpg.shp：检测到 GBK 编码（按其超集 GB18030 读取），依据 4 个非 ASCII 值"
              "（未提供 .cpg；DBF 语言驱动标识 0x57 只表示“写入方的 ANSI 代码页”）");
    }
    SECTION("the reprojection") {
        const auto* f = find(r, Severity::Info, "reprojected");
        REQUIRE(f);
        CHECK(f->message.en == "../encoding/gbk_no_cpg.shp: reprojected from EPSG:4490 to EPSG:4544");
        CHECK(f->message.zh == "../encoding/gbk_no_cpg.shp：已从 EPSG:4490 重投影到 EPSG:4544");
    }
    SECTION("a layer outside the district, the distance the same in both") {
        const auto* f = find(r, Severity::Problem, "every feature lies outside the district (nearest ");
        REQUIRE(f);
        const std::string km = f->message.en.substr(f->message.en.find("nearest ") + 8, 4);
        CHECK_THAT(f->message.zh, Catch::Contains("行政区之外") && Catch::Contains("相距 " + km + " 千米") &&
                                      Catch::Contains("坐标系"));
    }
}

TEST_CASE("every bad-input finding check composes has its Chinese sentence", "[check][lang]") {
    {
        // An error a reader threw carries both languages (ecozone::Error), and so does the finding.
        const auto r = check("missing_field.toml");
        const auto* f = find(r, Severity::Problem, "fix name_field");
        REQUIRE(f);
        CHECK_THAT(f->message.zh,
                   Catch::Contains("townships.geojson：字段“XZQMC_TYPO”（项目文件中的 name_field）不存在；"
                                   "现有字段：XZQDM, XZQMC；请改正项目文件中的 name_field"));
    }
    CHECK_THAT(chinese(check("far_layer.toml"), Severity::Problem, "every feature lies outside"),
               Catch::Contains("far_redline.geojson：所有要素都在行政区之外（最近的相距 90.0 千米）"));
    CHECK_THAT(chinese(check("empty_layer.toml"), Severity::Problem, "the layer has no features"),
               Catch::Contains("empty.geojson：图层中没有要素"));
    CHECK_THAT(chinese(check("unmapped_value.toml"), Severity::Problem, "'实验区' ×1"),
               Catch::Contains("未映射的取值：'实验区' ×1") && Catch::Contains("[layers.reserve_zones.values]"));
    CHECK_THAT(chinese(check("unknown_code.toml"), Severity::Problem, "'0499' ×1"),
               Catch::Contains("不属于三调工作分类的地类编码：'0499' ×1"));
    CHECK_THAT(chinese(check("township_outside.toml"), Severity::Warning, "features lie outside the district"),
               Catch::Contains("个要素位于行政区之外（fid "));
}
