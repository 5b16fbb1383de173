#pragma once
// How wide a planner's text shows: Chinese names take two columns per character, in a terminal
// (cli/text_table.h) as in a spreadsheet's column (xlsx_table.h), so widths are measured in
// display columns, not bytes or code points.
#include <cstddef>
#include <string_view>

namespace ecozone::report {

// Display columns a UTF-8 string occupies: East Asian wide and full-width characters count 2,
// combining marks 0, everything else 1.  Invalid bytes count 1 each.
std::size_t display_width(std::string_view utf8);

}  // namespace ecozone::report
