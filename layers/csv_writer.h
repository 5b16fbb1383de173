#pragma once
// CSV tables for planners, who open them by double-clicking in Excel.
//
// Excel on a Chinese Windows reads a CSV without a byte-order mark as GBK and shows UTF-8
// place names as mojibake, so the output starts with the UTF-8 BOM.  Lines end in CRLF and
// fields are quoted per RFC 4180, which Excel, LibreOffice and pandas all read.
#include <string>
#include <vector>

namespace ecozone::layers {

class CsvWriter {
public:
    // The column names; at most once, before any row.  std::logic_error otherwise.
    void header(std::vector<std::string> names);
    // One record.  When a header was given, the row must have as many fields
    // (std::logic_error otherwise): a short row shifts every later column in Excel.
    void row(std::vector<std::string> fields);
    // The whole file: BOM, then the records, each ended by CRLF.
    std::string str() const;

private:
    void append(const std::vector<std::string>& fields);
    std::string body_;
    size_t columns_ = 0;  // 0: no header
    bool has_rows_ = false;
};

// A number with exactly `decimals` decimals ("1234.50"): no thousands separators, no exponent,
// independent of the locale, and never "-0.00".  "" for NaN and infinities (an empty cell
// rather than text Excel cannot sum).  std::invalid_argument for decimals outside 0..17.
std::string csv_number(double v, int decimals);

}  // namespace ecozone::layers
