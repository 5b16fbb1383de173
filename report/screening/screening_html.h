#pragma once
// screening.html: a self-contained report a planner can print — the verdict of every site in
// one summary table first, then per site a map of the zones around it and the evidence: the
// rules that fired with their citations, the zones touched, the land occupied, the distances to
// sensitive features and the notes made while reading and screening it (docs/screening.md).
// What the pages say is built in report/screening/screening_view.h and site_section_view.h, their
// layout is report/templates/screening_*.mustache (rendered by report/screening/screening_pages).
#include "analysis/screening.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"
#include "report/screening/zone_labels.h"

#include <functional>
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

// One file of the HTML report.
struct HtmlDocument {
    std::string name;  // "screening.html", "screening-sites-01.html" …
    std::string html;
};

// How many site sections one page of the HTML report holds: beyond it screening.html keeps the
// summary and links each site to its section on a page of its own (a 1,000-site batch would
// otherwise be one 30 MB page no browser scrolls comfortably).
constexpr size_t kSitesPerHtmlPage = 100;

// Called on the worker that drew site i's map, with that map (a <figure> holding the SVG, or a
// note) and the worker's GEOS context and number (0 .. threads-1): the per-site PDFs are written
// there, in parallel, from the same map.
using PerSite = std::function<void(size_t site, const std::string& map_html, const geo::GeosContext& geos, int worker)>;

// The HTML report as files: screening.html alone up to kSitesPerHtmlPage sites (the page
// screening_html() returns), else screening.html (title, notes, summary linking every site,
// provenance) and screening-sites-NN.html of up to kSitesPerHtmlPage site sections each.  The
// site maps are drawn on `threads` workers (0 = one per core); the bytes do not depend on it.
std::vector<HtmlDocument> screening_html_documents(const std::vector<analysis::SiteResult>& results,
                                                   const analysis::Screener& screener, const layers::Catalogue& c,
                                                   const layers::RuleList& rules, const Provenance& p,
                                                   geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t,
                                                   double footprint_m, int threads = 0,
                                                   const PerSite& per_site = {});

// The district's name for titles: the district layer's name field, else the project's name.
std::string district_name(const layers::Catalogue& c);

// Helpers shared with screening.gpkg.

// The polygon a site is screened as, as the Screener builds it: a (multi)polygon as drawn,
// repaired with make-valid when invalid; a point or line buffered by footprint_m.  Always
// polygonal (possibly empty); null for a null or empty input.
geo::GeomPtr site_footprint(const geo::GeosContext& geos, const GEOSGeometry* g, double footprint_m);
// The footprint a site was screened with (SiteResult::footprint_wkb); for a site that could not
// be screened, its geometry made into one as above, so that it can still be drawn and listed.
geo::GeomPtr site_footprint(const geo::GeosContext& geos, const analysis::SiteResult& r, double footprint_m);
// Whether the Screener buffers this geometry into a footprint (anything but a (multi)polygon).
// Names of a role's features by geometry (the Screener's zone geometries are the catalogue's).
std::map<const GEOSGeometry*, std::string> feature_names(const layers::Catalogue& c, layers::VectorRole role);
bool site_is_buffered(const geo::GeosContext& geos, const GEOSGeometry* g);

}  // namespace ecozone::report
