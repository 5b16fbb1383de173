#pragma once
// What audit.html shows, as plain text and tables (report/templates/audit_body.mustache lays it
// out, audit_patch.mustache each patch): the run and how it counted, the totals, the summaries by
// zone and activity and by place, the noise-suppression stages, the overview map and every patch
// with its before/after pictures and its record.
#include "analysis/patch_register.h"
#include "report/audit/audit_context.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"
#include "report/common/table_view.h"

#include <string>
#include <vector>

namespace ecozone::report {

// One raster class in the pictures' legend: its colour and name.
struct LegendSwatchView {
    std::string rgb;  // "230,220,130"
    std::string label;
};

// A picture of the raster around a patch, before or after.
struct ThumbnailView {
    std::string date;      // the image's date (the picture's alt text)
    std::string data_uri;  // data:image/png;base64,… (report/audit/thumbnail.h)
    std::string caption;   // 前时相：date；像元 … 米，窗口约 … 米见方
};

struct PatchView {
    std::string heading;                    // "3. <id> · <activity> · <zone>"
    std::vector<ThumbnailView> thumbnails;  // none for an external patch layer
    TableView record;                       // area, centre, place, red line, classes, confidence
};

struct AuditPageView {
    std::string lang;                // <html lang>: "zh-CN" or "en"
    std::string title;               // <title>
    std::string heading;             // <h1>
    std::string summary;             // year, batch, images, run, what is registered
    std::vector<std::string> notes;  // what was done to the rasters before counting
    std::string grades;              // confidence grades; "" for an external patch layer
    std::string totals_heading;
    TableView totals;
    std::string by_zone_heading;
    TableView by_zone;
    std::string by_place_heading;
    TableView by_place;
    std::string roads;  // roads and their length; "" without roads
    std::string stages_heading;
    TableView stages;
    std::string detection_limit;  // "" unless the majority filter ran on detected patches
    std::string map_heading;
    std::string map_svg;  // report/audit/audit_map (trusted)
    std::string patches_heading;
    // The pictures' legend, when the run had a raster: title, one swatch per class, the outline.
    bool has_legend = false;
    std::string legend_title;
    std::vector<LegendSwatchView> legend;
    std::string outline_label;
    std::vector<PatchView> patches;
    std::string provenance_heading;
    std::string provenance_html;  // rendered by report/templates/provenance.mustache (trusted)
};

// The pictures of the run's rasters: per record (PNG bytes as patch_thumbnails returns them, "" for none),
// with each raster's pixel size.  A raster the run did not have is false (an external patch layer
// comes without images).
struct AuditPictures {
    bool before = false, after = false;
    double before_pixel_m = 0, after_pixel_m = 0;
    std::vector<std::string> before_png, after_png;
};

// Everything but the overview map.
AuditPageView audit_page_view(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                              const layers::Catalogue& c, const Provenance& p, const AuditPictures& pictures,
                              const Lang& t);

}  // namespace ecozone::report
