#include "report/screening/screening_html.h"

#include "report/screening/rule_labels.h"
#include "report/common/html_util.h"
#include "report/common/provenance_html.h"
#include "analysis/parallel.h"
#include "report/screening/site_map.h"
#include "report/screening/site_pdf.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>

namespace ecozone::report {

namespace {

using analysis::FiredRule;
using analysis::SiteResult;
using layers::VectorRole;
using layers::Verdict;

std::string lang_of(const Lang& t) { return t.en ? "en" : "zh"; }

// Site-level areas are small (a buffered point is ~0.03 ha): four decimals.
std::string ha(double m2) { return format_number(m2 / 1e4, 4); }
std::string pct(double share) { return format_number(100.0 * share, 2) + "%"; }
double share_of(double part, double whole) { return whole > 0 ? std::clamp(part / whole, 0.0, 1.0) : 0.0; }

std::string paragraph(const std::string& text) { return "<p>" + html_escape(text) + "</p>\n"; }
std::string note(const std::string& text) { return "<p class=\"note\">" + html_escape(text) + "</p>\n"; }

std::string area_mode_label(geo::AreaMode mode, const Lang& t) {
    return mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal area") : t("平面面积", "planar area");
}

// The verdict as a coloured badge; the label stays readable when printed in black and white.
std::string badge(Verdict v, const Lang& t) {
    const char* bg = v == Verdict::Prohibited ? "#c62828" : v == Verdict::Restricted ? "#ffb300" : "#2e7d32";
    const char* fg = v == Verdict::Restricted ? "#000" : "#fff";
    return fmt::format(
        "<span class=\"badge {}\" style=\"display:inline-block;padding:0 2mm;border-radius:2px;background:{};"
        "color:{};font-weight:bold;white-space:nowrap\">{}</span>",
        layers::verdict_key(v), bg, fg, html_escape(layers::verdict_label(v, lang_of(t))));
}

// Beside the verdict of a site some of whose rules could not be assessed.
std::string incomplete_badge(const Lang& t) {
    return "<span class=\"badge incomplete\" style=\"display:inline-block;padding:0 2mm;border-radius:2px;"
           "border:1px solid #6a1b9a;color:#6a1b9a;font-weight:bold;white-space:nowrap\">" +
           html_escape(t("结论不完整", "incomplete")) + "</span>";
}

std::string verdict_badges(const SiteResult& r, const Lang& t) {
    return r.complete() ? badge(r.verdict, t) : badge(r.verdict, t) + " " + incomplete_badge(t);
}

std::string not_screened_badge(const Lang& t) {
    return "<span class=\"badge not-screened\" style=\"display:inline-block;padding:0 2mm;border-radius:2px;"
           "background:#757575;color:#fff;font-weight:bold;white-space:nowrap\">" +
           html_escape(t("未能筛查", "not screened")) + "</span>";
}

// A table whose cells are HTML already (escaped by the caller): for badges.  `numeric` marks the
// right-aligned columns, as html_table does by itself for plain text.
std::string rich_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric, const std::string& css_class) {
    auto num = [&](size_t c) { return c < numeric.size() && numeric[c]; };
    std::string out = "<table class=\"" + html_escape(css_class) + "\">\n<thead><tr>";
    for (size_t c = 0; c < header.size(); ++c) out += (num(c) ? "<th class=\"num\">" : "<th>") + html_escape(header[c]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : rows) {
        out += "<tr>";
        for (size_t c = 0; c < r.size(); ++c) out += (num(c) ? "<td class=\"num\">" : "<td>") + r[c] + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}


std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}


bool polygonal(const geo::GeosContext& geos, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(geos.handle(), g);
    return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

// ---------------------------------------------------------------------------------------------
std::string control_unit_type(const std::string& type, const Lang& t) {
    if (type == "priority") return t("优先保护单元", "priority protection unit");
    if (type == "key") return t("重点管控单元", "key control unit");
    if (type == "general") return t("一般管控单元", "general control unit");
    return type;
}

// Tables.

// `page_of(i)`: the file holding site i's section ("" = this page).
std::string summary_table(const std::vector<SiteResult>& results, const layers::RuleList& rules, const Lang& t,
                          const std::function<std::string(size_t)>& page_of) {
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < results.size(); ++i) {
        const SiteResult& r = results[i];
        std::string verdict, deciding;
        if (r.screened) {
            verdict = verdict_badges(r, t);
            // The rules that set the verdict; under a prohibition the restrictions beside it
            // still matter (they apply if the project moves), so they follow, as do the rules
            // that could not be assessed.
            const auto ids = analysis::verdict_rule_ids(r);
            deciding = ids.empty() ? html_escape(t("无（按一般环评程序办理）", "none (ordinary EIA)")) : html_escape(join(ids, ", "));
            const auto also = analysis::rule_ids_in_role(r, analysis::RuleRole::AlsoRestricts);
            if (!also.empty()) {
                deciding += "<br><span class=\"note\">" +
                            html_escape(t("另有限制：", "also restricted by: ") + join(also, ", ")) + "</span>";
            }
            if (!r.complete()) {
                std::vector<std::string> missing;
                for (const auto& u : r.not_assessed) missing.push_back(u.rule->id);
                deciding += "<br><span class=\"note\">" +
                            html_escape(t("未评估：", "not assessed: ") + join(missing, ", ")) + "</span>";
            }
        } else {
            verdict = not_screened_badge(t) + " " + html_escape(t(r.error_text));
            deciding = "—";
        }
        rows.push_back({fmt::format("<a href=\"{}#site-{}\" style=\"white-space:nowrap\">{}</a>", page_of(i), i + 1, html_escape(r.spec.id)), html_escape(r.spec.name),
                        html_escape(category_label(rules, r.spec.category, t)), verdict, deciding});
    }
    return rich_table({t("编号", "id"), t("项目名称", "name"), t("项目类别", "category"), t("筛查结论", "verdict"),
                       t("决定性规则", "deciding rules")},
                      rows, {}, "summary");
}

// What a fired rule does to the verdict, in the reader's words.
std::string rule_role_text(const FiredRule& f, const SiteResult& r, const Lang& t) {
    switch (f.role) {
        case analysis::RuleRole::Decides: return t("决定结论", "decides");
        case analysis::RuleRole::AlsoRestricts: return t("另有限制", "also restricts");
        case analysis::RuleRole::Advises: return t("条件/提示", "conditions / advice");
        case analysis::RuleRole::SetAside: break;
    }
    // The deciding rules whose special law prevails over this rule's zone.
    std::vector<std::string> by;
    for (const FiredRule& d : r.rules) {
        if (!d.deciding) continue;
        const auto& po = d.rule->prevails_over;
        if (std::find(po.begin(), po.end(), f.rule->zone) != po.end()) by.push_back(d.rule->id);
    }
    std::string text = t("不适用（专门法优先）", "set aside: a special law prevails");
    if (!by.empty()) text += fmt::format(t("（以 {} 为准）", " ({} applies)"), join(by, ", "));
    return text;
}

std::string rule_zone_text(const layers::Rule& rule, const Lang& t) {
    std::string s = layers::role_label(rule.zone, lang_of(t));
    if (rule.zone == VectorRole::Rivers) s = t("河流生态缓冲带", "river buffer belt");
    std::vector<std::string> values;
    for (const auto& v : rule.zone_values) values.push_back(zone_value_label(v, t));
    if (!values.empty()) s += " " + join(values, t("、", ", "));
    switch (rule.condition) {
        case layers::Condition::Intersects: break;
        case layers::Condition::WithinDistance:
            s += fmt::format(t(" 周边 {} 米内", " within {} m"), format_number(*rule.distance_m, 0));
            break;
        case layers::Condition::Outside: s += t("以外", " (outside)"); break;
    }
    return s;
}

std::string fired_rules_table(const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (r.rules.empty() && r.not_assessed.empty()) {
        return paragraph(t("准入清单中没有适用于该项目类别和该选址的规则，按一般环评程序办理。",
                           "No rule of the list applies to this category at this site: the ordinary EIA applies."));
    }
    const double site = r.area.in(mode);
    std::vector<std::vector<std::string>> rows;
    for (const FiredRule& f : r.rules) {
        const layers::Rule& rule = *f.rule;
        std::string area = "—", share = "—", distance = "—";
        if (rule.condition == layers::Condition::WithinDistance) {
            if (f.distance_m >= 0) distance = format_number(f.distance_m, 0);
        } else {
            area = ha(f.part.in(mode));
            share = pct(share_of(f.part.in(mode), site));
        }
        const std::string applies = rule_role_text(f, r, t);
        std::string text = html_escape(message_of(rule, t));
        if (rule.verdict == Verdict::Restricted && !requirement_of(rule, t).empty()) {
            text += "<br><b>" + html_escape(t("准入要求：", "Requirement: ")) + "</b>" + html_escape(requirement_of(rule, t));
        }
        const std::string part = area == "—" ? area : area + "<br>" + share;
        rows.push_back({"<span style=\"white-space:nowrap\">" + html_escape(rule.id) + "</span><br>" + badge(rule.verdict, t),
                        html_escape(rule_zone_text(rule, t)), text, html_escape(citation_text(rule, t)), part, distance,
                        html_escape(applies)});
    }
    // Rules the site's category is subject to whose layer the project lacks: neither fired nor
    // ruled out, so the verdict above may be too mild.
    const std::string lang = lang_of(t);
    for (const auto& u : r.not_assessed) {
        const layers::Rule& rule = *u.rule;
        const std::string missing = layers::role_label_of_key(u.missing_role, lang);
        rows.push_back({"<span style=\"white-space:nowrap\">" + html_escape(rule.id) + "</span><br>" + badge(rule.verdict, t),
                        html_escape(rule_zone_text(rule, t)), html_escape(message_of(rule, t)),
                        html_escape(citation_text(rule, t)), "—", "—",
                        html_escape(fmt::format(t("未评估（缺少图层：{}）", "not assessed (missing layer: {})"), missing))});
    }
    std::string out = rich_table({t("规则", "rule"), t("分区", "zone"), t("说明与准入要求", "message and requirement"),
                       t("依据", "citation"), t("面积（公顷）/占比", "part (ha) / share"), t("距离（米）", "distance (m)"),
                       t("作用", "role")},
                      rows, {false, false, false, false, true, true, false}, "rules");
    if (!r.complete()) {
        out += note(t("结论不完整：上表中“未评估”的规则因项目缺少相应图层而无法判断，补充图层后应重新筛查；在此之前，"
                      "结论只代表已评估规则的结果，实际可能更严格。",
                      "Incomplete verdict: the rules marked “not assessed” could not be judged because the project lacks "
                      "their layers; screen again once they are added. Until then the verdict only reflects the rules "
                      "that could be assessed and may in fact be stricter."));
    }
    return out;
}

std::string zones_table(const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (r.zones.empty()) return paragraph(t("选址不涉及项目文件中的任何分区图层。", "The site touches none of the project's zone layers."));
    std::vector<std::vector<std::string>> rows;
    for (const auto& z : r.zones) {
        rows.push_back({zone_overlap_label(z, t), z.feature_names.empty() ? "—" : z.feature_names, ha(z.area.ellipsoidal_m2),
                        ha(z.area.planar_m2), pct(share_of(z.area.in(mode), r.area.in(mode)))});
    }
    return html_table({t("分区", "zone"), t("涉及图斑", "features"), t("椭球面积（公顷）", "ellipsoidal (ha)"),
                       t("平面面积（公顷）", "planar (ha)"), t("占选址比例", "share of site")},
                      rows, "zones");
}

std::string land_table(const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (r.land.empty()) return paragraph(t("项目未提供土地利用现状图层，或选址不与任何图斑相交。",
                                           "No land-use layer in the project, or the site touches no land-use polygon."));
    const std::string lang = lang_of(t);
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : r.land) {
        rows.push_back({l.code, l.name.empty() ? t("（未知地类）", "(unknown class)") : l.name, layers::group_label(l.group, lang),
                        ha(l.area.in(mode)), pct(share_of(l.area.in(mode), r.area.in(mode)))});
    }
    std::string out = html_table({t("地类编码", "code"), t("地类名称", "class"), t("大类", "group"),
                                  t("面积（公顷）", "area (ha)"), t("占比", "share")},
                                 rows, "land");
    std::vector<std::string> groups;
    double needs_approval = 0;
    for (auto g : {layers::LandGroup::Forest, layers::LandGroup::Grassland, layers::LandGroup::Cropland}) {
        auto it = r.land_groups.find(g);
        if (it == r.land_groups.end() || !(it->second.planar_m2 > 0)) continue;
        groups.push_back(layers::group_label(g, lang));
        needs_approval += it->second.in(mode);
    }
    if (!groups.empty()) {
        out += paragraph(fmt::format(t("选址占用{}共 {} 公顷。占用林地、草地、耕地需另行办理审批手续。",
                                       "The site occupies {} ({} ha in all). Occupying forest land, grassland or "
                                       "cropland needs its own approval (占用林地、草地、耕地需另行办理审批手续)."),
                                     join(groups, t("、", ", ")), ha(needs_approval)));
    }
    return out;
}

