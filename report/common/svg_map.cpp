#include "report/common/svg_map.h"

#include "report/common/html_util.h"
#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

namespace ecozone::report {

namespace {

constexpr const char* kFontFamily = "'Noto Sans CJK SC','Microsoft YaHei','SimHei',sans-serif";
constexpr double kInsetPx = 10.0;  // distance of the legend box from the frame edge

// A pixel value in tenths, the unit of every coordinate we write.  Clamped far outside any
// frame so that llround stays defined; such coordinates are clipped away anyway.
long long to_tenths(double px) {
    if (!std::isfinite(px)) throw GeometryError("SVG map: non-finite coordinate in a geometry");
    constexpr double kLimit = 1e9;
    return std::llround(std::clamp(px, -kLimit, kLimit) * 10.0);
}

// Tenths as a decimal: 1203 -> "120.3", 1200 -> "120", -3 -> "-0.3".
void append_tenths(std::string& out, long long t) {
    if (t < 0) {
        out += '-';
        t = -t;
    }
    // std::to_chars: a thousand maps write millions of these.
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, t / 10).ptr;
    out.append(digits, end);
    if (t % 10 != 0) {
        out += '.';
        out += static_cast<char>('0' + t % 10);
    }
}

std::string px(double v) {
    std::string s;
    append_tenths(s, to_tenths(v));
    return s;
}

// Up to three decimals, trailing zeros dropped (stroke widths, opacities, font sizes).
std::string num(double v) {
    if (!std::isfinite(v)) v = 0;
    std::string s = fmt::format("{:.3f}", v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

double clamp_width(double w) { return std::isfinite(w) && w > 0 ? w : 0.0; }

// Presentation attributes of a style; `no_fill` for lines, whose fill would close them.
std::string paint_attrs(const Style& s, bool no_fill) {
    std::string a;
    a.reserve(96);
    a += " fill=\"";
    a += no_fill ? std::string("none") : html_escape(s.fill);
    a += "\" stroke=\"";
    a += html_escape(s.stroke);
    a += "\" stroke-width=\"";
    a += num(clamp_width(s.stroke_width));
    a += '"';
    const double opacity = std::isfinite(s.fill_opacity) ? std::clamp(s.fill_opacity, 0.0, 1.0) : 1.0;
    if (!no_fill && opacity != 1.0) {
        a += " fill-opacity=\"";
        a += num(opacity);
        a += '"';
    }
    if (!s.dash.empty()) {
        a += " stroke-dasharray=\"";
        a += html_escape(s.dash);
        a += '"';
    }
    return a;
}

// Estimated width of text in px: CJK characters one em, everything else 0.6 em.
double text_width(std::string_view text, double font_px) {
    double em = 0;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
        em += c >= 0xE0 ? 1.0 : 0.6;
    }
    return em * font_px;
}

// Length of the scale bar as written: "500 m", "2 km", "0.5 m".
std::string length_text(double v) {
    return v >= 1 ? fmt::format("{:.0f}", v) : fmt::format("{:g}", v);
}

}  // namespace

SvgMap::SvgMap(const geo::GeosContext& geos, double minx, double miny, double maxx, double maxy,
               int width_px, int height_px)
    : geos_(&geos), minx_(minx), maxy_(maxy), width_(width_px), height_(height_px) {
    if (!std::isfinite(minx) || !std::isfinite(miny) || !std::isfinite(maxx) || !std::isfinite(maxy)) {
        throw DataError(fmt::format("SVG map: the extent ({}, {}, {}, {}) is not finite", minx, miny,
                                    maxx, maxy));
    }
    if (maxx < minx || maxy < miny) {
        throw DataError(fmt::format(
            "SVG map: the extent ({}, {}, {}, {}) is reversed; give minx, miny, maxx, maxy", minx,
            miny, maxx, maxy));
    }
    if (width_px <= 2 * kMarginPx || height_px <= 2 * kMarginPx) {
        throw DataError(fmt::format("SVG map: a {} x {} px frame is too small (more than {} px each way)",
                                    width_px, height_px, 2 * kMarginPx));
    }
    const double dx = maxx - minx, dy = maxy - miny;
    if (dx <= 0 && dy <= 0) {
        throw DataError("SVG map: the extent is a single point; use SvgMap::around, which pads it");
    }
    const double sx = dx > 0 ? (width_px - 2 * kMarginPx) / dx : HUGE_VAL;
    const double sy = dy > 0 ? (height_px - 2 * kMarginPx) / dy : HUGE_VAL;
    scale_ = std::min(sx, sy);
    ox_ = (width_px - dx * scale_) / 2;
    oy_ = (height_px - dy * scale_) / 2;
    body_.reserve(1 << 16);
}

SvgMap SvgMap::around(const geo::GeosContext& geos, const GEOSGeometry* g, double pad_fraction,
                      int width_px, int height_px) {
    if (!g) throw GeometryError("SVG map: null geometry to frame");
    if (!std::isfinite(pad_fraction) || pad_fraction < 0) {
        throw DataError(fmt::format("SVG map: pad fraction {} must be a number >= 0", pad_fraction));
    }
    const auto b = geos.bounds(g);
    if (b.empty) throw DataError("SVG map: cannot frame a map around an empty geometry");
    const double span = std::max(b.maxx - b.minx, b.maxy - b.miny);
    const double pad = span > 0 ? span * pad_fraction : 500.0;
    return SvgMap(geos, b.minx - pad, b.miny - pad, b.maxx + pad, b.maxy + pad, width_px, height_px);
}

void SvgMap::append_coords(const GEOSGeometry* line_or_ring, bool ring, std::string& out) {
    const GEOSContextHandle_t h = geos_->handle();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line_or_ring);
    unsigned int n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) {
        throw GeometryError("SVG map: cannot read coordinates: " + geos_->last_error());
    }
    if (n == 0) return;
    coords_.resize(2 * static_cast<size_t>(n));
    if (!GEOSCoordSeq_copyToBuffer_r(h, seq, coords_.data(), 0, 0)) {
        throw GeometryError("SVG map: cannot copy coordinates: " + geos_->last_error());
    }
    tenths_.clear();
    for (size_t i = 0; i < coords_.size(); i += 2) {
        const auto [fx, fy] = to_px(coords_[i], coords_[i + 1]);
        const long long tx = to_tenths(fx), ty = to_tenths(fy);
        const size_t k = tenths_.size();
        if (k >= 2 && tenths_[k - 2] == tx && tenths_[k - 1] == ty) continue;
        tenths_.push_back(tx);
        tenths_.push_back(ty);
    }
    // A ring's closing point is written as "Z".
    if (ring) {
        while (tenths_.size() > 2 && tenths_[tenths_.size() - 2] == tenths_[0] &&
               tenths_.back() == tenths_[1]) {
            tenths_.resize(tenths_.size() - 2);
        }
    }
    if (tenths_.size() < 4) return;  // collapsed to one pixel position: nothing to draw

    for (size_t i = 0; i < tenths_.size(); i += 2) {
        out += i == 0 ? 'M' : 'L';
        append_tenths(out, tenths_[i]);
        out += ' ';
        append_tenths(out, tenths_[i + 1]);
    }
    if (ring) out += 'Z';
}

