#include "report/screening/screening_pages.h"

#include "report/common/html_util.h"
#include "report/common/templates.h"

namespace ecozone::report {

namespace {

// badge.mustache's data: the label, the CSS class and one flag per kind for its colours.
TemplateData badge_data(const BadgeView& b, bool first = true) {
    TemplateData d;
    d.set("key", b.key);
    d.set("label", b.label);
    d.set("first", first);
    for (const char* kind : {"prohibited", "restricted", "allowed", "incomplete"}) {
        d.set(std::string("is_") + kind, b.key == kind);
    }
    d.set("is_not_screened", b.key == "not-screened");
    return d;
}

TemplateData badges_data(const std::vector<BadgeView>& badges) {
    TemplateData list{TemplateData::type::list};
    for (size_t i = 0; i < badges.size(); ++i) append(list, badge_data(badges[i], i == 0));
    return list;
}

TemplateData rule_row_data(const RuleRowView& r) {
    TemplateData d;
    d.set("id", r.id);
    put(d, "badge", badge_data(r.badge));
    d.set("zone", r.zone);
    d.set("message", r.message);
    d.set("requirement_label", r.requirement_label);
    set_optional(d, "requirement", r.requirement);
    d.set("citation", r.citation);
    d.set("area", r.area);
    set_optional(d, "share", r.share);
    d.set("distance", r.distance);
    d.set("role", r.role);
    return d;
}

// `fragments` takes the map, which is spliced in after rendering.
TemplateData site_section_data(const SiteSectionView& v, HtmlFragments& fragments) {
    TemplateData d;
    d.set("number", v.number);
    d.set("heading", v.heading);
    d.set("facts", v.facts);
    put(d, "badges", badges_data(v.badges));
    d.set("screened", v.screened);
    d.set("error", v.error);
    // The template shows the map of a screened site only (splice() checks every placeholder is placed).
    d.set("map_html", v.screened ? fragments.placeholder(v.map_html) : std::string());

    d.set("rules_heading", v.rules_heading);
    TemplateData header;
    header.set("rule", v.rules_header.rule);
    header.set("zone", v.rules_header.zone);
    header.set("message", v.rules_header.message);
    header.set("citation", v.rules_header.citation);
    header.set("part", v.rules_header.part);
    header.set("distance", v.rules_header.distance);
    header.set("role", v.rules_header.role);
    put(d, "rules_header", std::move(header));
    TemplateData rules{TemplateData::type::list};
    for (const auto& r : v.rules) append(rules, rule_row_data(r));
    put(d, "rules", std::move(rules));
    set_optional(d, "no_rules", v.no_rules);
    set_optional(d, "incomplete_note", v.incomplete_note);

    d.set("zones_heading", v.zones_heading);
    put(d, "zones", table_data(v.zones));
    set_optional(d, "no_zones", v.no_zones);
    d.set("land_heading", v.land_heading);
    put(d, "land", table_data(v.land));
    set_optional(d, "no_land", v.no_land);
    set_optional(d, "land_approval", v.land_approval);
    d.set("distances_heading", v.distances_heading);
    put(d, "distances", table_data(v.distances));
    d.set("points_heading", v.points_heading);
    put(d, "points", table_data(v.points));
    d.set("points_caption", v.points_caption);
    set_optional(d, "no_points", v.no_points);

    d.set("notes_heading", v.notes_heading);
    d.set("has_notes", !v.notes.empty());
    put(d, "notes", string_list(v.notes));
    set_optional(d, "no_notes", v.no_notes);
    return d;
}

TemplateData summary_data(const SummaryView& v) {
    TemplateData d;
    d.set("heading", v.heading);
    TemplateData header;
    header.set("id", v.header.id);
    header.set("name", v.header.name);
    header.set("category", v.header.category);
    header.set("verdict", v.header.verdict);
    header.set("deciding", v.header.deciding);
    put(d, "header", std::move(header));
    TemplateData rows{TemplateData::type::list};
    for (const auto& r : v.rows) {
        TemplateData row;
        row.set("page", r.page);
        row.set("number", r.number);
        row.set("id", r.id);
        row.set("name", r.name);
        row.set("category", r.category);
        row.set("screened", r.screened);
        put(row, "badges", badges_data(r.badges));
        row.set("error", r.error);
        row.set("deciding", r.deciding);
        put(row, "deciding_notes", string_list(r.deciding_notes));
        append(rows, std::move(row));
    }
    put(d, "rows", std::move(rows));
    return d;
}

}  // namespace

std::string render_site_section(const SiteSectionView& v) {
    HtmlFragments map;
    return map.splice(render_template("screening_site", site_section_data(v, map)));
}

std::string render_site_section(const SiteSectionView& v, TemplateRenderer& renderer) {
    HtmlFragments map;
    return map.splice(renderer.render("screening_site", site_section_data(v, map)));
}

std::string render_screening_page(const ScreeningPageView& v) {
    TemplateData d;
    TemplateData head;
    head.set("title", v.head.title);
    head.set("facts", v.head.facts);
    head.set("reading_note", v.head.reading_note);
    put(d, "head", std::move(head));
    set_optional(d, "pages_note", v.pages_note);
    TemplateData pages{TemplateData::type::list};
    for (const auto& p : v.pages) {
        TemplateData link;
        link.set("file", p.file);
        link.set("label", p.label);
        append(pages, std::move(link));
    }
    put(d, "pages", std::move(pages));
    put(d, "summary", summary_data(v.summary));
    HtmlFragments sections;  // the site sections (with their maps) are spliced in, not copied through mustache
    put(d, "site_sections", sections.placeholders(v.site_sections));
    d.set("provenance_heading", v.provenance_heading);
    d.set("provenance_html", v.provenance_html);
    return sections.splice(html_page(v.head.title, render_template("screening_page", d), v.lang));
}

std::string render_sites_page(const SitesPageView& v) {
    TemplateData d;
    d.set("back", v.back);
    d.set("title", v.title);
    d.set("facts", v.facts);
    HtmlFragments sections;
    put(d, "site_sections", sections.placeholders(v.site_sections));
    return sections.splice(html_page(v.title, render_template("screening_sites_page", d), v.lang));
}

std::string render_note(const std::string& text) {
    TemplateData d;
    d.set("text", text);
    return render_template("note", d);
}

}  // namespace ecozone::report
