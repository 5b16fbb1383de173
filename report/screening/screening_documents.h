#pragma once
// The documents of a screening run a person reads, written into its output set together: the
// HTML report (one page, or a summary with pages of site sections for large batches) and, on
// request, one PDF report per site (选址研判报告) and the batch summary PDF.  The site maps are
// drawn once, on several workers, and used by both the HTML and the PDFs.
#include "analysis/screening.h"
#include "layers/output_set.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"

#include <string>
#include <vector>

namespace ecozone::report {

struct ScreeningDocumentOptions {
    bool pdf = false;   // site-NNNN-<id>.pdf per site and screening-summary.pdf
    int threads = 0;    // 0 = one per core
    double footprint_m = analysis::ScreeningOptions{}.footprint_m;
};

// The file name of site i's PDF: "site-0007-TX-2025-001.pdf" (the id with characters a file
// system refuses, or that confuse a shell, replaced by '_'; at most 60 bytes of it).
std::string site_pdf_name(size_t index, const std::string& id);

// Writes the documents into `outputs`; returns nothing a caller needs beyond the set's files.
void write_screening_documents(layers::OutputSet& outputs, const std::vector<analysis::SiteResult>& results,
                               const analysis::Screener& screener, const layers::Catalogue& c,
                               const layers::RuleList& rules, const Provenance& p, geo::AreaMode mode,
                               const geo::GeosContext& geos, const Lang& t, const ScreeningDocumentOptions& o);

}  // namespace ecozone::report
