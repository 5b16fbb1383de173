#include "report/indicators/indicators_html.h"

#include "report/common/html_util.h"
#include "report/common/templates.h"
#include "report/indicators/indicators_maps.h"

namespace ecozone::report {

namespace {

// The data indicators_body.mustache reads, named as the view's fields.
TemplateData indicators_page_data(const IndicatorsPageView& v) {
    TemplateData d;
    d.set("heading", v.heading);
    d.set("summary", v.summary);
    d.set("targets_heading", v.targets_heading);
    d.set("targets", table_data(v.targets));
    d.set("townships_heading", v.townships_heading);
    d.set("townships", table_data(v.townships));
    d.set("maps_heading", v.maps_heading);
    d.set("forest_coverage_svg", v.forest_coverage_svg);
    d.set("forest_wetland_svg", v.forest_wetland_svg);
    d.set("classes_heading", v.classes_heading);
    TemplateData units{TemplateData::type::list};
    for (const auto& u : v.unit_classes) {
        TemplateData unit;
        unit.set("name", u.name);
        unit.set("classes", table_data(u.classes));
        units.push_back(unit);
    }
    d.set("unit_classes", units);
    d.set("has_routes", v.has_routes);
    TemplateData routes;
    routes.set("heading", v.routes.heading);
    routes.set("indicators", table_data(v.routes.indicators));
    routes.set("groups_heading", v.routes.groups_heading);
    routes.set("groups", table_data(v.routes.groups));
    routes.set("raster_classes_heading", v.routes.raster_classes_heading);
    routes.set("raster_classes", table_data(v.routes.raster_classes));
    d.set("routes", routes);
    d.set("method_heading", v.method_heading);
    d.set("method", table_data(v.method));
    d.set("provenance_heading", v.provenance_heading);
    d.set("provenance_html", v.provenance_html);
    return d;
}

}  // namespace

std::string render_indicators_page(const IndicatorsPageView& v) {
    return html_page(v.title, render_template("indicators_body", indicators_page_data(v)), v.lang);
}

std::string indicators_html(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Provenance& p,
                            const geo::GeosContext& geos, const Lang& t) {
    IndicatorsPageView v = indicators_page_view(r, c, p, t);
    v.forest_coverage_svg = forest_coverage_map(r, geos, t);
    v.forest_wetland_svg = forest_wetland_map(r, c, geos, t);
    return render_indicators_page(v);
}

}  // namespace ecozone::report
