#pragma once
// screening.html: a self-contained report a planner can print — the verdict of every site in
// one summary table first, then per site a map of the zones around it and the evidence: the
// rules that fired with their citations, the zones touched, the land occupied, the distances to
// sensitive features and the notes made while reading and screening it (docs/screening.md).
#include "analysis/screening.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"
#include "report/screening/zone_labels.h"

#include <map>
#include <string>
#include <vector>

namespace ecozone::report {

// `footprint_m` is only used to draw (and describe) the footprint of point and line sites; pass
// the ScreeningOptions::footprint_m the Screener was built with (the Screener does not expose it).
std::string screening_html(const std::vector<analysis::SiteResult>& results, const analysis::Screener& screener,
                           const layers::Catalogue& c, const layers::RuleList& rules, const Provenance& p,
                           geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t,
                           double footprint_m = analysis::ScreeningOptions{}.footprint_m);

// Helpers shared with screening.gpkg.

// The polygon a site is screened as, as the Screener builds it: a (multi)polygon as drawn,
// repaired with make-valid when invalid; a point or line buffered by footprint_m.  Always
// polygonal (possibly empty); null for a null or empty input.
geo::GeomPtr site_footprint(const geo::GeosContext& geos, const GEOSGeometry* g, double footprint_m);
// Whether the Screener buffers this geometry into a footprint (anything but a (multi)polygon).
// Names of a role's features by geometry (the Screener's zone geometries are the catalogue's).
std::map<const GEOSGeometry*, std::string> feature_names(const layers::Catalogue& c, layers::VectorRole role);
bool site_is_buffered(const geo::GeosContext& geos, const GEOSGeometry* g);

}  // namespace ecozone::report
