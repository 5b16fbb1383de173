#pragma once
// A table of plain-text cells as the report templates draw it (report/templates/table.mustache,
// included with {{>table}}): every cell is escaped there, and a numeric column is right-aligned.
#include "report/common/templates.h"

#include <string>
#include <vector>

namespace ecozone::report {

struct TableView {
    std::string css_class;            // on <table>; "" for none
    std::vector<std::string> header;  // empty: no <thead>
    std::vector<std::vector<std::string>> rows;
    // Per column: right-aligned (class "num" on its <th> and <td> cells).  Missing = false.
    std::vector<bool> numeric;
};

// A table whose numeric columns are found as html_table (html_util.h) describes: every non-empty
// body cell looks like a number ("12,345.67", "-3", "45.1%") or is "—", and one is a number.
TableView text_table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
                     std::string css_class = "");

// The data table.mustache reads: css_class/has_class, header (text, num), rows (cells: text, num).
TemplateData table_data(const TableView& table);

}  // namespace ecozone::report
