#include "layers/encoding.h"

#include "geo/errors.h"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace ecozone::layers {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Small text helpers (ASCII only: .cpg contents and encoding names are ASCII).

char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Trim whitespace, NULs and a UTF-8 BOM: .cpg files written by Windows tools often carry a
// trailing CRLF, sometimes a BOM.
std::string_view trim(std::string_view s) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (starts_with(s, bom)) s.remove_prefix(bom.size());
    auto blank = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\v' ||
               c == '\f';
    };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_upper(c);
    return out;
}

bool is_utf8_name(const std::string& encoding) {
    const std::string u = upper(encoding);
    return u == "UTF-8" || u == "UTF8";
}

bool has_non_ascii(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    }
    return false;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// ---------------------------------------------------------------------------------------------
// Code pages and language drivers.

// A Windows code page number -> iconv name.
std::string from_code_page(std::string_view digits) {
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits == "65001") return "UTF-8";
    // GB18030 is a superset of GBK (936) and GB2312, so decoding as GB18030 never loses text.
    if (digits == "936") return "GB18030";
    if (digits == "950") return "BIG5";
    // Windows numbers the ISO-8859 parts 28591..28605; iconv knows them only by ISO name.
    if (digits.size() == 5 && starts_with(digits, "285")) {
        const int part = std::stoi(std::string(digits)) - 28590;
        if (part >= 1 && part <= 15) return fmt::format("ISO-8859-{}", part);
    }
    return fmt::format("CP{}", digits);
}

// "ISO-8859-1", "ISO8859_1", "8859-1", "88591" (ESRI's spelling) -> "ISO-8859-1".
std::optional<std::string> from_iso8859(std::string_view s) {
    if (starts_with(s, "ISO")) s.remove_prefix(3);
    if (!s.empty() && (s.front() == '-' || s.front() == '_')) s.remove_prefix(1);
    if (!starts_with(s, "8859")) return std::nullopt;
    s.remove_prefix(4);
    if (!s.empty() && (s.front() == '-' || s.front() == '_')) s.remove_prefix(1);
    if (!is_digits(s) || s.size() > 2) return std::nullopt;
    const int part = std::stoi(std::string(s));
    if (part < 1 || part > 16 || part == 12) return std::nullopt;  // 8859-12 was never issued
    return fmt::format("ISO-8859-{}", part);
}

struct Alias {
    std::string_view name;
    std::string_view encoding;
};

// Names (upper-cased) that .cpg files use for encodings, beyond plain code page numbers.
constexpr Alias kCpgAliases[] = {
    {"UTF-8", "UTF-8"},
    {"UTF8", "UTF-8"},
    {"GBK", "GB18030"},
    {"GB2312", "GB18030"},
    {"GB18030", "GB18030"},
    {"EUC-CN", "GB18030"},
    {"BIG5", "BIG5"},
    {"BIG-5", "BIG5"},
    {"LATIN1", "ISO-8859-1"},
    {"LATIN-1", "ISO-8859-1"},
    {"SHIFT_JIS", "CP932"},
};

struct LdidEntry {
    unsigned char ldid;
    std::string_view encoding;
};

// dBase language-driver ids (DBF header byte 29) that name a fixed code page.  0x57 is
// deliberately absent: it means "the current ANSI code page of the writing machine", which is
// GBK on Chinese Windows and 1252 elsewhere, so it declares nothing.  Drivers whose code page
// iconv does not know (895 Kamenický, 620 Mazovia) are absent too.
constexpr LdidEntry kLdids[] = {
    {0x01, "CP437"},  {0x02, "CP850"},  {0x03, "CP1252"},    {0x04, "MACINTOSH"},
    {0x08, "CP865"},  {0x09, "CP437"},  {0x0A, "CP850"},     {0x0B, "CP437"},
    {0x0D, "CP437"},  {0x0E, "CP850"},  {0x0F, "CP437"},     {0x10, "CP850"},
    {0x11, "CP437"},  {0x12, "CP850"},  {0x13, "CP932"},     {0x14, "CP850"},
    {0x15, "CP437"},  {0x16, "CP850"},  {0x17, "CP865"},     {0x18, "CP437"},
    {0x19, "CP437"},  {0x1A, "CP850"},  {0x1B, "CP437"},     {0x1C, "CP863"},
    {0x1D, "CP850"},  {0x1F, "CP852"},  {0x22, "CP852"},     {0x23, "CP852"},
    {0x24, "CP860"},  {0x25, "CP850"},  {0x26, "CP866"},     {0x37, "CP850"},
    {0x40, "CP852"},  {0x4D, "GB18030"}, {0x4E, "CP949"},    {0x4F, "BIG5"},
    {0x50, "CP874"},  {0x58, "CP1252"}, {0x59, "CP1252"},    {0x64, "CP852"},
    {0x65, "CP866"},  {0x66, "CP865"},  {0x67, "CP861"},     {0x6A, "CP737"},
    {0x6B, "CP857"},  {0x6C, "CP863"},  {0x78, "BIG5"},      {0x79, "CP949"},
    {0x7A, "GB18030"}, {0x7B, "CP932"}, {0x7C, "CP874"},     {0x86, "CP737"},
    {0x87, "CP852"},  {0x88, "CP857"},  {0x96, "MAC-CYRILLIC"}, {0x97, "MAC-CENTRALEUROPE"},
    {0xC8, "CP1250"}, {0xC9, "CP1251"}, {0xCA, "CP1254"},     {0xCB, "CP1253"},
    {0xCC, "CP1257"},
};

