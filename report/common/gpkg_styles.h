#pragma once
// Default QGIS styles inside the GeoPackages the commands write: QGIS opens a layer with the
// style its layer_styles table marks as default, so screening.gpkg shows the verdicts in their
// colours and the township coverage in classes around the 15 % target, without a .qml beside it.
// The table is the one QGIS creates when a user saves a style "in the datasource database"
// (same columns, types and registration as an attributes table in gpkg_contents), so QGIS can
// list, replace and delete these styles like its own.
#include <string>
#include <vector>

namespace ecozone::report {

struct LayerStyle {
    std::string layer;        // the table styled, e.g. "sites"
    std::string description;  // gpkg_contents.description of that table, in the report's language
    std::string qml;          // a whole QML document (report/common/qml.h)
    std::string style_name;   // the style's name in QGIS's style list; the layer's name if empty
};

// Opens the GeoPackage at `gpkg_path` for update; creates layer_styles unless it exists; for each
// style whose layer the file holds (indicators.gpkg has no forest layer without land use, so a
// style for a missing layer is skipped), replaces any style of the same name for that layer,
// makes it the layer's only default, and sets the layer's gpkg_contents.description.  Values go
// through OGR features and GDAL's metadata API (bound or escaped by GDAL), never into SQL text.
// Nothing is written unless all succeed (one transaction); nothing at all when no style applies.
// IoError naming the file, in one line, when it cannot be opened or written.
void write_layer_styles(const std::string& gpkg_path, const std::vector<LayerStyle>& styles);

}  // namespace ecozone::report
