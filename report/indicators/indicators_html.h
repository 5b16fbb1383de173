#pragma once
// indicators.html: a self-contained report an auditor can print — the targets first, then the
// per-township tables, maps (forest coverage by township; forest and wetland), the method and
// the provenance of every input.  What it says is built in report/indicators/indicators_view.h,
// its layout is report/templates/indicators_body.mustache.
#include "analysis/indicators.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"
#include "report/indicators/indicators_view.h"

#include <string>

namespace ecozone::report {

std::string indicators_html(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Provenance& p,
                            const geo::GeosContext& geos, const Lang& t);

// The page of a view, maps included as they are.
std::string render_indicators_page(const IndicatorsPageView& v);

}  // namespace ecozone::report
