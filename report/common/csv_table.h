#pragma once
// A Table as the CSV planners double-click open in Excel or WPS: UTF-8 with a byte-order mark,
// CRLF, RFC 4180 quoting (layers/csv_writer.h), headings with their units.
//
// A CSV cell is whatever the spreadsheet makes of its text, and a text starting with =, +, - or @
// is read as a formula: a site name, a note or a field name from a county's data could run one on
// the planner's machine (CSV injection).  So, as OWASP advises, every text cell (and heading)
// starting with one of those, a tab or a carriage return is written with a leading apostrophe,
// which the spreadsheet shows as text.  A number is not text: -12.5 in a Number column stays a
// negative number.
#include "report/common/table.h"

#include <string>

namespace ecozone::report {

std::string csv_table(const Table& table);

}  // namespace ecozone::report
