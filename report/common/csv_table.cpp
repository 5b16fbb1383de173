#include "report/common/csv_table.h"

#include "layers/csv_writer.h"

#include <cstring>

namespace ecozone::report {

namespace {

// The characters a spreadsheet reads at the start of a cell as a formula (or, tab and carriage
// return, that some strip before reading one).
bool starts_like_formula(const std::string& s) {
    return !s.empty() && std::strchr("=+-@\t\r", s[0]) != nullptr;
}

std::string guarded(std::string s) {
    if (starts_like_formula(s)) s.insert(0, 1, '\'');
    return s;
}

std::string csv_cell(const Cell& cell, const Column& column) {
    const std::string text = cell_text(cell, column);
    // Only text is guarded: a number ecozone formatted is a number, negative or not.
    return std::holds_alternative<std::string>(cell) ? guarded(text) : text;
}

}  // namespace

std::string csv_table(const Table& table) {
    layers::CsvWriter csv;
    std::vector<std::string> headings;
    for (std::size_t c = 0; c < table.columns.size(); ++c) headings.push_back(guarded(table.heading(c)));
    csv.header(std::move(headings));
    for (const auto& row : table.rows) {
        std::vector<std::string> fields;
        fields.reserve(row.size());
        for (std::size_t c = 0; c < row.size(); ++c) fields.push_back(csv_cell(row[c], table.columns[c]));
        csv.row(std::move(fields));
    }
    return csv.str();
}

}  // namespace ecozone::report
