#pragma once
// screening.gpkg: the sites with their verdicts, the pieces of each site inside each zone
// feature, and the river buffer belts — for checking the screening in a GIS.
//
// Layers (EPSG of the working CRS, Chinese or English field aliases):
//   sites         MultiPolygon, one feature per site (screened or not): the footprint the site
//                 was screened as.  Point and line sites are written buffered by footprint_m, as
//                 the Screener buffers them, with input_type = "point"/"line" and footprint_m set
//                 (one polygon layer is what a GIS user styles and measures; the given point or
//                 line is the site file itself).  A site without geometry has a null geometry.
//   overlaps      MultiPolygon, one feature per (screened site, zone feature) with an areal
//                 overlap: site ∩ feature, with the zone's role, value, feature name and the rules
//                 that fired for that zone.  River belts appear with zone_role "rivers".
//   buffer_belts  MultiPolygon, the river belts: river, width_m, area_ha.
#include "analysis/screening.h"
#include "report/common/lang.h"

#include <string>
#include <vector>

namespace ecozone::report {

// `footprint_m`: the ScreeningOptions::footprint_m the Screener was built with (the Screener does
// not expose it), used to buffer point and line sites for the `sites` layer.
void write_screening_gpkg(const std::string& path, const std::vector<analysis::SiteResult>& results,
                          const analysis::Screener& screener, const layers::Catalogue& c,
                          const geo::GeosContext& geos, geo::AreaMode mode, const Lang& t,
                          double footprint_m = analysis::ScreeningOptions{}.footprint_m);

}  // namespace ecozone::report
