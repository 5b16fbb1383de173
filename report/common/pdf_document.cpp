#include "report/common/pdf_document.h"

#include "geo/errors.h"
#include "report/common/cjk_font_subset.h"
#include "report/common/free_with.h"
#include "layers/redact.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace ecozone::report {

namespace {

struct Unref {
    void operator()(void* p) const noexcept {
        if (p) g_object_unref(p);
    }
};

using CairoPtr = std::unique_ptr<cairo_t, FreeWith<cairo_t, cairo_destroy>>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, FreeWith<cairo_surface_t, cairo_surface_destroy>>;
using FontOptionsPtr =
    std::unique_ptr<cairo_font_options_t, FreeWith<cairo_font_options_t, cairo_font_options_destroy>>;
using FontDescPtr = std::unique_ptr<PangoFontDescription, FreeWith<PangoFontDescription, pango_font_description_free>>;
using LayoutIterPtr = std::unique_ptr<PangoLayoutIter, FreeWith<PangoLayoutIter, pango_layout_iter_free>>;
using LayoutPtr = std::unique_ptr<PangoLayout, Unref>;
using FontMapPtr = std::unique_ptr<PangoFontMap, Unref>;
using ContextPtr = std::unique_ptr<PangoContext, Unref>;
using RsvgPtr = std::unique_ptr<RsvgHandle, Unref>;
using ErrorPtr = std::unique_ptr<GError, FreeWith<GError, g_error_free>>;
using GCharPtr = std::unique_ptr<gchar, FreeWith<void, g_free>>;

constexpr double kCellPadX = 3.0, kCellPadY = 1.8;
constexpr Rgb kHeaderFill{0.91, 0.925, 0.945};
constexpr Rgb kRuleColour{0.6, 0.6, 0.6};

// Text as pango accepts it: valid UTF-8 without NUL (pango drops an invalid string whole, with a
// warning on stderr).  Each bad byte becomes U+FFFD, so the reader still sees that something was there.
std::string plain_text(std::string_view s) {
    if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return std::string(s);
    GCharPtr valid(g_utf8_make_valid(s.data(), static_cast<gssize>(s.size())));
    return valid.get();
}

void set_colour(cairo_t* cr, const Rgb& c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

double height_of(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return pango_units_to_double(h);
}
double width_of(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return pango_units_to_double(w);
}

// The bottom of each line of a layout, from its top: where a block may be split.
std::vector<double> line_bottoms(PangoLayout* l) {
    std::vector<double> out;
    LayoutIterPtr it(pango_layout_get_iter(l));
    do {
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(it.get(), &y0, &y1);
        out.push_back(pango_units_to_double(y1));
    } while (pango_layout_iter_next_line(it.get()));
    return out;
}

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr);
}

// A table's columns on the page: left edges and widths.
struct Columns {
    std::vector<double> x, w;
};

Columns columns_of(const TableSpec& spec) {
    size_t n = spec.header.size();
    for (const auto& r : spec.rows) n = std::max(n, r.size());
    const double total = PdfDocument::width() - spec.indent;
    std::vector<double> frac(n, 0.0);
    double given = 0;
    size_t unset = 0;
    for (size_t c = 0; c < n; ++c) {
        if (c < spec.widths.size() && spec.widths[c] > 0) {
            frac[c] = spec.widths[c];
            given += frac[c];
        } else {
            ++unset;
        }
    }
    // Columns without a width share what the others leave (or an equal part when none is left).
    const double rest = unset == 0 ? 0.0 : (given < 1.0 ? (1.0 - given) / static_cast<double>(unset) : 1.0 / n);
    for (auto& f : frac) {
        if (f <= 0) f = rest;
    }
    double sum = 0;
    for (double f : frac) sum += f;
    Columns cols;
    double x = PdfDocument::left() + spec.indent;
    for (double f : frac) {
        cols.x.push_back(x);
        cols.w.push_back(total * f / sum);
        x += total * f / sum;
    }
    return cols;
}

struct RowLayout {
    std::vector<LayoutPtr> cells;
    double height = 0;
};

}  // namespace

