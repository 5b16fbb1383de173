#include "report/screening/screening_view.h"

#include "report/screening/rule_labels.h"

#include <fmt/format.h>

namespace ecozone::report {

namespace {

using analysis::SiteResult;

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}

}  // namespace

BadgeView verdict_badge(layers::Verdict v, const Lang& t) {
    return {layers::verdict_key(v), layers::verdict_label(v, t.en ? "en" : "zh")};
}

BadgeView incomplete_badge(const Lang& t) {
    return {"incomplete", t("结论不完整", "incomplete")};
}

BadgeView not_screened_badge(const Lang& t) {
    return {"not-screened", t("未能筛查", "not screened")};
}

std::vector<BadgeView> site_badges(const SiteResult& r, const Lang& t) {
    if (!r.screened) return {not_screened_badge(t)};
    if (!r.complete()) return {verdict_badge(r.verdict, t), incomplete_badge(t)};
    return {verdict_badge(r.verdict, t)};
}

std::string area_mode_label(geo::AreaMode mode, const Lang& t) {
    return mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal area") : t("平面面积", "planar area");
}

ReportHeadView report_head_view(const std::string& title, const layers::Catalogue& c, const layers::RuleList& rules,
                                const Provenance& p, geo::AreaMode mode, const Lang& t) {
    ReportHeadView v;
    v.title = title;
    const std::string date = p.started_utc.size() >= 10 ? p.started_utc.substr(0, 10) : p.started_utc;
    const std::string list = rules.version.empty()
                                 ? rules.name
                                 : fmt::format(t("{}（版本 {}）", "{} (version {})"), rules.name, rules.version);
    v.facts = fmt::format(
        t("项目文件：{}；准入清单：{}；面积：{}；工具版本：ecozone {}；筛查编号：{}；日期：{}。",
          "project file: {}; access list: {}; areas: {}; tool version: ecozone {}; screening id: {}; date: {}."),
        p.project_file.empty() ? c.project.file : p.project_file, list, area_mode_label(mode, t), p.tool_version,
        p.run_id, date);
    v.reading_note = t(
        "结论取全部适用规则中最严格者（禁止 > 限制 > "
        "允许）；项目完全位于自然保护区、饮用水水源保护区等专门法管理的区域内时，"
        "以专门法的规定为准（自然资发〔2022〕142号）。清单未点名的类别按一般环评程序办理。本表为选址初步筛查，不代替主"
        "管部门的审批意见。",
        "The strictest verdict of the rules that apply decides (prohibited > restricted > allowed); for a site wholly "
        "inside "
        "a zone governed by a special law (reserve, water source) that law prevails (自然资发〔2022〕142号). A "
        "category the "
        "list does not name is allowed subject to the ordinary EIA. This is a preliminary screening, not an approval.");
    return v;
}

SummaryView summary_view(const std::vector<SiteResult>& results, const layers::RuleList& rules, const Lang& t,
                         const std::function<std::string(size_t)>& page_of) {
    SummaryView v;
    v.heading = t("一、筛查结论汇总", "1. Summary");
    v.header = {t("编号", "id"), t("项目名称", "name"), t("项目类别", "category"), t("筛查结论", "verdict"),
                t("决定性规则", "deciding rules")};
    for (size_t i = 0; i < results.size(); ++i) {
        const SiteResult& r = results[i];
        SummaryRowView row;
        row.page = page_of(i);
        row.number = std::to_string(i + 1);
        row.id = r.spec.id;
        row.name = r.spec.name;
        row.category = category_label(rules, r.spec.category, t);
        row.screened = r.screened;
        row.badges = site_badges(r, t);
        if (r.screened) {
            // The rules that set the verdict; under a prohibition the restrictions beside it
            // still matter (they apply if the project moves), so they follow, as do the rules
            // that could not be assessed.
            const auto ids = analysis::verdict_rule_ids(r);
            row.deciding = ids.empty() ? t("无（按一般环评程序办理）", "none (ordinary EIA)") : join(ids, ", ");
            const auto also = analysis::rule_ids_in_role(r, analysis::RuleRole::AlsoRestricts);
            if (!also.empty()) row.deciding_notes.push_back(t("另有限制：", "also restricted by: ") + join(also, ", "));
            if (!r.complete()) {
                std::vector<std::string> missing;
                for (const auto& u : r.not_assessed) missing.push_back(u.rule->id);
                row.deciding_notes.push_back(t("未评估：", "not assessed: ") + join(missing, ", "));
            }
        } else {
            row.error = t(r.error_text);
            row.deciding = "—";
        }
        v.rows.push_back(std::move(row));
    }
    return v;
}

}  // namespace ecozone::report
