#pragma once
// What indicators.html shows, as plain text and tables (report/templates/indicators_body.mustache
// lays it out): the targets first, then the per-township tables, the two maps, the land-class
// tables, the vector and raster routes compared, the method and the provenance.
#include "analysis/indicators.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"
#include "report/common/table_view.h"

#include <string>
#include <vector>

namespace ecozone::report {

// One unit's land classes (四、地类面积表): the unit's name over its table.
struct UnitClassesView {
    std::string name;
    TableView classes;
};

// 五、矢量法与栅格法对比, when the project has a classified raster.
struct RoutesView {
    std::string heading;
    TableView indicators;  // each indicator by both routes
    std::string groups_heading;
    TableView groups;  // land-group areas by both routes
    std::string raster_classes_heading;
    TableView raster_classes;  // what each raster class counts as
};

struct IndicatorsPageView {
    std::string lang;     // <html lang>: "zh-CN" or "en"
    std::string title;    // <title>
    std::string heading;  // <h1>
    std::string summary;  // project, run, time, how areas are computed
    std::string targets_heading;
    TableView targets;
    std::string townships_heading;
    TableView townships;
    std::string maps_heading;
    std::string forest_coverage_svg;  // SVG drawn by report/indicators/indicators_maps (trusted)
    std::string forest_wetland_svg;   // likewise
    std::string classes_heading;
    std::vector<UnitClassesView> unit_classes;  // the district first, then each township
    bool has_routes = false;
    RoutesView routes;
    std::string method_heading;
    TableView method;
    std::string provenance_heading;
    std::string provenance_html;  // rendered by report/templates/provenance.mustache (trusted)
};

// Everything but the maps: text and tables in the report's language.
IndicatorsPageView indicators_page_view(const analysis::IndicatorResult& r, const layers::Catalogue& c,
                                        const Provenance& p, const Lang& t);

}  // namespace ecozone::report
