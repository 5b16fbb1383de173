#include "report/common/html_util.h"

#include "report/common/table_view.h"
#include "report/common/templates.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::report {

namespace {

constexpr std::string_view kMissing = "—";

// The CSS of every report lives in the page template (report/templates/page.mustache).

}  // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (const char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string html_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const std::string& css_class) {
    return render_template("table", table_data(text_table(header, rows, css_class)));
}

std::string html_page(const std::string& title, const std::string& body, const std::string& lang) {
    TemplateData d;
    d.set("title", title);
    d.set("lang", lang);
    d.set("body", (body.empty() || body.back() == '\n') ? body : body + "\n");
    return render_template("page", d);
}

std::string signed_number(double v, int decimals) {
    const std::string s = format_number(v, decimals);
    const bool zero = s.find_first_not_of("0.,") == std::string::npos;
    return v > 0 && !zero ? "+" + s : s;
}

std::string format_number(double v, int decimals) {
    if (std::isnan(v)) return std::string(kMissing);
    if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
    if (decimals < 0) decimals = 0;
    std::string plain = fmt::format("{:.{}f}", v, decimals);
    bool negative = false;
    if (!plain.empty() && plain[0] == '-') {
        negative = true;
        plain.erase(0, 1);
    }
    // "-0.00": the sign of a value that rounds to zero is noise in a report.
    if (plain.find_first_not_of("0.") == std::string::npos) negative = false;

    const size_t dot = plain.find('.');
    const size_t int_len = dot == std::string::npos ? plain.size() : dot;
    std::string out;
    out.reserve(plain.size() + int_len / 3 + 1);
    if (negative) out += '-';
    for (size_t i = 0; i < int_len; ++i) {
        if (i > 0 && (int_len - i) % 3 == 0) out += ',';
        out += plain[i];
    }
    out.append(plain, int_len, std::string::npos);
    return out;
}

}  // namespace ecozone::report
