#pragma once
// Sites posted to the API as GeoJSON: a Feature or a FeatureCollection in longitude/latitude
// (RFC 7946), read as CGCS2000 (EPSG:4490; WGS84 differs from it by centimetres) and brought into
// the project's working CRS the way the CLI's site readers bring theirs (layers/site_input.h): the
// coordinates checked for plausibility, reprojected, polygons repaired with a note.
//
// Each feature's properties.category names a category of the rules file as a person writes it
// ("光伏", "pv_wind", "采石" …), through the project's [layers.sites.values] map first, exactly as
// `ecozone screen --industry` reads it; properties.name and properties.id (or the feature's id)
// are optional.
#include "analysis/screening.h"
#include "geo/geos_handle.h"
#include "layers/catalogue.h"
#include "layers/rules.h"
#include "layers/site_input.h"

#include <string>
#include <vector>

namespace ecozone::serve {

struct GeojsonSites {
    std::vector<geo::GeomPtr> geoms;  // own what the specs point to
    std::vector<analysis::SiteSpec> specs;
};

// Throws UsageError (both languages, naming the feature and the fix) for text that is not JSON,
// not a Feature or FeatureCollection, a feature without geometry, a geometry that cannot be a site,
// a missing or unknown category (listing the rules file's categories); CrsError for coordinates
// that are not a plausible longitude/latitude; DataError for a polygon with no area.
// `to_working`: into the catalogue's working CRS (kept by the caller: PROJ's transformation is
// made once, not per request).
GeojsonSites read_geojson_sites(const geo::GeosContext& geos, const std::string& text,
                                const layers::Catalogue& catalogue, const layers::RuleList& rules,
                                layers::site_detail::Reprojector& to_working);

}  // namespace ecozone::serve
