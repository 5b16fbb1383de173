#pragma once
// Attribute text encoding of vector sources.
//
// Chinese county data mostly arrives as shapefiles whose DBF is GBK (code page 936) with no
// .cpg beside it, so GDAL's default (assume ISO-8859-1 when nothing is declared) would turn
// every 林地 into mojibake.  We open shapefiles without recoding and decide ourselves:
//   1. a .cpg file beside the .dbf wins;
//   2. otherwise the DBF header's language-driver id (LDID) if it names a code page;
//   3. otherwise detection from the bytes: valid UTF-8 -> UTF-8; valid GB18030 whose non-ASCII
//      text is mostly CJK -> GBK (GB18030); anything else is "undetermined" and reported,
//      with the fix (add a .cpg), never silently guessed.
#include "layers/note.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ecozone::layers {

struct EncodingDecision {
    // Encoding name as CPLRecode / iconv understand it: "UTF-8", "GB18030", "CP1252", ...
    // Empty when undetermined.
    std::string encoding;
    // Where the decision came from: "cpg", "ldid", "detected", "driver" (the format is always
    // UTF-8, e.g. GeoPackage, GeoJSON), or "undetermined".
    std::string source;
    // One human sentence in both languages, e.g. "GBK detected from 1532 non-ASCII values
    // (no .cpg)" / "检测到 GBK 编码，依据 1532 个非 ASCII 值（未提供 .cpg）".
    Note note;
    bool determined() const { return !encoding.empty(); }
};

// Map a .cpg text ("GBK", "936", "UTF-8", "65001", "1252", "ISO-8859-1", ...) to an iconv name.
std::optional<std::string> encoding_from_cpg(std::string_view cpg_text);
// Map a DBF language-driver id byte to an iconv name (0 = not declared -> nullopt).
std::optional<std::string> encoding_from_ldid(unsigned char ldid);

bool is_valid_utf8(std::string_view bytes);
// Decode one code point at `pos` and advance past it; nullopt (pos unchanged) for any ill-formed
// sequence (overlong forms, surrogates, beyond U+10FFFF, truncation, stray continuation bytes).
std::optional<char32_t> next_utf8(std::string_view s, std::size_t& pos);
// Strict GB18030 validity (two-byte GBK pairs and four-byte sequences).
bool is_valid_gb18030(std::string_view bytes);

// Distinct raw values (bytes of string attributes) and how often each occurs: a layer repeats a
// few dozen class and place names over its features, so it is examined by distinct value.  The
// views point into the caller's values, which must outlive it.
using TextTally = std::unordered_map<std::string_view, std::size_t>;

// Decide from sample values (raw bytes of string attributes).
EncodingDecision detect_encoding(const std::vector<std::string>& raw_values);
// The same from a tally of `values` text values (ASCII ones need not be in the tally: they read
// the same in every candidate encoding and only their number is reported).
EncodingDecision detect_encoding(const TextTally& tally, std::size_t values);

// The encoding a shapefile path (.shp or .dbf) declares — its .cpg, else a DBF language-driver
// id naming a fixed code page — known before any value is read; nullopt when neither decides,
// with the reason in `why_not` (then only the values themselves can tell).
std::optional<EncodingDecision> declared_shapefile_encoding(const std::string& shp_path, Note& why_not);

// Decide for a shapefile path (.shp or .dbf) from .cpg, LDID, then the given raw values.
EncodingDecision decide_shapefile_encoding(const std::string& shp_path,
                                           const std::vector<std::string>& raw_values);
EncodingDecision decide_shapefile_encoding(const std::string& shp_path, const TextTally& tally, std::size_t values);

// Convert raw bytes in `encoding` to UTF-8 (identity for UTF-8 / empty encoding).
std::string to_utf8(std::string_view raw, const std::string& encoding);

// The same conversion for many values: the converter is opened once, and pure-ASCII values
// (codes such as "0301") pass through without a conversion.  Throws DataError like to_utf8.
class TextDecoder {
public:
    explicit TextDecoder(const std::string& encoding);
    ~TextDecoder();
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;
    // Decode in place.
    void decode(std::string& text) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// True when every byte is ASCII (no decoding needed, no evidence for detection).
bool is_ascii(std::string_view bytes);

}  // namespace ecozone::layers
