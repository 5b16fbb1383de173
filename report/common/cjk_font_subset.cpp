#include "report/common/cjk_font_subset.h"

#include "geo/errors.h"
#include "layers/encoding.h"
#include "report/common/free_with.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <hb-subset.h>
#include <hb.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace ecozone::report {

namespace {

using BlobPtr = std::unique_ptr<hb_blob_t, FreeWith<hb_blob_t, hb_blob_destroy>>;
using FacePtr = std::unique_ptr<hb_face_t, FreeWith<hb_face_t, hb_face_destroy>>;
using SubsetInputPtr = std::unique_ptr<hb_subset_input_t, FreeWith<hb_subset_input_t, hb_subset_input_destroy>>;
using PatternPtr = std::unique_ptr<FcPattern, FreeWith<FcPattern, FcPatternDestroy>>;
using ConfigPtr = std::unique_ptr<FcConfig, FreeWith<FcConfig, FcConfigDestroy>>;

// The regular face of `family` as fontconfig resolves it: its file and index in a collection,
// or nothing when the family is not installed (fontconfig would have answered another family).
bool find_face(const std::string& family, std::string& file, int& index) {
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
    if (!match || result != FcResultMatch) return false;
    FcChar8* matched_family = nullptr;
    FcChar8* path = nullptr;
    if (FcPatternGetString(match.get(), FC_FAMILY, 0, &matched_family) != FcResultMatch ||
        family != reinterpret_cast<const char*>(matched_family) ||
        FcPatternGetString(match.get(), FC_FILE, 0, &path) != FcResultMatch ||
        FcPatternGetInteger(match.get(), FC_INDEX, 0, &index) != FcResultMatch) {
        return false;
    }
    file = reinterpret_cast<const char*>(path);
    return true;
}

// The characters every report may show: ASCII and Latin-1, general punctuation, arrows, circled
// numbers, shapes, CJK symbols and full-width forms, and GB 2312 (its 6,763 Hanzi and symbols),
// which holds the place and class names of mainland China's data; then the run's own texts.
void add_characters(hb_set_t* set, const std::string& extra_text) {
    const hb_codepoint_t ranges[][2] = {{0x20, 0x7e},     {0xa0, 0xff},     {0x2000, 0x206f}, {0x2100, 0x214f},
                                        {0x2190, 0x21ff}, {0x2200, 0x22ff}, {0x2460, 0x24ff}, {0x2500, 0x25ff},
                                        {0x2600, 0x26ff}, {0x3000, 0x303f}, {0xff00, 0xffef}};
    for (const auto& r : ranges) hb_set_add_range(set, r[0], r[1]);
    // Every GB 2312 code, decoded by the project's own converter (an unassigned one is refused).
    const layers::TextDecoder gb2312("GB2312");
    for (int hi = 0xa1; hi <= 0xf7; ++hi) {
        for (int lo = 0xa1; lo <= 0xfe; ++lo) {
            std::string text{static_cast<char>(hi), static_cast<char>(lo)};
            try {
                gb2312.decode(text);
            } catch (const Error&) {
                continue;
            }
            hb_set_add(set, g_utf8_get_char(text.c_str()));
        }
    }
    const char* end = extra_text.data() + extra_text.size();
    for (const char* p = extra_text.data(); p < end;) {
        const gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) {
            ++p;  // not UTF-8 here: the reports show U+FFFD for it
            continue;
        }
        hb_set_add(set, c);
        p = g_utf8_next_char(p);
    }
    hb_set_add(set, 0xfffd);
}

// A 'name' table (format 0, Windows Unicode English) naming the cut face: a family of its own,
// so that only the configuration below prefers it, and Noto's PostScript name, copyright and
// licence (the SIL Open Font License travels with every modified version).
BlobPtr name_table(hb_face_t* original) {
    struct Record {
        std::uint16_t id;
        std::u16string text;
    };
    auto original_name = [&](hb_ot_name_id_t id) {
        unsigned int size = 0;
        const unsigned int length = hb_ot_name_get_utf16(original, id, HB_LANGUAGE_INVALID, &size, nullptr);
        std::vector<std::uint16_t> buffer(length + 1);
        size = length + 1;
        hb_ot_name_get_utf16(original, id, HB_LANGUAGE_INVALID, &size, buffer.data());
        std::u16string text;
        for (unsigned int i = 0; i < size && i < length; ++i) text += static_cast<char16_t>(buffer[i]);
        return text;
    };
    auto u16 = [](const char* s) {
        std::u16string out;
        for (const char* p = s; *p; ++p) out += static_cast<char16_t>(*p);
        return out;
    };
    std::vector<Record> records = {
        {0, original_name(0)},
        {1, u16(CjkFontSubset::kFamily)},
        {2, u"Regular"},
        {3, u16("ecozone report subset of NotoSansCJKsc-Regular")},
        {4, u16(CjkFontSubset::kFamily)},
        {6, u16("NotoSansCJKsc-Regular")},
        {13, original_name(13)},
        {14, original_name(14)},
    };
    std::string table, strings;
    auto put16 = [](std::string& s, std::uint16_t v) {
        s += static_cast<char>(v >> 8);
        s += static_cast<char>(v & 0xff);
    };
    std::vector<Record> kept;
    for (auto& r : records) {
        if (!r.text.empty()) kept.push_back(std::move(r));
    }
    put16(table, 0);
    put16(table, static_cast<std::uint16_t>(kept.size()));
    put16(table, static_cast<std::uint16_t>(6 + 12 * kept.size()));
    for (const auto& r : kept) {  // sorted by name id: platform, encoding and language are shared
        put16(table, 3);       // Windows
        put16(table, 1);       // Unicode BMP
        put16(table, 0x0409);  // English (United States)
        put16(table, r.id);
        put16(table, static_cast<std::uint16_t>(2 * r.text.size()));
        put16(table, static_cast<std::uint16_t>(strings.size()));
        for (const char16_t c : r.text) put16(strings, static_cast<std::uint16_t>(c));
    }
    table += strings;
    return BlobPtr(hb_blob_create(table.data(), static_cast<unsigned int>(table.size()), HB_MEMORY_MODE_DUPLICATE,
                                  nullptr, nullptr));
}