void SvgMap::append_geometry(const GEOSGeometry* g) {
    const GEOSContextHandle_t h = geos_->handle();
    if (geos_->is_empty(g)) return;
    const int type = geo::geometry_type(*geos_, g);
    switch (type) {
        case GEOS_POINT: {
            double x = 0, y = 0;
            if (!GEOSGeomGetX_r(h, g, &x) || !GEOSGeomGetY_r(h, g, &y)) {
                throw GeometryError("SVG map: cannot read a point: " + geos_->last_error());
            }
            const auto [fx, fy] = to_px(x, y);
            points_.emplace_back(to_tenths(fx), to_tenths(fy));
            break;
        }
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            append_coords(g, false, lines_);
            break;
        case GEOS_POLYGON:
            // Shell then holes through the shared walker (geo/ring_walker), which throws
            // GeometryError with GEOS's message when a ring cannot be read.
            geo::for_each_ring_of(*geos_, g, [&](const GEOSGeometry* ring, bool) { append_coords(ring, true, polys_); });
            break;
        case GEOS_MULTIPOINT:
        case GEOS_MULTILINESTRING:
        case GEOS_MULTIPOLYGON:
        case GEOS_GEOMETRYCOLLECTION:
            geo::for_each_part(*geos_, g, [&](const GEOSGeometry* part, int) { append_geometry(part); });
            break;
        default:
            throw GeometryError(fmt::format("SVG map: geometry type {} cannot be drawn", type));
    }
}

