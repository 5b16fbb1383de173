#pragma once
// Small helpers for the self-contained HTML reports: escaping, tables, the page around them and
// number formatting.  No external resources: a report is one file that prints on A4.
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::report {

// Escape & < > " ' for HTML/XML text and attribute values (' as &#39;, valid in both).
std::string html_escape(std::string_view s);

// A <table> with escaped cells; header cells in <thead> as <th>.  A column whose non-empty body
// cells all look like numbers ("12,345.67", "-3", "45.1%", or "—" for a missing value) is
// right-aligned: its <th> and <td> cells get class "num".  `css_class` (escaped) goes on <table>.
// Rendered by report/templates/table.mustache (report/common/table_view.h), as the reports'
// templates draw their tables with {{>table}}.
std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::string& css_class = "");

// A complete HTML5 document: utf-8, the escaped title, inline CSS for screen and A4 printing, and
// `body` inserted as is (it is HTML).  `lang` is "zh-CN" or "en" (anything else is written
// escaped as given).
std::string html_page(const std::string& title, const std::string& body, const std::string& lang);

// Fixed decimals with thousands separators: 12345.671 -> "12,345.67"; "—" for NaN, "∞" / "-∞"
// for infinities; never "-0.00".  Negative decimals count as 0.
std::string format_number(double v, int decimals);
// A change with its sign always shown ("+12.5", "-3.0", "0.0"), as format_number otherwise.
std::string signed_number(double v, int decimals);

}  // namespace ecozone::report
