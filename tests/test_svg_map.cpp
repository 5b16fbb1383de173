// SVG maps and HTML helpers of the reports: transform, escaping, well-formedness, classes.
#include "report/common/html_util.h"
#include "report/common/svg_map.h"
#include "geo/errors.h"
#include "geo/geos_handle.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace ecozone::report;
using ecozone::geo::GeosContext;

namespace {

size_t count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + what.size())) ++n;
    return n;
}

// The d="..." of the first <path> after `from`.
std::string first_path_data(const std::string& svg, size_t from = 0) {
    const size_t p = svg.find("<path", from);
    if (p == std::string::npos) return {};
    const size_t d = svg.find(" d=\"", p);
    const size_t end = svg.find('"', d + 4);
    return svg.substr(d + 4, end - d - 4);
}

// A tiny well-formedness check: balanced, properly nested tags, one root element, quoted
// attributes, no stray '<' or '&' in text.  Returns an empty string or the first problem.
std::string xml_problem(const std::string& s) {
    std::vector<std::string> stack;
    int roots = 0;
    size_t i = 0;
    auto check_entities = [&](size_t from, size_t to) -> std::string {
        for (size_t k = from; k < to; ++k) {
            if (s[k] != '&') continue;
            const size_t semi = s.find(';', k);
            if (semi == std::string::npos || semi > to) return "unterminated entity";
            const std::string ent = s.substr(k + 1, semi - k - 1);
            const bool ok = ent == "amp" || ent == "lt" || ent == "gt" || ent == "quot" ||
                            ent == "apos" || (ent.size() > 1 && ent[0] == '#');
            if (!ok) return "unknown entity &" + ent + ";";
        }
        return {};
    };
    while (i < s.size()) {
        const size_t lt = s.find('<', i);
        const size_t text_end = lt == std::string::npos ? s.size() : lt;
        if (auto e = check_entities(i, text_end); !e.empty()) return e;
        if (s.find('>', i) < text_end) return "stray '>' in text";
        if (lt == std::string::npos) break;
        if (s.compare(lt, 2, "<?") == 0 || s.compare(lt, 2, "<!") == 0) {
            i = s.find('>', lt) + 1;
            continue;
        }
        // Find the end of the tag, skipping quoted attribute values.
        size_t k = lt + 1;
        char quote = 0;
        for (; k < s.size(); ++k) {
            if (quote) {
                if (s[k] == quote) quote = 0;
                else if (s[k] == '<') return "'<' inside an attribute value";
            } else if (s[k] == '"' || s[k] == '\'') {
                quote = s[k];
            } else if (s[k] == '>') {
                break;
            }
        }
        if (k >= s.size()) return "unterminated tag";
        if (auto e = check_entities(lt, k); !e.empty()) return e;
        const std::string tag = s.substr(lt + 1, k - lt - 1);
        if (tag.empty()) return "empty tag";
        if (tag[0] == '/') {
            const std::string name = tag.substr(1);
            if (stack.empty() || stack.back() != name) return "unbalanced </" + name + ">";
            stack.pop_back();
        } else {
            const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
            if (stack.empty()) ++roots;
            if (tag.back() != '/') stack.push_back(name);
        }
        i = k + 1;
    }
    if (!stack.empty()) return "unclosed <" + stack.back() + ">";
    if (roots != 1) return fmt::format("{} root elements", roots);
    return {};
}

bool have_xmllint() { return std::system("command -v xmllint >/dev/null 2>&1") == 0; }

