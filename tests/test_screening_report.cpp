// screening.html and screening.gpkg on the mini county with the default Hongsibu rules: the
// report shows every verdict, fired rule and citation, escapes attribute text, draws a map per
// site; the GeoPackage reopens in GDAL with the expected layers, features and attributes.
#include "analysis/screening.h"
#include "report/common/html_util.h"
#include "report/screening/screening_gpkg.h"
#include "report/screening/screening_html.h"
#include "report/screening/screening_json.h"
#include "layers/gdal_handle.h"
#include "mini_screening.h"
#include "report/common/csv_table.h"
#include "report/screening/screening_table.h"
#include "test_config.h"

#include <unistd.h>
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

using namespace ecozone;
using layers::Verdict;
using layers::VectorRole;
namespace fs = std::filesystem;

namespace {

const std::string kMini = test::kMiniProject;
const std::string kRules = test::kSampleRules;
using test::square;

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

struct Fixture : test::MiniScreening {
    analysis::Screener screener{cat, rules, geos, options};
    std::vector<geo::GeomPtr> geoms;  // outlive the results
    std::vector<analysis::SiteResult> results;
    report::Provenance prov = [] {
        report::Provenance p;
        p.tool_version = "9.9.9-test";
        p.run_id = "abc123def456";
        p.started_utc = "2026-01-02T03:04:05Z";
        p.project_file = kMini;
        p.command_line = "ecozone screen mini.toml";
        return p;
    }();

    void add(const std::string& id, const std::string& name, const std::string& category, const std::string& wkt) {
        geoms.push_back(geos.from_wkt(wkt));
        analysis::SiteSpec s;
        s.id = id;
        s.name = name;
        s.category = category;
        s.geom = geoms.back().get();
        s.source = "sites.csv:" + std::to_string(results.size() + 2);
        results.push_back(screener.screen(s));
    }

    Fixture() {
        add("A-01", "核心区采石场", "mining", square(526200, 4136200, 526800, 4136800));
        add("B-02", "跨红线光伏", "pv_wind", square(523500, 4135000, 524500, 4136000));
        add("C-03", "<script>alert(1)</script>安置点", "housing", square(522200, 4132300, 522600, 4132700));
        add("D-04", "观景台", "tourism", "POINT(528300 4132300)");
        add("E-05", "县外选址", "housing", square(600000, 4130000, 600100, 4130100));
    }

    std::string html(bool en = false) {
        return report::screening_html(results, screener, cat, rules, prov, options.mode, geos, report::Lang{en},
                                   options.footprint_m);
    }
};

}  // namespace

TEST_CASE("the mini sites screen as the report expects", "[screening-report]") {
    Fixture f;
    REQUIRE(f.results.size() == 5);
    CHECK(f.results[0].verdict == Verdict::Prohibited);
    CHECK(f.results[1].verdict == Verdict::Prohibited);
    CHECK(f.results[2].verdict == Verdict::Restricted);
    CHECK(f.results[3].verdict == Verdict::Allowed);
    for (size_t i = 0; i < 4; ++i) CHECK(f.results[i].screened);
    CHECK_FALSE(f.results[4].screened);
    CHECK_FALSE(f.results[4].error.empty());
}

