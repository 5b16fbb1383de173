#pragma once
// indicators.html: a self-contained report an auditor can print — the targets first, then the
// per-township tables, maps (forest coverage by township; forest and wetland), the method and
// the provenance of every input.
#include "analysis/indicators.h"
#include "cli/lang.h"
#include "cli/provenance.h"

#include <string>

namespace ecozone::cli {

std::string indicators_html(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Provenance& p,
                            const geo::GeosContext& geos, const Lang& t);

}  // namespace ecozone::cli
