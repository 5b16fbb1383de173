#include "layers/encoding.h"

#include "geo/errors.h"
#include "geo/geos_handle.h"
#include "layers/vector_layer.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

using namespace ecozone::layers;
namespace geo = ecozone::geo;
using ecozone::DataError;
namespace fs = std::filesystem;

namespace {

// Hand-checked with `iconv -f UTF-8 -t GBK | xxd`.
const std::string kLindiGbk = "\xC1\xD6\xB5\xD8";           // 林地
const std::string kLindiUtf8 = "\xE6\x9E\x97\xE5\x9C\xB0";  // 林地

const std::string kGbkDir = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/encoding";
const std::string kGbkShp = kGbkDir + "/gbk_no_cpg.shp";
const std::string kLatin1Dbf = std::string(ECOZONE_EXTERNAL_DIR) + "/pyshp/latin1.dbf";

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

// Raw bytes of every string attribute: "ENCODING=" (empty) stops the shapefile driver from
// recoding, which is how ecozone opens shapefiles before deciding the encoding itself.
std::vector<std::string> raw_string_values(const std::string& path) {
    GDALAllRegister();
    const char* const open_options[] = {"ENCODING=", nullptr};
    std::unique_ptr<GDALDataset, DatasetCloser> ds(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr));
    REQUIRE(ds);
    std::vector<std::string> values;
    OGRLayer* layer = ds->GetLayer(0);
    REQUIRE(layer);
    for (const auto& feature : *layer) {
        for (int i = 0; i < feature->GetFieldCount(); ++i) {
            if (feature->GetFieldDefnRef(i)->GetType() == OFTString &&
                feature->IsFieldSetAndNotNull(i)) {
                values.emplace_back(feature->GetFieldAsString(i));
            }
        }
    }
    return values;
}