TEST_CASE("screening.html: summary first, verdicts, rules, citations, maps, escaping", "[screening-report]") {
    Fixture f;
    const std::string html = f.html();

    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(html.find("测试县 建设项目选址“三线一单”符合性筛查") != std::string::npos);
    // Header: project file, rules list and version, area mode, tool version, screening id, date.
    CHECK(html.find(report::html_escape(kMini)) != std::string::npos);
    CHECK(html.find(report::html_escape(f.rules.name)) != std::string::npos);
    CHECK(html.find(f.rules.version) != std::string::npos);
    CHECK(html.find("平面面积") != std::string::npos);
    CHECK(html.find("9.9.9-test") != std::string::npos);
    CHECK(html.find("abc123def456") != std::string::npos);
    CHECK(html.find("2026-01-02") != std::string::npos);

    // The summary table comes before the first site section.
    const size_t summary = html.find("<table class=\"summary\">");
    REQUIRE(summary != std::string::npos);
    CHECK(summary < html.find("<section id=\"site-1\""));
    CHECK(count(html, "<section id=\"site-") == 5);

    // Verdict badges (coloured) and labels.
    CHECK(html.find("badge prohibited") != std::string::npos);
    CHECK(html.find("badge restricted") != std::string::npos);
    CHECK(html.find("badge allowed") != std::string::npos);
    CHECK(html.find("#c62828") != std::string::npos);
    for (const auto& r : f.results) {
        if (r.screened) CHECK(html.find(">" + layers::verdict_label(r.verdict, "zh") + "</span>") != std::string::npos);
    }
    // Category names from the rules file.
    CHECK(html.find("采矿、采石、挖砂") != std::string::npos);
    CHECK(html.find("光伏、风电") != std::string::npos);

    // Every fired rule with its id and citation; the deciding ones also in the summary.
    size_t fired = 0;
    for (const auto& r : f.results) {
        for (const auto& fr : r.rules) {
            ++fired;
            CHECK(html.find(">" + fr.rule->id + "<") != std::string::npos);
            CHECK(html.find(report::html_escape(fr.rule->citation.document)) != std::string::npos);
            if (fr.rule->verdict == Verdict::Restricted) {
                CHECK(html.find(report::html_escape(fr.rule->requirement)) != std::string::npos);
            }
        }
    }
    CHECK(fired >= 3);
    CHECK(html.find("BH-03") != std::string::npos);
    CHECK(html.find("HX-01") != std::string::npos);

    // Zones touched with the value labels, both area columns.
    CHECK(html.find("自然保护区功能区 核心区") != std::string::npos);
    CHECK(html.find("河流生态缓冲带 苦水河") != std::string::npos);
    CHECK(html.find("椭球面积（公顷）") != std::string::npos);
    CHECK(html.find("平面面积（公顷）") != std::string::npos);
    CHECK(html.find("36.0000") != std::string::npos);  // the 600 m square in the core, planar ha

    // Land occupied: forest under site C -> the separate-approval sentence.
    CHECK(html.find("乔木林地") != std::string::npos);
    CHECK(html.find("占用林地、草地、耕地需另行办理审批手续") != std::string::npos);

    // Distances, with the school's name; "inside" for the reserve of site A.
    CHECK(html.find("测试小学") != std::string::npos);
    CHECK(html.find("位于其内") != std::string::npos);

    // Maps: one per screened site, legend, north arrow labelled 北, scale bar.
    CHECK(count(html, "<figure><svg xmlns") == 4);
    // Each map carries a locator inset of the district beside its frame (a nested SVG).
    CHECK(count(html, "<svg xmlns") == 8);
    CHECK(html.find(">北</text>") != std::string::npos);
    CHECK(html.find("图例") != std::string::npos);
    CHECK(html.find("生态保护红线") != std::string::npos);
    // The point site: drawn, and the footprint buffer explained.
    CHECK(html.find("已按 10 米缓冲为占地范围") != std::string::npos);

    // Escaping: the name appears escaped, never as markup.
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;安置点") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);

    // The site that could not be screened shows why.
    CHECK(html.find("未能筛查") != std::string::npos);
    CHECK(html.find(report::html_escape(f.results[4].error_text.zh)) != std::string::npos);
    // The reason is in the report's language: Chinese here, English in the English report.
    CHECK_FALSE(f.results[4].error_text.zh.empty());
    CHECK(f.results[4].error_text.zh != f.results[4].error_text.en);
    CHECK(f.html(true).find(report::html_escape(f.results[4].error_text.en)) != std::string::npos);
}