Rgb hex_rgb(unsigned hex) {
    return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

// ---------------------------------------------------------------------------------------------
// Fonts.

struct PdfFonts::Impl {
    std::string family;
    FontMapPtr map;
    ContextPtr context;

    LayoutPtr layout(const std::string& text, double size_pt, bool bold, double width, TextAlign align) const {
        LayoutPtr l(pango_layout_new(context.get()));
        FontDescPtr d(pango_font_description_new());
        pango_font_description_set_family(d.get(), family.c_str());
        pango_font_description_set_weight(d.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(d.get(), size_pt * PANGO_SCALE);
        pango_layout_set_font_description(l.get(), d.get());
        if (width > 0) {
            pango_layout_set_width(l.get(), pango_units_from_double(width));
            // Break between words, and inside a word longer than the line (ids, URLs, hostile text).
            pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_alignment(l.get(), align == TextAlign::Center  ? PANGO_ALIGN_CENTER
                                            : align == TextAlign::Right ? PANGO_ALIGN_RIGHT
                                                                        : PANGO_ALIGN_LEFT);
        // Every word a PDF shows passes here: a connection string's password (a site read from
        // PG:..., named in its source) is redacted as in every text output (layers/redact.h).
        const std::string clean = plain_text(layers::redact_secrets(text));
        pango_layout_set_text(l.get(), clean.data(), static_cast<int>(clean.size()));
        return l;
    }
};

PdfFonts::PdfFonts(const std::string& family) : PdfFonts(family, nullptr) {}

PdfFonts::PdfFonts(const std::string& family, const CjkFontSubset* subset) : impl_(std::make_unique<Impl>()) {
    impl_->family = family;
    // A font map of our own rather than pango's per-thread default: it lives exactly as long as
    // this object, and nothing else changes its settings.
    impl_->map.reset(pango_cairo_font_map_new());
    if (subset && PANGO_IS_FC_FONT_MAP(impl_->map.get())) {
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(impl_->map.get()), subset->config());
    }
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(impl_->map.get()), 72.0);
    impl_->context.reset(pango_font_map_create_context(impl_->map.get()));
    PangoContext* ctx = impl_->context.get();
    // Outline metrics, unhinted: a PDF is scaled by whoever views or prints it, so the layout must
    // not depend on a pixel grid.
    FontOptionsPtr options(cairo_font_options_create());
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, options.get());
    pango_cairo_context_set_resolution(ctx, 72.0);  // 1 pt = 1 unit of the PDF page
    pango_context_set_round_glyph_positions(ctx, FALSE);
    // Han characters take their Simplified Chinese forms, also from fallback fonts.
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    // Load the regular and bold faces now, not in the first document a caller times.
    for (bool bold : {false, true}) {
        LayoutPtr l = impl_->layout("选址研判报告 Site 0123456789", 9, bold, 0, TextAlign::Left);
        height_of(l.get());
    }
}

PdfFonts::~PdfFonts() = default;

// ---------------------------------------------------------------------------------------------
// The document.

struct PdfDocument::Impl {
    struct Page {
        SurfacePtr surface;
        CairoPtr cr;
    };

    const PdfFonts::Impl& fonts;
    PdfMeta meta;
    std::vector<Page> pages;
    double y = PdfDocument::top();

    Impl(const PdfFonts::Impl& f, PdfMeta m) : fonts(f), meta(std::move(m)) {}

    cairo_t* cr() const { return pages.back().cr.get(); }

