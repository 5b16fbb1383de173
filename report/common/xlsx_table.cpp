#include "report/common/xlsx_table.h"

#include "geo/errors.h"
#include "layers/csv_writer.h"
#include "layers/encoding.h"
#include "layers/redact.h"
#include "report/common/display_width.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <utility>

namespace ecozone::report {

namespace {

constexpr std::size_t kSheetNameMax = 31;  // Excel's limit, in UTF-16 code units
constexpr std::size_t kCellMax = 32767;    // characters Excel holds in one cell
constexpr double kMaxColumnWidth = 60;     // a column of long notes stays on the screen
constexpr double kColumnPadding = 2;       // the cell margins, and the bold header's wider glyphs

// The workbook being written.  Freed without writing anything unless close() is reached: a
// table that fails half-way leaves neither a file nor the library's memory behind.
class Workbook {
public:
    explicit Workbook(std::string path) : path_(std::move(path)) {
        // libxlsxwriter assembles each part in a temporary file before zipping; beside the
        // output they land on the disk the outputs are meant for (not a small /tmp), and a full
        // disk fails this file, by name.
        tmpdir_ = std::filesystem::path(path_).parent_path().string();
        if (tmpdir_.empty()) tmpdir_ = ".";
        lxw_workbook_options options{};
        options.tmpdir = tmpdir_.data();
        wb_ = workbook_new_opt(path_.c_str(), &options);
        if (!wb_) throw IoError(path_ + ": cannot start the workbook (out of memory)");
    }
    ~Workbook() {
        if (wb_) lxw_workbook_free(wb_);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() const { return wb_; }

    void check(lxw_error e, const std::string& what) const {
        if (e != LXW_NO_ERROR) throw IoError(fmt::format("{}: {}: {}", path_, what, lxw_strerror(e)));
    }

    lxw_format* add_format() const {
        lxw_format* f = workbook_add_format(wb_);
        if (!f) throw IoError(path_ + ": cannot add a cell format (out of memory)");
        return f;
    }

    // Writes the file.  libxlsxwriter frees the workbook whatever the outcome.
    void close() { check(workbook_close(std::exchange(wb_, nullptr)), "cannot write the workbook"); }

private:
    std::string path_;
    std::string tmpdir_;
    lxw_workbook* wb_ = nullptr;
};

// The cell formats of one workbook, made once each (libxlsxwriter owns them).
class Formats {
public:
    explicit Formats(const Workbook& wb) : wb_(wb) {
        header_ = wb.add_format();
        format_set_bold(header_);
        text_ = wb.add_format();
        format_set_num_format(text_, "@");
    }
    lxw_format* header() const { return header_; }
    // A Code column's cells: text, also for what is typed into them later.
    lxw_format* code() const { return text_; }
    // "0", "0.0", "0.0000" …
    lxw_format* number(int decimals) {
        auto it = numbers_.find(decimals);
        if (it != numbers_.end()) return it->second;
        lxw_format* f = wb_.add_format();
        const std::string pattern = decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
        format_set_num_format(f, pattern.c_str());
        return numbers_[decimals] = f;
    }

private:
    const Workbook& wb_;
    lxw_format* header_ = nullptr;
    lxw_format* text_ = nullptr;
    std::map<int, lxw_format*> numbers_;
};

// Length as Excel counts it for sheet names: UTF-16 code units.
std::size_t utf16_length(const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::optional<char32_t> c = layers::next_utf8(s, i);
        if (!c) ++i;
        n += c && *c > 0xFFFF ? 2 : 1;
    }
    return n;
}

// The longest prefix of `s` of at most `units` UTF-16 code units, cut between characters.
std::string utf16_prefix(const std::string& s, std::size_t units) {
    std::size_t n = 0, end = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const std::optional<char32_t> c = layers::next_utf8(s, i);
        if (!c) ++i;
        n += c && *c > 0xFFFF ? 2 : 1;
        if (n > units) return s.substr(0, start);
        end = i;
    }
    return s.substr(0, end);
}

// At most kCellMax characters: a longer text (a site's notes could grow so) is cut with "…"
// rather than failing the whole report over one cell.
std::string fit_cell(const std::string& text) {
    if (text.size() <= kCellMax) return text;  // fewer bytes than the limit: fewer characters too
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (++chars == kCellMax) return text.substr(0, i) + "…";
    }
    return text;
}

std::string lower_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

