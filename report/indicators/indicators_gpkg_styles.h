#pragma once
// The QGIS styles of indicators.gpkg (report/indicators/indicators_gpkg.h): the district and its
// townships in forest-coverage classes on either side of the plan's 15 % target, labelled with
// their names; the forest polygons counted in green; the protected wetland in blue.  Stored in
// the file by write_layer_styles (report/common/gpkg_styles.h).
#include "report/common/gpkg_styles.h"
#include "report/common/lang.h"

#include <vector>

namespace ecozone::report {

// Legend labels and layer descriptions in the report's language.  `forest_target_pct`: the
// project's forest_target_pct (IndicatorSettings), always a class boundary, so that a unit's
// colour says on which side of the target it is.
std::vector<LayerStyle> indicators_gpkg_styles(const Lang& t, double forest_target_pct = 15.0);

}  // namespace ecozone::report