TEST_CASE("screening.html in English", "[screening-report]") {
    Fixture f;
    const std::string html = f.html(true);
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("site screening") != std::string::npos);
    CHECK(html.find(">prohibited</span>") != std::string::npos);
    CHECK(html.find(">restricted</span>") != std::string::npos);
    CHECK(html.find(">allowed</span>") != std::string::npos);
    CHECK(html.find("mining and quarrying") != std::string::npos);
    CHECK(html.find("planar area") != std::string::npos);
    CHECK(html.find(">N</text>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("screening.gpkg reopens with sites, overlaps and buffer belts", "[screening-report]") {
    Fixture f;
    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_screening_report_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "screening.gpkg").string();
    report::write_screening_gpkg(path, f.results, f.screener, f.cat, f.geos, f.options.mode, report::Lang{}, f.options.footprint_m);

    layers::ensure_gdal_registered();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        CHECK(ds->GetLayerCount() == 3);
        OGRLayer* sites = ds->GetLayerByName("sites");
        OGRLayer* overlaps = ds->GetLayerByName("overlaps");
        OGRLayer* belts = ds->GetLayerByName("buffer_belts");
        REQUIRE(sites);
        REQUIRE(overlaps);
        REQUIRE(belts);
        CHECK(sites->GetFeatureCount() == 5);
        CHECK(overlaps->GetFeatureCount() == 3);  // A in the core, B in the red line, C in the belt
        CHECK(belts->GetFeatureCount() == 1);
        CHECK(wkbFlatten(sites->GetGeomType()) == wkbMultiPolygon);
        CHECK(sites->GetSpatialRef()->GetAuthorityCode(nullptr) == std::string("4544"));

        std::map<std::string, OGRFeatureUniquePtr> by_id;
        for (auto& feat : *sites) by_id[feat->GetFieldAsString("site_id")] = OGRFeatureUniquePtr(feat->Clone());
        REQUIRE(by_id.size() == 5);
        CHECK(std::string(by_id["A-01"]->GetFieldAsString("verdict")) == "prohibited");
        CHECK(std::string(by_id["A-01"]->GetFieldAsString("verdict_label")) == "禁止");
        CHECK(std::string(by_id["A-01"]->GetFieldAsString("xzmc")) == "东镇");  // x 526200–526800: 东镇
        CHECK(std::string(by_id["A-01"]->GetFieldAsString("deciding_rules")).find("BH-03") != std::string::npos);
        CHECK(by_id["A-01"]->GetFieldAsDouble("area_ha") == Approx(36.0));
        CHECK(by_id["A-01"]->GetFieldAsInteger64("screened") == 1);
        CHECK(std::string(by_id["C-03"]->GetFieldAsString("name")) == "<script>alert(1)</script>安置点");
        CHECK(std::string(by_id["C-03"]->GetFieldAsString("verdict")) == "restricted");
        // The point site: written as its 10 m footprint.
        CHECK(std::string(by_id["D-04"]->GetFieldAsString("input_type")) == "point");
        CHECK(by_id["D-04"]->GetFieldAsDouble("footprint_m") == Approx(10.0));
        REQUIRE(by_id["D-04"]->GetGeometryRef());
        CHECK(by_id["D-04"]->GetGeometryRef()->toMultiPolygon()->get_Area() == Approx(314.0).epsilon(0.01));
        CHECK(std::string(by_id["D-04"]->GetFieldAsString("verdict")) == "allowed");
        // The site outside the district: kept, with its error and no verdict.
        CHECK(by_id["E-05"]->GetFieldAsInteger64("screened") == 0);
        CHECK_FALSE(by_id["E-05"]->IsFieldSetAndNotNull(by_id["E-05"]->GetFieldIndex("verdict")));
        // The reason in the file's language (Chinese here), the English one in the JSON's "error".
        REQUIRE(f.results[4].spec.id == "E-05");
        CHECK(std::string(by_id["E-05"]->GetFieldAsString("error")) == f.results[4].error_text.zh);
        CHECK(f.results[4].error.find("outside the district") != std::string::npos);

        std::map<std::string, OGRFeatureUniquePtr> pieces;
        for (auto& feat : *overlaps) pieces[feat->GetFieldAsString("site_id")] = OGRFeatureUniquePtr(feat->Clone());
        REQUIRE(pieces.count("A-01"));
        CHECK(std::string(pieces["A-01"]->GetFieldAsString("zone_role")) == "reserve_zones");
        CHECK(std::string(pieces["A-01"]->GetFieldAsString("zone_value")) == "core");
        CHECK(std::string(pieces["A-01"]->GetFieldAsString("value_label")) == "核心区");
        CHECK(std::string(pieces["A-01"]->GetFieldAsString("rule_ids")).find("BH-03") != std::string::npos);
        CHECK(pieces["A-01"]->GetFieldAsDouble("area_ha") == Approx(36.0));
        CHECK(pieces["A-01"]->GetFieldAsDouble("share_pct") == Approx(100.0));
        REQUIRE(pieces.count("B-02"));
        CHECK(std::string(pieces["B-02"]->GetFieldAsString("zone_role")) == "redline");
        CHECK(std::string(pieces["B-02"]->GetFieldAsString("feature_name")) == "测试红线");
        CHECK(std::string(pieces["B-02"]->GetFieldAsString("rule_ids")).find("HX-01") != std::string::npos);
        CHECK(pieces["B-02"]->GetFieldAsDouble("area_ha") == Approx(50.0));
        CHECK(pieces["B-02"]->GetGeometryRef()->toMultiPolygon()->get_Area() == Approx(500000.0));
        REQUIRE(pieces.count("C-03"));
        CHECK(std::string(pieces["C-03"]->GetFieldAsString("zone_role")) == "river_belts");
        CHECK(std::string(pieces["C-03"]->GetFieldAsString("feature_name")) == "苦水河");

        OGRFeatureUniquePtr belt(belts->GetNextFeature());
        REQUIRE(belt);
        CHECK(std::string(belt->GetFieldAsString("river")) == "苦水河");
        CHECK(belt->GetFieldAsDouble("width_m") == Approx(100.0));
    }
    fs::remove_all(dir);
}

