#pragma once
// The screening report's views rendered with their templates (report/templates/screening_*.mustache):
// a site's section, screening.html and a screening-sites-NN.html page of a large batch.
#include "report/common/templates.h"
#include "report/screening/screening_view.h"
#include "report/screening/site_section_view.h"

#include <string>

namespace ecozone::report {

// One <section> (screening_site.mustache), to be placed in a page.
std::string render_site_section(const SiteSectionView& v);
// The same with a thread's own renderer (a batch renders a thousand sections per thread).
std::string render_site_section(const SiteSectionView& v, TemplateRenderer& renderer);
// Complete HTML documents, in the page shell.
std::string render_screening_page(const ScreeningPageView& v);
std::string render_sites_page(const SitesPageView& v);

// A note paragraph (note.mustache): the site map's place when it cannot be drawn.
std::string render_note(const std::string& text);

}  // namespace ecozone::report
