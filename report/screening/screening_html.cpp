#include "report/screening/screening_html.h"

#include "analysis/parallel.h"
#include "geo/errors.h"
#include "report/common/provenance_html.h"
#include "report/screening/screening_pages.h"
#include "report/screening/screening_view.h"
#include "report/screening/site_map.h"
#include "report/screening/site_section_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <map>

namespace ecozone::report {

namespace {

using analysis::SiteResult;
using layers::VectorRole;

bool polygonal(const geo::GeosContext& geos, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(geos.handle(), g);
    return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

std::string report_title(const layers::Catalogue& c, const Lang& t) {
    return district_name(c) +
           t(" 建设项目选址“三线一单”符合性筛查", " — site screening against the “three lines, one list”");
}

// The site's map (a <figure>), or a note when it cannot be drawn; "" for a site not screened.
std::string map_figure(const SiteResult& r, const analysis::Screener& screener, const AdminOutlines& admin,
                       const layers::Catalogue& c, const layers::RuleList& rules, const geo::GeosContext& geos,
                       const Lang& t, double footprint_m) {
    if (!r.screened) return "";
    try {
        return site_map(r, screener, admin, c, rules, geos, t, footprint_m);
    } catch (const ecozone::Error& e) {
        return render_note(t("地图无法绘制：", "The map could not be drawn: ") + std::string(e.what()));
    }
}

}  // namespace

bool site_is_buffered(const geo::GeosContext& geos, const GEOSGeometry* g) {
    return g && !polygonal(geos, g);
}

geo::GeomPtr site_footprint(const geo::GeosContext& geos, const GEOSGeometry* g, double footprint_m) {
    if (!g || geos.is_empty(g)) return geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
    if (polygonal(geos, g)) {
        if (geos.is_valid(g)) return geos.clone(g);
        return geos.polygonal_part(geos.make_valid(g).get());
    }
    geo::GeomPtr b = geos.own(GEOSBuffer_r(geos.handle(), g, footprint_m, 16), "site footprint");
    return geos.polygonal_part(b.get());
}

geo::GeomPtr site_footprint(const geo::GeosContext& geos, const analysis::SiteResult& r, double footprint_m) {
    if (!r.footprint_wkb.empty()) return geos.from_wkb(r.footprint_wkb.data(), r.footprint_wkb.size());
    return site_footprint(geos, r.spec.geom, footprint_m);
}

std::string district_name(const layers::Catalogue& c) {
    const layers::VectorLayer* d = c.vector(VectorRole::District);
    const auto field = c.project.field(VectorRole::District, "name_field");
    if (d && field && !d->features.empty()) {
        if (auto i = d->field_index(*field)) {
            std::string name = layers::to_text(d->features.front().attrs[*i]);
            if (!name.empty()) return name;
        }
    }
    return c.project.name;
}

std::string screening_html(const std::vector<analysis::SiteResult>& results, const analysis::Screener& screener,
                           const layers::Catalogue& c, const layers::RuleList& rules, const Provenance& p,
                           geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    ScreeningPageView v;
    v.lang = t.en ? "en" : "zh-CN";
    v.head = report_head_view(report_title(c, t), c, rules, p, mode, t);
    v.summary = summary_view(results, rules, t, [](size_t) { return std::string(); });
    const AdminOutlines admin(screener, c, geos);
    for (size_t i = 0; i < results.size(); ++i) {
        const std::string map = map_figure(results[i], screener, admin, c, rules, geos, t, footprint_m);
        v.site_sections.push_back(
            render_site_section(site_section_view(i, results[i], map, c, rules, mode, geos, t, footprint_m)));
    }
    v.provenance_heading = t("数据来源与校验", "Provenance");
    v.provenance_html = provenance_html(p, t, t("筛查编号", "screening id"), "screening.html");
    return render_screening_page(v);
}

std::vector<HtmlDocument> screening_html_documents(const std::vector<SiteResult>& results,
                                                   const analysis::Screener& screener, const layers::Catalogue& c,
                                                   const layers::RuleList& rules, const Provenance& p,
                                                   geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t,
                                                   double footprint_m, int threads, const PerSite& per_site) {
    const std::string lang_attr = t.en ? "en" : "zh-CN";
    const size_t pages =
        results.size() <= kSitesPerHtmlPage ? 0 : (results.size() + kSitesPerHtmlPage - 1) / kSitesPerHtmlPage;
    auto page_name = [](size_t page) { return fmt::format("screening-sites-{:02}.html", page + 1); };

    // The site sections, drawn on several workers, each with its own GEOS context; the zone
    // geometries are only read.  Their envelopes are computed here first, so no worker caches one.
    const AdminOutlines admin(screener, c, geos);
    for (VectorRole role : layers::all_vector_roles()) {
        for (const auto& zone : screener.zone_geometries(role)) geos.bounds(zone.second);
    }
    std::vector<std::string> sections(results.size());
    std::atomic<size_t> next{0};
    const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(analysis::worker_count(threads)),
                                                          std::max<size_t>(1, results.size() / 16)));
    analysis::run_workers(workers, [&](int k) {
        const geo::GeosContext own;
        const geo::GeosContext& g = k == 0 ? geos : own;
        TemplateRenderer renderer;  // the section template parsed once per thread
        for (size_t i = next.fetch_add(1); i < results.size(); i = next.fetch_add(1)) {
            const std::string map = map_figure(results[i], screener, admin, c, rules, g, t, footprint_m);
            sections[i] =
                render_site_section(site_section_view(i, results[i], map, c, rules, mode, g, t, footprint_m), renderer);
            if (per_site) per_site(i, map, g, k);
        }
    });

