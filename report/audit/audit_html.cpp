#include "report/audit/audit_html.h"

#include "report/audit/audit_map.h"
#include "report/audit/thumbnail.h"
#include "report/common/html_util.h"
#include "report/common/templates.h"

namespace ecozone::report {

namespace {

TemplateData patch_data(const PatchView& p) {
    TemplateData d;
    d.set("heading", p.heading);
    TemplateData thumbnails{TemplateData::type::list};
    for (const auto& th : p.thumbnails) {
        TemplateData picture;
        picture.set("date", th.date);
        picture.set("data_uri", th.data_uri);
        picture.set("caption", th.caption);
        thumbnails.push_back(picture);
    }
    d.set("thumbnails", thumbnails);
    d.set("record", table_data(p.record));
    return d;
}

// The data audit_body.mustache reads, named as the view's fields.
TemplateData audit_page_data(const AuditPageView& v) {
    TemplateData d;
    d.set("heading", v.heading);
    d.set("summary", v.summary);
    d.set("has_notes", !v.notes.empty());
    d.set("notes", string_list(v.notes));
    set_optional(d, "grades", v.grades);
    d.set("totals_heading", v.totals_heading);
    d.set("totals", table_data(v.totals));
    d.set("by_zone_heading", v.by_zone_heading);
    d.set("by_zone", table_data(v.by_zone));
    d.set("by_place_heading", v.by_place_heading);
    d.set("by_place", table_data(v.by_place));
    set_optional(d, "roads", v.roads);
    d.set("stages_heading", v.stages_heading);
    d.set("stages", table_data(v.stages));
    set_optional(d, "detection_limit", v.detection_limit);
    d.set("map_heading", v.map_heading);
    d.set("map_svg", v.map_svg);
    d.set("patches_heading", v.patches_heading);
    d.set("has_legend", v.has_legend);
    d.set("legend_title", v.legend_title);
    TemplateData legend{TemplateData::type::list};
    for (const auto& s : v.legend) {
        TemplateData swatch;
        swatch.set("rgb", s.rgb);
        swatch.set("label", s.label);
        legend.push_back(swatch);
    }
    d.set("legend", legend);
    d.set("outline_label", v.outline_label);
    TemplateData patches{TemplateData::type::list};
    for (const auto& p : v.patches) patches.push_back(patch_data(p));
    d.set("patches", patches);
    d.set("provenance_heading", v.provenance_heading);
    d.set("provenance_html", v.provenance_html);
    return d;
}

}  // namespace

std::string render_audit_page(const AuditPageView& v) {
    return html_page(v.title, render_template("audit_body", audit_page_data(v)), v.lang);
}

AuditPictures audit_pictures(const std::vector<analysis::PatchRecord>& records, const layers::Catalogue& c,
                             const layers::ClassRaster* before, const layers::ClassRaster* after,
                             const geo::GeosContext& geos) {
    AuditPictures pictures;
    const Palette palette = class_palette(c.project.raster_classes);
    if (before) {
        pictures.before = true;
        pictures.before_pixel_m = before->grid().dx;
        pictures.before_png = patch_thumbnails(*before, records, palette, geos);
    }
    if (after) {
        pictures.after = true;
        pictures.after_pixel_m = after->grid().dx;
        pictures.after_png = patch_thumbnails(*after, records, palette, geos);
    }
    return pictures;
}

std::string audit_html(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                       const layers::Catalogue& c, const AuditPictures& pictures, const Provenance& p,
                       const geo::GeosContext& geos, const Lang& t) {
    AuditPageView v = audit_page_view(records, a, c, p, pictures, t);
    v.map_svg = audit_overview_map(records, c, geos, t);
    return render_audit_page(v);
}

}  // namespace ecozone::report