void SvgMap::add(const GEOSGeometry* g, const Style& s, const std::string& title) {
    if (!g) throw GeometryError("SVG map: null geometry");
    polys_.clear();
    lines_.clear();
    points_.clear();
    append_geometry(g);

    const size_t elements = (polys_.empty() ? 0 : 1) + (lines_.empty() ? 0 : 1) + points_.size();
    if (elements == 0) return;  // empty, or collapsed below 0.1 px
    const std::string radius = num(clamp_width(s.stroke_width) * 2.5);
    const std::string title_el = title.empty() ? std::string() : "<title>" + html_escape(title) + "</title>";
    auto append_circle = [&](const std::pair<long long, long long>& p) {
        body_ += "<circle cx=\"";
        append_tenths(body_, p.first);
        body_ += "\" cy=\"";
        append_tenths(body_, p.second);
        body_ += "\" r=\"";
        body_ += radius;
        body_ += '"';
    };

    if (elements > 1) {
        // One <g> carries the style and the tooltip; lines override the fill.
        body_ += "<g";
        body_ += paint_attrs(s, false);
        body_ += '>';
        body_ += title_el;
        body_ += '\n';
        if (!polys_.empty()) {
            body_ += "<path fill-rule=\"evenodd\" d=\"";
            body_ += polys_;
            body_ += "\"/>\n";
        }
        if (!lines_.empty()) {
            body_ += "<path fill=\"none\" d=\"";
            body_ += lines_;
            body_ += "\"/>\n";
        }
        for (const auto& p : points_) {
            append_circle(p);
            body_ += "/>\n";
        }
        body_ += "</g>\n";
        return;
    }

    const char* tag = "path";
    if (!polys_.empty()) {
        body_ += "<path";
        body_ += paint_attrs(s, false);
        body_ += " fill-rule=\"evenodd\" d=\"";
        body_ += polys_;
        body_ += '"';
    } else if (!lines_.empty()) {
        body_ += "<path";
        body_ += paint_attrs(s, true);
        body_ += " d=\"";
        body_ += lines_;
        body_ += '"';
    } else {
        tag = "circle";
        append_circle(points_.front());
        body_ += paint_attrs(s, false);
    }
    if (title_el.empty()) {
        body_ += "/>\n";
    } else {
        body_ += '>';
        body_ += title_el;
        body_ += "</";
        body_ += tag;
        body_ += ">\n";
    }
}

void SvgMap::add_label(double x, double y, const std::string& text, double font_px,
                       const std::string& color) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
        throw DataError(fmt::format("SVG map: label \"{}\" at a non-finite position", text));
    }
    const auto [fx, fy] = to_px(x, y);
    fmt::format_to(std::back_inserter(labels_),
                   "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" font-size=\"{}\" fill=\"{}\">{}</text>\n",
                   px(fx), px(fy), num(font_px > 0 ? font_px : 12), html_escape(color),
                   html_escape(text));
}

void SvgMap::add_legend_item(const Style& s, const std::string& label) {
    legend_.push_back({s, label});
}
void SvgMap::set_legend_title(const std::string& t) { legend_title_ = t; }
void SvgMap::set_legend_corner(Corner c) { legend_corner_ = c; }
void SvgMap::set_title(const std::string& t) { title_ = t; }
void SvgMap::scale_bar() { scale_bar_ = true; }
void SvgMap::north_arrow() { north_arrow_ = true; }
void SvgMap::set_north_label(const std::string& label) { north_label_ = label; }

std::pair<double, std::string> SvgMap::scale_bar_length() const {
    const double target = width_ / 5.0 / scale_;  // metres
    const double base = std::pow(10.0, std::floor(std::log10(target)));
    double best = base;
    for (const double m : {2.0, 5.0, 10.0}) {
        if (std::abs(std::log(m * base / target)) < std::abs(std::log(best / target))) best = m * base;
    }
    const std::string label =
        best >= 1000 ? length_text(best / 1000) + " km" : length_text(best) + " m";
    return {best, label};
}