// A scratch directory removed at scope exit, for tests that add a .cpg or patch a header.
struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> counter{0};
        path = fs::temp_directory_path() /
               ("ecozone_encoding_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

void write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

void set_ldid(const fs::path& dbf, unsigned char ldid) {
    std::fstream f(dbf, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(29);
    f.put(static_cast<char>(ldid));
}

}  // namespace

TEST_CASE(".cpg contents map to iconv names", "[encoding]") {
    CHECK(encoding_from_cpg("UTF-8") == "UTF-8");
    CHECK(encoding_from_cpg("utf8\r\n") == "UTF-8");
    CHECK(encoding_from_cpg("65001") == "UTF-8");
    CHECK(encoding_from_cpg("\xEF\xBB\xBFUTF-8") == "UTF-8");  // BOM from Notepad
    for (const char* gbk : {"GBK", "gbk", " 936 ", "CP936", "cp936", "GB2312", "GB18030"}) {
        INFO(gbk);
        CHECK(encoding_from_cpg(gbk) == "GB18030");
    }
    CHECK(encoding_from_cpg("1252") == "CP1252");
    CHECK(encoding_from_cpg("CP1252") == "CP1252");
    CHECK(encoding_from_cpg("ANSI 1252") == "CP1252");
    CHECK(encoding_from_cpg("windows-1252") == "CP1252");
    CHECK(encoding_from_cpg("ISO-8859-1") == "ISO-8859-1");
    CHECK(encoding_from_cpg("88591") == "ISO-8859-1");  // ArcGIS's spelling
    CHECK(encoding_from_cpg("latin1") == "ISO-8859-1");
    CHECK(encoding_from_cpg("ISO8859_5") == "ISO-8859-5");
    CHECK(encoding_from_cpg("950") == "BIG5");
    CHECK(encoding_from_cpg("Big5") == "BIG5");
    CHECK(encoding_from_cpg("1251") == "CP1251");
    CHECK(encoding_from_cpg("866") == "CP866");
    CHECK_FALSE(encoding_from_cpg(""));
    CHECK_FALSE(encoding_from_cpg("  \n"));
    CHECK_FALSE(encoding_from_cpg("klingon"));
}

TEST_CASE("DBF language-driver ids map to iconv names", "[encoding]") {
    CHECK(encoding_from_ldid(0x4D) == "GB18030");
    CHECK(encoding_from_ldid(0x7A) == "GB18030");
    CHECK(encoding_from_ldid(0x78) == "BIG5");
    CHECK(encoding_from_ldid(0x03) == "CP1252");
    CHECK(encoding_from_ldid(0x01) == "CP437");
    CHECK(encoding_from_ldid(0x02) == "CP850");
    CHECK(encoding_from_ldid(0xC9) == "CP1251");
    // 0x57 = "current ANSI code page": GBK on Chinese Windows, 1252 elsewhere -> declares nothing.
    CHECK_FALSE(encoding_from_ldid(0x57));
    CHECK_FALSE(encoding_from_ldid(0x00));
    CHECK_FALSE(encoding_from_ldid(0xFF));
}

TEST_CASE("every LDID and code page name converts with iconv", "[encoding]") {
    // The tables are only useful if to_utf8 can open what they return.
    for (int ldid = 0; ldid < 256; ++ldid) {
        if (auto encoding = encoding_from_ldid(static_cast<unsigned char>(ldid))) {
            INFO("LDID " << ldid << " -> " << *encoding);
            CHECK_NOTHROW(to_utf8("abc", *encoding));
        }
    }
    for (const char* cpg : {"1252", "936", "950", "65001", "88591", "28595", "437", "1258"}) {
        const auto encoding = encoding_from_cpg(cpg);
        REQUIRE(encoding);
        INFO(cpg << " -> " << *encoding);
        CHECK(to_utf8("abc", *encoding) == "abc");
    }
}

TEST_CASE("UTF-8 validation is strict", "[encoding]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8(kLindiUtf8));
    CHECK(is_valid_utf8("Caf\xC3\xA9"));
    CHECK(is_valid_utf8("\xF0\x9F\x8C\xB2"));  // U+1F332, four bytes
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
    CHECK_FALSE(is_valid_utf8(kLindiGbk));
    CHECK_FALSE(is_valid_utf8("Caf\xE9"));          // Latin-1
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/', three bytes
    CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong '/', four bytes
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    CHECK_FALSE(is_valid_utf8("\xE6\x9E"));          // truncated
    CHECK_FALSE(is_valid_utf8("\x80"));              // stray continuation byte
}

TEST_CASE("GB18030 validation is strict", "[encoding]") {
    CHECK(is_valid_gb18030(""));
    CHECK(is_valid_gb18030("ASCII only"));
    CHECK(is_valid_gb18030(kLindiGbk));
    CHECK(is_valid_gb18030("0103 " + kLindiGbk));
    CHECK(is_valid_gb18030("\x81\x40"));          // lowest two-byte pair
    CHECK(is_valid_gb18030("\x81\x30\x81\x30"));  // four-byte sequence (U+0080)
    CHECK_FALSE(is_valid_gb18030("\x80"));          // not a lead byte
    CHECK_FALSE(is_valid_gb18030("\xFF\x40"));      // not a lead byte
    CHECK_FALSE(is_valid_gb18030("\xC1"));          // truncated pair
    CHECK_FALSE(is_valid_gb18030("\xC1\x7F"));      // 0x7F is no trail byte
    CHECK_FALSE(is_valid_gb18030("\xC1\xFF"));      // 0xFF is no trail byte
    CHECK_FALSE(is_valid_gb18030("\x81\x30\x81"));  // truncated four-byte sequence
    CHECK_FALSE(is_valid_gb18030("\x81\x30\x20\x30"));
    CHECK_FALSE(is_valid_gb18030("Caf\xE9 cr\xE8me"));  // Latin-1: 0xE9 0x20 is no pair
}

TEST_CASE("detection from raw attribute values", "[encoding]") {
    SECTION("GBK Chinese class names") {
        const std::vector<std::string> values{"0301", kLindiGbk,
                                              "\xC7\xC7\xC4\xBE\xC1\xD6\xB5\xD8",  // 乔木林地
                                              "\xB9\xE0\xC4\xBE\xC1\xD6\xB5\xD8"};  // 灌木林地
        const EncodingDecision d = detect_encoding(values);
        CHECK(d.encoding == "GB18030");
        CHECK(d.source == "detected");
        CHECK(d.determined());
        CHECK_THAT(d.note.en, Catch::Contains("GBK") && Catch::Contains("3 non-ASCII values"));
        CHECK(d.note.zh == "检测到 GBK 编码（按其超集 GB18030 读取），依据 3 个非 ASCII 值");
    }
    SECTION("UTF-8") {
        const EncodingDecision d = detect_encoding({"0301", kLindiUtf8, "Caf\xC3\xA9"});
        CHECK(d.encoding == "UTF-8");
        CHECK(d.source == "detected");
        CHECK_THAT(d.note.en, Catch::Contains("2 non-ASCII values"));
    }
    SECTION("pure ASCII") {
        const EncodingDecision d = detect_encoding({"0301", "0302", "forest"});
        CHECK(d.encoding == "UTF-8");
        CHECK(d.source == "detected");
        CHECK_THAT(d.note.en, Catch::Contains("ASCII"));
        CHECK(d.note.zh == "纯 ASCII：3 个值中没有非 ASCII 文本，按 UTF-8 读取");
    }
    SECTION("no values at all") {
        CHECK(detect_encoding({}).encoding == "UTF-8");
    }
    SECTION("Latin-1 is neither UTF-8 nor GBK") {
        const EncodingDecision d = detect_encoding({"Caf\xE9 cr\xE8me", "plain"});
        CHECK_FALSE(d.determined());
        CHECK(d.encoding.empty());
        CHECK(d.source == "undetermined");
        CHECK_THAT(d.note.en,
                   Catch::Contains("1 non-ASCII value") && Catch::Contains(".cpg") && Catch::Contains("CP1252"));
        CHECK_THAT(d.note.zh, Catch::StartsWith("文本编码无法确定：检查了 1 个非 ASCII 值") &&
                                  Catch::Contains("请在 .shp 旁添加 .cpg 文件注明编码"));
    }
    SECTION("valid GBK bytes that decode to non-Chinese text are not GBK") {
        // "\xA9\xA5" etc. are GBK box-drawing characters: byte-valid, but nobody names land
        // classes with them, so they must not pass as Chinese.
        const EncodingDecision d = detect_encoding({"\xA9\xA5\xA9\xA7", "\xA9\xA5"});
        CHECK(d.source == "undetermined");
        // The same counts in both languages, in each language's order.
        CHECK_THAT(d.note.en, Catch::Contains("only 0 of 3 decoded characters would be Chinese"));
        CHECK_THAT(d.note.zh, Catch::Contains("解码后的 3 个字符中只有 0 个是汉字"));
    }
    SECTION("a repeated value weighs as often as it occurs") {
        // 林地 (2 Chinese characters) four times against one box-drawing value (3 characters):
        // 8 of 11 characters Chinese (73 %, under the 80 % bar); counted once, 2 of 5 would be.
        // With 林地 fourteen times, 28 of 31 (90 %): GBK.  The note counts every occurrence.
        std::vector<std::string> values(4, kLindiGbk);
        values.push_back("\xA9\xA5\xA9\xA7\xA9\xA5");
        const EncodingDecision few = detect_encoding(values);
        CHECK(few.source == "undetermined");
        CHECK_THAT(few.note.en, Catch::Contains("only 8 of 11 decoded characters would be Chinese") &&
                                    Catch::Contains("5 non-ASCII values"));
        values.insert(values.end(), 10, kLindiGbk);
        const EncodingDecision many = detect_encoding(values);
        CHECK(many.encoding == "GB18030");
        CHECK_THAT(many.note.en, Catch::Contains("15 non-ASCII values"));
    }
    SECTION("one mojibake value spoils UTF-8") {
        const EncodingDecision d = detect_encoding({kLindiUtf8, kLindiGbk});
        CHECK(d.encoding != "UTF-8");
    }
    SECTION("a tally of distinct values decides as the values listed one by one") {
        // How a layer's reader asks (layers/vector_layer.cpp): counts by distinct value, and the
        // number of text values, ASCII ones included, which only the pure-ASCII note reports.
        const std::string box = "\xA9\xA5\xA9\xA7\xA9\xA5";
        TextTally tally{{kLindiGbk, 4}, {box, 1}};
        const EncodingDecision few = detect_encoding(tally, 9);
        CHECK(few.source == "undetermined");
        CHECK_THAT(few.note.en, Catch::Contains("only 8 of 11 decoded characters would be Chinese") &&
                                    Catch::Contains("5 non-ASCII values"));
        tally[kLindiGbk] = 14;
        const EncodingDecision many = detect_encoding(tally, 20);
        CHECK(many.encoding == "GB18030");
        CHECK_THAT(many.note.en, Catch::Contains("15 non-ASCII values"));
        // ASCII values in the tally are no evidence either.
        const EncodingDecision ascii = detect_encoding(TextTally{{"0301", 7}}, 12);
        CHECK(ascii.encoding == "UTF-8");
        CHECK(ascii.note.zh == "纯 ASCII：12 个值中没有非 ASCII 文本，按 UTF-8 读取");
    }
}

TEST_CASE("to_utf8 converts and rejects invalid bytes", "[encoding]") {
    CHECK(to_utf8(kLindiGbk, "GB18030") == kLindiUtf8);
    CHECK(to_utf8(kLindiGbk, "CP936") == kLindiUtf8);
    CHECK(to_utf8("Caf\xE9", "CP1252") == "Caf\xC3\xA9");
    CHECK(to_utf8("\x80", "CP1252") == "\xE2\x82\xAC");  // euro sign, the CP1252 extra
    CHECK(to_utf8("", "GB18030").empty());
    // UTF-8 and "undetermined" pass through untouched.
    CHECK(to_utf8(kLindiUtf8, "UTF-8") == kLindiUtf8);
    CHECK(to_utf8(kLindiGbk, "") == kLindiGbk);

    // GB18030 bytes (from `iconv -t GB18030`) of "0301 林地 🌲 é": two-byte GBK pairs plus a
    // four-byte sequence for the code point beyond the BMP.
    const std::string mixed_gb = "0301 " + kLindiGbk + " \x94\x39\xB4\x38 \xA8\xA6";
    CHECK(to_utf8(mixed_gb, "GB18030") == "0301 " + kLindiUtf8 + " \xF0\x9F\x8C\xB2 \xC3\xA9");

    CHECK_THROWS_AS(to_utf8("\xC1", "GB18030"), ecozone::DataError);  // truncated pair
    CHECK_THROWS_WITH(to_utf8("ok \xC1\xFF", "GB18030"),
                      Catch::Contains("GB18030") && Catch::Contains("byte 3"));
    CHECK_THROWS_WITH(to_utf8("abc", "NO-SUCH-ENCODING"), Catch::Contains("NO-SUCH-ENCODING"));
}

TEST_CASE("a GBK shapefile without .cpg is detected as GB18030", "[encoding][shapefile]") {
    // tests/data/encoding/gbk_no_cpg: written by ogr2ogr -lco ENCODING=CP936, .cpg deleted and
    // DBF byte 29 set to 0x57 -- what ArcGIS on a Chinese Windows typically hands over.
    const std::vector<std::string> raw = raw_string_values(kGbkShp);
    REQUIRE(raw.size() == 4);
    CHECK(raw[0] == "\xC7\xC7\xC4\xBE\xC1\xD6\xB5\xD8");  // GBK bytes, not recoded by GDAL

    const EncodingDecision d = decide_shapefile_encoding(kGbkShp, raw);
    CHECK(d.encoding == "GB18030");
    CHECK(d.source == "detected");
    CHECK_THAT(d.note.en,
               Catch::Contains("4 non-ASCII values") && Catch::Contains("no .cpg") && Catch::Contains("0x57"));
    CHECK_THAT(d.note.zh, Catch::Contains("依据 4 个非 ASCII 值") && Catch::Contains("未提供 .cpg") &&
                              Catch::Contains("DBF 语言驱动标识 0x57"));

    std::vector<std::string> utf8;
    for (const std::string& value : raw) utf8.push_back(to_utf8(value, d.encoding));
    CHECK(utf8 == std::vector<std::string>{"乔木林地", "灌木林地", "其他草地", "红寺堡镇"});
}

TEST_CASE("a .cpg beats the LDID, which beats detection", "[encoding][shapefile]") {
    TempDir dir;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        fs::copy_file(kGbkDir + "/gbk_no_cpg" + ext, dir.path / (std::string("gbk") + ext));
    }
    const std::string shp = (dir.path / "gbk.shp").string();
    const std::vector<std::string> raw = raw_string_values(shp);

    SECTION("LDID 0x4D declares code page 936") {
        set_ldid(dir.path / "gbk.dbf", 0x4D);
        const EncodingDecision d = decide_shapefile_encoding(shp, raw);
        CHECK(d.encoding == "GB18030");
        CHECK(d.source == "ldid");
        CHECK_THAT(d.note.en, Catch::Contains("0x4D"));
        CHECK_THAT(d.note.zh, Catch::StartsWith("编码 GB18030 取自 DBF 语言驱动标识 0x4D（未提供 .cpg）"));
    }
    SECTION("LDID 0x03 is believed even though the bytes look Chinese") {
        set_ldid(dir.path / "gbk.dbf", 0x03);
        const EncodingDecision d = decide_shapefile_encoding(shp, raw);
        CHECK(d.encoding == "CP1252");
        CHECK(d.source == "ldid");
    }
    SECTION(".cpg wins, upper-case extension and CRLF included") {
        set_ldid(dir.path / "gbk.dbf", 0x03);
        write_file(dir.path / "gbk.CPG", "936\r\n");
        const EncodingDecision d = decide_shapefile_encoding((dir.path / "gbk.dbf").string(), raw);
        CHECK(d.encoding == "GB18030");
        CHECK(d.source == "cpg");
        CHECK_THAT(d.note.en, Catch::Contains("gbk.CPG"));
        CHECK(d.note.zh == "编码 GB18030 取自 gbk.CPG（内容为 \"936\"）");
    }
    SECTION("an encoding name outside the table is used when iconv knows it") {
        write_file(dir.path / "gbk.cpg", "EUC-KR");
        const EncodingDecision d = decide_shapefile_encoding(shp, raw);
        CHECK(d.encoding == "EUC-KR");
        CHECK(d.source == "cpg");
    }
    SECTION("a nonsense .cpg falls through to detection and says so") {
        write_file(dir.path / "gbk.cpg", "klingon");
        const EncodingDecision d = decide_shapefile_encoding(shp, raw);
        CHECK(d.encoding == "GB18030");
        CHECK(d.source == "detected");
        CHECK_THAT(d.note.en, Catch::Contains("klingon"));
        CHECK_THAT(d.note.zh, Catch::Contains("（gbk.cpg 所写的编码无法识别（\"klingon\"）；"));
    }
}

