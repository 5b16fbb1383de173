#include "report/common/qml.h"

#include <fmt/format.h>

#include <stdexcept>

namespace ecozone::report::qml {

namespace {

// The QGIS release whose QML we write (Debian 12's LTR); QGIS reads older versions' styles.
constexpr const char* kQgisVersion = "3.22.16-Białowieża";
// QGIS's "no scale" unit scale, written beside every size as QGIS itself does.
constexpr const char* kNoScale = "3x:0,0,0,0,0,0";

// Shortest text that reads back as the same double (fmt's default), "0.26" not "0.260000".
std::string num(double v) {
    return fmt::format("{}", v);
}

std::string colour(const Rgba& c) {
    return fmt::format("{},{},{},{}", c.r, c.g, c.b, c.a);
}

using Props = std::vector<std::pair<std::string, std::string>>;

// A symbol layer's properties, both as QGIS 3.22 reads them (<Option>) and as older releases do
// (<prop>); QGIS writes both for the same reason.
std::string symbol_layer(const char* cls, const Props& props, const std::string& indent) {
    std::string s = indent + "<layer class=\"" + cls + "\" enabled=\"1\" pass=\"0\" locked=\"0\">\n";
    s += indent + "  <Option type=\"Map\">\n";
    for (const auto& [k, v] : props) {
        s += indent + "    <Option type=\"QString\" name=\"" + k + "\" value=\"" + xml_escape(v) + "\"/>\n";
    }
    s += indent + "  </Option>\n";
    for (const auto& [k, v] : props) s += indent + "  <prop k=\"" + k + "\" v=\"" + xml_escape(v) + "\"/>\n";
    return s + indent + "</layer>\n";
}

std::string fill_symbol(const std::string& name, const Fill& f, const std::string& indent) {
    const bool no_outline = f.outline_width_mm <= 0 || f.outline.a == 0;
    const Props props = {{"border_width_map_unit_scale", kNoScale},
                         {"color", colour(f.colour)},
                         {"joinstyle", "bevel"},
                         {"offset", "0,0"},
                         {"offset_map_unit_scale", kNoScale},
                         {"offset_unit", "MM"},
                         {"outline_color", colour(f.outline)},
                         {"outline_style", no_outline ? "no" : "solid"},
                         {"outline_width", num(no_outline ? 0.0 : f.outline_width_mm)},
                         {"outline_width_unit", "MM"},
                         {"style", f.brush}};
    return indent + "<symbol type=\"fill\" name=\"" + xml_escape(name) +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n" + symbol_layer("SimpleFill", props, indent + "  ") +
           indent + "</symbol>\n";
}

std::string line_symbol(const std::string& name, const Line& l, const std::string& indent) {
    const Props props = {{"capstyle", "round"},
                         {"customdash", "5;2"},
                         {"customdash_map_unit_scale", kNoScale},
                         {"customdash_unit", "MM"},
                         {"draw_inside_polygon", "0"},
                         {"joinstyle", "round"},
                         {"line_color", colour(l.colour)},
                         {"line_style", "solid"},
                         {"line_width", num(l.width_mm)},
                         {"line_width_unit", "MM"},
                         {"offset", "0"},
                         {"offset_map_unit_scale", kNoScale},
                         {"offset_unit", "MM"},
                         {"use_custom_dash", "0"},
                         {"width_map_unit_scale", kNoScale}};
    return indent + "<symbol type=\"line\" name=\"" + xml_escape(name) +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n" + symbol_layer("SimpleLine", props, indent + "  ") +
           indent + "</symbol>\n";
}

std::string renderer_open(const std::string& type, const std::string& extra, const Options& o) {
    return "  <renderer-v2 type=\"" + type + "\"" + extra +
           " symbollevels=\"0\" forceraster=\"0\" referencescale=\"-1\" enableorderby=\"" +
           (o.draw_order.empty() ? "0" : "1") + "\">\n";
}

std::string renderer_close(const Options& o) {
    std::string s = "    <rotation/>\n    <sizescale/>\n";
    if (!o.draw_order.empty()) {
        s += "    <orderby>\n      <orderByClause asc=\"1\" nullsFirst=\"0\">" + xml_escape(o.draw_order) +
             "</orderByClause>\n    </orderby>\n";
    }
    return s + "  </renderer-v2>\n";
}

// QGIS's simple labeling: the text over the polygon or beside it, a halo, no callout.
std::string labeling(const Labels& l) {
    std::string s = "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n";
    s += "      <text-style fieldName=\"" + xml_escape(l.text) + "\" isExpression=\"" + (l.is_expression ? "1" : "0") +
         "\" fontFamily=\"" + xml_escape(l.font) + "\" namedStyle=\"Regular\" fontSize=\"" + num(l.size_pt) +
         "\" fontSizeUnit=\"Point\" fontSizeMapUnitScale=\"" + kNoScale +
         "\" fontWeight=\"50\" fontItalic=\"0\" fontUnderline=\"0\" fontStrikeout=\"0\" fontKerning=\"1\""
         " fontLetterSpacing=\"0\" fontWordSpacing=\"0\" textColor=\"" +
         colour(l.colour) + "\" textOpacity=\"" + num(l.colour.a / 255.0) +
         "\" textOrientation=\"horizontal\" multilineHeight=\"1\" capitalization=\"0\" allowHtml=\"0\""
         " useSubstitutions=\"0\" blendMode=\"0\" previewBkgrdColor=\"255,255,255,255\" legendString=\"Aa\">\n";
    s += "        <families/>\n";
    s += "        <text-buffer bufferDraw=\"" + std::string(l.buffer_mm > 0 ? "1" : "0") + "\" bufferSize=\"" +
         num(l.buffer_mm) + "\" bufferSizeUnits=\"MM\" bufferSizeMapUnitScale=\"" + kNoScale + "\" bufferColor=\"" +
         colour(l.buffer_colour) + "\" bufferOpacity=\"" + num(l.buffer_colour.a / 255.0) +
         "\" bufferNoFill=\"1\" bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>\n";
    s += "        <text-mask maskEnabled=\"0\" maskType=\"0\" maskSize=\"1.5\" maskSizeUnits=\"MM\"/>\n";
    s += "        <background shapeDraw=\"0\"/>\n";
    s += "        <shadow shadowDraw=\"0\"/>\n";
    s += "        <substitutions/>\n";
    s += "      </text-style>\n";
    s += "      <text-format wrapChar=\"\" autoWrapLength=\"0\" useMaxLineLengthForAutoWrap=\"1\""
         " multilineAlign=\"1\" formatNumbers=\"0\" decimals=\"3\" plussign=\"0\" addDirectionSymbol=\"0\""
         " placeDirectionSymbol=\"0\" reverseDirectionSymbol=\"0\" leftDirectionSymbol=\"&lt;\""
         " rightDirectionSymbol=\"&gt;\"/>\n";
    // QGIS's placements: 1 "offset from centroid" (centred, centroid forced inside), 8 "outside polygons".
    s += std::string("      <placement placement=\"") + (l.outside ? "8" : "1") +
         "\" centroidInside=\"1\" centroidWhole=\"0\" fitInPolygonOnly=\"0\""
         " polygonPlacementFlags=\"2\" placementFlags=\"10\" quadOffset=\"4\" dist=\"" +
         (l.outside ? "1" : "0") +
         "\" distUnits=\"MM\""
         " xOffset=\"0\" yOffset=\"0\" offsetUnits=\"MM\" offsetType=\"0\" rotationAngle=\"0\""
         " priority=\"5\" repeatDistance=\"0\" repeatDistanceUnits=\"MM\" preserveRotation=\"1\""
         " geometryGeneratorEnabled=\"0\" geometryGenerator=\"\" geometryGeneratorType=\"PointGeometry\"/>\n";
    s += "      <rendering drawLabels=\"1\" displayAll=\"0\" obstacle=\"1\" obstacleType=\"1\""
         " obstacleFactor=\"1\" labelPerPart=\"0\" mergeLines=\"0\" minFeatureSize=\"0\" limitNumLabels=\"0\""
         " maxNumLabels=\"2000\" scaleVisibility=\"0\" scaleMin=\"0\" scaleMax=\"0\" fontLimitPixelSize=\"0\""
         " fontMinPixelSize=\"3\" fontMaxPixelSize=\"10000\" upsidedownLabels=\"0\" zIndex=\"0\""
         " unplacedVisibility=\"0\"/>\n";
    s += "    </settings>\n  </labeling>\n";
    return s;
}

// `geometry_type`: QGIS's layerGeometryType, 1 line, 2 polygon.
std::string document(const std::string& renderer, const Options& o, int geometry_type) {
    std::string s = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
    s += std::string("<qgis version=\"") + kQgisVersion + "\" styleCategories=\"AllStyleCategories\" labelsEnabled=\"" +
         (o.labels ? "1" : "0") +
         "\" hasScaleBasedVisibilityFlag=\"0\" minScale=\"100000000\" maxScale=\"0\" readOnly=\"0\""
         " simplifyDrawingHints=\"1\" simplifyDrawingTol=\"1\" simplifyAlgorithm=\"0\" simplifyLocal=\"1\""
         " simplifyMaxScale=\"1\" symbologyReferenceScale=\"-1\">\n";
    s += renderer;
    if (o.labels) s += labeling(*o.labels);
    s += "  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n";
    s += "  <layerOpacity>" + num(o.opacity) + "</layerOpacity>\n";
    s += "  <layerGeometryType>" + std::to_string(geometry_type) + "</layerGeometryType>\n";
    return s + "</qgis>\n";
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Rgba hex(const std::string& rrggbb, std::uint8_t alpha) {
    const std::string h = !rrggbb.empty() && rrggbb[0] == '#' ? rrggbb.substr(1) : rrggbb;
    int v[6] = {-1, -1, -1, -1, -1, -1};
    bool ok = h.size() == 6;
    for (size_t i = 0; ok && i < 6; ++i) ok = (v[i] = hex_digit(h[i])) >= 0;
    if (!ok) throw std::invalid_argument("qml::hex: '" + rrggbb + "' is not a colour like #d7191c");
    return {static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
            static_cast<std::uint8_t>(v[4] * 16 + v[5]), alpha};
}

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20) out += c;
        }
    }
    return out;
}

