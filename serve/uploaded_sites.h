#pragma once
// Sites that reach the workbench other than as GeoJSON: coordinates pasted into the page, and a file
// uploaded from it.  Both are read by the CLI's own readers (layers/site_input.h, layers/vector_layer.h)
// so that the browser and `ecozone screen --coords / --sites` read the same text the same way:
//   * pasted lon/lat or DMS pairs: layers::parse_coordinate_list (as --coords);
//   * pasted Gauss-Krüger X/Y pairs (northing, easting; the easting with or without its zone prefix):
//     written as a one-parcel 界址点 boundary-point file and read by read_boundary_point_file, which
//     knows the zone prefixes, swapped axes and the project's zone when none is given;
//   * an uploaded 界址点 .txt (read_boundary_point_file), a WKT .csv (read_wkt_csv), GeoJSON, KML or a
//     zipped shapefile (read_vector, the zip through GDAL's /vsizip/).
// An upload is written under a fixed name into a private temporary folder that is always removed;
// the uploaded file's own name only chooses the reader by its extension and names the file in
// messages — it never becomes a path.
#include "layers/catalogue.h"
#include "layers/rules.h"
#include "serve/geojson_sites.h"

#include <string>

namespace ecozone::serve {

// `category`: a project category as a person writes it, given to every site; empty: each site's
// own (a file's category column).  Throws UsageError for text that holds no coordinates, a missing
// or unknown category; CrsError / DataError as the readers throw them.
GeojsonSites read_pasted_coordinates(const geo::GeosContext& geos, const std::string& text,
                                     const std::string& category, const std::string& name,
                                     const layers::Catalogue& catalogue, const layers::RuleList& rules);

// `filename` as the browser sent it; `content` the file's bytes.  Throws UsageError for a kind of
// file that cannot hold sites (naming the kinds that can), and what the readers throw (with the
// file named by its uploaded name, never by the temporary path).
GeojsonSites read_uploaded_sites(const geo::GeosContext& geos, const std::string& filename, const std::string& content,
                                 const std::string& category, const layers::Catalogue& catalogue,
                                 const layers::RuleList& rules);

// The uploaded name as it may appear in a message: its last path component, control characters
// dropped, at most 80 bytes (cut on a UTF-8 boundary).
std::string display_name(const std::string& filename);

}  // namespace ecozone::serve