    void add_page() {
        const cairo_rectangle_t extents{0, 0, kPageWidth, kPageHeight};
        SurfacePtr s(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents));
        CairoPtr c(cairo_create(s.get()));
        pages.push_back({std::move(s), std::move(c)});
        y = PdfDocument::top();
    }

    LayoutPtr layout(const std::string& text, const TextStyle& s) const {
        return fonts.layout(text, s.size_pt, s.bold, PdfDocument::width() - s.indent, s.align);
    }

    RowLayout row_layout(const TableSpec& spec, const Columns& cols, const std::vector<TableCell>* cells) const {
        RowLayout row;
        double tallest = 0;
        for (size_t c = 0; c < cols.w.size(); ++c) {
            const bool header = cells == nullptr;
            const std::string empty;
            const std::string& text = header ? (c < spec.header.size() ? spec.header[c] : empty)
                                             : (c < cells->size() ? (*cells)[c].text : empty);
            const bool bold = header ? spec.bold_header : c < cells->size() && (*cells)[c].bold;
            const bool right = !header && c < spec.right.size() && spec.right[c];
            row.cells.push_back(fonts.layout(text, spec.font_pt, bold, std::max(1.0, cols.w[c] - 2 * kCellPadX),
                                             right ? TextAlign::Right : TextAlign::Left));
            tallest = std::max(tallest, height_of(row.cells.back().get()));
        }
        row.height = tallest + 2 * kCellPadY;
        return row;
    }

    // One row whose top is at `row_y`, drawn only between clip_y0 and clip_y1 (a row taller than a
    // page is drawn in slices).
    void draw_row(const Columns& cols, const RowLayout& row, const std::vector<TableCell>* cells, double row_y,
                  double clip_y0, double clip_y1) const {
        cairo_t* c = cr();
        cairo_save(c);
        cairo_rectangle(c, 0, clip_y0, kPageWidth, clip_y1 - clip_y0);
        cairo_clip(c);
        cairo_set_line_width(c, 0.4);
        for (size_t i = 0; i < cols.w.size(); ++i) {
            std::optional<Rgb> fill;
            if (!cells) {
                fill = kHeaderFill;
            } else if (i < cells->size()) {
                fill = (*cells)[i].fill;
            }
            if (fill) {
                cairo_rectangle(c, cols.x[i], row_y, cols.w[i], row.height);
                set_colour(c, *fill);
                cairo_fill(c);
            }
            set_colour(c, Rgb{});
            cairo_move_to(c, cols.x[i] + kCellPadX, row_y + kCellPadY);
            pango_cairo_show_layout(c, row.cells[i].get());
            cairo_rectangle(c, cols.x[i], row_y, cols.w[i], row.height);
            set_colour(c, kRuleColour);
            cairo_stroke(c);
        }
        cairo_restore(c);
    }
};

PdfDocument::PdfDocument(const PdfFonts& fonts, PdfMeta meta)
    : impl_(std::make_unique<Impl>(fonts.impl(), std::move(meta))) {
    impl_->add_page();
}

PdfDocument::~PdfDocument() = default;

double PdfDocument::y() const {
    return impl_->y;
}
void PdfDocument::set_y(double y) {
    impl_->y = std::clamp(y, top(), bottom());
}
int PdfDocument::page() const {
    return static_cast<int>(impl_->pages.size());
}
void PdfDocument::new_page() {
    impl_->add_page();
}
cairo_t* PdfDocument::cairo() {
    return impl_->cr();
}

bool PdfDocument::keep(double height) {
    if (height <= remaining() || impl_->y <= top() + 0.01) return false;
    new_page();
    return true;
}

void PdfDocument::space(double pt) {
    impl_->y = std::min(impl_->y + pt, bottom());
}

double PdfDocument::text_height(const std::string& text, const TextStyle& style) const {
    return height_of(impl_->layout(text, style).get());
}

double PdfDocument::text(const std::string& text, const TextStyle& style) {
    LayoutPtr l = impl_->layout(text, style);
    const double h = height_of(l.get());
    const double x = left() + style.indent;
    std::vector<double> bottoms;  // only needed when the block does not fit
    double done = 0;              // height of the block already drawn on earlier pages
    while (true) {
        cairo_t* c = impl_->cr();
        const double avail = remaining();
        double cut = h;
        if (h - done > avail) {
            if (bottoms.empty()) bottoms = line_bottoms(l.get());
            cut = done;
            for (double b : bottoms) {
                if (b > done && b <= done + avail) cut = b;
            }
            if (cut <= done) {  // not one more line fits here
                if (impl_->y > top() + 0.01) {
                    new_page();
                    continue;
                }
                cut = done + avail;  // a line taller than a page: cut it
            }
        }
        cairo_save(c);
        cairo_rectangle(c, 0, impl_->y, kPageWidth, cut - done);
        cairo_clip(c);
        set_colour(c, style.color);
        cairo_move_to(c, x, impl_->y - done);
        pango_cairo_show_layout(c, l.get());
        cairo_restore(c);
        impl_->y += cut - done;
        done = cut;
        if (done >= h) break;
        new_page();
    }
    return h;
}

double PdfDocument::text_at(const std::string& text, double x, double y, const TextStyle& style, double max_width) {
    LayoutPtr l = impl_->fonts.layout(text, style.size_pt, style.bold, 0, TextAlign::Left);
    if (max_width > 0) {
        pango_layout_set_width(l.get(), pango_units_from_double(max_width));
        pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
    }
    cairo_t* c = impl_->cr();
    cairo_save(c);
    set_colour(c, style.color);
    cairo_move_to(c, x, y);
    pango_cairo_show_layout(c, l.get());
    cairo_restore(c);
    return width_of(l.get());
}