// The cut face with `name` in place of its own 'name' table, as the bytes of an OpenType file.
BlobPtr rebuild_with_name(hb_face_t* cut, hb_blob_t* name) {
    // The subsetter's result is a face under construction, which does not list its tables: read
    // back as a file, it does.
    BlobPtr cut_bytes(hb_face_reference_blob(cut));
    FacePtr subset_face(hb_face_create(cut_bytes.get(), 0));
    hb_face_t* subset = subset_face.get();
    FacePtr builder(hb_face_builder_create());
    hb_tag_t tags[64];
    unsigned int start = 0, count = 64;
    while (true) {
        count = 64;
        hb_face_get_table_tags(subset, start, &count, tags);
        if (count == 0) break;
        for (unsigned int i = 0; i < count; ++i) {
            if (tags[i] == HB_TAG('n', 'a', 'm', 'e')) continue;
            BlobPtr table(hb_face_reference_table(subset, tags[i]));
            hb_face_builder_add_table(builder.get(), tags[i], table.get());
        }
        start += count;
    }
    hb_face_builder_add_table(builder.get(), HB_TAG('n', 'a', 'm', 'e'), name);
    return BlobPtr(hb_face_reference_blob(builder.get()));
}

}  // namespace

std::unique_ptr<CjkFontSubset> CjkFontSubset::create(const std::string& family, const std::string& extra_text) {
    std::string file;
    int index = 0;
    if (!find_face(family, file, index)) return nullptr;
    BlobPtr blob(hb_blob_create_from_file_or_fail(file.c_str()));
    if (!blob) return nullptr;
    FacePtr face(hb_face_create(blob.get(), static_cast<unsigned int>(index)));
    SubsetInputPtr input(hb_subset_input_create_or_fail());
    if (!face || !input) return nullptr;
    add_characters(hb_subset_input_unicode_set(input.get()), extra_text);
    // Subroutines expanded: cairo copies a CFF face's subroutines whole into every PDF.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_DESUBROUTINIZE);
    FacePtr cut(hb_subset_or_fail(face.get(), input.get()));
    if (!cut) return nullptr;
    BlobPtr name = name_table(face.get());
    if (!name) return nullptr;
    BlobPtr bytes = rebuild_with_name(cut.get(), name.get());
    unsigned int size = 0;
    const char* data = bytes ? hb_blob_get_data(bytes.get(), &size) : nullptr;
    if (!data || size == 0) return nullptr;

    std::unique_ptr<CjkFontSubset> out(new CjkFontSubset());
    out->glyphs_ = hb_face_get_glyph_count(cut.get());
    std::error_code ec;
    std::string path = (std::filesystem::temp_directory_path(ec) / "ecozone-cjk-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return nullptr;
    out->path_ = path;  // from here on the destructor removes the file
    const ssize_t written = ::write(fd, data, size);
    ::close(fd);
    if (written != static_cast<ssize_t>(size)) return nullptr;

    // The system's configuration and fonts, the cut face added, and preferred to `family`.
    ConfigPtr config(FcInitLoadConfigAndFonts());
    if (!config || !FcConfigAppFontAddFile(config.get(), reinterpret_cast<const FcChar8*>(path.c_str()))) {
        return nullptr;
    }
    const std::string rules = "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
                              "<alias binding=\"strong\"><family>" + family + "</family><prefer><family>" +
                              kFamily + "</family></prefer></alias></fontconfig>";
    if (!FcConfigParseAndLoadFromMemory(config.get(), reinterpret_cast<const FcChar8*>(rules.c_str()), FcFalse)) {
        return nullptr;
    }
    // Checked, not assumed: a request for `family` now answers the cut face.
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcConfigSubstitute(config.get(), pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(config.get(), pattern.get(), &result));
    FcChar8* matched = nullptr;
    if (!match || FcPatternGetString(match.get(), FC_FILE, 0, &matched) != FcResultMatch ||
        path != reinterpret_cast<const char*>(matched)) {
        return nullptr;
    }
    out->config_ = config.release();
    return out;
}

CjkFontSubset::~CjkFontSubset() {
    if (config_) FcConfigDestroy(config_);
    if (!path_.empty()) std::remove(path_.c_str());
}

}  // namespace ecozone::report