// xmllint's verdict on a document piped to it: true when well-formed.
bool xmllint_ok(const std::string& doc) {
    FILE* p = popen("xmllint --noout - >/dev/null 2>&1", "w");
    if (!p) return false;
    std::fwrite(doc.data(), 1, doc.size(), p);
    const int status = pclose(p);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A map of a 10 km x 5 km extent in Gauss-Krueger metres (zone 39, hence the 39 500 000 easting).
constexpr double kMinX = 39500000, kMinY = 3400000, kMaxX = 39510000, kMaxY = 3405000;

SvgMap full_map(const GeosContext& geos) {
    SvgMap map(geos, kMinX, kMinY, kMaxX, kMaxY);
    auto zone = geos.from_wkt(
        "POLYGON((39501000 3401000, 39509000 3401000, 39509000 3404000, 39501000 3404000, 39501000 3401000),"
        "(39504000 3402000, 39504000 3403000, 39506000 3403000, 39506000 3402000, 39504000 3402000))");
    auto road = geos.from_wkt("LINESTRING(39500000 3400000, 39510000 3405000)");
    auto sites = geos.from_wkt("MULTIPOINT((39502000 3402000), (39508000 3403000))");
    auto mixed = geos.from_wkt(
        "GEOMETRYCOLLECTION(POINT(39505000 3402500), LINESTRING(39501000 3400500, 39509000 3400500))");
    Style green{ramp_color(0.6), "#225522", 0.8, 0.7, ""};
    Style dashed{"none", "#c00", 1.5, 1.0, "4 3"};
    map.add(zone.get(), green, "生态保护红线 <A&B>");
    map.add(road.get(), dashed);
    map.add(sites.get(), Style{"#f80", "#000", 1.2, 1.0, ""}, "候选场址");
    map.add(mixed.get(), Style{});
    map.add_label(39505000, 3403500, "湿地 \"A\" & <B>", 13, "#036");
    map.add_legend_item(green, "森林覆盖率 ≥ 60%");
    map.add_legend_item(dashed, "道路 'G320'");
    map.set_legend_title("图例");
    map.set_title("县域生态分区 <总览>");
    map.set_north_label("北");
    map.scale_bar();
    map.north_arrow();
    return map;
}

}  // namespace

TEST_CASE("a square lands centred, y flipped, with equal x and y scale", "[svg]") {
    GeosContext geos;
    // 1000 m square into 800 x 600 px with a 20 px margin: height limits the scale to
    // 560 px / 1000 m, centred horizontally at (800 - 560) / 2 = 120 px.
    SvgMap map(geos, 0, 0, 1000, 1000);
    CHECK(map.scale() == Approx(0.56));
    auto square = geos.from_wkt("POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))");
    map.add(square.get(), Style{});
    const std::string svg = map.str();
    CHECK(first_path_data(svg) == "M120 580L680 580L680 20L120 20Z");
    CHECK_THAT(svg, Catch::StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" "
                                      "height=\"600\" viewBox=\"0 0 800 600\""));
    CHECK_THAT(svg, Catch::Contains("Noto Sans CJK SC") && Catch::Contains("Microsoft YaHei") &&
                        Catch::Contains("SimHei") && Catch::Contains("sans-serif"));

    // A 10 km x 5 km Gauss-Krueger extent: width limits (760 px / 10 km = 0.076 px/m), so
    // the rectangle is 760 x 380 px, centred vertically at (600 - 380) / 2 = 110 px.
    SvgMap gk(geos, kMinX, kMinY, kMaxX, kMaxY);
    CHECK(gk.scale() == Approx(0.076));
    auto rect = geos.from_wkt(
        "POLYGON((39500000 3400000, 39510000 3400000, 39510000 3405000, 39500000 3405000, 39500000 3400000))");
    gk.add(rect.get(), Style{});
    CHECK(first_path_data(gk.str()) == "M20 490L780 490L780 110L20 110Z");
    // North (larger y) is up (smaller pixel y).
    CHECK(gk.to_px(kMinX, kMaxY).second < gk.to_px(kMinX, kMinY).second);
    CHECK(gk.to_px(39505000, 3402500).first == Approx(400.0));
    CHECK(gk.to_px(39505000, 3402500).second == Approx(300.0));
}

