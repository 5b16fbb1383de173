#pragma once
// Self-contained SVG maps for the HTML reports (indicator choropleths, site screening, audit
// overviews).  Dependency-free output: no scripts, no external fonts or images, no ids, so
// several maps can be inlined in one HTML page.
//
// Coordinates are in the working projection (CGCS2000 Gauss-Krueger, metres, x = easting,
// y = northing).  North is up: a map y grows upwards, an SVG y downwards, so y is flipped.
// The output is deterministic: the same calls produce the same bytes (numbers are written from
// integers of tenths of a pixel, never through a locale or a shortest-float algorithm).
#include "geo/geos_handle.h"

#include <string>
#include <utility>
#include <vector>

namespace ecozone::report {

// Drawing style of one add() call.  Colours are SVG paint strings ("#2b8cbe", "none", ...).
struct Style {
    std::string fill = "none";
    std::string stroke = "#333";
    double stroke_width = 1.0;  // px; a point is drawn as a circle of radius stroke_width * 2.5
    double fill_opacity = 1.0;
    std::string dash;  // SVG stroke-dasharray, e.g. "4 3"; empty = solid
};

// Corner of the map frame for the legend.  The north arrow takes the other top corner when the
// legend is top-right; the scale bar the other bottom corner when the legend is bottom-left.
enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

class SvgMap {
public:
    // Inner margin (px) between the frame edge and the fitted extent.
    static constexpr double kMarginPx = 20.0;
    // Height (px) of the title band added above the frame when a title is set.
    static constexpr double kTitleBandPx = 32.0;

    // The map frame is width_px x height_px; the extent (projected metres) is fitted into it with
    // equal x/y scale, inside kMarginPx on every side, and centred.  An extent that is flat in one
    // direction is fitted by the other; a single point, a reversed or non-finite extent, or a frame
    // no larger than twice the margin throws DataError.
    SvgMap(const geo::GeosContext& geos, double minx, double miny, double maxx, double maxy,
           int width_px = 800, int height_px = 600);

    // A map framed on the bounds of `g`, padded on every side by pad_fraction of the larger
    // bounds dimension (a single point gets a 1 km square).  Empty geometry throws DataError.
    static SvgMap around(const geo::GeosContext& geos, const GEOSGeometry* g,
                         double pad_fraction = 0.05, int width_px = 800, int height_px = 600);

    // Draw a geometry: polygons and multipolygons as one path (holes via fill-rule="evenodd"),
    // lines unfilled, points as circles; collections part by part.  Coordinates are rounded to
    // 0.1 px and consecutive points that round alike are dropped (nothing else is simplified);
    // whatever falls outside the frame is clipped.  `title` becomes a <title> tooltip (escaped).
    void add(const GEOSGeometry* g, const Style& s, const std::string& title = "");

    // Text centred at map coordinates (x, y), escaped, with a white halo for readability.
    void add_label(double x, double y, const std::string& text, double font_px = 12,
                   const std::string& color = "#000");

    // Legend rows, drawn in one box with swatches (a filled box when the style has a fill, a
    // line otherwise) in the legend corner.
    void add_legend_item(const Style& s, const std::string& label);
    void set_legend_title(const std::string& t);
    void set_legend_corner(Corner c);

    // Title in a band above the frame: the SVG then is height_px + kTitleBandPx tall.
    void set_title(const std::string& t);

    // Scale bar (bottom-left): a length of 1, 2 or 5 x 10^n m close to a fifth of the frame width,
    // labelled in m below 1 km and in km from 1 km.
    void scale_bar();
    // North arrow (top-right) labelled with set_north_label's text: "N" (default) or "北".
    void north_arrow();
    void set_north_label(const std::string& label);

    // A panel of panel_px to the right of the frame holding the north arrow, the legend, the
    // locator (set_locator) and the scale bar, so that none of them covers the data.  0 (default):
    // they are drawn inside the frame's corners.
    void set_side_panel(int panel_px);
    // A small overview map (another SvgMap's str(), built panel_px - 20 wide and height_px tall)
    // drawn at the foot of the side panel, above the scale bar.
    void set_locator(std::string svg, double height_px);

    // The complete <svg> element.
    std::string str() const;

    // The fitted transform, for tests and for callers placing their own overlays.
    double scale() const { return scale_; }  // px per metre
    std::pair<double, double> to_px(double x, double y) const {
        return {ox_ + (x - minx_) * scale_, oy_ + (maxy_ - y) * scale_};
    }
    // The scale bar's length in metres and its label ("2 km").
    std::pair<double, std::string> scale_bar_length() const;

private:
    struct LegendItem {
        Style style;
        std::string label;
    };

    void append_geometry(const GEOSGeometry* g);
    void append_coords(const GEOSGeometry* line_or_ring, bool ring, std::string& out);
    void render_scale_bar(std::string& out, double x0, double bottom) const;
    void render_north_arrow(std::string& out, double cx) const;
    std::pair<double, double> legend_size() const;  // box width, height
    void render_legend(std::string& out, double bx, double by) const;
    void render_side_panel(std::string& out) const;

    const geo::GeosContext* geos_;
    double minx_, maxy_;
    double scale_ = 1, ox_ = 0, oy_ = 0;
    int width_, height_;

    std::string body_;    // geometry elements, in add() order
    std::string labels_;  // text labels, drawn above every geometry
    std::vector<LegendItem> legend_;
    std::string legend_title_;
    Corner legend_corner_ = Corner::BottomRight;
    std::string title_;
    std::string north_label_ = "N";
    bool scale_bar_ = false;
    bool north_arrow_ = false;
    int panel_px_ = 0;
    std::string locator_;
    double locator_h_ = 0;

    // Scratch buffers of the current add() call, reused to avoid an allocation per geometry.
    std::vector<double> coords_;
    std::vector<long long> tenths_;                    // x, y in tenths of a pixel
    std::string polys_, lines_;                        // path data
    std::vector<std::pair<long long, long long>> points_;  // circle centres in tenths
};

// Sequential colour ramp for choropleths (ColorBrewer YlGn, light yellow-green #f7fcb9 at 0 to
// dark green #004529 at 1), interpolated in sRGB; t is clamped to [0, 1], NaN gives grey
// "#cccccc" (no data).
std::string ramp_color(double t);

// Class breaks for `classes` classes of the finite values: classes + 1 non-decreasing numbers,
// the minimum first and the maximum last.  Equal intervals, or quantiles (linear interpolation
// between order statistics; ties may repeat a break).  No finite value gives an empty vector;
// classes < 1 throws UsageError.
std::vector<double> class_breaks(std::vector<double> values, int classes, bool quantile);

// The class (0 .. breaks.size() - 2) of v: breaks[i] <= v < breaks[i + 1], the last class closed;
// values below the first break go to class 0, above the last to the last class; -1 for NaN or
// fewer than two breaks.
int class_index(double v, const std::vector<double>& breaks);

// The breaks with `target` made one of them when it lies strictly inside (no class straddles a
// plan target, so a class's colour says "meets" or "misses"); an inner break closer than 5 % of
// the range to the target is replaced by it.  Breaks without the target inside are returned as given.
std::vector<double> breaks_with_target(std::vector<double> breaks, double target);

}  // namespace ecozone::report
