#pragma once
// A4 PDF documents laid out top to bottom with cairo and pango, for the reports a planner prints
// (the per-site screening report and the batch summary; the indicators and audit reports may use
// it too): text blocks, tables with a repeated header, coloured badges, SVG pictures and a footer
// on every page.
//
// Text goes to pango as plain text (pango_layout_set_text, never markup), so a site name holding
// "<b>&amp;</b>", "%s", emoji or right-to-left script is drawn as written; invalid UTF-8 is
// replaced (U+FFFD), never passed on.
//
// Pages are recorded first (cairo recording surfaces) and written to the PDF by write(), so that
// each page's footer can say "page n / N" however the content flowed.
//
// Only standard C++ types cross this header (cairo, pango and librsvg are private to the report
// library), except cairo_t for drawings the primitives do not cover.
#include <memory>
#include <optional>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;  // exactly as cairo.h declares it

namespace ecozone::report {

class CjkFontSubset;

// The fonts of the PDF reports: one pango font map and context, loaded once and shared by every
// document written with it.  Loading the CJK font is the slow part of writing a PDF (a tenth of a
// second or more), so a caller writing many documents creates one PdfFonts and passes it on.  It
// holds no state a document changes (the fonts are immutable once loaded), but pango objects are
// not thread-safe: one PdfFonts per thread.
//
// Every face a document uses is embedded in it (subset) when it is written, which for a CJK face
// costs some 6–8 ms of CPU per document whatever the number of glyphs: a report written many times
// over (one per site) does better with the regular face alone, bold = false everywhere.
class PdfFonts {
public:
    // `family`: a fontconfig family with the CJK glyphs; others (emoji, scripts it lacks) come
    // from fontconfig's fallback.
    explicit PdfFonts(const std::string& family = "Noto Sans CJK SC");
    // The same, with `family` served by a cut-down face (report/common/cjk_font_subset.h), which
    // must outlive this object; null: the installed faces.
    PdfFonts(const std::string& family, const CjkFontSubset* subset);
    ~PdfFonts();
    PdfFonts(const PdfFonts&) = delete;
    PdfFonts& operator=(const PdfFonts&) = delete;

    struct Impl;
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// A colour, each component in [0, 1].
struct Rgb {
    double r = 0, g = 0, b = 0;
};
// 0xRRGGBB -> Rgb.
Rgb hex_rgb(unsigned hex);

enum class TextAlign { Left, Center, Right };

struct TextStyle {
    double size_pt = 9;
    bool bold = false;
    Rgb color;
    TextAlign align = TextAlign::Left;
    double indent = 0;  // pt from the left margin; the block is as wide as what is left
};

struct TableCell {
    std::string text;
    std::optional<Rgb> fill;  // background
    bool bold = false;
    TableCell(std::string s) : text(std::move(s)) {}  // NOLINT: cells are written as strings
    TableCell(const char* s) : text(s) {}             // NOLINT
    TableCell(std::string s, std::optional<Rgb> f, bool b = false) : text(std::move(s)), fill(f), bold(b) {}
};

struct TableSpec {
    std::vector<std::string> header;  // drawn bold on a shaded row, again at the top of each new page
    std::vector<double> widths;       // one per column, fractions of the table's width (normalised)
    std::vector<bool> right;          // right-aligned columns (figures); missing entries: left
    std::vector<std::vector<TableCell>> rows;
    double font_pt = 8;
    double indent = 0;  // pt from the left margin; the table is as wide as what is left
    bool bold_header = true;
};

// A coloured label, e.g. a verdict: filled with `background`, or outlined in `color` when
// `outline`.
struct Badge {
    std::string label;
    Rgb background, color;
    bool outline = false;
    bool bold = true;
};

struct PdfMeta {
    std::string title;        // the PDF's Title
    std::string footer;       // each page's footer before the page number: "ecozone 0.1.0 · 运行编号 …"
    std::string created_utc;  // the PDF's creation date, ISO 8601 ("2026-01-02T03:04:05Z"); empty: now
    bool english = false;     // the page number's words: "第 n / N 页" or "page n / N"
};

struct PdfRect {
    double x = 0, y = 0, w = 0, h = 0;
};

class PdfDocument {
public:
    // A4 in PDF points.  15 mm margins; 18 mm at the bottom, where the footer is.
    static constexpr double kPageWidth = 595.0, kPageHeight = 842.0;
    static constexpr double kMargin = 15.0 * 72.0 / 25.4;
    static constexpr double kBottomMargin = 18.0 * 72.0 / 25.4;

    // `fonts` must outlive the document.  Starts on page 1, cursor at the top of the content.
    PdfDocument(const PdfFonts& fonts, PdfMeta meta);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    // The content area in page coordinates (points, y downwards).
    static constexpr double left() { return kMargin; }
    static constexpr double top() { return kMargin; }
    static constexpr double width() { return kPageWidth - 2 * kMargin; }
    static constexpr double bottom() { return kPageHeight - kBottomMargin; }
    static constexpr double content_height() { return bottom() - top(); }

    // The cursor: where the next block goes.
    double y() const;
    void set_y(double y);
    double remaining() const { return bottom() - y(); }
    int page() const;  // 1-based; the current page is the last

    void new_page();
    // Start a new page unless `height` fits below the cursor (and the cursor is not already at the
    // top); true when it did.  Keeps a heading with what follows it.
    bool keep(double height);
    // Vertical space; never carried over to a new page.
    void space(double pt);

    // A text block wrapped to the content width (less the style's indent), drawn at the cursor,
    // which moves below it.  A block taller than what is left of the page continues on the next
    // one, split between lines.  Returns the block's height.
    double text(const std::string& text, const TextStyle& style = {});
    // The height text() would take (without page breaks).
    double text_height(const std::string& text, const TextStyle& style = {}) const;

    // A table at the cursor: rows are never split across pages (but for a row taller than a
    // page), and the header is repeated at the top of every page the table continues on.
    void table(const TableSpec& spec);
    double table_header_height(const TableSpec& spec) const;
    double table_row_height(const TableSpec& spec, size_t row) const;
    // Header plus every row, without page breaks.
    double table_height(const TableSpec& spec) const;

    // Badges left to right on one line at the cursor; the cursor moves below them.
    double badges(const std::vector<Badge>& row, double size_pt = 12);

    // Draws an SVG document scaled to fit `box` (page coordinates), keeping its proportions,
    // placed at the box's top left; returns the rectangle it covers.  DataError when librsvg
    // cannot read or draw it.  Does not move the cursor.
    PdfRect svg(const std::string& svg, const PdfRect& box);

    // The current page, for drawings the primitives do not cover (page coordinates, points).
    // Leave its state as found (cairo_save / cairo_restore).
    cairo_t* cairo();
    // A text line drawn at (x, y) (page coordinates, top left), not moving the cursor; its width.
    double text_at(const std::string& text, double x, double y, const TextStyle& style, double max_width = 0);

    // Writes the pages to `path` with the footer on every page.  IoError naming the file when it
    // cannot be written (cairo's status is checked after the file is finished).
    void write(const std::string& path) const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecozone::report
