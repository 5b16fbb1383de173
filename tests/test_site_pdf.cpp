// The per-site screening report PDF and the batch summary PDF (report/screening/site_pdf.h,
// summary_pdf.h): sites screened on the mini county are written as PDFs, read back with poppler's
// pdftotext and pdfinfo, and checked for what a planner must find on page 1 — the site, the verdict,
// a deciding rule and its citation, the boundary points — in one or two pages; hostile text is
// drawn as written; the summary of 300 sites lists every one, quickly.
#include "analysis/screening.h"
#include "geo/errors.h"
#include "mini_screening.h"
#include "report/screening/screening_html.h"
#include "report/screening/site_pdf.h"
#include "report/screening/summary_pdf.h"

#include <unistd.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include "command_output.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>

using namespace ecozone;
namespace fs = std::filesystem;
using layers::Verdict;
using test::square;

using ecozone::test::command_output;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> counter{0};
        path = fs::temp_directory_path() /
               ("ecozone_site_pdf_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

std::string pdf_text(const fs::path& pdf, int first = 0, int last = 0) {
    const std::string pages = first > 0 ? fmt::format(" -f {} -l {}", first, last) : "";
    return command_output(fmt::format("pdftotext -layout -enc UTF-8{} {} -", pages, pdf.string()));
}

int pdf_pages(const fs::path& pdf) {
    const std::string info = command_output("pdfinfo " + pdf.string());
    std::smatch m;
    if (!std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
    return std::stoi(m[1]);
}

// Without any white space: wrapped lines joined again.
std::string squashed(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') out += c;
    }
    return out;
}

bool contains(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

// A small map standing in for report/screening/site_map.h's (librsvg draws its text as outlines, so
// the label is not in pdftotext's output).
const std::string kMapSvg =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"592\" viewBox=\"0 0 760 592\" "
    "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','SimHei',sans-serif\" font-size=\"12\">"
    "<rect x=\"0\" y=\"0\" width=\"760\" height=\"592\" fill=\"#f4f8f0\" stroke=\"#333\"/>"
    "<path d=\"M200 200 L500 200 L500 420 L200 420 Z\" fill=\"#ff9800\" fill-opacity=\"0.35\" stroke=\"#000\"/>"
    "<text x=\"380\" y=\"30\" font-size=\"18\" text-anchor=\"middle\">MAPLABEL 测试地图</text></svg>";

struct Fixture : test::MiniScreening {
    analysis::Screener screener{cat, rules, geos, options};
    std::vector<geo::GeomPtr> geoms;  // outlive the results
    std::vector<analysis::SiteResult> results;
    std::vector<report::PdfRing> district;
    report::PdfFonts fonts;

    Fixture() {
        const layers::VectorLayer* d = cat.vector(layers::VectorRole::District);
        REQUIRE(d);
        REQUIRE_FALSE(d->features.empty());
        district = report::locator_outline(geos, d->features.front().geom.get());
        add("A-01", "核心区采石场", "mining", square(526200, 4136200, 526800, 4136800));
        add("C-03", "安置点", "housing", square(522200, 4132300, 522600, 4132700));
        add("D-04", "观景台", "tourism", "POINT(528300 4132300)");
        add("E-05", "县外选址", "housing", square(600000, 4130000, 600100, 4130100));
    }

    const analysis::SiteResult& add(const std::string& id, const std::string& name, const std::string& category,
                                    const std::string& wkt) {
        geoms.push_back(geos.from_wkt(wkt));
        analysis::SiteSpec s;
        s.id = id;
        s.name = name;
        s.category = category;
        s.geom = geoms.back().get();
        s.source = "sites.csv:" + std::to_string(results.size() + 2);
        results.push_back(screener.screen(s));
        return results.back();
    }

    // The view as the caller (cli/cmd_screen.cpp) builds it: from the result and its footprint,
    // then the run's own fields.
    report::SitePdfView view(const analysis::SiteResult& r, bool en = false, const GEOSGeometry* footprint = nullptr) {
        geo::GeomPtr own = report::site_footprint(geos, r.spec.geom, options.footprint_m);
        report::SitePdfView v =
            report::site_pdf_view(r, rules, options.mode, report::Lang{en}, footprint ? footprint : own.get(), geos);
        v.map_svg = kMapSvg;
        v.district_rings = district;
        v.crs = "CGCS2000 / 3-degree Gauss-Kruger CM 105E (EPSG:4544)";
        v.inputs = {{"项目文件", "mini.toml", "0123456789abcdef"},
                    {"生态保护红线", "redline.geojson", "fedcba9876543210"}};
        v.run_id = "abc123def456";
        v.version = "9.9.9-test";
        v.generated_utc = "2026-01-02T03:04:05Z";
        return v;
    }
};

}  // namespace

TEST_CASE("site PDF: page 1 has the site, verdict, deciding rule, citation and boundary points", "[site-pdf]") {
    Fixture f;
    TempDir dir;
    const analysis::SiteResult& r = f.results[0];
    REQUIRE(r.verdict == Verdict::Prohibited);
    const auto ids = analysis::verdict_rule_ids(r);
    REQUIRE_FALSE(ids.empty());
    const layers::Rule* rule = f.rules.rule(ids.front());
    REQUIRE(rule);

    const fs::path pdf = dir.path / "A-01.pdf";
    report::write_site_pdf(pdf.string(), f.view(r), report::Lang{}, f.fonts);
    const int pages = pdf_pages(pdf);
    CHECK((pages == 1 || pages == 2));

    const std::string page1 = pdf_text(pdf, 1, 1);
    const std::string flat = squashed(page1);
    CHECK(contains(page1, "建设项目选址研判报告"));
    CHECK(contains(page1, "核心区采石场"));
    CHECK(contains(page1, "A-01"));
    CHECK(contains(page1, "禁止"));
    CHECK(contains(page1, ids.front()));
    CHECK(contains(flat, squashed(rule->citation.document)));
    CHECK(contains(page1, "界址点"));
    CHECK(contains(page1, "4136200.000"));  // X (northing) of the first corner
    CHECK(contains(page1, "526200.000"));   // its Y (easting)
    CHECK(contains(page1, "公顷"));
    CHECK(contains(flat, "平面面积"));
    CHECK(contains(page1, "位置图"));
    CHECK(contains(page1, "位置示意"));  // the locator inset
    CHECK_FALSE(contains(page1, "地图无法绘制"));
    CHECK(contains(page1, "第 1 / "));  // footer

    // The whole document: the ring closed by J1 again, the inputs' checksums, run id and version.
    const std::string all = pdf_text(pdf);
    CHECK(std::regex_search(all, std::regex("J1\\s+4136200\\.000\\s+526200\\.000")));
    CHECK(contains(all, "0123456789abcdef"));
    CHECK(contains(all, "abc123def456"));
    CHECK(contains(all, "9.9.9-test"));
    CHECK(contains(all, "sites.csv:2"));  // reading notes: where the site came from
}

TEST_CASE("site PDF in English, and for restricted, allowed and unscreened sites", "[site-pdf]") {
    Fixture f;
    TempDir dir;
    const fs::path en = dir.path / "A-01-en.pdf";
    report::write_site_pdf(en.string(), f.view(f.results[0], true), report::Lang{true}, f.fonts);
    const std::string text = pdf_text(en, 1, 1);
    CHECK(contains(text, "Site screening report"));
    CHECK(contains(text, "prohibited"));
    CHECK(contains(text, "page 1 / "));
    CHECK_FALSE(contains(text, "禁止"));

    const std::pair<size_t, std::string> expected[] = {{1, "限制"}, {2, "允许"}, {3, "未能筛查"}};
    for (const auto& [i, word] : expected) {
        const fs::path pdf = dir.path / (f.results[i].spec.id + ".pdf");
        report::write_site_pdf(pdf.string(), f.view(f.results[i]), report::Lang{}, f.fonts);
        const int pages = pdf_pages(pdf);
        CHECK((pages == 1 || pages == 2));
        const std::string page1 = pdf_text(pdf, 1, 1);
        CHECK(contains(page1, f.results[i].spec.name));
        CHECK(contains(page1, word));
    }
    // A map librsvg cannot read is a note in its place, not a failed report.
    report::SitePdfView broken = f.view(f.results[1]);
    broken.map_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect";
    const fs::path bad = dir.path / "broken-map.pdf";
    REQUIRE_NOTHROW(report::write_site_pdf(bad.string(), broken, report::Lang{}, f.fonts));
    CHECK(contains(squashed(pdf_text(bad, 1, 1)), "地图无法绘制"));

    // The point site was buffered into a footprint: its points go on from J1 and close with J1.
    const report::SitePdfView point = f.view(f.results[2]);
    REQUIRE(point.points.size() > 10);
    CHECK(point.points.front().number == "J1");
    CHECK(point.points.back().number == "J1");
    CHECK(point.points.back().x == point.points.front().x);
}

TEST_CASE("site PDF: rings numbered, long point lists cut at two pages with the count left out", "[site-pdf]") {
    Fixture f;
    TempDir dir;
    // A parcel with a hole: two rings, numbered 1-J… and 2-J….
    const auto& holed = f.add("H-01", "带孔地块", "housing",
                              "POLYGON((522000 4132000,522800 4132000,522800 4132800,522000 4132800,522000 4132000),"
                              "(522200 4132200,522400 4132200,522400 4132400,522200 4132400,522200 4132200))");
    const report::SitePdfView v = f.view(holed);
    CHECK(v.ring_count == 2);
    CHECK(v.points.size() == 10);
    const fs::path pdf = dir.path / "H-01.pdf";
    report::write_site_pdf(pdf.string(), v, report::Lang{}, f.fonts);
    const std::string text = pdf_text(pdf);
    CHECK(contains(text, "1-J1"));
    CHECK(contains(text, "2-J5"));

    // 2,001 boundary points do not fit in two pages: the table is cut, the rest counted.
    geo::GeomPtr circle = f.geos.own(GEOSBuffer_r(f.geos.handle(), f.geoms[0].get(), 50, 500), "circle");
    const report::SitePdfView many = f.view(f.results[0], false, circle.get());
    REQUIRE(many.points.size() > 1000);
    const fs::path cut = dir.path / "many.pdf";
    report::write_site_pdf(cut.string(), many, report::Lang{}, f.fonts);
    CHECK(pdf_pages(cut) == 2);
    const std::string flat = squashed(pdf_text(cut));
    CHECK(contains(flat, "个界址点未列出"));
    CHECK(contains(flat, "screening.gpkg"));
    CHECK(contains(flat, "六、数据版本与校验"));  // the tail still made it onto page 2
}

TEST_CASE("site PDF: hostile text is drawn as written", "[site-pdf]") {
    Fixture f;
    TempDir dir;
    std::string name = "<b>&amp;</b> %s%n%d {} 😀🏗️ שלום עולם مرحبا ";
    const std::string head = name;
    std::string filler;
    for (int i = 0; filler.size() < 3000; ++i) filler += fmt::format("N{:04d}", i);
    name += filler;
    name += "\xff\xfe";  // invalid UTF-8: replaced, not dropped with the rest of the line
    auto& r = f.results[0];
    r.spec.name = name;
    r.spec.id = "<i>X</i>";
    r.township = "\u202e右到左覆盖 township";
    report::SitePdfView v = f.view(r);
    v.notes.push_back("%s%s%s <script>alert(1)</script>");
    const fs::path pdf = dir.path / "hostile.pdf";
    REQUIRE_NOTHROW(report::write_site_pdf(pdf.string(), v, report::Lang{}, f.fonts));
    CHECK(pdf_pages(pdf) >= 1);
    const std::string text = pdf_text(pdf);
    const std::string flat = squashed(text);
    CHECK(contains(text, "<b>&amp;</b>"));
    CHECK(contains(text, "%s%n%d"));
    CHECK(contains(text, "<i>X</i>"));
    CHECK(contains(flat, filler.substr(0, 60)));
    CHECK(contains(flat, filler.substr(filler.size() - 60)));
    CHECK(contains(text, "<script>alert(1)</script>"));
    // Right-to-left words come out in one order or the other, depending on poppler.
    CHECK((contains(text, "שלום") || contains(text, "םולש")));

    // The summary shortens a long name but keeps the rest of the row.
    const fs::path summary = dir.path / "summary.pdf";
    report::write_summary_pdf(summary.string(), {v}, report::Lang{}, {"测试县", "abc123def456", "9.9.9-test", ""},
                              f.fonts);
    const std::string s = pdf_text(summary);
    CHECK(contains(s, "<b>&amp;</b>"));
    CHECK(contains(s, "禁止"));
}

TEST_CASE("site PDF: an unwritable path is an IoError naming the file", "[site-pdf]") {
    Fixture f;
    const std::string path = "/nonexistent-ecozone-dir/site.pdf";
    try {
        report::write_site_pdf(path, f.view(f.results[0]), report::Lang{}, f.fonts);
        FAIL("no error");
    } catch (const IoError& e) {
        CHECK(contains(e.what(), path));
    }
    CHECK_THROWS_AS(report::write_summary_pdf(path, {f.view(f.results[0])}, report::Lang{}, {}, f.fonts), IoError);
}

TEST_CASE("summary PDF of 300 sites: one row each, header on every page, under 3 s", "[site-pdf]") {
    Fixture f;
    TempDir dir;
    std::vector<report::SitePdfView> base;
    for (const auto& r : f.results) base.push_back(f.view(r));
    std::vector<report::SitePdfView> sites;
    for (int i = 0; i < 300; ++i) {
        sites.push_back(base[static_cast<size_t>(i) % base.size()]);
        sites.back().id = fmt::format("SITE{:04d}", i + 1);
    }
    const fs::path pdf = dir.path / "summary.pdf";
    const auto t0 = std::chrono::steady_clock::now();
    report::write_summary_pdf(pdf.string(), sites, report::Lang{},
                              {"测试县", "abc123def456", "9.9.9-test", "2026-01-02T03:04:05Z"}, f.fonts);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(seconds < 3.0);
    const std::string text = pdf_text(pdf);
    std::set<std::string> ids;
    const std::regex id("SITE\\d{4}");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it) {
        ids.insert(it->str());
    }
    CHECK(ids.size() == 300);
    const int pages = pdf_pages(pdf);
    CHECK(pages > 1);
    // The header is repeated on every page.
    size_t headers = 0;
    for (size_t at = text.find("决定性规则"); at != std::string::npos; at = text.find("决定性规则", at + 1)) ++headers;
    CHECK(static_cast<int>(headers) == pages);
    CHECK(contains(text, "禁止 75"));  // counts by verdict: 75 of each of the four sites
    CHECK(contains(text, "未能筛查 75"));
    CHECK(fs::file_size(pdf) < 400 * 1024);
    WARN(fmt::format("summary of 300 sites: {} pages, {:.0f} ms, {} KB", pages, seconds * 1000,
                     fs::file_size(pdf) / 1024));
}

TEST_CASE("site PDF timing (reported, not asserted strictly)", "[site-pdf]") {
    Fixture f;
    TempDir dir;
    std::vector<report::SitePdfView> views;
    for (const auto& r : f.results) views.push_back(f.view(r));
    const int n = 40;
    int pages = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    for (int i = 0; i < n; ++i) {
        const fs::path pdf = dir.path / fmt::format("site{}.pdf", i);
        report::write_site_pdf(pdf.string(), views[static_cast<size_t>(i) % views.size()], report::Lang{}, f.fonts);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    for (int i = 0; i < n; ++i) pages += pdf_pages(dir.path / fmt::format("site{}.pdf", i));
    WARN(
        fmt::format("site PDFs: {:.1f} ms per site, {:.1f} ms per page ({:.1f} ms of CPU per page; {} sites, {} pages)",
                    ms / n, ms / pages, cpu_ms / pages, n, pages));
    CHECK(ms / pages < 200);  // generous: the target is 20 ms on an idle machine
}
