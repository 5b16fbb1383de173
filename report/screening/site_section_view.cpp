#include "report/screening/site_section_view.h"

#include "report/common/html_util.h"
#include "report/screening/rule_labels.h"
#include "report/screening/screening_html.h"
#include "report/screening/site_pdf.h"
#include "report/screening/zone_labels.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::report {

namespace {

using analysis::FiredRule;
using analysis::SiteResult;
using layers::VectorRole;
using layers::Verdict;

std::string lang_of(const Lang& t) {
    return t.en ? "en" : "zh";
}

// Site-level areas are small (a buffered point is ~0.03 ha): four decimals.
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

// Category, place, footprint and control units, up to the verdict's badges; for a site not
// screened, up to the not-screened badge.
std::string site_facts(const SiteResult& r, const layers::RuleList& rules, geo::AreaMode mode, const Lang& t) {
    std::string facts = t("项目类别：", "category: ") + category_label(rules, r.spec.category, t);
    if (!r.spec.type_label.empty()) facts += t("（", " (") + r.spec.type_label + t("）", ")");
    if (!r.screened) return facts + t("；", "; ");
    if (!r.township.empty())
        facts += t("；位于", "; in ") + r.township + (r.village.empty() ? "" : t("", ", ") + r.village);
    facts +=
        fmt::format(t("；占地 {} 公顷（{}）", "; footprint {} ha ({})"), ha(r.area.in(mode)), area_mode_label(mode, t));
    if (!r.control_units.empty()) {
        std::vector<std::string> units;
        for (const auto& u : r.control_units)
            units.push_back(u.label + t("（", " (") + control_unit_type(u.type, t) + t("）", ")"));
        facts += t("；所在环境管控单元：", "; control units: ") + join(units, "; ");
    }
    return facts + t("；筛查结论：", "; verdict: ");
}

// (一) The fired rules, then the rules the site's category is subject to whose layer the project
// lacks: neither fired nor ruled out, so the verdict may be too mild.
void fill_rules(SiteSectionView& v, const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    v.rules_heading = t("（一）触发的准入规则", "(a) Rules that fired");
    if (r.rules.empty() && r.not_assessed.empty()) {
        v.no_rules = t("准入清单中没有适用于该项目类别和该选址的规则，按一般环评程序办理。",
                       "No rule of the list applies to this category at this site: the ordinary EIA applies.");
        return;
    }
    v.rules_header = {t("规则", "rule"),
                      t("分区", "zone"),
                      t("说明与准入要求", "message and requirement"),
                      t("依据", "citation"),
                      t("面积（公顷）/占比", "part (ha) / share"),
                      t("距离（米）", "distance (m)"),
                      t("作用", "role")};
    const double site = r.area.in(mode);
    for (const FiredRule& f : r.rules) {
        const layers::Rule& rule = *f.rule;
        RuleRowView row;
        row.id = rule.id;
        row.badge = verdict_badge(rule.verdict, t);
        row.zone = rule_zone_text(rule, t);
        row.message = message_of(rule, t);
        if (rule.verdict == Verdict::Restricted && !requirement_of(rule, t).empty()) {
            row.requirement_label = t("准入要求：", "Requirement: ");
            row.requirement = requirement_of(rule, t);
        }
        row.citation = citation_text(rule, t);
        row.area = "—";
        row.distance = "—";
        if (rule.condition == layers::Condition::WithinDistance) {
            if (f.distance_m >= 0) row.distance = format_number(f.distance_m, 0);
        } else {
            row.area = ha(f.part.in(mode));
            row.share = pct(share_of(f.part.in(mode), site));
        }
        row.role = rule_role_text(f, r, t);
        v.rules.push_back(std::move(row));
    }
    const std::string lang = lang_of(t);
    for (const auto& u : r.not_assessed) {
        const layers::Rule& rule = *u.rule;
        RuleRowView row;
        row.id = rule.id;
        row.badge = verdict_badge(rule.verdict, t);
        row.zone = rule_zone_text(rule, t);
        row.message = message_of(rule, t);
        row.citation = citation_text(rule, t);
        row.area = "—";
        row.distance = "—";
        row.role = fmt::format(t("未评估（缺少图层：{}）", "not assessed (missing layer: {})"),
                               layers::role_label_of_key(u.missing_role, lang));
        v.rules.push_back(std::move(row));
    }
    if (!r.complete()) {
        v.incomplete_note =
            t("结论不完整：上表中“未评估”的规则因项目缺少相应图层而无法判断，补充图层后应重新筛查；在此之前，"
              "结论只代表已评估规则的结果，实际可能更严格。",
              "Incomplete verdict: the rules marked “not assessed” could not be judged because the project lacks "
              "their layers; screen again once they are added. Until then the verdict only reflects the rules "
              "that could be assessed and may in fact be stricter.");
    }
}

// (二) The zones the site touches.
void fill_zones(SiteSectionView& v, const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    v.zones_heading = t("（二）涉及的分区", "(b) Zones touched");
    if (r.zones.empty()) {
        v.no_zones = t("选址不涉及项目文件中的任何分区图层。", "The site touches none of the project's zone layers.");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& z : r.zones) {
        rows.push_back({zone_overlap_label(z, t), z.feature_names.empty() ? "—" : z.feature_names,
                        ha(z.area.ellipsoidal_m2), ha(z.area.planar_m2),
                        pct(share_of(z.area.in(mode), r.area.in(mode)))});
    }
    v.zones = text_table({t("分区", "zone"), t("涉及图斑", "features"), t("椭球面积（公顷）", "ellipsoidal (ha)"),
                          t("平面面积（公顷）", "planar (ha)"), t("占选址比例", "share of site")},
                         rows, "zones");
}

// (三) The land the site occupies, and the approvals forest, grassland or cropland need.
void fill_land(SiteSectionView& v, const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    v.land_heading = t("（三）占用土地现状", "(c) Land occupied");
    if (r.land.empty()) {
        v.no_land = t("项目未提供土地利用现状图层，或选址不与任何图斑相交。",
                      "No land-use layer in the project, or the site touches no land-use polygon.");
        return;
    }
    const std::string lang = lang_of(t);
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : r.land) {
        rows.push_back({l.code, l.name.empty() ? t("（未知地类）", "(unknown class)") : l.name,
                        layers::group_label(l.group, lang), ha(l.area.in(mode)),
                        pct(share_of(l.area.in(mode), r.area.in(mode)))});
    }
    v.land = text_table({t("地类编码", "code"), t("地类名称", "class"), t("大类", "group"),
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
        v.land_approval = fmt::format(t("选址占用{}共 {} 公顷。占用林地、草地、耕地需另行办理审批手续。",
                                        "The site occupies {} ({} ha in all). Occupying forest land, grassland or "
                                        "cropland needs its own approval (占用林地、草地、耕地需另行办理审批手续)."),
                                      join(groups, t("、", ", ")), ha(needs_approval));
    }
}

// (四) The distances to the nearest sensitive feature of each kind.
TableView distances_table(const SiteResult& r, const Lang& t) {
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
    return text_table(
        {t("对象", "nearest"), t("距离（米）", "distance (m)"), t("最近要素", "name"), t("说明", "remark")}, rows,
        "distances");
}

// (五) The footprint's boundary points in the working (Gauss–Krüger) CRS, X = northing first as
// in land-survey 界址点 tables, three point groups a row; long boundaries are cut with a note (the
// full list is the footprint in screening.gpkg).
void fill_points(SiteSectionView& v, const SiteResult& r, const layers::Catalogue& c, const layers::RuleList& rules,
                 geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    constexpr size_t kGroups = 3, kMaxPoints = 60;
    v.points_heading = t("（五）界址点坐标", "(e) Boundary points (界址点)");
    geo::GeomPtr footprint = site_footprint(geos, r, footprint_m);
    if (!footprint || geos.is_empty(footprint.get())) {
        v.no_points = t("无界址点。", "No boundary points.");
        return;
    }
    const SitePdfView pdf = site_pdf_view(r, rules, mode, t, footprint.get(), geos);
    const size_t shown = std::min(pdf.points.size(), kMaxPoints);
    const size_t rows_n = (shown + kGroups - 1) / kGroups;
    std::vector<std::vector<std::string>> rows(rows_n);
    for (size_t i = 0; i < rows_n * kGroups; ++i) {
        // Column-major, so that the numbers run down each group as on a survey sheet.
        const size_t row = i % rows_n;
        if (i < shown) {
            const auto& pt = pdf.points[i];
            rows[row].insert(rows[row].end(), {pt.number, pt.x, pt.y});
        } else {
            rows[row].insert(rows[row].end(), {"", "", ""});
        }
    }
    std::vector<std::string> header;
    for (size_t g = 0; g < kGroups; ++g) {
        header.insert(header.end(),
                      {t("点号", "point"), t("X（北，米）", "X (north, m)"), t("Y（东，米）", "Y (east, m)")});
    }
    // Left-aligned as the survey sheets print them (not the numeric columns of text_table).
    v.points = TableView{"points wide", header, rows, {}};
    v.points_caption = fmt::format(t("坐标系 EPSG:{}（高斯-克吕格投影），各环首点重复以闭合。",
                                     "EPSG:{} (Gauss–Krüger), each ring closed by repeating its first point."),
                                   c.working.epsg);
    if (pdf.points.size() > shown) {
        v.points_caption += fmt::format(
            t("共 {} 点，此处列出前 {} 点；完整边界见 screening.gpkg 的 sites 图层。",
              " {} points in all, the first {} listed; the full boundary is the sites layer of screening.gpkg."),
            pdf.points.size(), shown);
    }
}

// (六) What was noted while reading and screening the site.
void fill_notes(SiteSectionView& v, const SiteResult& r, const Lang& t) {
    v.notes_heading = r.screened ? t("（六）说明", "(f) Notes") : t("说明", "Notes");
    if (!r.screened) v.notes.push_back(t("未能筛查：", "not screened: ") + t(r.error_text));
    if (!r.spec.source.empty()) v.notes.push_back(t("来源：", "source: ") + r.spec.source);
    for (const auto& n : r.notes) v.notes.push_back(t(n));
    if (v.notes.empty()) v.no_notes = t("无。", "None.");
}

}  // namespace

SiteSectionView site_section_view(size_t index, const SiteResult& r, const std::string& map_html,
                                  const layers::Catalogue& c, const layers::RuleList& rules, geo::AreaMode mode,
                                  const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    SiteSectionView v;
    v.number = std::to_string(index + 1);
    v.heading = fmt::format(t("选址 {}：{} {}", "Site {}: {} {}"), index + 1, r.spec.id, r.spec.name);
    v.facts = site_facts(r, rules, mode, t);
    v.badges = site_badges(r, t);
    v.screened = r.screened;
    if (r.screened) {
        v.map_html = map_html;
        fill_rules(v, r, mode, t);
        fill_zones(v, r, mode, t);
        fill_land(v, r, mode, t);
        v.distances_heading = t("（四）与敏感对象的距离", "(d) Distances");
        v.distances = distances_table(r, t);
        fill_points(v, r, c, rules, mode, geos, t, footprint_m);
    } else {
        v.error = t(r.error_text);
    }
    fill_notes(v, r, t);
    return v;
}

}  // namespace ecozone::report
