#pragma once
// QGIS layer styles (QML, as QGIS 3.22 writes them) for the GeoPackages the commands write, so
// that a planner who opens screening.gpkg sees the verdicts in red / orange / green instead of
// QGIS's random colours.  gpkg_styles.h stores them in the GeoPackage's layer_styles table.
//
// Only what the reports need: fill symbols (polygons) drawn by category, by class or alike, a
// line symbol, and an optional label.  Every text that reaches the QML (labels, values,
// expressions) is XML-escaped here, so that a county's feature names cannot break the file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::report::qml {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};
// "#d7191c" (or "d7191c") with an alpha of 0–255; std::invalid_argument for anything else (the
// colours are the program's own constants: a typo is a programming error).
Rgba hex(const std::string& rrggbb, std::uint8_t alpha = 255);

struct Fill {
    Rgba colour;
    Rgba outline{35, 35, 35, 255};
    double outline_width_mm = 0.26;
    // A Qt brush as QGIS names it: "solid", "no", "b_diagonal", "f_diagonal", "cross",
    // "diagonal_x", "horizontal", "vertical", "dense1".."dense7".  A hatch lets the layer below
    // show through (the overlaps drawn over the sites' verdict colours).
    std::string brush = "solid";
};

struct Line {
    Rgba colour;
    double width_mm = 0.5;
};

// One category of a categorized renderer.  A category whose value is "" is QGIS's "all other
// values": it draws every feature no other category matches, NULL included.
struct Category {
    std::string value;
    std::string label;
    Fill fill;
};

// One class of a graduated renderer.  QGIS takes both bounds as inclusive and the first listed
// class that holds a value wins: list the classes highest first to make each lower bound belong
// to its own class (15.0 in "15–20 %", not in "10–15 %").
struct Range {
    double lower = 0, upper = 0;
    std::string label;
    Fill fill;
};

struct Labels {
    // A field name, or a QGIS expression when is_expression.
    std::string text;
    bool is_expression = false;
    double size_pt = 9;
    Rgba colour{0, 0, 0, 255};
    double buffer_mm = 1.0;  // a white halo keeps the text readable over any fill; 0 = none
    Rgba buffer_colour{255, 255, 255, 255};
    std::string font = "Noto Sans CJK SC";  // has every Chinese glyph; installed with the reports
    // Over the polygon (townships), or beside it (sites and patches, often a few pixels wide at
    // the district's scale: a label over them would hide them).
    bool outside = false;
};

// What every style may add beside its renderer.
struct Options {
    std::optional<Labels> labels;
    // A QGIS expression features are drawn in ascending order of, e.g. "level" = 'township' to
    // draw the district first and its townships over it; empty = the file's order.
    std::string draw_order;
    double opacity = 1.0;  // the whole layer's opacity, 0–1
};

// Renderers, each a complete QML document (polygon layers unless said otherwise).  `attr` is a
// field name or a QGIS expression, as QGIS accepts either.
std::string categorized_fill(const std::string& attr, const std::vector<Category>& categories,
                             const Options& options = {});
std::string graduated_fill(const std::string& attr, const std::vector<Range>& ranges, const Options& options = {});
std::string single_fill(const Fill& fill, const Options& options = {});
std::string single_line(const Line& line, const Options& options = {});  // a line layer

// Text escaped for an XML attribute or element: & < > " ' as entities, tab / newline / carriage
// return as character references (an attribute would otherwise turn them into spaces), other
// control characters dropped (XML 1.0 cannot hold them).
std::string xml_escape(const std::string& text);

}  // namespace ecozone::report::qml
