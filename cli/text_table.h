#pragma once
// Plain-text tables for the terminal.  Planners' names are Chinese: a CJK character takes two
// terminal columns, so widths are measured in display columns, not bytes or code points, and
// each column is as wide as its widest cell (long names never push the next column out of line).
#include "report/common/display_width.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::cli {

using report::display_width;

class TextTable {
public:
    enum class Align { Left, Right };

    explicit TextTable(std::vector<std::string> header, std::vector<Align> align = {});

    void add_row(std::vector<std::string> cells);
    bool empty() const { return rows_.empty(); }

    // Each line starts with `indent`; columns are separated by two spaces; trailing spaces are trimmed.
    void print(std::ostream& out, std::string_view indent = "") const;

private:
    std::vector<std::string> header_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace ecozone::cli