// A title as Excel accepts it for a sheet: no []:*?/\ (each becomes "_"), no apostrophe at either
// end, not empty, at most 31 units.
std::string sheet_name_base(const std::string& title) {
    std::string s;
    for (char c : title) s += c != '\0' && std::strchr("[]:*?/\\", c) ? '_' : c;
    while (!s.empty() && s.front() == '\'') s.erase(0, 1);
    while (!s.empty() && s.back() == '\'') s.pop_back();
    if (s.empty()) s = "Sheet";
    return utf16_prefix(s, kSheetNameMax);
}

// The number a Number cell holds: the one its text shows, so that the workbook's figures are the
// CSV's to the last decimal (a column summed in either gives the same total).
double shown_value(double v, int decimals) {
    const std::string text = layers::csv_number(v, decimals);
    double out = v;
    std::from_chars(text.data(), text.data() + text.size(), out);
    return out;
}

}  // namespace

std::vector<std::string> sheet_names(const std::vector<Table>& tables) {
    std::vector<std::string> names;
    // Excel compares sheet names without case, and keeps "History" for itself.
    std::vector<std::string> taken = {"history"};
    for (const auto& t : tables) {
        const std::string base = sheet_name_base(t.title());
        std::string name = base;
        for (int k = 2; std::find(taken.begin(), taken.end(), lower_ascii(name)) != taken.end(); ++k) {
            const std::string suffix = fmt::format(" ({})", k);
            name = utf16_prefix(base, kSheetNameMax - utf16_length(suffix)) + suffix;
        }
        taken.push_back(lower_ascii(name));
        names.push_back(name);
    }
    return names;
}

void write_xlsx(const std::string& path, const std::vector<Table>& tables) {
    Workbook wb(path);
    Formats formats(wb);
    const std::vector<std::string> names = sheet_names(tables);
    for (std::size_t s = 0; s < tables.size(); ++s) {
        const Table& t = tables[s];
        if (t.rows.size() + 1 > LXW_ROW_MAX || t.columns.size() > LXW_COL_MAX) {
            throw IoError(
                fmt::format("{}: the table '{}' ({} rows, {} columns) does not fit in a sheet of at most "
                            "{} rows below its header and {} columns",
                            path, t.title(), t.rows.size(), t.columns.size(), LXW_ROW_MAX - 1, LXW_COL_MAX));
        }
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), names[s].c_str());
        if (!ws) throw IoError(fmt::format("{}: cannot add the sheet '{}'", path, names[s]));

        std::vector<std::size_t> widths(t.columns.size(), 0);
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const std::string heading = fit_cell(layers::redact_secrets(t.heading(c)));
            widths[c] = display_width(heading);
            wb.check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), heading.c_str(), formats.header()),
                     fmt::format("sheet '{}': cannot write the header", names[s]));
        }
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 1);
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                const Column& col = t.columns[c];
                const Cell& cell = t.rows[r][c];
                const auto column = static_cast<lxw_col_t>(c);
                lxw_error e = LXW_NO_ERROR;
                std::size_t width = 0;
                if (const auto* text = std::get_if<std::string>(&cell)) {
                    if (text->empty()) continue;
                    const std::string fitted = fit_cell(layers::redact_secrets(*text));
                    width = display_width(fitted);
                    e = worksheet_write_string(ws, row, column, fitted.c_str(),
                                               col.kind == ColumnKind::Code ? formats.code() : nullptr);
                } else if (const auto* v = std::get_if<double>(&cell)) {
                    if (!std::isfinite(*v)) continue;
                    const int decimals = col.kind == ColumnKind::Integer ? 0 : col.decimals;
                    width = cell_text(cell, col).size();
                    e = worksheet_write_number(ws, row, column, shown_value(*v, decimals), formats.number(decimals));
                } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
                    width = cell_text(cell, col).size();
                    e = worksheet_write_number(ws, row, column, static_cast<double>(*i), formats.number(0));
                } else {
                    continue;
                }
                wb.check(e, fmt::format("sheet '{}': cannot write row {} column {}", names[s], r + 2, c + 1));
                widths[c] = std::max(widths[c], width);
            }
        }
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const double width = std::min(static_cast<double>(widths[c]) + kColumnPadding, kMaxColumnWidth);
            lxw_format* column_format = t.columns[c].kind == ColumnKind::Code ? formats.code() : nullptr;
            const auto column = static_cast<lxw_col_t>(c);
            wb.check(worksheet_set_column(ws, column, column, width, column_format),
                     fmt::format("sheet '{}': cannot set the width of column {}", names[s], c + 1));
        }
        worksheet_freeze_panes(ws, 1, 0);
    }
    wb.close();
}

}  // namespace ecozone::report
