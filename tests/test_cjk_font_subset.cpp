// The cut-down CJK face of a batch of PDFs (report/common/cjk_font_subset.h): it holds GB 2312,
// Latin and the run's own characters and no more; fontconfig answers it for Noto Sans CJK SC in
// its configuration only; a PDF written with it embeds one smaller face whose text pdftotext reads
// back, and a character the cut face lacks still comes from the installed faces.
#include "report/common/cjk_font_subset.h"
#include "report/common/pdf_document.h"

#include <catch2/catch.hpp>
#include "command_output.h"
#include <hb.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

using namespace ecozone::report;
namespace fs = std::filesystem;

using ecozone::test::command_output;

namespace {

// The characters the face at `path` maps, read by HarfBuzz (not by the code under test).
struct Coverage {
    hb_set_t* set = hb_set_create();
    explicit Coverage(const std::string& path) {
        hb_blob_t* blob = hb_blob_create_from_file(path.c_str());
        hb_face_t* face = hb_face_create(blob, 0);
        hb_face_collect_unicodes(face, set);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    ~Coverage() { hb_set_destroy(set); }
    bool has(hb_codepoint_t c) const { return hb_set_has(set, c); }
    unsigned size() const { return hb_set_get_population(set); }
};

std::string write_pdf(const PdfFonts& fonts, const fs::path& path, const std::string& text) {
    PdfDocument doc(fonts, PdfMeta{"t", "footer", "2026-01-02T03:04:05Z", false});
    doc.text(text);
    doc.svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\">"
            "<text x=\"10\" y=\"20\" font-family=\"'Noto Sans CJK SC',sans-serif\" font-size=\"12\">地图标注 Map</text>"
            "</svg>",
            PdfRect{40, 200, 200, 40});
    doc.write(path.string());
    return command_output("pdffonts " + path.string());
}

}  // namespace

TEST_CASE("the cut CJK face: GB 2312, Latin and the run's characters, served for Noto Sans CJK SC",
          "[pdf][fonts]") {
    const auto subset = CjkFontSubset::create("Noto Sans CJK SC", "㐀𠀀");
    REQUIRE(subset);  // fonts-noto-cjk is installed by scripts/setup.sh
    const Coverage cut(subset->path());
    CHECK(cut.has('A'));
    CHECK(cut.has(0x4e2d));   // 中 (GB 2312)
    CHECK(cut.has(0x7981));   // 禁
    CHECK(cut.has(0x3001));   // 、
    CHECK(cut.has(0xff08));   // （
    CHECK(cut.has(0x3400));   // 㐀, not in GB 2312: from the run's text
    CHECK_FALSE(cut.has(0x4e02));  // 丂: GBK, not GB 2312, not in the text
    CHECK(cut.size() > 7000);
    CHECK(cut.size() < 9000);
    CHECK(subset->glyph_count() < 20000);  // of Noto Sans CJK's 65,535 (with the variants its features reach)

    SECTION("an unknown family: no cut face, the installed faces serve") {
        CHECK_FALSE(CjkFontSubset::create("No Such Family Ecozone", ""));
    }
    SECTION("PDFs embed the cut face once, smaller, and their text reads back") {
        const fs::path dir = fs::temp_directory_path() / ("ecozone_cjk_subset_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        const std::string text = "选址研判报告：禁止 Site-01 (GB 2312)";
        const PdfFonts installed;
        const PdfFonts cut_fonts("Noto Sans CJK SC", subset.get());
        const std::string plain = write_pdf(installed, dir / "installed.pdf", text);
        const std::string with_cut = write_pdf(cut_fonts, dir / "cut.pdf", text);
        // One face each (librsvg draws the map's label as outlines, from the same faces).
        CHECK(with_cut.find("NotoSansCJKsc-Regular") != std::string::npos);
        auto faces = [](const std::string& listing) {
            size_t n = 0;
            for (size_t at = listing.find("CID Type 0C"); at != std::string::npos; at = listing.find("CID Type 0C", at + 1)) ++n;
            return n;
        };
        CHECK(faces(plain) == 1);
        CHECK(faces(with_cut) == 1);
        CHECK(fs::file_size(dir / "cut.pdf") < fs::file_size(dir / "installed.pdf"));
        for (const char* name : {"installed.pdf", "cut.pdf"}) {
            const std::string read = command_output("pdftotext -enc UTF-8 " + (dir / name).string() + " -");
            CHECK(read.find("选址研判报告：禁止 Site-01") != std::string::npos);
        }
        // 丂 is not in the cut face: it comes from the installed Noto face, a second embedded face.
        const std::string fallback = write_pdf(cut_fonts, dir / "fallback.pdf", "禁止 丂");
        CHECK(faces(fallback) == 2);
        CHECK(command_output("pdftotext -enc UTF-8 " + (dir / "fallback.pdf").string() + " -").find("禁止 丂") != std::string::npos);
        fs::remove_all(dir);
    }
}