TEST_CASE("holes use fill-rule evenodd; lines are unfilled; points are circles", "[svg]") {
    GeosContext geos;
    SvgMap map(geos, 0, 0, 1000, 1000);
    auto holed = geos.from_wkt(
        "POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0), (250 250, 250 750, 750 750, 750 250, 250 250))");
    map.add(holed.get(), Style{"#9c9", "#333", 1, 0.5, ""});
    const std::string svg = map.str();
    const std::string d = first_path_data(svg);
    CHECK(d == "M120 580L680 580L680 20L120 20ZM260 440L260 160L540 160L540 440Z");
    CHECK_THAT(svg, Catch::Contains("fill-rule=\"evenodd\""));
    CHECK_THAT(svg, Catch::Contains("fill=\"#9c9\"") && Catch::Contains("fill-opacity=\"0.5\""));

    // Consecutive points within one 0.1 px are dropped (0.01 m = 0.0056 px); a line is never filled.
    SvgMap lines(geos, 0, 0, 1000, 1000);
    auto line = geos.from_wkt("LINESTRING(0 0, 0.01 0, 0.02 0, 500 0.001, 1000 0)");
    lines.add(line.get(), Style{"#f00", "#00f", 2, 1, "4 3"});
    const std::string ls = lines.str();
    CHECK(first_path_data(ls) == "M120 580L400 580L680 580");
    CHECK_THAT(ls, Catch::Contains("fill=\"none\" stroke=\"#00f\" stroke-width=\"2\" stroke-dasharray=\"4 3\""));

    SvgMap pts(geos, 0, 0, 1000, 1000);
    auto point = geos.from_wkt("POINT(500 500)");
    pts.add(point.get(), Style{"#f80", "#000", 2, 1, ""});
    CHECK_THAT(pts.str(), Catch::Contains("<circle cx=\"400\" cy=\"300\" r=\"5\" fill=\"#f80\""));

    // Geometry far outside the extent is still drawn (and clipped by the frame); empty adds nothing.
    SvgMap outside(geos, 0, 0, 1000, 1000);
    auto far = geos.from_wkt("POLYGON((-1e6 -1e6, 2e6 -1e6, 2e6 2e6, -1e6 2e6, -1e6 -1e6))");
    auto empty = geos.from_wkt("POLYGON EMPTY");
    outside.add(far.get(), Style{});
    outside.add(empty.get(), Style{}, "nothing");
    const std::string os = outside.str();
    CHECK(count(os, "<path") == 1);
    CHECK_THAT(os, Catch::Contains("overflow=\"hidden\""));
    CHECK_THAT(os, !Catch::Contains("nothing"));
    CHECK(xml_problem(os).empty());
}

TEST_CASE("titles, labels and legends are escaped", "[svg]") {
    GeosContext geos;
    SvgMap map(geos, 0, 0, 1000, 1000);
    auto square = geos.from_wkt("POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))");
    map.add(square.get(), Style{}, "<script>alert('t')</script>");
    map.add_label(500, 500, "<script>alert(\"l\")</script>", 12, "#000");
    Style grey;
    grey.fill = "#ccc";
    map.add_legend_item(grey, "<script>legend</script>");
    map.set_title("<script>title</script>");
    const std::string svg = map.str();
    CHECK_THAT(svg, !Catch::Contains("<script"));
    CHECK_THAT(svg, Catch::Contains("<title>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</title>"));
    CHECK_THAT(svg, Catch::Contains("&lt;script&gt;alert(&quot;l&quot;)&lt;/script&gt;"));
    CHECK_THAT(svg, Catch::Contains("&lt;script&gt;legend&lt;/script&gt;"));
    CHECK_THAT(svg, Catch::Contains("&lt;script&gt;title&lt;/script&gt;"));
    // The label has its white halo; the title adds a band above the 600 px frame.
    CHECK_THAT(svg, Catch::Contains("paint-order=\"stroke\""));
    CHECK_THAT(svg, Catch::Contains("height=\"632\""));
    CHECK(xml_problem(svg).empty());
}