double PdfDocument::table_header_height(const TableSpec& spec) const {
    if (spec.header.empty()) return 0;
    return impl_->row_layout(spec, columns_of(spec), nullptr).height;
}

double PdfDocument::table_row_height(const TableSpec& spec, size_t row) const {
    if (row >= spec.rows.size()) return 0;
    return impl_->row_layout(spec, columns_of(spec), &spec.rows[row]).height;
}

double PdfDocument::table_height(const TableSpec& spec) const {
    const Columns cols = columns_of(spec);
    double h = spec.header.empty() ? 0 : impl_->row_layout(spec, cols, nullptr).height;
    for (const auto& r : spec.rows) h += impl_->row_layout(spec, cols, &r).height;
    return h;
}

void PdfDocument::table(const TableSpec& spec) {
    const Columns cols = columns_of(spec);
    if (cols.w.empty()) return;
    const bool has_header = !spec.header.empty();
    const RowLayout header = has_header ? impl_->row_layout(spec, cols, nullptr) : RowLayout{};
    auto draw_header = [&] {
        if (!has_header) return;
        impl_->draw_row(cols, header, nullptr, impl_->y, impl_->y, impl_->y + header.height);
        impl_->y += header.height;
    };
    if (spec.rows.empty()) {
        keep(header.height);
        draw_header();
        return;
    }
    bool header_drawn = false;
    for (const auto& cells : spec.rows) {
        const RowLayout row = impl_->row_layout(spec, cols, &cells);
        const bool fits_a_page = header.height + row.height <= content_height();
        const double need = row.height + (header_drawn ? 0 : header.height);
        if (need > remaining() && (fits_a_page || remaining() < std::min(row.height, content_height() / 3))) {
            if (impl_->y > top() + 0.01) {
                new_page();
                header_drawn = false;
            }
        }
        if (!header_drawn) {
            draw_header();
            header_drawn = true;
        }
        if (row.height <= remaining()) {
            impl_->draw_row(cols, row, &cells, impl_->y, impl_->y, impl_->y + row.height);
            impl_->y += row.height;
            continue;
        }
        // A row taller than a page (pathological text): drawn in slices, the header above each.
        double done = 0;
        while (true) {
            const double slice = std::min(row.height - done, remaining());
            impl_->draw_row(cols, row, &cells, impl_->y - done, impl_->y, impl_->y + slice);
            impl_->y += slice;
            done += slice;
            if (done >= row.height - 0.01) break;
            new_page();
            draw_header();
        }
    }
}

double PdfDocument::badges(const std::vector<Badge>& row, double size_pt) {
    const double pad_x = size_pt * 0.6, pad_y = size_pt * 0.25, gap = size_pt * 0.5;
    std::vector<LayoutPtr> layouts;
    double h = 0;
    for (const auto& b : row) {
        layouts.push_back(impl_->fonts.layout(b.label, size_pt, b.bold, 0, TextAlign::Left));
        h = std::max(h, height_of(layouts.back().get()) + 2 * pad_y);
    }
    keep(h);
    cairo_t* c = impl_->cr();
    double x = left();
    for (size_t i = 0; i < row.size(); ++i) {
        const double w = width_of(layouts[i].get()) + 2 * pad_x;
        cairo_save(c);
        rounded_rect(c, x, impl_->y, w, h, 2.5);
        if (row[i].outline) {
            set_colour(c, row[i].color);
            cairo_set_line_width(c, 1.0);
            cairo_stroke(c);
        } else {
            set_colour(c, row[i].background);
            cairo_fill(c);
        }
        set_colour(c, row[i].color);
        cairo_move_to(c, x + pad_x, impl_->y + (h - height_of(layouts[i].get())) / 2);
        pango_cairo_show_layout(c, layouts[i].get());
        cairo_restore(c);
        x += w + gap;
    }
    impl_->y += h;
    return h;
}

namespace {

// librsvg lays out an SVG's text with the thread's default pango font map (and draws it as
// outlines): for the length of one drawing that is the document's own, so that a map's labels
// take the faces the report's text takes (the cut CJK face of a batch) instead of each worker
// thread loading the installed 19 MB collection into a font map of its own.
class DefaultFontMapScope {
public:
    explicit DefaultFontMapScope(PangoFontMap* map) : previous_(pango_cairo_font_map_get_default()) {
        g_object_ref(previous_);
        pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(map));
    }
    ~DefaultFontMapScope() {
        pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(previous_));
        g_object_unref(previous_);
    }
    DefaultFontMapScope(const DefaultFontMapScope&) = delete;
    DefaultFontMapScope& operator=(const DefaultFontMapScope&) = delete;

