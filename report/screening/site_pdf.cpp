#include "report/screening/site_pdf.h"

#include "report/screening/rule_labels.h"
#include "geo/errors.h"
#include "geo/ring_walker.h"
#include "layers/project.h"
#include "report/common/html_util.h"
#include "report/common/provenance.h"
#include "report/screening/site_cells.h"
#include "report/screening/zone_labels.h"

#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

namespace ecozone::report {

namespace {

using analysis::FiredRule;
using analysis::RuleRole;
using analysis::SiteResult;
using layers::VectorRole;
using layers::Verdict;

// ---------------------------------------------------------------------------------------------
// The view: the labels follow screening.html (report/screening/screening_html.cpp) and the
// terminal details (cli/site_summary.cpp), so that the three say the same thing.  The helpers
// below repeat ones that are private to those files.

std::string lang_of(const Lang& t) {
    return t.en ? "en" : "zh";
}
std::string ha(double m2) {
    return format_number(m2 / 1e4, 4);
}
std::string pct(double share) {
    return format_number(100.0 * share, 2) + "%";
}
double share_of(double part, double whole) {
    return whole > 0 ? std::clamp(part / whole, 0.0, 1.0) : 0.0;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}


SitePdfView::Rule rule_view(const layers::Rule& rule, const Lang& t) {
    SitePdfView::Rule v;
    v.id = rule.id;
    v.verdict = rule.verdict;
    v.verdict_label = layers::verdict_label(rule.verdict, lang_of(t));
    v.zone = rule_zone_text(rule, t);
    v.message = message_of(rule, t);
    v.requirement = requirement_of(rule, t);
    v.citation = citation_text(rule, t);
    return v;
}

std::string fired_part(const FiredRule& f, const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (f.rule->condition == layers::Condition::WithinDistance) {
        return f.distance_m >= 0 ? fmt::format(t("距离 {} 米", "{} m away"), format_number(f.distance_m, 0)) : "";
    }
    if (!(f.part.in(mode) > 0)) return "";
    return fmt::format(t("{} 公顷（占 {}）", "{} ha ({} of the site)"), ha(f.part.in(mode)),
                       pct(share_of(f.part.in(mode), r.area.in(mode))));
}

std::vector<std::array<std::string, 3>> distance_rows(const SiteResult& r, const Lang& t) {
    static const std::pair<const char*, std::pair<const char*, const char*>> kWhat[] = {
        {"redline", {"生态保护红线", "ecological red line"}},
        {"reserve", {"自然保护区", "nature reserve"}},
        {"water_source", {"饮用水水源保护区", "drinking-water source zone"}},
        {"river", {"河流（中心线）", "river (centre line)"}},
        {"river_belt", {"河流生态缓冲带", "river buffer belt"}},
        {"receptor:home", {"居民点", "home"}},
        {"receptor:school", {"学校", "school"}},
        {"receptor:hospital", {"医院", "hospital"}},
        {"receptor:elderly_care", {"养老院", "elderly care"}},
    };
    std::vector<std::array<std::string, 3>> rows;
    for (const auto& [key, label] : kWhat) {
        const analysis::Distance* d = find_distance(r, key);
        if (!d) {
            rows.push_back({t(label.first, label.second), t("未评估", "not assessed"),
                            t("项目未提供该图层", "layer not in the project")});
        } else if (d->metres < 0) {
            rows.push_back({t(label.first, label.second), "—", t("图层中无此类要素", "none in the layer")});
        } else {
            std::string name = d->nearest_name;
            if (d->inside) name = t("位于其内", "inside") + (name.empty() ? "" : t("：", ": ") + name);
            rows.push_back({t(label.first, label.second), format_number(d->metres, 0), name.empty() ? "—" : name});
        }
    }
    return rows;
}

// Every ring of a (multi)polygon, or every line of anything else, in order (collections at any
// depth, through the shared walker of geo/ring_walker).
void collect_rings(const geo::GeosContext& geos, const GEOSGeometry* g, std::vector<const GEOSGeometry*>& out) {
    geo::for_each_part(geos, g, [&](const GEOSGeometry* part, int type) {
        if (type == GEOS_POLYGON) {
            if (geos.is_empty(part)) return;
            geo::for_each_ring_of(geos, part, [&](const GEOSGeometry* ring, bool) { out.push_back(ring); });
        } else if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
            out.push_back(part);
        }
    });
}

PdfRing ring_coords(const geo::GeosContext& geos, const GEOSGeometry* ring) {
    PdfRing out;
    std::vector<double> x, y;
    geo::copy_xy(geos, ring, x, y);  // a GEOS failure throws rather than drawing no ring
    out.reserve(x.size());
    for (size_t i = 0; i < x.size(); ++i) out.emplace_back(x[i], y[i]);
    return out;
}

// The 界址点 of a footprint: J1, J2 … numbered on through every ring, each ring closed by its
// first point again under the same number, as land-survey boundary-point files list them.
void fill_points(SitePdfView& v, const geo::GeosContext& geos, const GEOSGeometry* footprint) {
    std::vector<const GEOSGeometry*> rings;
    collect_rings(geos, footprint, rings);
    v.ring_count = static_cast<int>(rings.size());
    int number = 0;
    for (size_t r = 0; r < rings.size(); ++r) {
        PdfRing c = ring_coords(geos, rings[r]);
        if (c.empty()) continue;
        const bool closed = c.size() > 1 && c.front() == c.back();
        if (closed) c.pop_back();
        const std::string prefix = rings.size() > 1 ? fmt::format("{}-", r + 1) : "";
        const std::string first = fmt::format("{}J{}", prefix, number + 1);
        for (const auto& [x, y] : c) {
            // X is the northing and comes first, as in Chinese survey tables.
            v.points.push_back(
                {fmt::format("{}J{}", prefix, ++number), fmt::format("{:.3f}", y), fmt::format("{:.3f}", x)});
        }
        v.points.push_back({first, fmt::format("{:.3f}", c.front().second), fmt::format("{:.3f}", c.front().first)});
    }
}

}  // namespace