std::string categorized_fill(const std::string& attr, const std::vector<Category>& categories, const Options& o) {
    std::string cats, symbols;
    for (size_t i = 0; i < categories.size(); ++i) {
        const Category& c = categories[i];
        cats += "      <category render=\"true\" value=\"" + xml_escape(c.value) + "\" symbol=\"" + std::to_string(i) +
                "\" label=\"" + xml_escape(c.label) + "\"/>\n";
        symbols += fill_symbol(std::to_string(i), c.fill, "      ");
    }
    return document(renderer_open("categorizedSymbol", " attr=\"" + xml_escape(attr) + "\"", o) + "    <categories>\n" +
                        cats + "    </categories>\n    <symbols>\n" + symbols + "    </symbols>\n" + renderer_close(o),
                    o, 2);
}

std::string graduated_fill(const std::string& attr, const std::vector<Range>& ranges, const Options& o) {
    std::string rs, symbols;
    for (size_t i = 0; i < ranges.size(); ++i) {
        const Range& r = ranges[i];
        // Bounds with every digit: a class boundary such as 15 must stay exactly 15.
        rs += "      <range render=\"true\" lower=\"" + fmt::format("{:.15f}", r.lower) + "\" upper=\"" +
              fmt::format("{:.15f}", r.upper) + "\" symbol=\"" + std::to_string(i) + "\" label=\"" +
              xml_escape(r.label) + "\"/>\n";
        symbols += fill_symbol(std::to_string(i), r.fill, "      ");
    }
    // "Custom": classes as given, never recomputed by QGIS from the data.
    const std::string method =
        "    <classificationMethod id=\"Custom\">\n"
        "      <symmetricMode enabled=\"0\" symmetrypoint=\"0\" astride=\"0\"/>\n"
        "      <labelFormat format=\"%1 - %2\" labelprecision=\"4\" trimtrailingzeroes=\"1\"/>\n"
        "      <parameters>\n        <Option/>\n      </parameters>\n      <extraInformation/>\n"
        "    </classificationMethod>\n";
    return document(
        renderer_open("graduatedSymbol", " attr=\"" + xml_escape(attr) + "\" graduatedMethod=\"GraduatedColor\"", o) +
            "    <ranges>\n" + rs + "    </ranges>\n    <symbols>\n" + symbols + "    </symbols>\n" + method +
            renderer_close(o),
        o, 2);
}

std::string single_fill(const Fill& fill, const Options& o) {
    return document(renderer_open("singleSymbol", "", o) + "    <symbols>\n" + fill_symbol("0", fill, "      ") +
                        "    </symbols>\n" + renderer_close(o),
                    o, 2);
}

std::string single_line(const Line& line, const Options& o) {
    return document(renderer_open("singleSymbol", "", o) + "    <symbols>\n" + line_symbol("0", line, "      ") +
                        "    </symbols>\n" + renderer_close(o),
                    o, 1);
}

}  // namespace ecozone::report::qml