std::string distances_table(const SiteResult& r, const Lang& t) {
    static const std::pair<const char*, std::pair<const char*, const char*>> kWhat[] = {
        {"river", {"河流（中心线）", "river (centre line)"}},
        {"river_belt", {"河流生态缓冲带", "river buffer belt"}},
        {"water_source", {"饮用水水源保护区", "drinking-water source zone"}},
        {"reserve", {"自然保护区", "nature reserve"}},
        {"redline", {"生态保护红线", "ecological red line"}},
        {"receptor:home", {"居民点", "home"}},
        {"receptor:school", {"学校", "school"}},
        {"receptor:hospital", {"医院", "hospital"}},
        {"receptor:elderly_care", {"养老院", "elderly care"}},
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& [key, label] : kWhat) {
        const analysis::Distance* d = nullptr;
        for (const auto& x : r.distances) {
            if (x.what == key) d = &x;
        }
        std::string metres = "—", name = "—", remark;
        if (!d) {
            remark = t("项目未提供该图层", "not in the project");
        } else if (d->metres < 0) {
            remark = t("图层中无此类要素", "none in the layer");
        } else {
            metres = format_number(d->metres, 0);
            if (!d->nearest_name.empty()) name = d->nearest_name;
            if (d->inside) remark = t("位于其内", "inside");
        }
        rows.push_back({t(label.first, label.second), metres, name, remark});
    }
    return html_table({t("对象", "nearest"), t("距离（米）", "distance (m)"), t("最近要素", "name"), t("说明", "remark")},
                      rows, "distances");
}