TEST_CASE("a self-intersecting polygon and a line site are written as polygon footprints", "[screening-report]") {
    Fixture f;
    f.results.clear();
    f.add("F-06", "蝴蝶形", "tourism", "POLYGON((521500 4139000,521700 4139200,521700 4139000,521500 4139200,521500 4139000))");
    f.add("G-07", "输电线路", "linear_infrastructure", "LINESTRING(523000 4136500,525000 4136500)");
    REQUIRE(f.results[0].screened);
    REQUIRE(f.results[1].screened);
    CHECK(f.results[1].verdict == Verdict::Restricted);  // crosses the red line edge: HX-02

    const std::string html = f.html();
    CHECK(count(html, "<figure><svg xmlns") == 2);
    CHECK(html.find("HX-02") != std::string::npos);
    CHECK(html.find("已按 10 米缓冲为占地范围") != std::string::npos);

    const fs::path dir = fs::temp_directory_path() / ("ecozone_test_screening_report_b_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "screening.gpkg").string();
    report::write_screening_gpkg(path, f.results, f.screener, f.cat, f.geos, f.options.mode, report::Lang{true}, 10.0);
    layers::ensure_gdal_registered();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        OGRLayer* sites = ds->GetLayerByName("sites");
        REQUIRE(sites);
        CHECK(sites->GetFeatureCount() == 2);
        for (auto& feat : *sites) {
            REQUIRE(feat->GetGeometryRef());
            CHECK(wkbFlatten(feat->GetGeometryRef()->getGeometryType()) == wkbMultiPolygon);
            CHECK(feat->GetGeometryRef()->IsValid());
            CHECK(feat->GetFieldAsDouble("area_ha") > 0);
            if (std::string(feat->GetFieldAsString("site_id")) == "G-07") {
                CHECK(std::string(feat->GetFieldAsString("input_type")) == "line");
                CHECK(std::string(feat->GetFieldAsString("verdict_label")) == "restricted");
                CHECK(std::string(feat->GetFieldAsString("notes")) == "line site: footprint = buffer of 10 m");
            }
        }
        OGRLayer* overlaps = ds->GetLayerByName("overlaps");
        REQUIRE(overlaps);
        bool redline_piece = false;
        for (auto& feat : *overlaps) {
            if (std::string(feat->GetFieldAsString("site_id")) == "G-07" &&
                std::string(feat->GetFieldAsString("zone_role")) == "redline") {
                redline_piece = true;
                CHECK(std::string(feat->GetFieldAsString("rule_ids")).find("HX-02") != std::string::npos);
            }
        }
        CHECK(redline_piece);
    }
    fs::remove_all(dir);
}

