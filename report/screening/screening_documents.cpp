#include "report/screening/screening_documents.h"

#include "analysis/zones.h"
#include "report/common/cjk_font_subset.h"
#include "report/common/pdf_document.h"
#include "report/screening/screening_html.h"
#include "report/screening/site_pdf.h"
#include "report/screening/summary_pdf.h"

#include <fmt/format.h>

#include <memory>

namespace ecozone::report {

std::string site_pdf_name(size_t index, const std::string& id) {
    std::string safe;
    for (const unsigned char ch : id) {
        if (safe.size() >= 60) break;
        const bool plain = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                           ch == '-' || ch == '_' || ch == '.' || ch >= 0x80;
        safe += plain ? static_cast<char>(ch) : '_';
    }
    // Never cut a UTF-8 character in two: drop a trailing partial sequence.
    while (!safe.empty() && (static_cast<unsigned char>(safe.back()) & 0xC0) == 0x80) safe.pop_back();
    if (!safe.empty() && static_cast<unsigned char>(safe.back()) >= 0xC0) safe.pop_back();
    return fmt::format("site-{:04}{}{}.pdf", index + 1, safe.empty() ? "" : "-", safe);
}

void write_screening_documents(layers::OutputSet& outputs, const std::vector<analysis::SiteResult>& results,
                               const analysis::Screener& screener, const layers::Catalogue& c,
                               const layers::RuleList& rules, const Provenance& p, geo::AreaMode mode,
                               const geo::GeosContext& geos, const Lang& t, const ScreeningDocumentOptions& o) {
    std::vector<std::string> pdf_paths;
    std::vector<SitePdfView> views;
    PerSite per_site;
    // The CJK face cut down once for the whole batch (report/common/cjk_font_subset.h), with the
    // sites' own names; null, the installed faces serve as they are.
    std::unique_ptr<CjkFontSubset> subset;
    if (o.pdf && !results.empty()) {
        std::string names = district_name(c);
        for (const auto& r : results) names += r.spec.id + r.spec.name;
        subset = CjkFontSubset::create("Noto Sans CJK SC", names);
    }
    // One font set per worker: pango's font map is not shared between threads.
    constexpr int kMaxWorkers = 64;
    std::vector<std::unique_ptr<PdfFonts>> fonts(kMaxWorkers);
    auto make_fonts = [&] { return std::make_unique<PdfFonts>("Noto Sans CJK SC", subset.get()); };
    const auto inputs = o.pdf ? pdf_inputs(p, t) : std::vector<std::array<std::string, 3>>{};
    const std::string crs = fmt::format("{} (EPSG:{})", c.working.name, c.working.epsg);
    if (o.pdf) {
        // Paths first: the output set is not shared among the workers.
        for (size_t i = 0; i < results.size(); ++i) {
            pdf_paths.push_back(outputs.temp_path(site_pdf_name(i, results[i].spec.id)));
        }
        views.resize(results.size());
        per_site = [&](size_t i, const std::string& map_html, const geo::GeosContext& g, int worker) {
            auto& f = fonts[static_cast<size_t>(std::min(worker, kMaxWorkers - 1))];
            if (!f) f = make_fonts();
            const analysis::SiteResult& r = results[i];
            geo::GeomPtr footprint = site_footprint(g, r, o.footprint_m);
            SitePdfView v = site_pdf_view(r, rules, mode, t, footprint.get(), g);
            v.map_svg = map_html;  // the HTML's map, with its own locator inset beside the frame
            v.crs = crs;
            v.inputs = inputs;
            v.run_id = p.run_id;
            v.version = p.tool_version;
            v.generated_utc = p.started_utc;
            write_site_pdf(pdf_paths[i], v, t, *f);
            v.map_svg.clear();  // the summary needs the rows, not 1,000 maps in memory
            views[i] = std::move(v);
        };
    }
    const auto docs =
        screening_html_documents(results, screener, c, rules, p, mode, geos, t, o.footprint_m, o.threads, per_site);
    std::vector<layers::OutputSet::TextFile> files;
    for (const auto& doc : docs) files.push_back({doc.name, &doc.html});
    outputs.write_texts(files, o.threads);
    if (o.pdf) {
        SummaryPdfInfo info;
        info.district = district_name(c);
        info.run_id = p.run_id;
        info.version = p.tool_version;
        info.generated_utc = p.started_utc;
        if (!fonts[0]) fonts[0] = make_fonts();
        write_summary_pdf(outputs.temp_path("screening-summary.pdf"), views, t, info, *fonts[0]);
    }
}

}  // namespace ecozone::report
