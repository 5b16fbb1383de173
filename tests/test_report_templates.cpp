// The report templates with hostile text in every string field of their views: each page is
// rendered from a view whose every text is `<script>…"quotes'{{title}}&amp;`, and every place that
// text appears must be its escaped form — never raw markup, a quote that closes an attribute, a
// mustache tag expanded, or an entity taken as written.  Trusted fragments (SVG maps, thumbnails,
// the provenance tables) come through as they are.
#include "report/audit/audit_html.h"
#include "report/common/html_util.h"
#include "report/common/table_view.h"
#include "report/common/templates.h"
#include "report/indicators/indicators_html.h"
#include "report/screening/screening_pages.h"

#include <catch2/catch.hpp>

#include <string>

using namespace ecozone::report;

namespace {

const std::string kHostile = "<script>alert(1)</script>\"quotes'{{title}}&amp;";
const std::string kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;quotes&#39;{{title}}&amp;amp;";

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Hands out the hostile text and counts how many fields got it, so that a test can check that
// every one of them reached the page.
struct Hostile {
    size_t given = 0;
    std::string operator()() {
        ++given;
        return kHostile;
    }
    TableView table(size_t columns = 2, size_t rows = 2) {
        TableView v;
        v.css_class = (*this)();
        for (size_t c = 0; c < columns; ++c) v.header.push_back((*this)());
        for (size_t r = 0; r < rows; ++r) {
            v.rows.emplace_back();
            for (size_t c = 0; c < columns; ++c) v.rows.back().push_back((*this)());
        }
        v.numeric = {true};  // a right-aligned column escapes as any other
        return v;
    }
};

// The page holds the hostile text exactly `expected` times, each time escaped, and nothing of it raw.
void check_escaped(const std::string& html, size_t expected) {
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("\"quotes'") == std::string::npos);
    CHECK(html.find("&amp;<") == std::string::npos);  // the hostile text ends with "&amp;"
    // "{{title}}" only comes from the hostile text: each one inside an escaped copy.
    CHECK(count(html, "{{title}}") == count(html, kEscaped));
    CHECK(count(html, kEscaped) == expected);
}

}  // namespace

TEST_CASE("the table partial escapes its class, header and cells", "[templates]") {
    Hostile h;
    const TableView table = h.table(3, 2);
    const std::string html = render_template("table", table_data(table));
    check_escaped(html, h.given);
    CHECK(html.find("<th class=\"num\">") != std::string::npos);
    CHECK(html.find("<td class=\"num\">") != std::string::npos);
    // No class attribute and no <thead> for an unnamed table without a header.
    const std::string bare = render_template("table", table_data(text_table({}, {{"1"}})));
    CHECK(bare == "<table>\n<tbody>\n<tr><td class=\"num\">1</td></tr>\n</tbody>\n</table>\n");
}

TEST_CASE("a renderer parses once and renders each time as a fresh template would", "[templates]") {
    Hostile h;
    TemplateRenderer renderer;
    const TableView first = h.table(3, 2);
    const TableView second = text_table({"a", "b"}, {{"1", "2"}, {"3", "4"}});
    for (int round = 0; round < 3; ++round) {
        const std::string a = renderer.render("table", table_data(first));
        CHECK(a == render_template("table", table_data(first)));
        check_escaped(a, h.given);
        CHECK(renderer.render("table", table_data(second)) == render_template("table", table_data(second)));
    }
    Hostile label;
    TemplateData badge;
    badge.set("key", "prohibited");
    badge.set("is_prohibited", true);
    badge.set("label", label());
    const std::string b = renderer.render("badge", badge);
    CHECK(b == render_template("badge", badge));
    CHECK(b.find("background:#c62828") != std::string::npos);
    check_escaped(b, label.given);
    CHECK_THROWS_AS(renderer.render("no_such_template", TemplateData{}), std::logic_error);
    CHECK(renderer.render("table", table_data(second)) == render_template("table", table_data(second)));
}

TEST_CASE("indicators.html: every text of the view is escaped, the maps and provenance kept", "[templates]") {
    Hostile h;
    IndicatorsPageView v;
    v.lang = h();
    v.title = h();
    v.heading = h();
    v.summary = h();
    v.targets_heading = h();
    v.targets = h.table();
    v.townships_heading = h();
    v.townships = h.table();
    v.maps_heading = h();
    v.forest_coverage_svg = "<svg id=\"coverage\"></svg>";
    v.forest_wetland_svg = "<svg id=\"wetland\"></svg>";
    v.classes_heading = h();
    v.unit_classes = {{h(), h.table()}, {h(), h.table()}};
    v.has_routes = true;
    const size_t before_routes = h.given;
    v.routes = {h(), h.table(), h(), h.table(), h(), h.table()};
    const size_t in_routes = h.given - before_routes;
    v.method_heading = h();
    v.method = h.table();
    v.provenance_heading = h();
    v.provenance_html = "<table class=\"provenance\"></table>";
    const std::string html = render_indicators_page(v);
    check_escaped(html, h.given);
    CHECK(html.find("<figure><svg id=\"coverage\"></svg></figure>") != std::string::npos);
    CHECK(html.find("<figure><svg id=\"wetland\"></svg></figure>") != std::string::npos);
    CHECK(html.find("<table class=\"provenance\"></table>") != std::string::npos);

    // Without the raster route its section goes, headings and all.
    v.has_routes = false;
    check_escaped(render_indicators_page(v), h.given - in_routes);
}