TEST_CASE("scale bar picks a nice length near a fifth of the frame", "[svg]") {
    GeosContext geos;
    // 10 km wide: 800 px / 0.076 px/m / 5 = 2105 m -> 2 km (152 px).
    SvgMap gk(geos, kMinX, kMinY, kMaxX, kMaxY);
    CHECK(gk.scale_bar_length() == std::pair<double, std::string>(2000.0, "2 km"));
    gk.scale_bar();
    const std::string svg = gk.str();
    CHECK_THAT(svg, Catch::Contains(">2 km</text>"));
    CHECK_THAT(svg, Catch::Contains("width=\"152\" height=\"6\""));

    // 1 km square: 800 / 0.56 / 5 = 286 m -> 200 m.
    SvgMap small(geos, 0, 0, 1000, 1000);
    CHECK(small.scale_bar_length().second == "200 m");
    // 100 km wide (at 800 px: 125 m/px... 21 km target) -> 20 km; 3 km -> 500 m; 50 m -> 10 m.
    CHECK(SvgMap(geos, 0, 0, 100000, 1).scale_bar_length().second == "20 km");
    CHECK(SvgMap(geos, 0, 0, 3000, 1).scale_bar_length().second == "500 m");
    CHECK(SvgMap(geos, 0, 0, 50, 1).scale_bar_length().second == "10 m");
}

TEST_CASE("a complete map is deterministic, well-formed XML and has all its parts", "[svg]") {
    GeosContext geos;
    const std::string a = full_map(geos).str();
    const std::string b = full_map(geos).str();
    CHECK(a == b);
    INFO(xml_problem(a));
    CHECK(xml_problem(a).empty());
    CHECK_THAT(a, Catch::Contains(">北</text>"));
    CHECK_THAT(a, Catch::Contains(">图例</text>"));
    CHECK_THAT(a, Catch::Contains("&lt;总览&gt;"));
    CHECK_THAT(a, Catch::Contains("道路 &#39;G320&#39;"));
    CHECK_THAT(a, Catch::Contains(">2 km</text>"));
    CHECK_THAT(a, Catch::Contains("<g fill=\"none\""));  // the mixed collection is one group
    CHECK(count(a, "<svg") == 2);
    if (have_xmllint()) {
        CHECK(xmllint_ok(a));
        CHECK_FALSE(xmllint_ok("<svg><g></svg>"));  // the check itself can fail
    } else {
        WARN("xmllint not installed (Debian package libxml2-utils): XML checked by hand only");
    }
    // The hand check catches the same broken document.
    CHECK_FALSE(xml_problem("<svg><g></svg>").empty());
    CHECK_FALSE(xml_problem("<svg>a < b</svg>").empty());

    // ECOZONE_SVG_DUMP=DIR writes the map and a page around it, to look at by eye.
    if (const char* dir = std::getenv("ECOZONE_SVG_DUMP")) {
        const std::string body = "<h1>示例</h1>\n<figure>" + a + "<figcaption>图 1</figcaption></figure>\n" +
                                 html_table({"乡镇", "面积 (ha)"}, {{"城关镇", format_number(12345.678, 2)}});
        if (FILE* f = std::fopen((std::string(dir) + "/svg_map_example.html").c_str(), "w")) {
            std::fputs(html_page("示例", body, "zh-CN").c_str(), f);
            std::fclose(f);
        }
        if (FILE* f = std::fopen((std::string(dir) + "/svg_map_example.svg").c_str(), "w")) {
            std::fputs(a.c_str(), f);
            std::fclose(f);
        }
    }
}

TEST_CASE("map frames reject unusable extents; around() pads the bounds", "[svg]") {
    GeosContext geos;
    CHECK_THROWS_AS(SvgMap(geos, 10, 0, 0, 10), ecozone::DataError);
    CHECK_THROWS_AS(SvgMap(geos, 5, 5, 5, 5), ecozone::DataError);
    CHECK_THROWS_AS(SvgMap(geos, 0, 0, std::nan(""), 10), ecozone::DataError);
    CHECK_THROWS_AS(SvgMap(geos, 0, 0, 10, 10, 30, 30), ecozone::DataError);
    auto empty = geos.from_wkt("POINT EMPTY");
    CHECK_THROWS_AS(SvgMap::around(geos, empty.get()), ecozone::DataError);

    auto square = geos.from_wkt("POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))");
    SvgMap map = SvgMap::around(geos, square.get(), 0.1, 600, 600);
    // 1200 m padded extent into 560 px.
    CHECK(map.scale() == Approx(560.0 / 1200.0));
    CHECK(map.to_px(500, 500).first == Approx(300.0));
    auto point = geos.from_wkt("POINT(100 200)");
    SvgMap around_point = SvgMap::around(geos, point.get());
    CHECK(around_point.to_px(100, 200).first == Approx(400.0));
    CHECK(around_point.to_px(100, 200).second == Approx(300.0));
}