    ScreeningPageView v;
    v.lang = lang_attr;
    v.head = report_head_view(report_title(c, t), c, rules, p, mode, t);
    if (pages > 0) {
        v.pages_note = fmt::format(t("共 {} 个选址；各选址的地图和依据分 {} 页列出，点击编号查看。",
                                     "{} sites; each site's map and evidence are on {} pages: click an id."),
                                   results.size(), pages);
        for (size_t k = 0; k < pages; ++k) {
            const size_t first = k * kSitesPerHtmlPage + 1,
                         last = std::min(results.size(), (k + 1) * kSitesPerHtmlPage);
            v.pages.push_back({page_name(k), fmt::format(t("第 {}–{} 个选址", "sites {}–{}"), first, last)});
        }
    }
    v.summary = summary_view(results, rules, t,
                             [&](size_t i) { return pages > 0 ? page_name(i / kSitesPerHtmlPage) : std::string(); });
    if (pages == 0) v.site_sections = std::move(sections);
    v.provenance_heading = t("数据来源与校验", "Provenance");
    v.provenance_html = provenance_html(p, t, t("筛查编号", "screening id"), "screening.html");
    std::vector<HtmlDocument> docs;
    docs.push_back({"screening.html", render_screening_page(v)});
    for (size_t k = 0; k < pages; ++k) {
        const size_t first = k * kSitesPerHtmlPage, last = std::min(results.size(), (k + 1) * kSitesPerHtmlPage);
        SitesPageView page;
        page.lang = lang_attr;
        page.title = v.head.title;
        page.back = t("← 返回筛查结论汇总", "← back to the summary");
        page.facts = fmt::format(t("第 {}–{} 个选址（共 {} 个）；筛查编号 {}；文档编号 {}。",
                                   "Sites {}–{} of {}; screening id {}; document id {}."),
                                 first + 1, last, results.size(), p.run_id, document_id(p, page_name(k)));
        for (size_t i = first; i < last; ++i) page.site_sections.push_back(std::move(sections[i]));
        docs.push_back({page_name(k), render_sites_page(page)});
    }
    return docs;
}

std::map<const GEOSGeometry*, std::string> feature_names(const layers::Catalogue& c, VectorRole role) {
    std::map<const GEOSGeometry*, std::string> out;
    const layers::VectorLayer* l = c.vector(role);
    const auto field = c.project.field(role, "name_field");
    if (!l || !field) return out;
    const auto i = l->field_index(*field);
    if (!i) return out;
    for (const auto& f : l->features) out[f.geom.get()] = layers::to_text(f.attrs[*i]);
    return out;
}

}  // namespace ecozone::report
