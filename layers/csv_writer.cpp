#include "layers/csv_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace ecozone::layers {

namespace {

const char kBom[] = "\xEF\xBB\xBF";

void append_field(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

void CsvWriter::header(std::vector<std::string> names) {
    if (columns_ != 0 || has_rows_) throw std::logic_error("CsvWriter::header: must come once, before rows");
    if (names.empty()) throw std::logic_error("CsvWriter::header: no columns");
    columns_ = names.size();
    append(names);
}

void CsvWriter::row(std::vector<std::string> fields) {
    if (columns_ != 0 && fields.size() != columns_) {
        throw std::logic_error(
            fmt::format("CsvWriter::row: {} fields for {} columns", fields.size(), columns_));
    }
    has_rows_ = true;
    append(fields);
}

void CsvWriter::append(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) body_ += ',';
        append_field(body_, fields[i]);
    }
    body_ += "\r\n";
}

std::string CsvWriter::str() const { return kBom + body_; }

std::string csv_number(double v, int decimals) {
    if (decimals < 0 || decimals > 17)
        throw std::invalid_argument(fmt::format("csv_number: {} decimals", decimals));
    if (!std::isfinite(v)) return "";
    std::string s = fmt::format("{:.{}f}", v, decimals);
    // A tiny negative rounds to "-0.00", which reads as a sign error in a table.
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

}  // namespace ecozone::layers
