#pragma once
// The CJK face of the PDF reports, cut down once per run for a batch of PDFs.
//
// cairo embeds a subset of every face a PDF uses, and for Noto Sans CJK (a CID-keyed CFF face in a
// 19 MB collection, 65,000 glyphs) that subset carries the face's whole local subroutines and is
// found by walking its whole character map: ~168 kB per PDF, a third of each per-site report's
// time.  A run that writes many PDFs first cuts the face down with HarfBuzz (GB 2312's characters,
// Latin, punctuation and the run's own texts; the subroutines expanded, so cairo's subset holds the
// glyphs used and nothing else) and registers it with a fontconfig configuration of its own, where
// it comes before Noto Sans CJK SC for every request of that family: the reports' text and their
// SVG maps' labels (laid out by librsvg through the same font map, see PdfDocument::svg) take their
// glyphs from the cut face, and a character it lacks from the full faces, as before.  The glyphs are
// Noto's own (desubroutinising is lossless); the PDF names the face NotoSansCJKsc-Regular.
#include <memory>
#include <string>

typedef struct _FcConfig FcConfig;  // exactly as fontconfig.h declares it

namespace ecozone::report {

class CjkFontSubset {
public:
    // The regular face of `family` (found through fontconfig) cut down to the characters above
    // plus those of `extra_text`, written to a temporary file this object deletes.  Null when
    // the face cannot be found or cut (a machine without fonts-noto-cjk, a face HarfBuzz cannot
    // read): the reports then use the installed faces as they are, only more slowly.
    static std::unique_ptr<CjkFontSubset> create(const std::string& family, const std::string& extra_text);
    ~CjkFontSubset();
    CjkFontSubset(const CjkFontSubset&) = delete;
    CjkFontSubset& operator=(const CjkFontSubset&) = delete;

    // The system's fonts and the cut face, preferred to `family`; pango font maps reference it.
    FcConfig* config() const { return config_; }
    const std::string& path() const { return path_; }
    size_t glyph_count() const { return glyphs_; }
    // The cut face's family name (never a family a machine has installed).
    static constexpr const char* kFamily = "Ecozone Report Subset CJK SC";

private:
    CjkFontSubset() = default;
    std::string path_;
    FcConfig* config_ = nullptr;
    size_t glyphs_ = 0;
};

}  // namespace ecozone::report