TEST_CASE("pyshp's latin1.dbf is undetermined, never GBK", "[encoding][shapefile]") {
    // latin1.dbf (pyshp test data) has no .cpg and its header byte 29 is 0x00: it declares no
    // language driver, so detection decides.  Its one name, "Ñandú" in Latin-1
    // (D1 61 6E 64 FA), is not UTF-8 (D1 needs a continuation byte), and not GBK either: D1 61
    // happens to be a valid GBK pair, but the trailing FA has no trail byte.  Guessing CP1252
    // would be right here but wrong for other single-byte code pages, so the honest answer is
    // "undetermined", with the .cpg fix in the note.
    // Read the values from a lone copy of the .dbf: beside it GDAL would find latin1.shp, which
    // has no .shx, and refuse to open.
    TempDir dir;
    fs::copy_file(kLatin1Dbf, dir.path / "latin1.dbf");
    const std::vector<std::string> raw = raw_string_values((dir.path / "latin1.dbf").string());
    REQUIRE(raw.size() == 1);
    CHECK(raw[0] == "\xD1" "and\xFA");

    const EncodingDecision d = decide_shapefile_encoding(kLatin1Dbf, raw);
    CHECK(d.encoding != "GB18030");
    CHECK_FALSE(d.determined());
    CHECK(d.source == "undetermined");
    CHECK_THAT(d.note.en, Catch::Contains("1 non-ASCII value") && Catch::Contains(".cpg") &&
                              Catch::Contains("declares no language driver"));
    CHECK_THAT(d.note.zh,
               Catch::Contains("未提供 .cpg；DBF 未声明语言驱动") && Catch::Contains("既不是 UTF-8 也不是 GBK"));
    // ... and the fix the note asks for works.
    CHECK(to_utf8(raw[0], *encoding_from_cpg("ISO-8859-1")) == "Ñandú");
}

