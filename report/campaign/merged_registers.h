#pragma once
// The campaign's registers, county after county (docs/campaign.md §merge):
//   * screening.csv: every county's screening.csv under one header, with a first column naming the
//     county (a site id such as 0 or TX-01 is the county's own, not the province's);
//   * patches.csv and patches.gpkg: every county's register under one header.  Patch ids carry the
//     county's code (PREFIX-YEAR-BATCH-SEQ, docs/audit.md), so they stay unique and stable; two
//     counties giving the same id is refused, naming both (a copied project with the same
//     [audit] id_prefix), never renumbered behind the auditor's back.
#include "geo/geos_handle.h"

#include <string>
#include <vector>

namespace ecozone::report {

// The records of a CSV (RFC 4180: a quoted field may hold commas, quotes and line breaks), each
// without its line end, the byte-order mark removed from the first.
std::vector<std::string> csv_records(const std::string& text);

struct CountyFile {
    std::string county;  // "红寺堡区 (640303)"
    std::string path;
};

// One CSV (UTF-8 BOM, CRLF) of the counties' CSVs.  `county_heading`: the heading of a first
// column holding each row's county, or empty for none.  DataError naming both files when two
// headers differ (reports in two languages, or from two versions).
std::string concatenated_csv(const std::vector<CountyFile>& files, const std::string& county_heading);

// The counties' patches.gpkg (layer "patches") in one GeoPackage at `out_path`, layer "patches",
// in EPSG:`epsg` (a county in another Gauss-Krüger zone is reprojected).  The id field is
// `id_field`.  Returns the number of patches.  DataError naming both counties for an id given twice.
std::size_t merge_patch_layers(const std::vector<CountyFile>& files, const std::string& out_path, int epsg,
                               const std::string& id_field, const geo::GeosContext& geos);

}  // namespace ecozone::report