void SvgMap::render_scale_bar(std::string& out, double x0, double bottom) const {
    const auto [metres, label] = scale_bar_length();
    const double len = metres * scale_;
    const double font = 11, bar_h = 6;
    const double label_half = text_width(label, font) / 2;
    const double top = bottom - bar_h;
    const double half = len / 2;
    fmt::format_to(std::back_inserter(out),
                   "<g font-size=\"{}\" text-anchor=\"middle\">\n"
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff\" fill-opacity=\"0.8\"/>\n"
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#333\"/>\n"
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n"
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n"
                   "<text x=\"{}\" y=\"{}\">0</text>\n"
                   "<text x=\"{}\" y=\"{}\">{}</text>\n"
                   "</g>\n",
                   num(font),
                   px(x0 - 8), px(top - font - 8), px(len + 16 + label_half), px(bar_h + font + 14),
                   px(x0), px(top), px(half), px(bar_h),
                   px(x0 + half), px(top), px(len - half), px(bar_h),
                   px(x0), px(top), px(len), px(bar_h),
                   px(x0), px(top - 4),
                   px(x0 + len), px(top - 4), html_escape(label));
}

void SvgMap::render_north_arrow(std::string& out, double cx) const {
    const double top = 12.0;
    fmt::format_to(std::back_inserter(out),
                   "<g stroke=\"#333\" stroke-width=\"1\" stroke-linejoin=\"round\">\n"
                   "<text x=\"{0}\" y=\"{1}\" dy=\"0.35em\" font-size=\"14\" font-weight=\"bold\" "
                   "text-anchor=\"middle\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"3\" "
                   "paint-order=\"stroke\">{2}</text>\n"
                   "<path d=\"M{0} {3}L{4} {5}L{0} {6}Z\" fill=\"#333\"/>\n"
                   "<path d=\"M{0} {3}L{7} {5}L{0} {6}Z\" fill=\"#fff\"/>\n"
                   "</g>\n",
                   px(cx), px(top + 8), html_escape(north_label_), px(top + 20), px(cx - 9),
                   px(top + 46), px(top + 39), px(cx + 9));
}

namespace {
constexpr double kLegendFont = 12, kLegendRow = 18, kLegendPad = 8, kSwatchW = 22, kSwatchH = 12, kSwatchGap = 6;
}  // namespace

std::pair<double, double> SvgMap::legend_size() const {
    const double title_h = legend_title_.empty() ? 0 : kLegendRow;
    double text_w = 0;
    for (const auto& item : legend_) text_w = std::max(text_w, text_width(item.label, kLegendFont));
    const double box_w = std::max(kLegendPad + kSwatchW + kSwatchGap + text_w + kLegendPad,
                                  kLegendPad + text_width(legend_title_, kLegendFont) * 1.05 + kLegendPad);
    const double box_h = kLegendPad + title_h + kLegendRow * static_cast<double>(legend_.size()) + kLegendPad;
    return {box_w, box_h};
}

void SvgMap::render_legend(std::string& out, double bx, double by) const {
    if (legend_.empty() && legend_title_.empty()) return;
    const double font = kLegendFont, row = kLegendRow, pad = kLegendPad, sw = kSwatchW, sh = kSwatchH,
                 gap = kSwatchGap;
    const double title_h = legend_title_.empty() ? 0 : row;
    const auto [box_w, box_h] = legend_size();

    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "<g font-size=\"{}\">\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                   "fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#999\" stroke-width=\"0.8\"/>\n",
                   num(font), px(bx), px(by), px(box_w), px(box_h));
    if (!legend_title_.empty()) {
        fmt::format_to(it, "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" font-weight=\"bold\">{}</text>\n",
                       px(bx + pad), px(by + pad + row / 2), html_escape(legend_title_));
    }
    for (size_t i = 0; i < legend_.size(); ++i) {
        const Style& s = legend_[i].style;
        const double cy = by + pad + title_h + row * static_cast<double>(i) + row / 2;
        // Swatches keep their stroke modest so that the colour stays visible.
        Style swatch = s;
        if (s.fill != "none" && !s.fill.empty()) {
            swatch.stroke_width = std::min(clamp_width(s.stroke_width), 2.0);
            fmt::format_to(it, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>\n",
                           px(bx + pad), px(cy - sh / 2), px(sw), px(sh), paint_attrs(swatch, false));
        } else {
            swatch.stroke_width = std::min(clamp_width(s.stroke_width), 4.0);
            fmt::format_to(it, "<path d=\"M{} {}L{} {}\"{}/>\n", px(bx + pad), px(cy),
                           px(bx + pad + sw), px(cy), paint_attrs(swatch, true));
        }
        fmt::format_to(it, "<text x=\"{}\" y=\"{}\" dy=\"0.35em\">{}</text>\n",
                       px(bx + pad + sw + gap), px(cy), html_escape(legend_[i].label));
    }
    out += "</g>\n";
}

