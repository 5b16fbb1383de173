#pragma once
// indicators.html: a self-contained report an auditor can print — the targets first, then the
// per-township tables, maps (forest coverage by township; forest and wetland), the method and
// the provenance of every input.
#include "analysis/indicators.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"

#include <string>

namespace ecozone::report {

std::string indicators_html(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Provenance& p,
                            const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::report
