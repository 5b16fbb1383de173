#pragma once
// A plain table model for the tables a planner opens in a spreadsheet: a title, typed columns
// and rows of cells.  Each report builds its tables once (report/indicators, report/screening,
// report/audit); csv_table.h and xlsx_table.h render them, so that a report's CSV and its workbook
// always say the same thing.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ecozone::report {

// What a column holds, which decides how a spreadsheet stores its cells.
enum class ColumnKind {
    Text,     // words: names, verdicts, notes
    Code,     // identifiers written with digits that must stay text: 三调 codes (0301), unit codes
              // (640303001), patch and rule ids — a spreadsheet must never read them as numbers
    Number,   // a measurement, written with the column's decimals
    Integer,  // a count or a year
};

struct Column {
    std::string header;  // in the table's language, without the unit: "面积", "area"
    std::string unit;    // "公顷", "ha", "%", "米"; empty for none
    ColumnKind kind = ColumnKind::Text;
    int decimals = 0;    // Number columns: the decimals written, and the workbook's number format
    std::string suffix;  // after the unit, e.g. the field an attribute area was read from: "… (ha) TBMJ"
};

// Columns of each kind: number_column(t("面积", "area"), t("公顷", "ha"), 4).
Column text_column(std::string header, std::string unit = "");
Column code_column(std::string header);
Column number_column(std::string header, std::string unit, int decimals);
Column integer_column(std::string header, std::string unit = "");

// A cell: empty, text, a number or an integer.  A Number or Integer column may hold text where no
// figure can be given ("未评估（缺少图层：生态保护红线）", "不可比：…"); it is shown as written.  A
// number that is not finite is an empty cell (rather than text a spreadsheet cannot sum).
using Cell = std::variant<std::monostate, std::string, double, std::int64_t>;

struct Table {
    // What the table is, in both languages: the sheet's name in a workbook.
    std::string title_zh, title_en;
    bool english = false;  // the language of the headers and texts (--lang)
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;

    const std::string& title() const { return english ? title_en : title_zh; }
    // A column's heading with its unit as planners write it: "面积(公顷)" in Chinese, "area (ha)"
    // in English; then the suffix, after a space.
    std::string heading(std::size_t column) const;
    // Appends a row.  std::logic_error unless it has one cell per column: a short row would
    // shift every later column.
    void add_row(std::vector<Cell> cells);
};

// A cell as text: a number with its column's decimals (no exponent, no thousands separators, never
// "-0.00"; an Integer column's doubles without decimals), an integer in full, text as it is, ""
// for an empty cell or a number that is not finite.
std::string cell_text(const Cell& cell, const Column& column);

}  // namespace ecozone::report