private:
    PangoFontMap* previous_;
};

}  // namespace

PdfRect PdfDocument::svg(const std::string& svg, const PdfRect& box) {
    GError* raw = nullptr;
    RsvgPtr handle(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &raw));
    ErrorPtr error(raw);
    if (!handle) {
        throw DataError(
            fmt::format("the map is not an SVG librsvg can read: {}", error ? error->message : "unknown error"));
    }
    double w = 0, h = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h) || !(w > 0) || !(h > 0)) {
        // No absolute width and height: the viewBox gives the proportions.
        gboolean has_w = FALSE, has_h = FALSE, has_box = FALSE;
        RsvgLength lw{}, lh{};
        RsvgRectangle vb{};
        rsvg_handle_get_intrinsic_dimensions(handle.get(), &has_w, &lw, &has_h, &lh, &has_box, &vb);
        w = has_box && vb.width > 0 ? vb.width : box.w;
        h = has_box && vb.height > 0 ? vb.height : box.h;
    }
    const double s = std::min(box.w / w, box.h / h);
    const PdfRect drawn{box.x, box.y, w * s, h * s};
    const RsvgRectangle viewport{drawn.x, drawn.y, drawn.w, drawn.h};
    cairo_t* c = impl_->cr();
    cairo_save(c);
    const DefaultFontMapScope fonts(impl_->fonts.map.get());
    const gboolean ok = rsvg_handle_render_document(handle.get(), c, &viewport, &raw);
    cairo_restore(c);
    if (!ok) {
        ErrorPtr e(raw);
        throw DataError(fmt::format("the map could not be drawn: {}", e ? e->message : "unknown error"));
    }
    return drawn;
}

void PdfDocument::write(const std::string& path) const {
    auto fail = [&](cairo_status_t status) {
        throw IoError(fmt::format("cannot write the PDF {}: {}", path, cairo_status_to_string(status)));
    };
    SurfacePtr pdf(cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight));
    if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) fail(cairo_surface_status(pdf.get()));
    const std::string title = plain_text(impl_->meta.title);
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "ecozone");
    // The run's time rather than the clock's, so the file says when the analysis ran.
    if (!impl_->meta.created_utc.empty()) {
        const std::string date = plain_text(impl_->meta.created_utc);
        cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    }
    {
        CairoPtr c(cairo_create(pdf.get()));
        const size_t n = impl_->pages.size();
        const TextStyle footer{7, false, Rgb{0.4, 0.4, 0.4}, TextAlign::Center, 0};
        for (size_t i = 0; i < n; ++i) {
            cairo_set_source_surface(c.get(), impl_->pages[i].surface.get(), 0, 0);
            cairo_paint(c.get());
            const std::string page =
                impl_->meta.english ? fmt::format("page {} / {}", i + 1, n) : fmt::format("第 {} / {} 页", i + 1, n);
            const std::string text = impl_->meta.footer.empty() ? page : impl_->meta.footer + " · " + page;
            LayoutPtr l = impl_->fonts.layout(text, footer.size_pt, false, width(), TextAlign::Center);
            // One line whatever the footer holds (a site id is the user's text): shortened in the middle.
            pango_layout_set_height(l.get(), -1);
            pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_MIDDLE);
            cairo_set_line_width(c.get(), 0.4);
            set_colour(c.get(), kRuleColour);
            cairo_move_to(c.get(), left(), bottom() + 8);
            cairo_line_to(c.get(), left() + width(), bottom() + 8);
            cairo_stroke(c.get());
            set_colour(c.get(), footer.color);
            cairo_move_to(c.get(), left(), bottom() + 13);
            pango_cairo_show_layout(c.get(), l.get());
            cairo_show_page(c.get());
        }
        if (cairo_status(c.get()) != CAIRO_STATUS_SUCCESS) {
            const cairo_status_t status = cairo_status(c.get());
            c.reset();
            cairo_surface_finish(pdf.get());
            std::remove(path.c_str());
            fail(status);
        }
    }
    // Errors writing the file (a full disk) surface only when it is finished.
    cairo_surface_finish(pdf.get());
    if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) {
        const cairo_status_t status = cairo_surface_status(pdf.get());
        std::remove(path.c_str());  // never leave a truncated PDF behind
        fail(status);
    }
}

}  // namespace ecozone::report