TEST_CASE("a declared encoding is decoded as the layer is read, and wrong bytes are an error", "[encoding][shapefile]") {
    // The readers decode the text as they read when the .cpg declares the encoding; a .cpg that
    // says UTF-8 over GBK bytes must stop the read, naming the feature and the fix, rather than
    // pass the bytes on as mojibake.
    TempDir dir;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        fs::copy_file(kGbkDir + "/gbk_no_cpg" + ext, dir.path / (std::string("gbk") + ext));
    }
    const std::string shp = (dir.path / "gbk.shp").string();
    const geo::GeosContext geos;
    SECTION("a .cpg naming GBK") {
        write_file(dir.path / "gbk.cpg", "GBK");
        const VectorLayer layer = read_vector(geos, shp);
        CHECK(layer.encoding.source == "cpg");
        std::vector<std::string> text;
        for (const auto& f : layer.features) {
            for (const auto& a : f.attrs) {
                if (const auto* t = std::get_if<std::string>(&a); t && !is_ascii(*t)) text.push_back(*t);
            }
        }
        CHECK(text == std::vector<std::string>{"乔木林地", "灌木林地", "其他草地", "红寺堡镇"});
    }
    SECTION("a .cpg saying UTF-8 over GBK bytes") {
        write_file(dir.path / "gbk.cpg", "UTF-8");
        try {
            (void)read_vector(geos, shp);
            FAIL("GBK bytes under a UTF-8 .cpg were read");
        } catch (const DataError& e) {
            CHECK_THAT(e.text(true), Catch::Contains("gbk.shp: feature") && Catch::Contains("not valid UTF-8") &&
                                         Catch::Contains(".cpg"));
            CHECK_THAT(e.text(false), Catch::Contains("要素") && Catch::Contains("不是有效的 UTF-8"));
        }
    }
}
