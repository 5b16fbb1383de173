#pragma once
// The QGIS styles of screening.gpkg (report/screening/screening_gpkg.h): sites in their verdict's
// colour with their names, the overlaps hatched by zone over them, the river belts in translucent
// blue.  Stored in the file by write_layer_styles (report/common/gpkg_styles.h).
#include "report/common/gpkg_styles.h"
#include "report/common/lang.h"

#include <vector>

namespace ecozone::report {

// Legend labels and layer descriptions in the report's language.
std::vector<LayerStyle> screening_gpkg_styles(const Lang& t);

}  // namespace ecozone::report
