#include "report/screening/screening_table.h"

#include "layers/project.h"
#include "report/screening/site_cells.h"
#include "report/screening/zone_labels.h"

#include <fmt/format.h>

namespace ecozone::report {

Table screening_table(const std::vector<analysis::SiteResult>& results, const layers::RuleList& rules,
                      geo::AreaMode mode, const Lang& t) {
    Table table{"选址筛查", "site screening", t.en, {}, {}};
    const std::string m = t("米", "m");
    table.columns = {code_column(t("编号", "id")),
                     text_column(t("项目名称", "name")),
                     text_column(t("项目类别", "category")),
                     text_column(t("所在乡镇", "township")),
                     text_column(t("所在村", "village")),
                     text_column(t("结论", "verdict")),
                     text_column(t("结论完整性", "complete")),
                     code_column(t("决定性规则", "deciding rules")),
                     text_column(t("未评估规则", "rules not assessed")),
                     number_column(t("面积", "area"), t("公顷", "ha"), 4),
                     text_column(t("涉及管控区", "zones touched")),
                     number_column(t("距河流中心线", "river centre line"), m, 1),
                     number_column(t("距河流缓冲带", "river buffer belt"), m, 1),
                     number_column(t("距水源保护区", "water source"), m, 1),
                     number_column(t("距自然保护区", "reserve"), m, 1),
                     number_column(t("距生态保护红线", "red line"), m, 1),
                     number_column(t("距最近学校", "nearest school"), m, 1),
                     number_column(t("距最近居民点", "nearest home"), m, 1),
                     number_column(t("距最近医院", "nearest hospital"), m, 1),
                     number_column(t("距最近养老院", "nearest elderly care"), m, 1),
                     text_column(t("说明", "notes")),
                     text_column(t("面积计算方式", "area mode"))};
    const std::string lang = t.en ? "en" : "zh";
    for (const auto& s : results) {
        const layers::Category* cat = rules.category(s.spec.category);
        const std::string cat_name = cat ? (t.en ? cat->name_en : cat->name) : s.spec.category;
        // An empty cell: the layer is missing (not assessed) or holds no such feature.
        auto dist = [&](const char* what) {
            const analysis::Distance* d = find_distance(s, what);
            return d && d->metres >= 0 ? Cell{d->metres} : Cell{};
        };
        std::string zones;
        for (const auto& z : s.zones) {
            zones += fmt::format("{}{} {:.1f}%", zones.empty() ? "" : "; ", zone_overlap_label(z, t), 100 * z.share);
        }
        std::string unassessed;
        for (const auto& u : s.not_assessed) {
            unassessed += fmt::format("{}{} ({}: {})", unassessed.empty() ? "" : "; ", u.rule->id,
                                      t("缺少图层", "missing layer"), layers::role_label_of_key(u.missing_role, lang));
        }
        std::string notes = joined_notes(s, t);
        if (!s.screened) notes = t(s.error_text) + (notes.empty() ? "" : "; " + notes);
        table.add_row(
            {s.spec.id,
             s.spec.name,
             cat_name,
             s.township,
             s.village,
             s.screened ? layers::verdict_label(s.verdict, lang) : t("未能筛查", "not screened"),
             std::string(!s.screened    ? ""
                         : s.complete() ? t("完整", "complete")
                                        : t("结论不完整", "incomplete")),
             s.screened ? deciding_ids(s) : "",
             unassessed,
             s.screened ? Cell{s.area.in(mode) / 1e4} : Cell{},
             zones,
             dist("river"),
             dist("river_belt"),
             dist("water_source"),
             dist("reserve"),
             dist("redline"),
             dist("receptor:school"),
             dist("receptor:home"),
             dist("receptor:hospital"),
             dist("receptor:elderly_care"),
             notes,
             std::string(mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal") : t("平面面积", "planar"))});
    }
    return table;
}

}  // namespace ecozone::report
