#include "report/common/table.h"

#include "layers/csv_writer.h"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

namespace ecozone::report {

Column text_column(std::string header, std::string unit) {
    return {std::move(header), std::move(unit), ColumnKind::Text, 0, ""};
}
Column code_column(std::string header) {
    return {std::move(header), "", ColumnKind::Code, 0, ""};
}
Column number_column(std::string header, std::string unit, int decimals) {
    return {std::move(header), std::move(unit), ColumnKind::Number, decimals, ""};
}
Column integer_column(std::string header, std::string unit) {
    return {std::move(header), std::move(unit), ColumnKind::Integer, 0, ""};
}

std::string Table::heading(std::size_t column) const {
    const Column& c = columns.at(column);
    std::string h = c.header;
    // Chinese headings take the bracket right after the word (面积(公顷)), English ones after a
    // space (area (ha)): the headings of every CSV ecozone has written.
    if (!c.unit.empty()) h += (english ? " (" : "(") + c.unit + ")";
    if (!c.suffix.empty()) h += " " + c.suffix;
    return h;
}

void Table::add_row(std::vector<Cell> cells) {
    if (cells.size() != columns.size()) {
        throw std::logic_error(
            fmt::format("table '{}': a row of {} cells for {} columns", title_en, cells.size(), columns.size()));
    }
    rows.push_back(std::move(cells));
}

std::string cell_text(const Cell& cell, const Column& column) {
    if (const auto* s = std::get_if<std::string>(&cell)) return *s;
    if (const auto* v = std::get_if<double>(&cell)) {
        return layers::csv_number(*v, column.kind == ColumnKind::Integer ? 0 : column.decimals);
    }
    if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
    return "";
}

}  // namespace ecozone::report
