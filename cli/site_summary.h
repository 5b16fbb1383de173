#pragma once
// The terminal's account of a site screened on its own (`screen --coords`, or a file of a few
// sites): beyond the verdict line of the table, the zones it touches with their shares, the
// deciding rules' text and citations, the rules that could not be assessed, and how the input was
// read (e.g. lon/lat swapped) — what a planner asking about one site wants without opening the report.
#include "analysis/screening.h"
#include "cli/lang.h"

#include <ostream>
#include <vector>

namespace ecozone::cli {

// Sites up to this count get their details on the terminal; larger batches only the table.
inline constexpr size_t kDetailedSitesOnTerminal = 3;

void print_site_details(std::ostream& out, const analysis::SiteResult& r, geo::AreaMode mode, const Lang& t);

}  // namespace ecozone::cli