std::string SvgMap::str() const {
    const double band = title_.empty() ? 0.0 : kTitleBandPx;
    const std::string w = px(width_), h = px(height_), total_h = px(height_ + band);
    const std::string total_w = px(width_ + panel_px_);
    std::string out;
    out.reserve(body_.size() + labels_.size() + 4096);
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
                   "viewBox=\"0 0 {0} {1}\" font-family=\"{2}\" font-size=\"12\" role=\"img\">\n",
                   total_w, total_h, kFontFamily);
    if (!title_.empty()) {
        const std::string t = html_escape(title_);
        fmt::format_to(it,
                       "<title>{}</title>\n<text x=\"{}\" y=\"{}\" dy=\"0.35em\" font-size=\"16\" "
                       "font-weight=\"bold\" text-anchor=\"middle\" fill=\"#000\">{}</text>\n",
                       t, px((width_ + panel_px_) / 2.0), px(band / 2), t);
    }
    // The frame: a nested <svg> clips whatever lies outside it (no clipPath id to collide when
    // several maps share one HTML page).
    fmt::format_to(it,
                   "<svg x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
                   "overflow=\"hidden\">\n<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n"
                   "<g stroke-linejoin=\"round\" stroke-linecap=\"round\">\n",
                   px(band), w, h, w, h, w, h);
    out += body_;
    out += "</g>\n";
    if (!labels_.empty()) {
        out += "<g text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" "
               "stroke-linejoin=\"round\" paint-order=\"stroke\">\n";
        out += labels_;
        out += "</g>\n";
    }
    if (panel_px_ == 0) {
        if (scale_bar_) {
            const bool left = legend_corner_ != Corner::BottomLeft;
            const auto [metres, label] = scale_bar_length();
            const double x0 = left ? 16.0 : width_ - 16.0 - metres * scale_ - text_width(label, 11) / 2;
            render_scale_bar(out, x0, height_ - 14.0);
        }
        if (north_arrow_) render_north_arrow(out, legend_corner_ != Corner::TopRight ? width_ - 26.0 : 26.0);
        const auto [box_w, box_h] = legend_size();
        const bool left = legend_corner_ == Corner::TopLeft || legend_corner_ == Corner::BottomLeft;
        const bool top = legend_corner_ == Corner::TopLeft || legend_corner_ == Corner::TopRight;
        render_legend(out, left ? kInsetPx : width_ - kInsetPx - box_w, top ? kInsetPx : height_ - kInsetPx - box_h);
    }
    fmt::format_to(it,
                   "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"none\" "
                   "stroke=\"#666\"/>\n</svg>\n",
                   px(width_ - 1.0), px(height_ - 1.0));
    if (panel_px_ > 0) {
        fmt::format_to(it, "<g transform=\"translate({} {})\">\n", px(width_), px(band));
        render_side_panel(out);
        out += "</g>\n";
    }
    out += "</svg>\n";
    return out;
}

void SvgMap::set_side_panel(int panel_px) {
    if (panel_px < 0) throw UsageError(fmt::format("side panel width must not be negative, not {}", panel_px));
    panel_px_ = panel_px;
}

void SvgMap::set_locator(std::string svg, double height_px) {
    locator_ = std::move(svg);
    locator_h_ = height_px;
}