namespace {

BadgeView hostile_badge(Hostile& h) {
    return {h(), h()};  // the CSS class and the label
}

RuleRowView hostile_rule(Hostile& h) {
    RuleRowView r;
    r.id = h();
    r.badge = hostile_badge(h);
    r.zone = h();
    r.message = h();
    r.requirement_label = h();
    r.requirement = h();
    r.citation = h();
    r.area = h();
    r.share = h();
    r.distance = h();
    r.role = h();
    return r;
}

}  // namespace

TEST_CASE("a screening site section: every text of the view is escaped, the map kept", "[templates]") {
    SECTION("a screened site with everything listed") {
        Hostile h;
        SiteSectionView v;
        v.number = h();
        v.heading = h();
        v.facts = h();
        v.badges = {hostile_badge(h), hostile_badge(h)};
        v.screened = true;
        v.map_html = "<figure><svg id=\"site-map\"></svg></figure>";
        v.rules_heading = h();
        v.rules_header = {h(), h(), h(), h(), h(), h(), h()};
        v.rules = {hostile_rule(h), hostile_rule(h)};
        v.incomplete_note = h();
        v.zones_heading = h();
        v.zones = h.table();
        v.land_heading = h();
        v.land = h.table();
        v.land_approval = h();
        v.distances_heading = h();
        v.distances = h.table();
        v.points_heading = h();
        v.points = h.table();
        v.points_caption = h();
        v.notes_heading = h();
        v.notes = {h(), h()};
        const std::string html = render_site_section(v);
        check_escaped(html, h.given);
        CHECK(html.find("<figure><svg id=\"site-map\"></svg></figure>") != std::string::npos);
    }
    SECTION("a screened site with nothing to list") {
        Hostile h;
        SiteSectionView v;
        v.number = h();
        v.heading = h();
        v.facts = h();
        v.badges = {hostile_badge(h)};
        v.rules_heading = h();
        v.no_rules = h();
        v.zones_heading = h();
        v.no_zones = h();
        v.land_heading = h();
        v.no_land = h();
        v.distances_heading = h();
        v.distances = h.table();
        v.points_heading = h();
        v.no_points = h();
        v.notes_heading = h();
        v.no_notes = h();
        const std::string html = render_site_section(v);
        check_escaped(html, h.given);
        CHECK(html.find("<table class=\"rules\">") == std::string::npos);
    }
    SECTION("a site not screened: its reason, no map and no tables") {
        Hostile h;
        SiteSectionView v;
        v.number = h();
        v.heading = h();
        v.facts = h();
        v.badges = {hostile_badge(h)};
        v.screened = false;
        v.error = h();
        v.notes_heading = h();
        v.notes = {h()};
        v.map_html = "<figure>never shown</figure>";
        const std::string html = render_site_section(v);
        check_escaped(html, h.given);
        CHECK(html.find("never shown") == std::string::npos);
        CHECK(html.find("<table") == std::string::npos);
    }
}

TEST_CASE("screening.html and its site pages: every text of the views is escaped", "[templates]") {
    Hostile h;
    ScreeningPageView v;
    v.lang = h();
    v.head = {h(), h(), h()};
    ++h.given;  // the title is the page's <title> and its <h1>
    v.pages_note = h();
    v.pages = {{h(), h()}, {h(), h()}};
    v.summary.heading = h();
    v.summary.header = {h(), h(), h(), h(), h()};
    for (const bool screened : {true, false}) {
        SummaryRowView row;
        row.page = h();
        row.number = h();
        row.id = h();
        row.name = h();
        row.category = h();
        row.screened = screened;
        row.badges = {hostile_badge(h)};
        row.error = screened ? std::string() : h();
        row.deciding = h();
        row.deciding_notes = {h(), h()};
        v.summary.rows.push_back(row);
    }
    v.site_sections = {"<section id=\"one\"></section>", "<section id=\"two\"></section>"};
    v.provenance_heading = h();
    v.provenance_html = "<table class=\"provenance\"></table>";
    const std::string html = render_screening_page(v);
    check_escaped(html, h.given);
    CHECK(html.find("<section id=\"one\"></section><section id=\"two\"></section>") != std::string::npos);
    CHECK(html.find("<table class=\"provenance\"></table>") != std::string::npos);

    Hostile hp;
    SitesPageView page;
    page.lang = hp();
    page.title = hp();
    ++hp.given;  // <title> and <h1>
    page.back = hp();
    page.facts = hp();
    page.site_sections = {"<section id=\"one\"></section>"};
    const std::string sites = render_sites_page(page);
    check_escaped(sites, hp.given);
    CHECK(sites.find("<section id=\"one\"></section>") != std::string::npos);

    check_escaped(render_note(kHostile), 1);
}

