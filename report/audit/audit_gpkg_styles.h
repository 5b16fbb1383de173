#pragma once
// The QGIS styles of the audit's GeoPackages (report/audit/audit_report.h): patches.gpkg's patches
// coloured by activity type and labelled with their ids, rejected.gpkg's candidates in greys by
// the filter stage that removed them.  Stored in each file by write_layer_styles
// (report/common/gpkg_styles.h); each file holds one of the two layers, and a style for a layer
// a file lacks is skipped, so both files take the same list.
#include "report/common/gpkg_styles.h"
#include "report/common/lang.h"

#include <vector>

namespace ecozone::report {

// Legend labels and layer descriptions in the report's language (the register's activity names
// are the values of the patches' hdlx field, so the styles must use the register's language).
std::vector<LayerStyle> audit_gpkg_styles(const Lang& t);

}  // namespace ecozone::report