TEST_CASE("the notes follow the report's language; screening.json carries both", "[screening-report]") {
    Fixture f;
    f.results.clear();
    f.add("F-06", "蝴蝶形", "tourism",
          "POLYGON((521500 4139000,521700 4139200,521700 4139000,521500 4139200,521500 4139000))");
    f.add("G-07", "输电线路", "linear_infrastructure", "LINESTRING(523000 4136500,525000 4136500)");
    REQUIRE(f.results[0].screened);
    REQUIRE_FALSE(f.results[0].notes.empty());
    const std::string repaired_zh = "边界自相交，已用 make-valid 修复";
    const std::string repaired_en = "self-intersecting boundary repaired with make-valid";
    const std::string footprint_zh = "线状选址：已按 10 米足迹缓冲作为占地范围";
    const std::string footprint_en = "line site: footprint = buffer of 10 m";

    SECTION("screening.html") {
        const std::string zh = f.html(), en = f.html(true);
        CHECK(zh.find(repaired_zh) != std::string::npos);
        CHECK(zh.find(footprint_zh) != std::string::npos);
        CHECK(zh.find(repaired_en) == std::string::npos);
        CHECK(en.find(repaired_en) != std::string::npos);
        CHECK(en.find(footprint_en) != std::string::npos);
        CHECK(en.find(repaired_zh) == std::string::npos);
    }
    SECTION("screening.csv") {
        const std::string zh =
            report::csv_table(report::screening_table(f.results, f.rules, f.options.mode, report::Lang{}));
        const std::string en =
            report::csv_table(report::screening_table(f.results, f.rules, f.options.mode, report::Lang{true}));
        CHECK(zh.find(repaired_zh) != std::string::npos);
        CHECK(zh.find(footprint_zh) != std::string::npos);
        CHECK(zh.find(footprint_en) == std::string::npos);
        CHECK(en.find(repaired_en) != std::string::npos);
        CHECK(en.find(footprint_en) != std::string::npos);
        CHECK(en.find(footprint_zh) == std::string::npos);
    }
    SECTION("screening.json: notes in Chinese and notes_en in English, like a rule's message / message_en") {
        const nlohmann::json j = report::screening_json(f.results, f.cat, f.rules, f.prov, f.options.mode);
        const nlohmann::json& line = j["sites"][1];
        REQUIRE(line["notes"].is_array());
        REQUIRE(line["notes_en"].is_array());
        CHECK(line["notes"].size() == line["notes_en"].size());
        CHECK(line["notes"][0] == footprint_zh);
        CHECK(line["notes_en"][0] == footprint_en);
        CHECK(j["sites"][0]["notes"][0].get<std::string>().rfind(repaired_zh, 0) == 0);
        CHECK(j["sites"][0]["notes_en"][0].get<std::string>().rfind(repaired_en, 0) == 0);
    }
}

TEST_CASE("screening.html summary: the rules that set each verdict, restrictions beside a prohibition",
          "[screening-report]") {
    Fixture f;
    const std::string html = f.html();
    const size_t begin = html.find("<table class=\"summary\">");
    const std::string summary = html.substr(begin, html.find("</table>", begin) - begin);
    auto row_of = [&](const std::string& id) {
        const size_t at = summary.find(">" + id + "</a>");
        REQUIRE(at != std::string::npos);
        return summary.substr(at, summary.find("</tr>", at) - at);
    };
    // A-01, mining in the reserve core: prohibited by the reserve rule; mining outside the parks
    // (YQ-02) is a restriction that would still apply elsewhere.
    const std::string a = row_of("A-01");
    CHECK(a.find("BH-03") != std::string::npos);
    CHECK(a.find("另有限制：YQ-02") != std::string::npos);
    // B-02, PV across the red line: prohibited by HX-01; the allowed layout rule YQ-03 is not a
    // deciding rule of a prohibition.
    const std::string b = row_of("B-02");
    CHECK(b.find("HX-01") != std::string::npos);
    CHECK(b.find("YQ-03") == std::string::npos);
    // D-04, a viewing platform outside every zone: allowed, ordinary EIA.
    CHECK(row_of("D-04").find("按一般环评程序办理") != std::string::npos);
    // Each site's facts line says where it is.
    CHECK(html.find("位于东镇") != std::string::npos);
}

TEST_CASE("site maps lead from the site to the nearest protected zone it does not touch", "[screening-report]") {
    Fixture f;
    const std::string html = f.html();
    // Each leader's label is the distance of the distances table, rounded to the metre.
    size_t leaders = 0;
    for (const auto& r : f.results) {
        for (const auto& d : r.distances) {
            if (d.what != "redline" || !(d.metres > 0) || d.metres > 3000) continue;
            ++leaders;
            CHECK(html.find("距生态保护红线 " + report::format_number(d.metres, 0) + " 米") != std::string::npos);
        }
    }
    CHECK(leaders >= 1);
    CHECK(html.find("至最近保护对象的距离") != std::string::npos);
}