std::string notes_list(const SiteResult& r, const Lang& t) {
    std::vector<std::string> notes;
    if (!r.screened) notes.push_back(t("未能筛查：", "not screened: ") + t(r.error_text));
    if (!r.spec.source.empty()) notes.push_back(t("来源：", "source: ") + r.spec.source);
    for (const auto& n : r.notes) notes.push_back(t(n));
    if (notes.empty()) return paragraph(t("无。", "None."));
    std::string out = "<ul class=\"notes\">\n";
    for (const auto& n : notes) out += "<li>" + html_escape(n) + "</li>\n";
    return out + "</ul>\n";
}

// The footprint's boundary points in the working (Gauss–Krüger) CRS, X = northing first as in
// land-survey 界址点 tables, three point groups a row; long boundaries are cut with a note (the
// full list is the footprint in screening.gpkg).
std::string boundary_points_table(const SiteResult& r, const layers::Catalogue& c, const layers::RuleList& rules,
                                  geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    constexpr size_t kGroups = 3, kMaxPoints = 60;
    geo::GeomPtr footprint = site_footprint(geos, r.spec.geom, footprint_m);
    if (!footprint || geos.is_empty(footprint.get())) return note(t("无界址点。", "No boundary points."));
    const SitePdfView v = site_pdf_view(r, rules, mode, t, footprint.get(), geos);
    const size_t shown = std::min(v.points.size(), kMaxPoints);
    const size_t rows_n = (shown + kGroups - 1) / kGroups;
    std::vector<std::vector<std::string>> rows(rows_n);
    for (size_t i = 0; i < rows_n * kGroups; ++i) {
        // Column-major, so that the numbers run down each group as on a survey sheet.
        const size_t row = i % rows_n;
        if (i < shown) {
            const auto& pt = v.points[i];
            rows[row].insert(rows[row].end(), {html_escape(pt.number), html_escape(pt.x), html_escape(pt.y)});
        } else {
            rows[row].insert(rows[row].end(), {"", "", ""});
        }
    }
    std::vector<std::string> header;
    for (size_t g = 0; g < kGroups; ++g) {
        header.insert(header.end(), {t("点号", "point"), t("X（北，米）", "X (north, m)"), t("Y（东，米）", "Y (east, m)")});
    }
    std::string caption = fmt::format(t("坐标系 EPSG:{}（高斯-克吕格投影），各环首点重复以闭合。",
                                        "EPSG:{} (Gauss–Krüger), each ring closed by repeating its first point."),
                                      c.working.epsg);
    if (v.points.size() > shown) {
        caption += fmt::format(t("共 {} 点，此处列出前 {} 点；完整边界见 screening.gpkg 的 sites 图层。",
                                 " {} points in all, the first {} listed; the full boundary is the sites layer of screening.gpkg."),
                               v.points.size(), shown);
    }
    return rich_table(header, rows, {}, "points wide") + note(caption);
}

