#pragma once
// The map of one screened site in screening.html: the site (hatched footprint), the zones around
// it (red line, reserve zones, water sources, farmland, river belts, parks, urban boundary),
// village and township boundaries with the villages named, the nearest receptors of each kind and
// a dashed leader to the nearest protected zone it does not touch, with legend, scale bar and
// north arrow.  An inline SVG (cli/svg_map.h).
#include "analysis/screening.h"
#include "report/common/lang.h"

#include <string>
#include <utility>
#include <vector>

namespace ecozone::report {

// Village and township boundaries (as lines) with the villages' names, computed once per report:
// every site map draws the ones in its view.
struct AdminOutlines {
    std::vector<std::pair<geo::GeomPtr, std::string>> villages;  // boundary, name
    std::vector<const GEOSGeometry*> village_areas;              // for the labels, same order
    std::vector<geo::GeomPtr> townships;
    // The townships' outlines simplified to the locator inset's resolution (null without townships).
    geo::GeomPtr locator_outline;

    AdminOutlines(const analysis::Screener& screener, const layers::Catalogue& c, const geo::GeosContext& geos);
};

// `footprint_m` as for screening_html.
std::string site_map(const analysis::SiteResult& r, const analysis::Screener& screener, const AdminOutlines& admin,
                     const layers::Catalogue& c, const layers::RuleList& rules, const geo::GeosContext& geos,
                     const Lang& t, double footprint_m);

}  // namespace ecozone::report