TEST_CASE("5000 land-use polygons render into one document", "[svg]") {
    GeosContext geos;
    SvgMap map(geos, 0, 0, 100000, 50000, 1000, 700);
    for (int i = 0; i < 5000; ++i) {
        const double x = (i % 100) * 1000.0, y = (i / 100) * 1000.0;
        auto g = geos.from_wkt(fmt::format("POLYGON(({0} {1}, {2} {1}, {2} {3}, {4} {3}, {0} {1}))", x, y,
                                           x + 900, y + 800, x + 100));
        map.add(g.get(), Style{ramp_color((i % 10) / 9.0), "#555", 0.25, 1.0, ""});
    }
    const std::string svg = map.str();
    CHECK(count(svg, "<path") == 5000);
    CHECK_THAT(svg, Catch::Contains("stroke-width=\"0.25\""));
    CHECK(xml_problem(svg).empty());
}

TEST_CASE("ramp colours and class breaks", "[svg]") {
    CHECK(ramp_color(0) == "#f7fcb9");
    CHECK(ramp_color(1) == "#004529");
    CHECK(ramp_color(-3) == "#f7fcb9");
    CHECK(ramp_color(7) == "#004529");
    CHECK(ramp_color(0.5) == "#5db96b");
    CHECK(ramp_color(std::nan("")) == "#cccccc");
    // Darker as t grows (sum of channels as a crude lightness).
    auto lightness = [](const std::string& c) {
        return std::stoi(c.substr(1, 2), nullptr, 16) + std::stoi(c.substr(3, 2), nullptr, 16) +
               std::stoi(c.substr(5, 2), nullptr, 16);
    };
    for (int i = 0; i < 10; ++i) CHECK(lightness(ramp_color(i / 10.0)) > lightness(ramp_color((i + 1) / 10.0)));

    CHECK(class_breaks({0, 10, 20, 100}, 4, false) == std::vector<double>{0, 25, 50, 75, 100});
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> values{9, 1, 8, 2, nan, 7, 3, 6, 4, 5};
    CHECK(class_breaks(values, 4, true) == std::vector<double>{1, 3, 5, 7, 9});
    CHECK(class_breaks(values, 1, true) == std::vector<double>{1, 9});
    const auto thirds = class_breaks({1, 2, 3, 4}, 3, true);
    REQUIRE(thirds.size() == 4);
    CHECK(thirds[1] == Approx(2.0));
    CHECK(thirds[2] == Approx(3.0));
    CHECK(class_breaks({nan}, 3, false).empty());
    CHECK_THROWS_AS(class_breaks({1, 2}, 0, false), ecozone::UsageError);

    const std::vector<double> breaks{0, 25, 50, 75, 100};
    CHECK(class_index(0, breaks) == 0);
    CHECK(class_index(24.9, breaks) == 0);
    CHECK(class_index(25, breaks) == 1);
    CHECK(class_index(100, breaks) == 3);
    CHECK(class_index(150, breaks) == 3);
    CHECK(class_index(-5, breaks) == 0);
    CHECK(class_index(nan, breaks) == -1);
}