// The report's title, what it was computed from, and how to read a verdict.
std::string report_head(const std::string& title, const layers::Catalogue& c, const layers::RuleList& rules,
                        const Provenance& p, geo::AreaMode mode, const Lang& t) {
    std::string body = "<h1>" + html_escape(title) + "</h1>\n";
    const std::string date = p.started_utc.size() >= 10 ? p.started_utc.substr(0, 10) : p.started_utc;
    const std::string list = rules.version.empty() ? rules.name : fmt::format(t("{}（版本 {}）", "{} (version {})"), rules.name, rules.version);
    body += paragraph(fmt::format(t("项目文件：{}；准入清单：{}；面积：{}；工具版本：ecozone {}；筛查编号：{}；日期：{}。",
                                    "project file: {}; access list: {}; areas: {}; tool version: ecozone {}; screening id: {}; date: {}."),
                                  p.project_file.empty() ? c.project.file : p.project_file, list, area_mode_label(mode, t),
                                  p.tool_version, p.run_id, date));
    body += note(t("结论取全部适用规则中最严格者（禁止 > 限制 > 允许）；项目完全位于自然保护区、饮用水水源保护区等专门法管理的区域内时，"
                   "以专门法的规定为准（自然资发〔2022〕142号）。清单未点名的类别按一般环评程序办理。本表为选址初步筛查，不代替主管部门的审批意见。",
                   "The strictest verdict of the rules that apply decides (prohibited > restricted > allowed); for a site wholly inside "
                   "a zone governed by a special law (reserve, water source) that law prevails (自然资发〔2022〕142号). A category the "
                   "list does not name is allowed subject to the ordinary EIA. This is a preliminary screening, not an approval."));
    return body;
}