TEST_CASE("site maps show village and township boundaries and name the villages in view", "[screening-report]") {
    // mini_audit.toml adds four villages; A site in 东一村 (x 525000–527500, y 4130000–4140000).
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini_audit.toml"), geos);
    const auto rules = layers::load_rules(kRules);
    const analysis::ScreeningOptions options;
    const analysis::Screener screener(cat, rules, geos, options);
    geo::GeomPtr g = geos.from_wkt(square(525600, 4131000, 526000, 4131400));
    analysis::SiteSpec s;
    s.id = "V-1";
    s.category = "pv_wind";
    s.geom = g.get();
    const std::vector<analysis::SiteResult> results = {screener.screen(s)};
    report::Provenance prov;
    const std::string html =
        report::screening_html(results, screener, cat, rules, prov, options.mode, geos, report::Lang{false}, 10);
    CHECK(html.find(">东一村<") != std::string::npos);
    CHECK(html.find("村界") != std::string::npos);
    CHECK(html.find("乡镇界") != std::string::npos);
}

TEST_CASE("screening.html: each fired rule's part in the verdict, and the rules that could not be assessed",
          "[screening-report]") {
    Fixture f;
    const std::string html = f.html();
    // The quarry in the core: the reserve's prohibition decides, the outside-the-parks
    // restriction stands beside it; the mini county has no water sources, so their rules for
    // mining are not assessed and the verdict says it is incomplete.
    const size_t a = html.find("id=\"site-1\"");
    const size_t b = html.find("id=\"site-2\"");
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    const std::string site1 = html.substr(a, b - a);
    CHECK(count(site1, "决定结论") >= 1);
    CHECK(site1.find("另有限制") != std::string::npos);
    CHECK(site1.find("未评估（缺少图层：饮用水水源保护区）") != std::string::npos);
    CHECK(site1.find("结论不完整") != std::string::npos);
    // The observation deck (D-04, tourism, allowed): no rule decides an allowed site; an allowed
    // rule is shown as conditions / advice, never as deciding.
    const size_t d = html.find("id=\"site-4\"");
    const size_t e = html.find("id=\"site-5\"");
    const std::string site4 = html.substr(d, e - d);
    CHECK(site4.find("决定结论") == std::string::npos);
    // English labels.
    const std::string en = f.html(true);
    CHECK(en.find("also restricts") != std::string::npos);
    CHECK(en.find("not assessed (missing layer: drinking-water source zones)") != std::string::npos);
    CHECK(en.find("incomplete") != std::string::npos);
}

TEST_CASE("each distance names the feature it measured (the site map draws its leader to it)", "[screening-report]") {
    // Brute force over every feature of the layer: the named feature is at the reported distance
    // and no feature is nearer.
    Fixture f;
    const std::map<std::string, VectorRole> role_of = {{"river", VectorRole::Rivers},
                                                       {"water_source", VectorRole::WaterSources},
                                                       {"reserve", VectorRole::ReserveZones},
                                                       {"redline", VectorRole::Redline}};
    int checked = 0;
    for (const auto& r : f.results) {
        if (!r.screened) continue;
        const geo::GeomPtr fp = f.geos.from_wkb(r.footprint_wkb.data(), r.footprint_wkb.size());
        for (const auto& d : r.distances) {
            const auto role = role_of.find(d.what);
            if (role == role_of.end() || d.metres < 0) continue;
            const auto zones = f.screener.zone_geometries(role->second);
            REQUIRE(d.nearest_feature >= 0);
            REQUIRE(static_cast<size_t>(d.nearest_feature) < zones.size());
            double nearest = 1e300;
            for (const auto& [value, g] : zones) {
                double m = 0;
                REQUIRE(GEOSDistance_r(f.geos.handle(), fp.get(), g, &m) == 1);
                nearest = std::min(nearest, m);
            }
            double named = 0;
            REQUIRE(GEOSDistance_r(f.geos.handle(), fp.get(), zones[static_cast<size_t>(d.nearest_feature)].second,
                                   &named) == 1);
            CHECK(named == Approx(d.metres).margin(1e-6));
            CHECK(nearest == Approx(d.metres).margin(1e-6));
            ++checked;
        }
    }
    CHECK(checked >= 8);
    // The unscreened site (E-05, outside the district) has no distances, so its map has no leader.
    CHECK(f.results[4].distances.empty());
}
