#pragma once
// The batch summary of a screening run as a PDF (选址研判汇总): the counts by verdict, then one
// table row per site — id, name, location, area, verdict, deciding rules — with the header
// repeated on every page.  Built from the same SitePdfViews as the per-site reports, so the two
// cannot disagree; stays small and fast for a thousand sites.
#include "report/common/lang.h"
#include "report/common/pdf_document.h"
#include "report/screening/site_pdf.h"

#include <string>
#include <vector>

namespace ecozone::report {

struct SummaryPdfInfo {
    std::string district;  // "红寺堡区", before the title; may be empty
    std::string run_id, version, generated_utc;
};

// Writes the summary.  IoError naming the file when it cannot be written.  A name longer than
// 100 characters is shortened with "…" in the table (the site's own report has it in full).
void write_summary_pdf(const std::string& path, const std::vector<SitePdfView>& sites, const Lang& t,
                       const SummaryPdfInfo& info, const PdfFonts& fonts);
// The same, loading the fonts for this one document.
void write_summary_pdf(const std::string& path, const std::vector<SitePdfView>& sites, const Lang& t,
                       const SummaryPdfInfo& info);

}  // namespace ecozone::report