// The site's map (a <figure>), or a note when it cannot be drawn; "" for a site not screened.
std::string map_figure(const SiteResult& r, const analysis::Screener& screener, const AdminOutlines& admin,
                       const layers::Catalogue& c, const layers::RuleList& rules, const geo::GeosContext& geos,
                       const Lang& t, double footprint_m) {
    if (!r.screened) return "";
    try {
        return site_map(r, screener, admin, c, rules, geos, t, footprint_m);
    } catch (const ecozone::Error& e) {
        return note(t("地图无法绘制：", "The map could not be drawn: ") + std::string(e.what()));
    }
}

std::string site_section(size_t index, const SiteResult& r, const std::string& map,
                         const layers::Catalogue& c, const layers::RuleList& rules,
                         geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    std::string s = fmt::format("<section id=\"site-{}\" style=\"break-before:page;page-break-before:always\">\n", index + 1);
    s += "<h2>" + html_escape(fmt::format(t("选址 {}：{} {}", "Site {}: {} {}"), index + 1, r.spec.id, r.spec.name)) + "</h2>\n";
    std::string facts = html_escape(t("项目类别：", "category: ") + category_label(rules, r.spec.category, t));
    if (!r.spec.type_label.empty()) facts += html_escape(t("（", " (") + r.spec.type_label + t("）", ")"));
    if (r.screened) {
        if (!r.township.empty()) {
            facts +=
                html_escape(t("；位于", "; in ") + r.township + (r.village.empty() ? "" : t("", ", ") + r.village));
        }
        facts += html_escape(fmt::format(t("；占地 {} 公顷（{}）", "; footprint {} ha ({})"), ha(r.area.in(mode)),
                                         area_mode_label(mode, t)));
        if (!r.control_units.empty()) {
            std::vector<std::string> units;
            for (const auto& u : r.control_units)
                units.push_back(u.label + t("（", " (") + control_unit_type(u.type, t) + t("）", ")"));
            facts += html_escape(t("；所在环境管控单元：", "; control units: ") + join(units, "; "));
        }
        facts += html_escape(t("；筛查结论：", "; verdict: ")) + verdict_badges(r, t);
    } else {
        facts += html_escape(t("；", "; ")) + not_screened_badge(t) + " " + html_escape(t(r.error_text));
    }
    s += "<p>" + facts + "</p>\n";
    if (r.screened) {
        s += map;
        s += "<h3>" + html_escape(t("（一）触发的准入规则", "(a) Rules that fired")) + "</h3>\n" + fired_rules_table(r, mode, t);
        s += "<h3>" + html_escape(t("（二）涉及的分区", "(b) Zones touched")) + "</h3>\n" + zones_table(r, mode, t);
        s += "<h3>" + html_escape(t("（三）占用土地现状", "(c) Land occupied")) + "</h3>\n" + land_table(r, mode, t);
        s += "<h3>" + html_escape(t("（四）与敏感对象的距离", "(d) Distances")) + "</h3>\n" + distances_table(r, t);
        s += "<h3>" + html_escape(t("（五）界址点坐标", "(e) Boundary points (界址点)")) + "</h3>\n" +
             boundary_points_table(r, c, rules, mode, geos, t, footprint_m);
    }
    s += "<h3>" + html_escape(r.screened ? t("（六）说明", "(f) Notes") : t("说明", "Notes")) + "</h3>\n" + notes_list(r, t);
    return s + "</section>\n";
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
    const std::string district = district_name(c);
    const std::string title = district + t(" 建设项目选址“三线一单”符合性筛查", " — site screening against the “three lines, one list”");
    std::string body = report_head(title, c, rules, p, mode, t);
    body += "<section>\n<h2>" + html_escape(t("一、筛查结论汇总", "1. Summary")) + "</h2>\n" + summary_table(results, rules, t, [](size_t) { return std::string(); }) +
            "</section>\n";
    const AdminOutlines admin(screener, c, geos);
    for (size_t i = 0; i < results.size(); ++i) {
        const std::string map = map_figure(results[i], screener, admin, c, rules, geos, t, footprint_m);
        body += site_section(i, results[i], map, c, rules, mode, geos, t, footprint_m);
    }
    body += "<section>\n<h2>" + html_escape(t("数据来源与校验", "Provenance")) + "</h2>\n" + provenance_html(p, t, t("筛查编号", "screening id"), "screening.html") +
            "</section>\n";
    return html_page(title, body, t.en ? "en" : "zh-CN");
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
        for (size_t i = next.fetch_add(1); i < results.size(); i = next.fetch_add(1)) {
            const std::string map = map_figure(results[i], screener, admin, c, rules, g, t, footprint_m);
            sections[i] = site_section(i, results[i], map, c, rules, mode, g, t, footprint_m);
            if (per_site) per_site(i, map, g, k);
        }
    });

    const std::string title = district_name(c) + t(" 建设项目选址“三线一单”符合性筛查",
                                                   " — site screening against the “three lines, one list”");
    std::string body = report_head(title, c, rules, p, mode, t);
    if (pages > 0) {
        std::string links;
        for (size_t k = 0; k < pages; ++k) {
            const size_t first = k * kSitesPerHtmlPage + 1, last = std::min(results.size(), (k + 1) * kSitesPerHtmlPage);
            links += fmt::format("<a href=\"{}\">{}</a> ", page_name(k),
                                 html_escape(fmt::format(t("第 {}–{} 个选址", "sites {}–{}"), first, last)));
        }
        body += note(fmt::format(t("共 {} 个选址；各选址的地图和依据分 {} 页列出，点击编号查看。",
                                   "{} sites; each site's map and evidence are on {} pages: click an id."),
                                 results.size(), pages)) +
                "<p class=\"pages\">" + links + "</p>\n";
    }
    body += "<section>\n<h2>" + html_escape(t("一、筛查结论汇总", "1. Summary")) + "</h2>\n" +
            summary_table(results, rules, t,
                          [&](size_t i) { return pages > 0 ? page_name(i / kSitesPerHtmlPage) : std::string(); }) +
            "</section>\n";
    if (pages == 0) {
        for (const auto& section : sections) body += section;
    }
    body += "<section>\n<h2>" + html_escape(t("数据来源与校验", "Provenance")) + "</h2>\n" +
            provenance_html(p, t, t("筛查编号", "screening id"), "screening.html") + "</section>\n";
    std::vector<HtmlDocument> docs;
    docs.push_back({"screening.html", html_page(title, body, lang_attr)});
    for (size_t k = 0; k < pages; ++k) {
        const size_t first = k * kSitesPerHtmlPage, last = std::min(results.size(), (k + 1) * kSitesPerHtmlPage);
        std::string page = "<p class=\"no-print\"><a href=\"screening.html\">" +
                           html_escape(t("← 返回筛查结论汇总", "← back to the summary")) + "</a></p>\n";
        page += "<h1>" + html_escape(title) + "</h1>\n" +
                paragraph(fmt::format(t("第 {}–{} 个选址（共 {} 个）；筛查编号 {}；文档编号 {}。",
                                        "Sites {}–{} of {}; screening id {}; document id {}."),
                                      first + 1, last, results.size(), p.run_id, document_id(p, page_name(k))));
        for (size_t i = first; i < last; ++i) page += sections[i];
        docs.push_back({page_name(k), html_page(title, page, lang_attr)});
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