// ---------------------------------------------------------------------------------------------
// UTF-8 decoding.

// Chinese text: CJK punctuation, unified ideographs (incl. extension A), fullwidth forms.
bool is_cjk(char32_t cp) {
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// ---------------------------------------------------------------------------------------------
// iconv.

struct IconvCloser {
    void operator()(iconv_t cd) const noexcept { iconv_close(cd); }
};
using IconvPtr = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

const iconv_t kIconvFailed = reinterpret_cast<iconv_t>(-1);

// The error for text that is not valid in `encoding`, pointing at the bad bytes.
DataError invalid_text(const std::string& encoding, std::string_view raw, std::size_t offset) {
    std::string bytes;
    for (std::size_t i = offset; i < raw.size() && i < offset + 4; ++i) {
        bytes += fmt::format("{}{:02X}", bytes.empty() ? "" : " ",
                             static_cast<unsigned char>(raw[i]));
    }
    return make_error<DataError>(
        "文本不是有效的 {0} 编码：第 {1} 字节（共 {2} 字节）处的字节序列错误或不完整（{3}）；请在同名 .cpg 文件中"
        "写明文件真正的编码",
        "text is not valid {0}: bad or truncated sequence at byte {1} of {2} ({4}); name the "
        "file's real encoding in a .cpg beside it",
        encoding, offset, raw.size(), bytes.empty() ? "文本末尾" : bytes, bytes.empty() ? "end of text" : bytes);
}

// A converter from one encoding to UTF-8, opened once and reused across values.
class ToUtf8 {
public:
    explicit ToUtf8(std::string encoding) : encoding_(std::move(encoding)) {
        iconv_t cd = iconv_open("UTF-8", encoding_.c_str());
        if (cd == kIconvFailed) {
            throw make_error<DataError>(
                "无法识别的文本编码“{}”：无法转换为 UTF-8；请在 .cpg 文件中写一个支持的编码（如 "
                "\"GBK\"、\"CP1252\"、\"UTF-8\"）",
                "unknown text encoding '{}': it cannot be converted to UTF-8; name a supported "
                "encoding in the .cpg file (e.g. \"GBK\", \"CP1252\", \"UTF-8\")",
                encoding_);
        }
        cd_.reset(cd);
    }

    std::string convert(std::string_view raw) const {
        iconv(cd_.get(), nullptr, nullptr, nullptr, nullptr);  // reset any shift state
        // iconv's prototype takes char** but never writes through the input pointer.
        char* in = const_cast<char*>(raw.data());
        std::size_t in_left = raw.size();
        std::string out(raw.size() * 3 + 8, '\0');  // every code page we map fits 3x
        std::size_t used = 0;
        // First the text, then (in == nullptr) the closing shift sequence of stateful codes.
        for (bool flushing = false;;) {
            char* out_ptr = out.data() + used;
            std::size_t out_left = out.size() - used;
            const std::size_t rc = flushing
                ? iconv(cd_.get(), nullptr, nullptr, &out_ptr, &out_left)
                : iconv(cd_.get(), &in, &in_left, &out_ptr, &out_left);
            used = static_cast<std::size_t>(out_ptr - out.data());
            if (rc != static_cast<std::size_t>(-1)) {
                if (flushing) break;
                flushing = true;
                continue;
            }
            if (errno == E2BIG) {
                out.resize(out.size() * 2);
                continue;
            }
            throw invalid_bytes(raw, raw.size() - in_left);
        }
        out.resize(used);
        return out;
    }

private:
    DataError invalid_bytes(std::string_view raw, std::size_t offset) const {
        return invalid_text(encoding_, raw, offset);
    }

    std::string encoding_;
    IconvPtr cd_;
};

bool iconv_knows(const std::string& encoding) {
    iconv_t cd = iconv_open("UTF-8", encoding.c_str());
    if (cd == kIconvFailed) return false;
    IconvPtr closer(cd);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Shapefile siblings.

// `<stem><ext>` for the first of `exts` that exists (shapefile parts may be upper-case).
std::optional<fs::path> sibling(const fs::path& stem, std::initializer_list<const char*> exts) {
    for (const char* ext : exts) {
        fs::path candidate = stem;
        candidate += ext;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

std::optional<std::string> read_small_file(const fs::path& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string data(max_bytes, '\0');
    in.read(data.data(), static_cast<std::streamsize>(max_bytes));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

}  // namespace

std::optional<char32_t> next_utf8(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {  // 0xC0/0xC1 could only start overlong forms
        len = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        len = 3, cp = lead & 0x0F, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {  // 0xF5.. would exceed U+10FFFF
        len = 4, cp = lead & 0x07, min = 0x10000;
    } else {
        return std::nullopt;
    }
    if (s.size() - pos < len) return std::nullopt;
    for (std::size_t i = 1; i < len; ++i) {
        const unsigned char c = byte(pos + i);
        if ((c & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    pos += len;
    return cp;
}


// -------------------------------------------------------------------------------------------------

std::optional<std::string> encoding_from_cpg(std::string_view cpg_text) {
    const std::string text = upper(trim(cpg_text));
    if (text.empty()) return std::nullopt;
    for (const Alias& alias : kCpgAliases) {
        if (text == alias.name) return std::string(alias.encoding);
    }
    if (auto iso = from_iso8859(text)) return iso;
    // Code page numbers, bare ("936") or prefixed ("CP936", "ANSI 1252", "WINDOWS-1252").
    std::string_view number = text;
    for (std::string_view prefix : {"ANSI", "WINDOWS", "CP"}) {
        if (starts_with(number, prefix)) {
            number.remove_prefix(prefix.size());
            break;
        }
    }
    while (!number.empty() && (number.front() == ' ' || number.front() == '-' ||
                               number.front() == '_')) {
        number.remove_prefix(1);
    }
    if (is_digits(number) && number.size() <= 5) return from_code_page(number);
    return std::nullopt;
}

std::optional<std::string> encoding_from_ldid(unsigned char ldid) {
    for (const LdidEntry& entry : kLdids) {
        if (entry.ldid == ldid) return std::string(entry.encoding);
    }
    return std::nullopt;
}

bool is_valid_utf8(std::string_view bytes) {
    for (std::size_t pos = 0; pos < bytes.size();) {
        if (!next_utf8(bytes, pos)) return false;
    }
    return true;
}

bool is_valid_gb18030(std::string_view bytes) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const auto in = [](unsigned char c, unsigned char lo, unsigned char hi) {
        return c >= lo && c <= hi;
    };
    const std::size_t n = bytes.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (!in(lead, 0x81, 0xFE) || i + 1 >= n) return false;
        const unsigned char second = byte(i + 1);
        if (in(second, 0x40, 0x7E) || in(second, 0x80, 0xFE)) {  // two-byte (GBK) pair
            i += 2;
        } else if (in(second, 0x30, 0x39) && i + 3 < n && in(byte(i + 2), 0x81, 0xFE) &&
                   in(byte(i + 3), 0x30, 0x39)) {  // four-byte sequence
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

namespace {

// The note's trailing "(why no declaration decided)", in each language; empty without one.
Note context_suffix(const Note& context) {
    if (context.en.empty()) return {};
    return {"（" + context.zh + "）", " (" + context.en + ")"};
}

// detect_encoding, with `context` (why no declaration decided; may be empty) in the note.
// The non-ASCII values among `raw_values`, tallied: ASCII reads the same in every candidate
// encoding, so only non-ASCII values are evidence.
TextTally non_ascii_tally(const std::vector<std::string>& raw_values) {
    TextTally tally;
    for (const std::string& value : raw_values) {
        if (has_non_ascii(value)) ++tally[value];
    }
    return tally;
}

// Each distinct value is examined once and weighs as often as it occurs.
EncodingDecision detect(const TextTally& all, std::size_t values, const Note& context) {
    const Note where = context_suffix(context);
    std::unordered_map<std::string_view, std::size_t> tally;
    std::size_t examined = 0;
    for (const auto& [value, count] : all) {
        if (!has_non_ascii(value)) continue;
        examined += count;
        tally.emplace(value, count);
    }
    bool all_utf8 = true;
    bool all_gb = true;
    for (const auto& [value, count] : tally) {
        all_utf8 = all_utf8 && is_valid_utf8(value);
        all_gb = all_gb && is_valid_gb18030(value);
    }
    if (examined == 0) {
        return {"UTF-8",
                "detected",
                {fmt::format("纯 ASCII：{} 个值中没有非 ASCII 文本，按 UTF-8 读取{}", values, where.zh),
                 fmt::format("pure ASCII: no non-ASCII text among {}, read as UTF-8{}",
                             plural(values, "value", "values"), where.en)}};
    }
    const std::string evidence = plural(examined, "non-ASCII value", "non-ASCII values");
    if (all_utf8) {
        return {"UTF-8",
                "detected",
                {fmt::format("检测到 UTF-8 编码，依据 {} 个非 ASCII 值{}", examined, where.zh),
                 fmt::format("UTF-8 detected from {}{}", evidence, where.en)}};
    }

    Note why_not_gbk;
    if (all_gb) {
        // Byte-level GBK validity is weak evidence on its own (many Latin-1 pairs are valid
        // GBK too), so also require the decoded text to be mostly Chinese.
        std::size_t chars = 0;
        std::size_t cjk = 0;
        try {
            const ToUtf8 gb("GB18030");
            for (const auto& [value, count] : tally) {
                const std::string utf8 = gb.convert(value);
                for (std::size_t pos = 0; pos < utf8.size();) {
                    const std::optional<char32_t> cp = next_utf8(utf8, pos);
                    if (!cp) {  // cannot happen for iconv output; guard the loop anyway
                        ++pos;
                        continue;
                    }
                    if (*cp < 0x80) continue;
                    chars += count;
                    if (is_cjk(*cp)) cjk += count;
                }
            }
        } catch (const DataError&) {
            chars = 0;  // unassigned four-byte sequences: not GB18030 after all
        }
        if (chars > 0 && cjk * 5 >= chars * 4) {
            return {
                "GB18030",
                "detected",
                {fmt::format("检测到 GBK 编码（按其超集 GB18030 读取），依据 {} 个非 ASCII 值{}", examined, where.zh),
                 fmt::format("GBK (read as its superset GB18030) detected from {}{}", evidence, where.en)}};
        }
        if (chars > 0) {
            why_not_gbk = make_note("（其字节符合 GBK，但解码后的 {1} 个字符中只有 {0} 个是汉字）",
                                    " (their bytes are valid GBK, but only {} of {} decoded "
                                    "characters would be Chinese)",
                                    cjk, chars);
        }
    }
    return {"",
            "undetermined",
            {fmt::format("文本编码无法确定{}：检查了 {} 个非 ASCII 值，既不是 UTF-8 也不是 GBK{}；"
                         "请在 .shp 旁添加 .cpg 文件注明编码（如 \"CP1252\" 或 \"GBK\"）",
                         where.zh, examined, why_not_gbk.zh),
             fmt::format("text encoding undetermined{}: {} examined, neither UTF-8 nor GBK{}; add a "
                         ".cpg file beside the .shp naming the encoding (e.g. \"CP1252\" or "
                         "\"GBK\")",
                         where.en, evidence, why_not_gbk.en)}};
}

// Why the DBF header's language-driver id decided nothing, appended to `context`.
void explain_ldid(const std::optional<std::string>& header, Note& context) {
    if (!header || header->size() <= 29) {
        context.zh += "；.dbf 文件头无法读取";
        context.en += "; no readable .dbf header";
        return;
    }
    const auto ldid = static_cast<unsigned char>((*header)[29]);
    if (ldid == 0x00) {
        context.zh += "；DBF 未声明语言驱动";
        context.en += "; the DBF declares no language driver";
    } else if (ldid == 0x57) {
        context.zh += "；DBF 语言驱动标识 0x57 只表示“写入方的 ANSI 代码页”";
        context.en += "; the DBF language-driver id 0x57 only says \"the writer's ANSI code page\"";
    } else {
        context.zh += fmt::format("；DBF 语言驱动标识 0x{:02X} 无法识别", ldid);
        context.en += fmt::format("; unknown DBF language-driver id 0x{:02X}", ldid);
    }
}

}  // namespace

EncodingDecision detect_encoding(const std::vector<std::string>& raw_values) {
    return detect(non_ascii_tally(raw_values), raw_values.size(), {});
}

EncodingDecision detect_encoding(const TextTally& tally, std::size_t values) { return detect(tally, values, {}); }

std::optional<EncodingDecision> declared_shapefile_encoding(const std::string& shp_path, Note& context) {
    const fs::path stem = fs::path(shp_path).replace_extension();

    // 1. A .cpg beside the data is the writer's explicit declaration.
    if (auto cpg = sibling(stem, {".cpg", ".CPG", ".Cpg"})) {
        const std::string text(trim(read_small_file(*cpg, 256).value_or("")));
        std::optional<std::string> encoding = encoding_from_cpg(text);
        // A name outside our table ("KOI8-R", "EUC-KR") is still usable if iconv knows it.
        if (!encoding && !text.empty() && iconv_knows(text)) encoding = text;
        const std::string cpg_name = cpg->filename().string();
        if (encoding) {
            return EncodingDecision{
                *encoding, "cpg",
                make_note("编码 {} 取自 {}（内容为 \"{}\"）", "{} from {} (\"{}\")", *encoding, cpg_name, text)};
        }
        context = make_note("{} 所写的编码无法识别（\"{}\"）", "{} names no known encoding (\"{}\")", cpg_name, text);
    } else {
        context = {"未提供 .cpg", "no .cpg"};
    }

    // 2. The DBF language-driver id, when it names a fixed code page.
    const auto dbf = sibling(stem, {".dbf", ".DBF", ".Dbf"});
    const std::optional<std::string> header = dbf ? read_small_file(*dbf, 32) : std::nullopt;
    if (header && header->size() > 29) {
        const auto ldid = static_cast<unsigned char>((*header)[29]);
        if (auto encoding = encoding_from_ldid(ldid)) {
            return EncodingDecision{
                *encoding,
                "ldid",
                {fmt::format("编码 {} 取自 DBF 语言驱动标识 0x{:02X}（{}）", *encoding, ldid, context.zh),
                 fmt::format("{} from the DBF language-driver id 0x{:02X} ({})", *encoding, ldid, context.en)}};
        }
    }
    explain_ldid(header, context);
    return std::nullopt;
}

EncodingDecision decide_shapefile_encoding(const std::string& shp_path,
                                           const std::vector<std::string>& raw_values) {
    Note context;  // why the declared sources did not decide
    if (auto declared = declared_shapefile_encoding(shp_path, context)) return *declared;
    // 3. The bytes themselves.
    return detect(non_ascii_tally(raw_values), raw_values.size(), context);
}

EncodingDecision decide_shapefile_encoding(const std::string& shp_path, const TextTally& tally, std::size_t values) {
    Note context;
    if (auto declared = declared_shapefile_encoding(shp_path, context)) return *declared;
    return detect(tally, values, context);
}

bool is_ascii(std::string_view bytes) {
    for (unsigned char c : bytes) {
        if (c >= 0x80) return false;
    }
    return true;
}

struct TextDecoder::Impl {
    std::unique_ptr<ToUtf8> converter;  // null for UTF-8
};

TextDecoder::TextDecoder(const std::string& encoding) : impl_(std::make_unique<Impl>()) {
    if (!encoding.empty() && !is_utf8_name(encoding)) impl_->converter = std::make_unique<ToUtf8>(encoding);
}

TextDecoder::~TextDecoder() = default;

void TextDecoder::decode(std::string& text) const {
    if (is_ascii(text)) return;
    if (!impl_->converter) {
        // Declared UTF-8: nothing to convert, but bytes that are not UTF-8 (GBK text under a
        // .cpg saying UTF-8) must not pass into reports as mojibake.
        for (std::size_t pos = 0; pos < text.size();) {
            if (!next_utf8(text, pos)) throw invalid_text("UTF-8", text, pos);
        }
        return;
    }
    text = impl_->converter->convert(text);
}

std::string to_utf8(std::string_view raw, const std::string& encoding) {
    if (encoding.empty() || is_utf8_name(encoding)) return std::string(raw);
    return ToUtf8(encoding).convert(raw);
}

}  // namespace ecozone::layers