// The panel's own coordinates: x from 0 (the frame's right edge) to panel_px_, y from 0 (the
// frame's top) to height_.  Top down: north arrow, legend; bottom up: scale bar, locator.
void SvgMap::render_side_panel(std::string& out) const {
    const double inset = 10.0;
    double y = 0;
    if (north_arrow_) {
        render_north_arrow(out, 26.0);
        y = 64.0;
    }
    if (!legend_.empty() || !legend_title_.empty()) {
        render_legend(out, inset, y);
        y += legend_size().second + inset;
    }
    double bottom = height_;
    if (scale_bar_) {
        render_scale_bar(out, inset + 8.0, bottom - 14.0);
        bottom -= 44.0;
    }
    if (!locator_.empty() && bottom - locator_h_ >= y) {
        // The overview is its own <svg>, built at the panel's width less the insets.
        fmt::format_to(std::back_inserter(out), "<g transform=\"translate({} {})\">\n", px(inset),
                       px(bottom - locator_h_));
        out += locator_;
        out += "</g>\n";
    }
}

std::string ramp_color(double t) {
    if (std::isnan(t)) return "#cccccc";
    // ColorBrewer YlGn (9 classes without the near-white first one, which vanishes in print).
    static constexpr unsigned kStops[][3] = {{0xf7, 0xfc, 0xb9}, {0xd9, 0xf0, 0xa3}, {0xad, 0xdd, 0x8e},
                                             {0x78, 0xc6, 0x79}, {0x41, 0xab, 0x5d}, {0x23, 0x84, 0x43},
                                             {0x00, 0x68, 0x37}, {0x00, 0x45, 0x29}};
    constexpr int kSegments = static_cast<int>(std::size(kStops)) - 1;
    const double pos = std::clamp(t, 0.0, 1.0) * kSegments;
    const int i = std::min(static_cast<int>(pos), kSegments - 1);
    const double f = pos - i;
    unsigned rgb[3];
    for (int c = 0; c < 3; ++c) {
        const double a = kStops[i][c], b = kStops[i + 1][c];
        rgb[c] = static_cast<unsigned>(std::lround(a + (b - a) * f));
    }
    return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::vector<double> class_breaks(std::vector<double> values, int classes, bool quantile) {
    if (classes < 1) throw UsageError(fmt::format("number of classes must be at least 1, not {}", classes));
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    if (values.empty()) return {};
    std::sort(values.begin(), values.end());
    const double lo = values.front(), hi = values.back();
    std::vector<double> breaks;
    breaks.reserve(static_cast<size_t>(classes) + 1);
    breaks.push_back(lo);
    for (int i = 1; i < classes; ++i) {
        const double p = static_cast<double>(i) / classes;
        if (quantile) {
            // Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default).
            const double pos = p * static_cast<double>(values.size() - 1);
            const auto k = static_cast<size_t>(std::floor(pos));
            const double f = pos - static_cast<double>(k);
            const double next = k + 1 < values.size() ? values[k + 1] : values[k];
            breaks.push_back(values[k] + (next - values[k]) * f);
        } else {
            breaks.push_back(lo + (hi - lo) * p);
        }
    }
    breaks.push_back(hi);
    return breaks;
}

std::vector<double> breaks_with_target(std::vector<double> breaks, double target) {
    if (breaks.size() < 2 || !std::isfinite(target)) return breaks;
    const double lo = breaks.front(), hi = breaks.back();
    if (!(lo < target && target < hi)) return breaks;
    const double near = 0.05 * (hi - lo);
    std::vector<double> out{lo};
    for (size_t i = 1; i + 1 < breaks.size(); ++i) {
        if (std::fabs(breaks[i] - target) >= near) out.push_back(breaks[i]);
    }
    out.push_back(target);
    out.push_back(hi);
    std::sort(out.begin(), out.end());
    return out;
}

int class_index(double v, const std::vector<double>& breaks) {
    if (std::isnan(v) || breaks.size() < 2) return -1;
    // The number of inner breaks <= v is the class.
    const auto inner_begin = breaks.begin() + 1, inner_end = breaks.end() - 1;
    return static_cast<int>(std::upper_bound(inner_begin, inner_end, v) - inner_begin);
}

}  // namespace ecozone::report
