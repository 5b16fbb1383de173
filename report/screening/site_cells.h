#pragma once
// A screened site's facts that several reports put in one cell (screening.csv and .xlsx,
// screening.json, screening.gpkg).
#include "analysis/screening.h"
#include "report/common/lang.h"

#include <string>

namespace ecozone::report {

// The ids of the rules that decide the verdict, space-separated: "BH-03 HX-01".
std::string deciding_ids(const analysis::SiteResult& s);
// A site's notes in the report's language, "; "-joined.
std::string joined_notes(const analysis::SiteResult& s, const Lang& t);
// The site's distance of one kind ("river", "receptor:school" …); null when not measured.
const analysis::Distance* find_distance(const analysis::SiteResult& s, const std::string& what);

}  // namespace ecozone::report