SitePdfView site_pdf_view(const SiteResult& r, const layers::RuleList& rules, geo::AreaMode mode, const Lang& t,
                          const GEOSGeometry* footprint, const geo::GeosContext& geos) {
    const std::string lang = lang_of(t);
    SitePdfView v;
    v.id = r.spec.id;
    v.name = r.spec.name;
    v.category = category_label(rules, r.spec.category, t);
    if (!r.spec.type_label.empty()) v.category += t("（", " (") + r.spec.type_label + t("）", ")");
    v.location = r.township + (r.village.empty() ? "" : (r.township.empty() ? "" : " ") + r.village);
    v.area_method = mode == geo::AreaMode::Ellipsoidal
                        ? t("椭球面积（CGCS2000）", "ellipsoidal area (CGCS2000)")
                        : t("平面面积（高斯-克吕格投影）", "planar area (Gauss–Krüger projection)");
    std::vector<std::string> units;
    for (const auto& u : r.control_units)
        units.push_back(u.label + t("（", " (") + control_unit_type(u.type, t) + t("）", ")"));
    v.control_units = join(units, "; ");

    v.screened = r.screened;
    v.error = t(r.error_text);
    v.verdict = r.verdict;
    v.complete = !r.screened || r.complete();
    v.verdict_label = r.screened ? layers::verdict_label(r.verdict, lang) : t("未能筛查", "not screened");
    if (r.screened) {
        v.area_ha = ha(r.area.in(mode));
        v.deciding_ids = deciding_ids(r);
        for (const FiredRule& f : r.rules) {
            if (!f.rule) continue;
            SitePdfView::Rule rv = rule_view(*f.rule, t);
            rv.role = rule_role_text(f, r, t);
            rv.part = fired_part(f, r, mode, t);
            (f.role == RuleRole::Decides && f.deciding ? v.deciding : v.others).push_back(std::move(rv));
        }
        for (const auto& u : r.not_assessed) {
            if (!u.rule) continue;
            SitePdfView::Rule rv = rule_view(*u.rule, t);
            rv.missing_layer = layers::role_label_of_key(u.missing_role, lang);
            rv.role = fmt::format(t("未评估（缺少图层：{}）", "not assessed (missing layer: {})"), rv.missing_layer);
            v.not_assessed.push_back(std::move(rv));
        }
        for (const auto& z : r.zones) {
            std::string label = zone_overlap_label(z, t);
            if (!z.feature_names.empty()) label += t("（", " (") + z.feature_names + t("）", ")");
            v.zones.push_back({label, ha(z.area.in(mode)), pct(share_of(z.area.in(mode), r.area.in(mode)))});
        }
        for (const auto& l : r.land) {
            v.land.push_back(
                {l.code, l.name.empty() ? t("（未知地类）", "(unknown class)") : l.name, ha(l.area.in(mode))});
        }
        if (r.land.empty()) {
            v.land_note = t("项目未提供土地利用现状图层，或选址不与任何图斑相交。",
                            "No land-use layer in the project, or the site touches no land-use polygon.");
        }
        v.distances = distance_rows(r, t);
    }
    if (footprint && !geos.is_empty(footprint)) {
        const auto b = geos.bounds(footprint);
        v.centre = {(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2};
        v.has_centre = true;
        fill_points(v, geos, footprint);
    }
    if (!r.spec.source.empty()) v.notes.push_back(t("来源：", "source: ") + r.spec.source);
    for (const auto& n : r.notes) v.notes.push_back(t(n));
    return v;
}

std::vector<PdfRing> locator_outline(const geo::GeosContext& geos, const GEOSGeometry* district, size_t max_vertices) {
    std::vector<PdfRing> out;
    if (!district || geos.is_empty(district)) return out;
    const auto b = geos.bounds(district);
    // A tolerance of a three-hundredth of the extent is below a tenth of a millimetre in the inset.
    const double tolerance = std::max(b.maxx - b.minx, b.maxy - b.miny) / 300.0;
    geo::GeomPtr simple = geos.own(GEOSSimplify_r(geos.handle(), district, tolerance), "district outline");
    std::vector<const GEOSGeometry*> rings;
    collect_rings(geos, simple.get(), rings);
    size_t total = 0;
    for (const auto* r : rings) out.push_back(ring_coords(geos, r)), total += out.back().size();
    if (total > max_vertices && max_vertices > 0) {
        const size_t step = (total + max_vertices - 1) / max_vertices;
        for (auto& ring : out) {
            PdfRing thin;
            for (size_t i = 0; i < ring.size(); i += step) thin.push_back(ring[i]);
            if (!ring.empty()) thin.push_back(ring.back());
            ring = std::move(thin);
        }
    }
    return out;
}

std::vector<std::array<std::string, 3>> pdf_inputs(const Provenance& p, const Lang& t) {
    const std::string lang = lang_of(t);
    std::vector<std::array<std::string, 3>> rows;
    // One row per dataset: its main file (a shapefile's .shp, not each of its parts); the full list
    // is in screening.json and the HTML report.
    std::map<std::pair<std::string, std::string>, size_t> seen;
    for (const auto& f : p.inputs) {
        const std::string name = std::filesystem::path(f.file).filename().string();
        const std::string as_written = std::filesystem::path(f.path).filename().string();
        const auto key = std::make_pair(f.role, f.path);
        std::string role = f.role == "project" ? t("项目文件", "project file")
                           : f.role == "rules" ? t("准入清单", "rules list")
                                               : layers::role_label_of_key(f.role, lang);
        std::array<std::string, 3> row{role, f.rows >= 0 ? f.file : name, f.sha256.substr(0, 16)};
        auto it = seen.find(key);
        if (it == seen.end()) {
            seen.emplace(key, rows.size());
            rows.push_back(std::move(row));
        } else if (name == as_written) {
            rows[it->second] = std::move(row);
        }
    }
    return rows;
}

// ---------------------------------------------------------------------------------------------
// The layout.

namespace {

constexpr double kBody = 8.5;  // pt
constexpr double kTable = 7.5;
constexpr double kSectionGap = 6;
constexpr size_t kPointGroups = 3;  // boundary points side by side: 点号 X Y | 点号 X Y | 点号 X Y

// One face only, the regular: each face a PDF uses costs its embedding in every site's file
// (pdf_document.h).  Titles and headings stand out by size and colour instead of weight.
const Rgb kNavy{0.08, 0.2, 0.36};
const TextStyle kTitle{17, false, kNavy, TextAlign::Left, 0};
const TextStyle kSubtitle{12, false, Rgb{}, TextAlign::Left, 0};
const TextStyle kHeading{10.5, false, kNavy, TextAlign::Left, 0};
const TextStyle kLead{kBody, false, kNavy, TextAlign::Left, 0};  // a line introducing a list or table
const TextStyle kText{kBody, false, Rgb{}, TextAlign::Left, 0};
const TextStyle kSmall{7.5, false, Rgb{0.3, 0.3, 0.3}, TextAlign::Left, 0};

Badge verdict_badge(const SitePdfView& v) {
    if (!v.screened) return {v.verdict_label, hex_rgb(0x757575), hex_rgb(0xffffff), false, false};
    switch (v.verdict) {
        case Verdict::Prohibited:
            return {v.verdict_label, hex_rgb(0xc62828), hex_rgb(0xffffff), false, false};
        case Verdict::Restricted:
            return {v.verdict_label, hex_rgb(0xffb300), hex_rgb(0x000000), false, false};
        case Verdict::Allowed:
            break;
    }
    return {v.verdict_label, hex_rgb(0x2e7d32), hex_rgb(0xffffff), false, false};
}

Rgb verdict_tint(Verdict v) {
    return v == Verdict::Prohibited   ? hex_rgb(0xc62828)
           : v == Verdict::Restricted ? hex_rgb(0xffb300)
                                      : hex_rgb(0x2e7d32);
}

// User text (a site's name, a township) inside a sentence of ours, isolated so that right-to-left
// text or a stray bidi control in it cannot reorder the words around it.
std::string isolate(const std::string& s) {
    return "\u2068" + s + "\u2069";
}

// A section heading, ruled below, kept on a page with `keep_with` points of what follows.
void heading(PdfDocument& doc, const std::string& text, double keep_with = 40) {
    doc.space(kSectionGap);
    doc.keep(doc.text_height(text, kHeading) + 3 + keep_with);
    doc.text(text, kHeading);
    cairo_t* cr = doc.cairo();
    cairo_save(cr);
    cairo_set_source_rgb(cr, kNavy.r, kNavy.g, kNavy.b);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, PdfDocument::left(), doc.y() + 1);
    cairo_line_to(cr, PdfDocument::left() + PdfDocument::width(), doc.y() + 1);
    cairo_stroke(cr);
    cairo_restore(cr);
    doc.space(3);
}

TableSpec spec_of(std::vector<std::string> header, std::vector<double> widths, std::vector<bool> right = {}) {
    TableSpec s;
    s.header = std::move(header);
    s.widths = std::move(widths);
    s.right = std::move(right);
    s.font_pt = kTable;
    s.bold_header = false;
    return s;
}

template <size_t N>
std::vector<std::vector<TableCell>> cells_of(const std::vector<std::array<std::string, N>>& rows) {
    std::vector<std::vector<TableCell>> out;
    for (const auto& r : rows) out.emplace_back(r.begin(), r.end());
    return out;
}

void title_section(PdfDocument& doc, const SitePdfView& v, const Lang& t) {
    doc.text(t("建设项目选址研判报告", "Site screening report"), kTitle);
    doc.space(2);
    doc.text(isolate(v.id) + "  " + isolate(v.name), kSubtitle);
    doc.space(4);
    const std::string date = v.generated_utc.size() >= 10 ? v.generated_utc.substr(0, 10) : v.generated_utc;
    TableSpec facts = spec_of({}, {0.13, 0.37, 0.13, 0.37});
    facts.font_pt = kBody;
    const Rgb shade{0.95, 0.95, 0.95};
    auto label = [&](const char* zh, const char* en) { return TableCell(t(zh, en), shade); };
    facts.rows.push_back({label("项目类别", "category"), v.category, label("研判日期", "date"), date});
    facts.rows.push_back(
        {label("所在位置", "location"), v.location.empty() ? "—" : v.location, label("占地面积", "site area"),
         v.area_ha.empty() ? "—" : fmt::format(t("{} 公顷（{}）", "{} ha ({})"), v.area_ha, v.area_method)});
    if (!v.control_units.empty()) {
        facts.rows.push_back({label("环境管控单元", "control units"), v.control_units, label("", ""), ""});
    }
    doc.table(facts);
}

// One deciding rule: id, verdict and zone, the message, the requirement and the citation, with a
// bar in the verdict's colour down its left side.
void deciding_rule(PdfDocument& doc, const SitePdfView::Rule& r, const Lang& t) {
    const TextStyle lead{kBody + 0.5, false, kNavy, TextAlign::Left, 7};
    const TextStyle body{kBody, false, Rgb{}, TextAlign::Left, 7};
    const TextStyle sub{kBody - 0.5, false, Rgb{0.2, 0.2, 0.2}, TextAlign::Left, 7};
    const std::string head = fmt::format(t("{}：{}  [{}]  {}{}", "{}: {}  [{}]  {}{}"), r.role, r.id, r.verdict_label,
                                         r.zone, r.part.empty() ? "" : "  · " + r.part);
    const std::string requirement = r.requirement.empty() ? "" : t("准入要求：", "requirement: ") + r.requirement;
    const std::string citation = r.citation.empty() ? "" : t("依据：", "basis: ") + r.citation;
    double h = doc.text_height(head, lead) + doc.text_height(r.message, body);
    if (!requirement.empty()) h += doc.text_height(requirement, sub);
    if (!citation.empty()) h += doc.text_height(citation, sub);
    doc.keep(std::min(h, PdfDocument::content_height() / 2));
    const int page = doc.page();
    const double y0 = doc.y();
    doc.text(head, lead);
    doc.text(r.message, body);
    if (!requirement.empty()) doc.text(requirement, sub);
    if (!citation.empty()) doc.text(citation, sub);
    if (doc.page() == page) {
        cairo_t* cr = doc.cairo();
        cairo_save(cr);
        const Rgb c = verdict_tint(r.verdict);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_rectangle(cr, PdfDocument::left(), y0, 2.5, doc.y() - y0);
        cairo_fill(cr);
        cairo_restore(cr);
    }
    doc.space(3);
}

void rules_table(PdfDocument& doc, const std::vector<SitePdfView::Rule>& rules, const Lang& t) {
    TableSpec s = spec_of({t("规则", "rule"), t("作用", "role"), t("结论", "verdict"),
                           t("分区与说明", "zone and message"), t("依据", "basis")},
                          {0.09, 0.13, t.en ? 0.1 : 0.07, t.en ? 0.43 : 0.46, 0.25});
    for (const auto& r : rules) {
        std::string text = r.zone + t("：", ": ") + r.message;
        if (!r.requirement.empty()) text += t("准入要求：", " Requirement: ") + r.requirement;
        if (!r.part.empty()) text += t("（", " (") + r.part + t("）", ")");
        s.rows.push_back({r.id, r.role, r.verdict_label, text, r.citation});
    }
    doc.table(s);
}

void verdict_section(PdfDocument& doc, const SitePdfView& v, const Lang& t) {
    heading(doc, t("一、研判结论", "1. Verdict"), 30);
    std::vector<Badge> badges{verdict_badge(v)};
    if (!v.complete) badges.push_back({t("结论不完整", "incomplete"), Rgb{}, hex_rgb(0x6a1b9a), true, false});
    doc.badges(badges, 13);
    doc.space(4);
    if (!v.screened) {
        doc.text(t("未能筛查：", "not screened: ") + v.error, kText);
        return;
    }
    if (v.deciding.empty()) {
        doc.text(v.others.empty() && v.not_assessed.empty()
                     ? t("准入清单中没有适用于该项目类别和该选址的规则，按一般环评程序办理。",
                         "No rule of the list applies to this category at this site: the ordinary EIA applies.")
                     : t("没有禁止或限制该项目的规则（按一般环评程序办理）；适用的条件与提示见下表。",
                         "No rule prohibits or restricts the project (ordinary EIA); the conditions and advice that "
                         "apply are listed below."),
                 kText);
        doc.space(3);
    } else {
        for (const auto& r : v.deciding) deciding_rule(doc, r, t);
    }
    if (!v.others.empty()) {
        doc.keep(40);
        doc.text(t("其他触发的规则：", "Other rules that fired:"), kLead);
        doc.space(2);
        rules_table(doc, v.others, t);
        doc.space(3);
    }
    if (!v.not_assessed.empty()) {
        doc.keep(40);
        doc.text(t("未能评估的规则（项目缺少相应图层，结论可能偏宽；补充图层后应重新筛查）：",
                   "Rules not assessed (the project lacks their layers, so the verdict may be too mild; screen "
                   "again once they are added):"),
                 TextStyle{kBody, false, hex_rgb(0x6a1b9a), TextAlign::Left, 0});
        // Grouped by the missing layer, in one paragraph: the rules' own text and citations matter
        // once the layer is there, and a line each would crowd the verdict off the first page.
        std::vector<std::pair<std::string, std::string>> by_layer;  // missing layer, its rules
        for (const auto& r : v.not_assessed) {
            auto it = std::find_if(by_layer.begin(), by_layer.end(),
                                   [&](const auto& g) { return g.first == r.missing_layer; });
            if (it == by_layer.end()) it = by_layer.insert(by_layer.end(), {r.missing_layer, ""});
            it->second +=
                (it->second.empty() ? "" : t("、", ", ")) + r.id + t("（", " (") + r.verdict_label + t("）", ")");
        }
        std::string text;
        for (const auto& [layer, ids] : by_layer) {
            text += (text.empty() ? "" : t("；", "; ")) + fmt::format(t("缺少{}：{}", "no {}: {}"), layer, ids);
        }
        doc.text(text, TextStyle{kBody, false, Rgb{}, TextAlign::Left, 7});
    }
}

void zones_section(PdfDocument& doc, const SitePdfView& v, const Lang& t) {
    heading(doc, t("二、涉及的管控分区", "2. Zones touched"));
    if (v.zones.empty()) {
        doc.text(t("选址不涉及项目文件中的任何分区图层。", "The site touches none of the project's zone layers."),
                 kText);
        return;
    }
    TableSpec s = spec_of({t("分区（涉及图斑）", "zone (features)"), t("重叠面积（公顷）", "overlap (ha)"),
                           t("占选址比例", "share of site")},
                          {0.6, 0.2, 0.2}, {false, true, true});
    s.rows = cells_of(v.zones);
    doc.table(s);
}

void land_section(PdfDocument& doc, const SitePdfView& v, const Lang& t) {
    heading(doc, t("三、占用土地与周边敏感目标", "3. Land occupied and distances"));
    if (v.land.empty()) {
        doc.text(v.land_note, kText);
    } else {
        TableSpec s =
            spec_of({t("地类编码（三调）", "code"), t("地类名称", "land-use class"), t("面积（公顷）", "area (ha)")},
                    {0.2, 0.5, 0.3}, {false, false, true});
        s.rows = cells_of(v.land);
        doc.table(s);
    }
    if (v.distances.empty()) return;
    doc.space(4);
    // Two distances a row: nine rows of a short table would take a fifth of the page.
    TableSpec s =
        spec_of({t("对象", "nearest"), t("距离（米）", "distance (m)"), t("最近要素 / 说明", "name / remark"),
                 t("对象", "nearest"), t("距离（米）", "distance (m)"), t("最近要素 / 说明", "name / remark")},
                {0.15, 0.1, 0.25, 0.15, 0.1, 0.25}, {false, true, false, false, true, false});
    const size_t half = (v.distances.size() + 1) / 2;
    for (size_t i = 0; i < half; ++i) {
        std::vector<TableCell> row(v.distances[i].begin(), v.distances[i].end());
        if (i + half < v.distances.size()) {
            row.insert(row.end(), v.distances[i + half].begin(), v.distances[i + half].end());
        } else {
            row.insert(row.end(), {"", "", ""});
        }
        s.rows.push_back(std::move(row));
    }
    doc.table(s);
}

// The site's place in the district: outline, a red dot and box at the site, the caption inside
// the box's foot (the box may lie over the map).
void draw_inset(PdfDocument& doc, const PdfRect& box, const SitePdfView& v, const std::string& caption) {
    const double caption_h = 9;
    double minx = std::numeric_limits<double>::infinity(), miny = minx, maxx = -minx, maxy = -minx;
    auto extend = [&](double x, double y) {
        minx = std::min(minx, x), maxx = std::max(maxx, x), miny = std::min(miny, y), maxy = std::max(maxy, y);
    };
    for (const auto& ring : v.district_rings) {
        for (const auto& [x, y] : ring) extend(x, y);
    }
    if (v.has_centre) extend(v.centre.first, v.centre.second);
    cairo_t* cr = doc.cairo();
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    if (std::isfinite(minx)) {
        const double pad = 6;
        const double dx = std::max(maxx - minx, 1.0), dy = std::max(maxy - miny, 1.0);
        const double s = std::min((box.w - 2 * pad) / dx, (box.h - caption_h - 2 * pad) / dy);
        const double ox = box.x + (box.w - dx * s) / 2, oy = box.y + (box.h - caption_h - dy * s) / 2;
        auto px = [&](double x, double y) { return std::make_pair(ox + (x - minx) * s, oy + (maxy - y) * s); };
        for (const auto& ring : v.district_rings) {
            for (size_t i = 0; i < ring.size(); ++i) {
                const auto [x, y] = px(ring[i].first, ring[i].second);
                i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
            }
            cairo_close_path(cr);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_set_source_rgb(cr, 0.93, 0.93, 0.90);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
        if (v.has_centre) {
            const auto [x, y] = px(v.centre.first, v.centre.second);
            cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
            cairo_arc(cr, x, y, 2.2, 0, 2 * M_PI);
            cairo_fill(cr);
            cairo_set_line_width(cr, 0.9);
            cairo_rectangle(cr, x - 5, y - 5, 10, 10);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
    doc.text_at(caption, box.x + 3, box.y + box.h - caption_h - 0.5,
                TextStyle{6, false, Rgb{0.3, 0.3, 0.3}, TextAlign::Left, 0}, box.w - 6);
}

// The map SVG as the caller gave it; HTML around the <svg> element (screening.html's <figure>)
// is left out.
std::string svg_element(const std::string& s) {
    const size_t start = s.find("<svg");
    const size_t end = s.rfind("</svg>");
    if (start == std::string::npos || end == std::string::npos || end < start) return s;
    if (s.compare(0, 5, "<?xml") == 0) return s;
    return s.substr(start, end + 6 - start);
}

// Sections 6 and 7 of the report (the inputs and the reading notes) are the tail the boundary
// points must leave room for on the last page.
struct Tail {
    std::string vintage_heading, run_line, notes_heading;
    TableSpec inputs;
    std::vector<std::string> notes;

    double height(const PdfDocument& doc) const {
        double h = kSectionGap + doc.text_height(vintage_heading, kHeading) + 2;
        if (!inputs.rows.empty()) h += doc.table_height(inputs) + 3;
        h += doc.text_height(run_line, kSmall);
        if (!notes.empty()) {
            h += kSectionGap + doc.text_height(notes_heading, kHeading) + 2;
            for (const auto& n : notes) h += doc.text_height(n, kText);
        }
        return h;
    }
    void draw(PdfDocument& doc) const {
        heading(doc, vintage_heading, 30);
        if (!inputs.rows.empty()) {
            doc.table(inputs);
            doc.space(3);
        }
        doc.text(run_line, kSmall);
        if (notes.empty()) return;
        heading(doc, notes_heading, 12);
        for (const auto& n : notes) doc.text(n, kText);
    }
};

Tail tail_of(const SitePdfView& v, const Lang& t) {
    Tail tail;
    tail.vintage_heading = t("六、数据版本与校验", "6. Data and checksums");
    tail.inputs = spec_of({t("数据", "input"), t("文件", "file"), t("SHA-256（前 16 位）", "SHA-256 (first 16 hex)")},
                          {0.3, 0.45, 0.25});
    tail.inputs.rows = cells_of(v.inputs);
    tail.run_line =
        fmt::format(t("运行编号：{}；工具版本：ecozone {}；生成时间（UTC）：{}。完整清单见 screening.json。",
                      "run id: {}; tool version: ecozone {}; generated (UTC): {}. The full list is in screening.json."),
                    v.run_id.empty() ? "—" : v.run_id, v.version.empty() ? "—" : v.version,
                    v.generated_utc.empty() ? "—" : v.generated_utc);
    tail.notes_heading = t("七、读取说明", "7. Reading notes");
    for (const auto& n : v.notes) tail.notes.push_back("· " + n);
    return tail;
}

// The boundary-point table with `groups` groups of 点号 X Y side by side.
TableSpec points_spec(const Lang& t, size_t groups) {
    std::vector<std::string> header;
    std::vector<double> widths;
    std::vector<bool> right;
    for (size_t g = 0; g < groups; ++g) {
        header.insert(header.end(), {t("点号", "point"), t("X（米）", "X (m)"), t("Y（米）", "Y (m)")});
        widths.insert(widths.end(), {0.26, 0.37, 0.37});
        right.insert(right.end(), {false, true, true});
    }
    return spec_of(header, widths, right);
}

// Points [from, from + n) as one table, column by column: the first group runs down, then the next.
TableSpec points_chunk(const TableSpec& base, size_t groups, const std::vector<SitePdfView::Point>& points, size_t from,
                       size_t n) {
    TableSpec s = base;
    const size_t rows = (n + groups - 1) / groups;
    for (size_t r = 0; r < rows; ++r) {
        std::vector<TableCell> row;
        for (size_t g = 0; g < groups; ++g) {
            const size_t i = g * rows + r;
            if (i < n) {
                const auto& p = points[from + i];
                row.insert(row.end(), {p.number, p.x, p.y});
            } else {
                row.insert(row.end(), {"", "", ""});
            }
        }
        s.rows.push_back(std::move(row));
    }
    return s;
}

// Rows of `row_h` below a header of `header_h` that fit in `room` points.
size_t rows_in(double room, double header_h, double row_h) {
    const double rows = std::floor((room - header_h) / row_h + 1e-6);
    return rows > 0 ? static_cast<size_t>(rows) : 0;
}

// A heading over one column of the page, ruled below; returns the height it takes.
double column_heading(PdfDocument& doc, const std::string& text, double x, double w, double y) {
    const double h = doc.text_height(text, kHeading);
    doc.text_at(text, x, y, kHeading, w);
    cairo_t* cr = doc.cairo();
    cairo_save(cr);
    cairo_set_source_rgb(cr, kNavy.r, kNavy.g, kNavy.b);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, x, y + h + 1);
    cairo_line_to(cr, x + w, y + h + 1);
    cairo_stroke(cr);
    cairo_restore(cr);
    return h + 4;
}

// Sections 4 and 5 side by side — the map on the left, the first boundary points beside it — so
// that page 1 shows both; the points that do not fit there follow below, three groups a row, on
// what the first two pages leave after the tail.  Only the points are ever cut: the rest are
// counted, with where to find them.
void map_and_points(PdfDocument& doc, const SitePdfView& v, const Tail& tail, const Lang& t) {
    const std::string map_title = t("四、位置图", "4. Map");
    const std::string points_title = t("五、界址点坐标", "5. Boundary points (界址点)");
    std::string caption = t("坐标系：", "CRS: ") +
                          (v.crs.empty() ? t("工作坐标系（高斯-克吕格投影）", "working CRS (Gauss–Krüger)") : v.crs) +
                          t("；X 为北坐标、Y 为东坐标（米）；每圈末点重复首点以闭合。",
                            "; X is the northing, Y the easting (m); each ring ends with its first point again.");
    if (v.ring_count > 1) {
        caption += fmt::format(
            t("共 {} 圈，点号前的数字为圈号。", " {} rings: the number before the point is the ring's."), v.ring_count);
    }
    const double W = PdfDocument::width(), L = PdfDocument::left();
    const bool has_map = !v.map_svg.empty();
    const bool has_inset = !v.district_rings.empty();  // a dot without the outline says nothing
    const TableSpec one = points_spec(t, 1), three = points_spec(t, kPointGroups);
    const double tail_h = tail.height(doc);
    // Every row is one line; measure one with the longest strings.
    size_t longest = 0;
    for (size_t i = 0; i < v.points.size(); ++i) {
        const auto& p = v.points[i];
        const auto& q = v.points[longest];
        if (p.number.size() + p.x.size() + p.y.size() > q.number.size() + q.x.size() + q.y.size()) longest = i;
    }
    auto row_height = [&](const TableSpec& base, size_t groups) {
        return v.points.empty() ? 12.0 : doc.table_row_height(points_chunk(base, groups, v.points, longest, 1), 0);
    };
    const double row1 = row_height(one, 1), row3 = row_height(three, kPointGroups);
    const double header1 = doc.table_header_height(one), header3 = doc.table_header_height(three);
    size_t next = 0;  // the first point not drawn yet

    doc.space(kSectionGap);
    if (has_map || has_inset) {
        // The band: as tall as the page leaves (on the last page, less the tail), 150 to 250 pt.
        auto room = [&] { return doc.remaining() - (doc.page() >= 2 ? tail_h : 0.0); };
        if (room() < 150 && doc.y() > PdfDocument::top() + 1) doc.new_page();
        const double band_h = std::clamp(room(), 150.0, 250.0);
        const double top = doc.y(), bottom = top + band_h;
        const double head_h = doc.text_height(map_title, kHeading) + 4;
        const double inset_size = has_map ? 80 : 110;
        PdfRect drawn{L, top + head_h, 0, 0};
        if (has_map) {
            try {
                drawn = doc.svg(svg_element(v.map_svg), PdfRect{L, top + head_h, 0.62 * W, band_h - head_h});
            } catch (const DataError& e) {
                doc.set_y(top + head_h);
                doc.text(t("地图无法绘制：", "The map could not be drawn: ") + std::string(e.what()),
                         TextStyle{7.5, false, Rgb{0.3, 0.3, 0.3}, TextAlign::Left, 0});
                drawn.w = 0;
            }
        }
        double left_bottom = drawn.y + drawn.h;
        if (has_inset) {
            // Over the map's top left corner (below its title band), the one corner its legend, scale
            // bar and north arrow leave free; alone when there is no map.
            const PdfRect box = drawn.w > 0 ? PdfRect{drawn.x + 3, drawn.y + drawn.h * 0.06, inset_size, inset_size}
                                            : PdfRect{L, top + head_h, inset_size, inset_size};
            draw_inset(doc, box, v, t("位置示意（红点为选址）", "locator (site in red)"));
            left_bottom = std::max(left_bottom, box.y + box.h);
        }
        const double map_w = std::max({drawn.w, has_inset && drawn.w == 0 ? inset_size : 0.0, 0.3 * W});
        column_heading(doc, map_title, L, map_w, top);
        // The right column: the points' heading, caption and first rows.
        const double x0 = L + map_w + 12, col_w = L + W - x0;
        double right_bottom = top;
        if (col_w >= 150) {
            column_heading(doc, points_title, x0, col_w, top);
            doc.set_y(top + head_h);
            doc.text(caption, TextStyle{7, false, Rgb{0.3, 0.3, 0.3}, TextAlign::Left, x0 - L});
            doc.space(2);
            if (v.points.empty()) {
                doc.text(t("无（选址未能筛查）。", "None (the site could not be screened)."),
                         TextStyle{kBody, false, Rgb{}, TextAlign::Left, x0 - L});
            } else {
                TableSpec base = one;
                base.indent = x0 - L;
                const size_t n =
                    std::min(v.points.size(), rows_in(std::max(bottom, left_bottom) - doc.y(), header1, row1));
                if (n > 0) doc.table(points_chunk(base, 1, v.points, 0, n));
                next = n;
            }
            right_bottom = doc.y();
        }
        doc.set_y(std::max(left_bottom, right_bottom) + 4);
        if (col_w >= 150 && next >= v.points.size()) return;
        if (col_w < 150) {
            heading(doc, points_title, doc.text_height(caption, kSmall) + header3 + 3 * row3);
            doc.text(caption, kSmall);
            doc.space(2);
        } else {
            doc.keep(header3 + 3 * row3);
            doc.text(t("界址点坐标（续）", "Boundary points (continued)"), kLead);
            doc.space(1);
        }
    } else {
        heading(doc, points_title, doc.text_height(caption, kSmall) + header3 + 3 * row3);
        doc.text(caption, kSmall);
        doc.space(2);
    }
    if (v.points.empty()) {
        doc.text(t("无（选址未能筛查）。", "None (the site could not be screened)."), kText);
        return;
    }
    while (next < v.points.size()) {
        const bool last_page = doc.page() >= 2;
        const double avail = doc.remaining() - (last_page ? tail_h : 0.0);
        const size_t left = v.points.size() - next;
        const size_t cap = rows_in(avail, header3, row3) * kPointGroups;
        if (left <= cap) {
            doc.table(points_chunk(three, kPointGroups, v.points, next, left));
            next += left;
            break;
        }
        if (!last_page) {
            if (cap > 0) {
                doc.table(points_chunk(three, kPointGroups, v.points, next, cap));
                next += cap;
            }
            doc.new_page();
            continue;
        }
        // The last page: as many rows as leave room for the line saying what was left out.
        const double line_h =
            doc.text_height(t("另有 0000000 个界址点未列出", "0000000 more boundary points"), kText) + 4;
        const size_t shown = std::min(left, rows_in(avail - line_h, header3, row3) * kPointGroups);
        if (shown > 0) doc.table(points_chunk(three, kPointGroups, v.points, next, shown));
        next += shown;
        break;
    }
    if (next < v.points.size()) {
        doc.space(3);
        doc.text(
            fmt::format(t("另有 {} 个界址点未列出（共 {} 个），完整坐标见 screening.gpkg 的选址图层及 screening.csv。",
                          "{} more boundary points are not listed ({} in all); the full list is in screening.gpkg "
                          "(the sites layer) and screening.csv."),
                        v.points.size() - next, v.points.size()),
            TextStyle{kBody, false, hex_rgb(0x8a4b00), TextAlign::Left, 0});
    }
}

}  // namespace

void write_site_pdf(const std::string& path, const SitePdfView& v, const Lang& t, const PdfFonts& fonts) {
    PdfMeta meta;
    meta.title = fmt::format(t("建设项目选址研判报告 {} {}", "Site screening report {} {}"), v.id, v.name);
    meta.footer = fmt::format(t("ecozone {} · 运行编号 {} · 选址 {}", "ecozone {} · run {} · site {}"),
                              v.version.empty() ? "—" : v.version, v.run_id.empty() ? "—" : v.run_id, v.id);
    meta.created_utc = v.generated_utc;
    meta.english = t.en;
    PdfDocument doc(fonts, meta);
    title_section(doc, v, t);
    verdict_section(doc, v, t);
    if (v.screened) {
        zones_section(doc, v, t);
        land_section(doc, v, t);
    }
    const Tail tail = tail_of(v, t);
    map_and_points(doc, v, tail, t);
    tail.draw(doc);
    doc.write(path);
}

void write_site_pdf(const std::string& path, const SitePdfView& v, const Lang& t) {
    const PdfFonts fonts;
    write_site_pdf(path, v, t, fonts);
}

}  // namespace ecozone::report