TEST_CASE("a plan target is always a class break, so no class straddles it", "[svg]") {
    // Equal intervals of 2.1 .. 27.3 % put 15 % inside the class 12.18–17.22 %.
    const auto plain = class_breaks({2.1, 9.0, 14.2, 16.0, 27.3}, 5, false);
    const auto with = breaks_with_target(plain, 15.0);
    CHECK(std::find(with.begin(), with.end(), 15.0) != with.end());
    CHECK(std::is_sorted(with.begin(), with.end()));
    CHECK(with.front() == 2.1);
    CHECK(with.back() == 27.3);
    // 14.2 and 16.0 fall on either side of the target, never in one class.
    CHECK(class_index(14.2, with) != class_index(16.0, with));
    // A break within 5 % of the range of the target is replaced, not kept beside it.
    CHECK(breaks_with_target({0, 14.9, 30}, 15.0) == std::vector<double>{0, 15, 30});
    // Targets outside the values change nothing.
    CHECK(breaks_with_target({20, 25, 30}, 15.0) == std::vector<double>{20, 25, 30});
    CHECK(breaks_with_target({0, 5, 15}, 15.0) == std::vector<double>{0, 5, 15});
    CHECK(breaks_with_target({}, 15.0).empty());
}

TEST_CASE("html_escape, html_table, html_page and format_number", "[svg]") {
    CHECK(html_escape("") == "");
    CHECK(html_escape("a&b<c>\"d'e") == "a&amp;b&lt;c&gt;&quot;d&#39;e");
    CHECK(html_escape("&amp;") == "&amp;amp;");
    CHECK(html_escape("湿地保护率 ≥ 50%") == "湿地保护率 ≥ 50%");

    const std::string table = html_table({"名称", "面积 (ha)", "占比"},
                                         {{"<b>林地</b>", "1,234.50", "12.5%"},
                                          {"x & y", "—", "3%"},
                                          {"\"q\"", "-0.25", "n/a"}},
                                         "indicators");
    CHECK_THAT(table, Catch::StartsWith("<table class=\"indicators\">"));
    CHECK_THAT(table, Catch::Contains("<thead><tr><th>名称</th><th class=\"num\">面积 (ha)</th><th>占比</th></tr></thead>"));
    CHECK_THAT(table, Catch::Contains("<td>&lt;b&gt;林地&lt;/b&gt;</td><td class=\"num\">1,234.50</td><td>12.5%</td>"));
    CHECK_THAT(table, Catch::Contains("<td>x &amp; y</td><td class=\"num\">—</td>"));
    CHECK_THAT(table, Catch::Contains("<td>&quot;q&quot;</td>"));
    CHECK(xml_problem(table).empty());
    CHECK_THAT(html_table({"a"}, {}), Catch::StartsWith("<table>\n<thead><tr><th>a</th></tr></thead>"));

    const std::string page = html_page("报告 <一>", "<h1>报告</h1>\n" + table, "zh-CN");
    CHECK_THAT(page, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    CHECK_THAT(page, Catch::Contains("<meta charset=\"utf-8\">"));
    CHECK_THAT(page, Catch::Contains("<title>报告 &lt;一&gt;</title>"));
    CHECK_THAT(page, Catch::Contains("@media print") && Catch::Contains("page-break-inside: avoid") &&
                         Catch::Contains("td.num") && Catch::Contains("size: A4"));
    CHECK_THAT(page, Catch::Contains(table));
    CHECK_THAT(page, Catch::EndsWith("</body>\n</html>\n"));
    for (const char* external : {"<link", "<script", "@import", "src=", "href=", "url("}) {
        CHECK_THAT(page, !Catch::Contains(external));
    }
    CHECK_THAT(html_page("Report", "", "en"), Catch::Contains("<html lang=\"en\">"));

    CHECK(format_number(12345.671, 2) == "12,345.67");
    CHECK(format_number(-1234567.891, 1) == "-1,234,567.9");
    CHECK(format_number(999.999, 2) == "1,000.00");
    CHECK(format_number(100, 0) == "100");
    CHECK(format_number(0, 0) == "0");
    CHECK(format_number(-0.001, 2) == "0.00");
    CHECK(format_number(123456, -1) == "123,456");
    CHECK(format_number(std::nan(""), 2) == "—");
    CHECK(format_number(std::numeric_limits<double>::infinity(), 2) == "∞");
}
