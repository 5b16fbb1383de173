#include "cli/site_summary.h"

#include "report/screening/screening_html.h"
#include "layers/rules.h"

#include <fmt/format.h>

namespace ecozone::cli {

namespace {

std::string citation_text(const layers::Citation& c) {
    return c.article.empty() ? c.document : c.document + c.article;
}

const char* role_label(analysis::RuleRole role, const Lang& t) {
    switch (role) {
        case analysis::RuleRole::Decides:
            return t.en ? "decides" : "决定结论";
        case analysis::RuleRole::AlsoRestricts:
            return t.en ? "also restricts" : "另有限制";
        case analysis::RuleRole::Advises:
            return t.en ? "conditions / advice" : "条件/提示";
        case analysis::RuleRole::SetAside:
            return t.en ? "set aside by a special law" : "专门法优先";
    }
    return "";
}

}  // namespace

void print_site_details(std::ostream& out, const analysis::SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (!r.screened) return;
    out << fmt::format(t("\n■ {}（面积 {:.4f} 公顷）\n", "\n■ {} (area {:.4f} hm²)\n"),
                       r.spec.name.empty() ? r.spec.id : r.spec.name, r.area.in(mode) / 1e4);
    if (r.zones.empty()) {
        out << "  " << t("不涉及任何管控区", "touches no control zone") << "\n";
    } else {
        out << "  " << t("涉及管控区：", "zones touched:") << "\n";
        for (const auto& z : r.zones) {
            out << fmt::format(t("    {}：{:.4f} 公顷，占 {:.1f}%{}\n", "    {}: {:.4f} hm², {:.1f} % of the site{}\n"),
                               zone_overlap_label(z, t), z.area.in(mode) / 1e4, 100 * z.share,
                               z.feature_names.empty() ? "" : fmt::format(t("（{}）", " ({})"), z.feature_names));
        }
    }
    for (const auto& fired : r.rules) {
        if (!fired.rule) continue;
        const layers::Rule& rule = *fired.rule;
        const std::string& message = t.en && !rule.message_en.empty() ? rule.message_en : rule.message;
        out << fmt::format("  [{}] {} — {}\n", role_label(fired.role, t), rule.id, message);
        const std::string& requirement = t.en && !rule.requirement_en.empty() ? rule.requirement_en : rule.requirement;
        if (!requirement.empty()) out << fmt::format(t("      要求：{}\n", "      requirement: {}\n"), requirement);
        if (!rule.citation.document.empty()) {
            out << fmt::format(t("      依据：{}\n", "      basis: {}\n"), citation_text(rule.citation));
        }
    }
    for (const auto& u : r.not_assessed) {
        if (!u.rule) continue;
        out << fmt::format(t("  [未评估] {} — 缺少图层 {}\n", "  [not assessed] {} — layer {} missing\n"), u.rule->id,
                           u.missing_role);
    }
    for (const auto& n : r.notes) out << "  " << t("注：", "note: ") << t(n) << "\n";
}

}  // namespace ecozone::cli
