#include "report/common/table_view.h"

#include <algorithm>
#include <string_view>

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

TemplateData cell(const std::string& text, bool num) {
    TemplateData d;
    d.set("text", text);
    d.set("num", num);
    return d;
}

}  // namespace

TableView text_table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
                     std::string css_class) {
    size_t columns = header.size();
    for (const auto& r : rows) columns = std::max(columns, r.size());
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
    return TableView{std::move(css_class), std::move(header), std::move(rows), std::move(numeric)};
}

TemplateData table_data(const TableView& table) {
    auto num = [&](size_t c) { return c < table.numeric.size() && table.numeric[c]; };
    TemplateData d;
    set_optional(d, "css_class", table.css_class);
    d.set("has_header", !table.header.empty());
    TemplateData header{TemplateData::type::list};
    for (size_t c = 0; c < table.header.size(); ++c) append(header, cell(table.header[c], num(c)));
    put(d, "header", std::move(header));
    TemplateData rows{TemplateData::type::list};
    for (const auto& r : table.rows) {
        TemplateData cells{TemplateData::type::list};
        for (size_t c = 0; c < r.size(); ++c) append(cells, cell(r[c], num(c)));
        TemplateData row;
        put(row, "cells", std::move(cells));
        append(rows, std::move(row));
    }
    put(d, "rows", std::move(rows));
    return d;
}

}  // namespace ecozone::report
