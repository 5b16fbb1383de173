#pragma once
// What screening.html and its site pages (screening-sites-NN.html) show, as plain text: the
// report's head, the summary of verdicts and the pages themselves.  The layout is
// report/templates/screening_*.mustache (report/screening/screening_pages renders them); a site's
// own section is report/screening/site_section_view.h.
#include "analysis/screening.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"

#include <functional>
#include <string>
#include <vector>

namespace ecozone::report {

// A coloured verdict badge (report/templates/badge.mustache); the label stays readable when
// printed in black and white.  key: "prohibited", "restricted", "allowed" (layers::verdict_key),
// "incomplete" or "not-screened": the badge's CSS class and its colours.
struct BadgeView {
    std::string key;
    std::string label;
};
BadgeView verdict_badge(layers::Verdict v, const Lang& t);
// Beside the verdict of a site some of whose rules could not be assessed.
BadgeView incomplete_badge(const Lang& t);
BadgeView not_screened_badge(const Lang& t);
// A screened site's verdict, with the incomplete badge when some rules could not be assessed; a
// site not screened: the not-screened badge.
std::vector<BadgeView> site_badges(const analysis::SiteResult& r, const Lang& t);

// "椭球面积" / "平面面积" (and English).
std::string area_mode_label(geo::AreaMode mode, const Lang& t);

// The report's title, what it was computed from, and how to read a verdict.
struct ReportHeadView {
    std::string title;
    std::string facts;         // project file, rules list, areas, tool version, screening id, date
    std::string reading_note;  // the strictest verdict decides; special laws prevail …
};
ReportHeadView report_head_view(const std::string& title, const layers::Catalogue& c, const layers::RuleList& rules,
                                const Provenance& p, geo::AreaMode mode, const Lang& t);

// One site in the summary table, linking to its section.
struct SummaryRowView {
    std::string page;    // the file holding the site's section; "" = this page
    std::string number;  // 1-based: the section's anchor is site-<number>
    std::string id, name, category;
    bool screened = true;
    std::vector<BadgeView> badges;
    std::string error;                        // not screened: why, after the badge
    std::string deciding;                     // the rules that set the verdict ("—" when not screened)
    std::vector<std::string> deciding_notes;  // also restricted by …; not assessed: …
};

struct SummaryView {
    std::string heading;
    struct Header {
        std::string id, name, category, verdict, deciding;
    } header;
    std::vector<SummaryRowView> rows;
};
// `page_of(i)`: the file holding site i's section ("" = this page).
SummaryView summary_view(const std::vector<analysis::SiteResult>& results, const layers::RuleList& rules, const Lang& t,
                         const std::function<std::string(size_t)>& page_of);

// A link to one page of site sections, from the summary page of a large batch.
struct PageLinkView {
    std::string file;   // screening-sites-01.html
    std::string label;  // 第 1–100 个选址
};

// screening.html: head, (for a large batch: the pages of site sections), summary, the site
// sections (when on this page), provenance.
struct ScreeningPageView {
    std::string lang;  // <html lang>: "zh-CN" or "en"
    ReportHeadView head;
    std::string pages_note;  // "" unless the sections are on pages of their own
    std::vector<PageLinkView> pages;
    SummaryView summary;
    std::vector<std::string> site_sections;  // each rendered by screening_site.mustache (trusted)
    std::string provenance_heading;
    std::string provenance_html;  // rendered by provenance.mustache (trusted)
};

// screening-sites-NN.html: a way back to the summary, the title, which sites, their sections.
struct SitesPageView {
    std::string lang;
    std::string title;
    std::string back;                        // the link's text back to screening.html
    std::string facts;                       // sites first–last of n; screening id; document id
    std::vector<std::string> site_sections;  // rendered by screening_site.mustache (trusted)
};

}  // namespace ecozone::report