TEST_CASE("audit.html: every text of the view is escaped, the map kept", "[templates]") {
    Hostile h;
    AuditPageView v;
    v.lang = h();
    v.title = h();
    v.heading = h();
    v.summary = h();
    v.notes = {h(), h()};
    v.grades = h();
    v.totals_heading = h();
    v.totals = h.table();
    v.by_zone_heading = h();
    v.by_zone = h.table();
    v.by_place_heading = h();
    v.by_place = h.table();
    v.roads = h();
    v.stages_heading = h();
    v.stages = h.table();
    v.detection_limit = h();
    v.map_heading = h();
    v.map_svg = "<svg id=\"overview\"></svg>";
    v.patches_heading = h();
    v.has_legend = true;
    v.legend_title = h();
    v.legend = {{h(), h()}, {h(), h()}};
    v.outline_label = h();
    for (int i = 0; i < 2; ++i) {
        PatchView patch;
        patch.heading = h();
        // Even a picture's data: URI is escaped (a real one has nothing escaping changes).
        patch.thumbnails = {{h(), h(), h()}, {h(), h(), h()}};
        patch.record = h.table();
        v.patches.push_back(patch);
    }
    v.provenance_heading = h();
    v.provenance_html = "<table class=\"provenance\"></table>";
    const std::string html = render_audit_page(v);
    check_escaped(html, h.given);
    CHECK(html.find("<figure><svg id=\"overview\"></svg></figure>") != std::string::npos);
    CHECK(html.find("<table class=\"provenance\"></table>") != std::string::npos);

    // An external patch layer: no grades, legend, pictures, roads or detection limit.
    Hostile few;
    AuditPageView plain;
    plain.title = few();
    plain.heading = few();
    plain.summary = few();
    PatchView patch;
    patch.heading = few();
    patch.record = few.table();
    plain.patches = {patch};
    const std::string external = render_audit_page(plain);
    check_escaped(external, few.given);
    CHECK(external.find("class=\"legend\"") == std::string::npos);
    CHECK(external.find("class=\"grades\"") == std::string::npos);
    CHECK(external.find("<ul") == std::string::npos);
    CHECK(external.find("<div></div>") != std::string::npos);
}

TEST_CASE("a data: URI passes the escaping unchanged", "[templates]") {
    // Why the pictures can be {{data_uri}}: base64 and the data: prefix hold no character
    // html_escape touches.
    const std::string uri =
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg+M/wHwAE/"
        "wH+3Jv3kQAAAABJRU5ErkJggg==";
    CHECK(html_escape(uri) == uri);
}

TEST_CASE("large fragments are spliced in where their placeholders were rendered", "[templates]") {
    const std::string one = "<section id=\"one\">" + std::string(100000, 'x') + "</section>";
    const std::string two = "<section id=\"two\"></section>";
    const std::vector<std::string> both{one, two}, first{one};  // the fragments outlive splice()
    SECTION("in order, between escaped values, as the copy through mustache would have put them") {
        HtmlFragments f;
        TemplateData d;
        d.set("title", kHostile);
        put(d, "site_sections", f.placeholders(both));
        TemplateData plain;
        plain.set("title", kHostile);
        put(plain, "site_sections", string_list(both));
        const std::string tpl_name = "screening_sites_page";
        CHECK(f.splice(render_template(tpl_name, d)) == render_template(tpl_name, plain));
    }
    SECTION("a value that spells a placeholder is escaped, so never replaced") {
        HtmlFragments f;
        TemplateData d;
        d.set("title", "<ecozone-fragment n=\"0\"/>");
        put(d, "site_sections", f.placeholders(first));
        const std::string page = f.splice(render_template("screening_sites_page", d));
        CHECK(page.find("&lt;ecozone-fragment n=&quot;0&quot;/&gt;") != std::string::npos);
        CHECK(count(page, one) == 1);
    }
    SECTION("a placeholder not rendered, or rendered out of order, is refused") {
        HtmlFragments f;
        const std::string p0 = f.placeholder(one), p1 = f.placeholder(two);
        CHECK(f.splice(p0 + "|" + p1) == one + "|" + two);
        CHECK_THROWS_AS(f.splice(p0), std::logic_error);
        CHECK_THROWS_AS(f.splice(p1 + p0), std::logic_error);
        CHECK_THROWS_AS(f.splice(p0 + p1 + p1), std::logic_error);
    }
}
