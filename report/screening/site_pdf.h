#pragma once
// The per-site screening report (选址研判报告) as a PDF a planner prints and files: one A4 page per
// site, two at most — the verdict with its deciding rules and their citations, the zones touched,
// the land occupied, the distances to sensitive features, the site map with a locator inset, the
// boundary points (界址点) in the county's Gauss–Krüger coordinates, the inputs' checksums and the
// reading notes.
//
// Two steps, so that the layout never looks at the analysis: site_pdf_view() turns a screening
// result into a SitePdfView of finished strings (the report's language, numbers formatted), and
// write_site_pdf() lays the view out.  The caller fills what the screening result does not know:
// map_svg, district_rings, crs, inputs, run_id, version, generated_utc.
#include "analysis/screening.h"
#include "report/common/lang.h"
#include "report/common/pdf_document.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace ecozone::report {

struct Provenance;

// A ring of (x, y) in the working CRS (metres; x = easting, y = northing).
using PdfRing = std::vector<std::pair<double, double>>;

struct SitePdfView {
    // 1. Title.
    std::string id, name;
    std::string category;       // the rules file's category name, with the site's own type label
    std::string location;       // "乡镇 村" ("" without those layers)
    std::string area_ha;        // "12.3456"
    std::string area_method;    // "椭球面积（CGCS2000）" / "平面面积（高斯-克吕格投影）"
    std::string control_units;  // "单元名称（优先保护单元）; …"

    // 2. Verdict.
    bool screened = true;
    std::string error;                                   // why it could not be screened
    layers::Verdict verdict = layers::Verdict::Allowed;  // the badge's colour
    std::string verdict_label;                           // 禁止 / 限制 / 允许 / 未能筛查
    bool complete = true;                                // false: 结论不完整
    struct Rule {
        std::string id;
        layers::Verdict verdict = layers::Verdict::Allowed;
        std::string verdict_label, role;  // 禁止, 决定结论
        std::string zone;                 // 自然保护区功能区 核心区
        std::string message, requirement, citation;
        std::string part;           // "0.1234 公顷（12.34%）" or "距离 85 米"; "" when not measured
        std::string missing_layer;  // not_assessed: the layer the project lacks (生态保护红线)
    };
    std::vector<Rule> deciding;      // the rules that set the verdict
    std::vector<Rule> others;        // the other fired rules: also restricting, advising, set aside
    std::vector<Rule> not_assessed;  // role = why (缺少图层 …)
    std::string deciding_ids;        // "BH-03 HX-01", for the summary

    // 3. Zones touched: zone (with the features' names), overlap area (ha), share of the site (%).
    std::vector<std::array<std::string, 3>> zones;
    // 4. Land occupied: 三调 code, class name, area (ha); land_note when there is none to list.
    std::vector<std::array<std::string, 3>> land;
    std::string land_note;
    // Distances: what, metres (or 未评估 / 无此类要素), nearest feature and remark.
    std::vector<std::array<std::string, 3>> distances;

    // 5. Map (filled by the caller): the site map as an SVG document (report/screening/site_map.h;
    // HTML around the <svg> element is ignored), and the district's outline for the locator inset
    // drawn over the map's top left corner (locator_outline(), computed once for all sites; leave it
    // empty for no inset, e.g. when the SVG has its own).  centre: the site's, in the same CRS.
    std::string map_svg;
    std::vector<PdfRing> district_rings;
    std::pair<double, double> centre{0, 0};
    bool has_centre = false;

    // 6. Boundary points of the footprint (界址点): X = northing, Y = easting, 3 decimals, each
    // ring closed by repeating its first point (with its number).  ring_count > 1: the numbers carry
    // the ring ("2-J15").  crs (filled by the caller): "CGCS2000 / 3-degree Gauss-Kruger CM 105E (EPSG:4544)".
    struct Point {
        std::string number, x, y;
    };
    std::vector<Point> points;
    int ring_count = 0;
    std::string crs;

    // 7. Data vintage (filled by the caller): role, file name, first 16 hex of the SHA-256.
    std::vector<std::array<std::string, 3>> inputs;
    std::string run_id, version, generated_utc;

    // 8. Reading notes (the file and line it came from, swapped lon/lat, repairs, buffering).
    std::vector<std::string> notes;
};

// The view of one screened site.  `footprint`: the polygon it was screened as
// (report::site_footprint in screening_html.h), in the working CRS; null when there is none (a site
// that could not be screened), then no boundary points.  The caller fills the fields marked above.
SitePdfView site_pdf_view(const analysis::SiteResult& r, const layers::RuleList& rules, geo::AreaMode mode,
                          const Lang& t, const GEOSGeometry* footprint, const geo::GeosContext& geos);

// The district's outline for the locator insets: its rings, simplified to about `max_vertices`
// points in all (an inset is a few centimetres wide).  Compute once per run.
std::vector<PdfRing> locator_outline(const geo::GeosContext& geos, const GEOSGeometry* district,
                                     size_t max_vertices = 600);

// SitePdfView::inputs from a run's provenance: one row per dataset (a shapefile's .shp, not each
// part): role, file name, first 16 hex of its SHA-256.
std::vector<std::array<std::string, 3>> pdf_inputs(const Provenance& p, const Lang& t);

// Writes the report of one site.  IoError naming the file when it cannot be written.  Pass the
// same PdfFonts for every site (one per thread): loading the fonts is the slow part.
void write_site_pdf(const std::string& path, const SitePdfView& v, const Lang& t, const PdfFonts& fonts);
// The same, loading the fonts for this one document.
void write_site_pdf(const std::string& path, const SitePdfView& v, const Lang& t);

}  // namespace ecozone::report
