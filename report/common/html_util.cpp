#include "report/common/html_util.h"

#include "report/common/templates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecozone::report {

namespace {

constexpr std::string_view kMissing = "—";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// "12,345.67", "-3", "0.5", "45.1%", "1234": what format_number writes, optionally with a percent
// sign.  Thousands groups, when present, must be complete ("1,2" is not a number).
bool looks_numeric(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const size_t int_start = i;
    bool grouped = false;
    size_t group_len = 0;
    while (i < s.size() && (is_digit(s[i]) || s[i] == ',')) {
        if (s[i] == ',') {
            if (i == int_start || (grouped && group_len != 3)) return false;
            if (!grouped && group_len > 3) return false;
            grouped = true;
            group_len = 0;
        } else {
            ++group_len;
        }
        ++i;
    }
    if (i == int_start || group_len == 0 || (grouped && group_len != 3)) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const size_t frac_start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == frac_start) return false;
    }
    if (i < s.size() && s[i] == '%') ++i;
    return i == s.size();
}

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
    size_t columns = header.size();
    for (const auto& r : rows) columns = std::max(columns, r.size());
    // A column is numeric when every non-empty body cell is a number or "—", and one is a number.
    std::vector<bool> numeric(columns, false);
    for (size_t c = 0; c < columns; ++c) {
        bool any_number = false, all_numeric = true;
        for (const auto& r : rows) {
            if (c >= r.size() || r[c].empty() || r[c] == kMissing) continue;
            if (looks_numeric(r[c])) {
                any_number = true;
            } else {
                all_numeric = false;
                break;
            }
        }
        numeric[c] = any_number && all_numeric;
    }

    std::string out;
    out.reserve(64 + 32 * columns * (rows.size() + 1));
    out += css_class.empty() ? "<table>\n" : "<table class=\"" + html_escape(css_class) + "\">\n";
    if (!header.empty()) {
        out += "<thead><tr>";
        for (size_t c = 0; c < header.size(); ++c) {
            out += numeric[c] ? "<th class=\"num\">" : "<th>";
            out += html_escape(header[c]);
            out += "</th>";
        }
        out += "</tr></thead>\n";
    }
    out += "<tbody>\n";
    for (const auto& r : rows) {
        out += "<tr>";
        for (size_t c = 0; c < r.size(); ++c) {
            out += numeric[c] ? "<td class=\"num\">" : "<td>";
            out += html_escape(r[c]);
            out += "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
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
