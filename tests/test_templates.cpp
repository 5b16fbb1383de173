// The HTML templates (report/templates/*.mustache): every value from the data is escaped, the
// page shell and the provenance tables carry hostile text as text.
#include "report/common/html_util.h"
#include "report/common/provenance_html.h"
#include "report/common/templates.h"

#include <catch2/catch.hpp>

#include <string>

using namespace ecozone::report;

namespace {
const std::string kHostile = "<script>alert('x')</script> & \"q\" {{title}}";
const std::string kEscaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; {{title}}";
}  // namespace

TEST_CASE("templates are embedded, parse and render", "[templates]") {
    const auto& all = embedded_templates();
    REQUIRE(all.count("page"));
    REQUIRE(all.count("provenance"));
    for (const auto& [name, text] : all) {
        kainjow::mustache::mustache m(text);
        INFO(name);
        CHECK(m.is_valid());
    }
    CHECK_THROWS_AS(render_template("no-such-template", TemplateData{}), std::logic_error);
}

TEST_CASE("the page shell escapes its title and language, and keeps the report's own body", "[templates]") {
    const std::string page = html_page(kHostile, "<p>body</p>", "zh-CN\"><x");
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN&quot;&gt;&lt;x\">", 0) == 0);
    CHECK(page.find("<title>" + kEscaped + "</title>") != std::string::npos);
    CHECK(page.find("<script>") == std::string::npos);
    CHECK(page.find("<body>\n<p>body</p>\n</body>\n</html>\n") != std::string::npos);
    CHECK(page.find("@page { size: A4;") != std::string::npos);  // the print CSS
}

TEST_CASE("provenance: every field of every input is escaped", "[templates]") {
    Provenance p;
    p.tool_version = kHostile;
    p.run_id = "abc123";
    p.started_utc = kHostile;
    p.command_line = kHostile;
    p.project_file = kHostile;
    InputFile f;
    f.role = "project";
    f.file = kHostile;
    f.sha256 = kHostile;
    f.bytes = 1234567;
    p.inputs.push_back(f);
    InputFile table = f;
    table.role = "landuse";
    table.rows = 42;
    p.inputs.push_back(table);
    const std::string html = provenance_html(p, make_lang("zh"), kHostile, "screening.html");
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find(kEscaped) != std::string::npos);
    CHECK(html.find("1,234,567") != std::string::npos);
    CHECK(html.find("42 行") != std::string::npos);
    CHECK(html.find("项目文件") != std::string::npos);
    CHECK(html.find("screening.html " + document_id(p, "screening.html")) != std::string::npos);
    const std::string en = provenance_html(p, make_lang("en"), "run id", "x.html");
    CHECK(en.find("42 rows") != std::string::npos);
    CHECK(en.find("document id") != std::string::npos);
}
