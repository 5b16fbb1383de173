#pragma once
// Tables as the sheets of an Excel workbook (.xlsx, libxlsxwriter), beside a report's CSVs for
// planners who work in Excel or WPS: a CSV leaves every cell to the spreadsheet's guess, which
// turns the 三调 code 0301 into 301, the township code 640303001 into 6.4E+08 and a rule id into a
// date.  In the workbook:
//   * Code and Text cells are strings (and a Code column is formatted as text, "@", so that a
//     code typed into it later stays text too);
//   * Number cells are numbers with the column's decimals as their number format, Integer cells
//     numbers without decimals; text in a Number column stays text;
//   * the header row holds the headings with their units, in bold, frozen;
//   * each column is as wide as its widest cell (CJK characters count double), within a limit;
//   * one sheet per table, named after its title: at most 31 characters, without the characters
//     Excel refuses ([]:*?/\), unique (a repeated title gets " (2)", " (3)" …).
// A string cell is never a formula, so the CSV's formula guard (csv_table.h) is not needed here.
// Like every output, the texts go through layers::redact_secrets (a connection string's password
// never reaches the file); the CSV gets it from layers::OutputSet::write_text.
#include "report/common/table.h"

#include <string>
#include <vector>

namespace ecozone::report {

// Writes `tables` as one workbook at `path`.  Throws IoError naming the file when it cannot be
// written, or a table does not fit in a sheet (more than 1 048 575 rows or 16 384 columns).
void write_xlsx(const std::string& path, const std::vector<Table>& tables);

// The sheet names write_xlsx gives `tables`, in order.
std::vector<std::string> sheet_names(const std::vector<Table>& tables);

}  // namespace ecozone::report
