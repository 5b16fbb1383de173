#include "report/campaign/province_table.h"

#include <fmt/format.h>

namespace ecozone::report {

using analysis::campaign::CountyFigures;
using analysis::campaign::ProvinceFigures;
using analysis::campaign::ProvinceRatio;

std::string not_assessed_text(const ProvinceRatio& r, const Lang& t) {
    std::string names;
    for (const auto& n : r.lacking) names += (names.empty() ? "" : t("、", ", ")) + n;
    return fmt::format(t("未评估：{} 缺少该指标", "not assessed: {} lack it"), names);
}

Table province_table(const std::string& province_name, const std::vector<CountyFigures>& counties,
                     const ProvinceFigures& p, const Lang& t) {
    Table table;
    table.title_zh = "全省指标汇总";
    table.title_en = "Province indicators";
    table.english = t.en;
    table.columns = {text_column(t("单元", "unit")),
                     code_column(t("代码", "code")),
                     number_column(t("土地面积", "land area"), t("公顷", "ha"), 4),
                     number_column(t("森林面积", "forest area"), t("公顷", "ha"), 4),
                     number_column(t("森林覆盖率", "forest coverage"), "%", 4),
                     number_column(t("湿地面积", "wetland area"), t("公顷", "ha"), 4),
                     number_column(t("受保护湿地", "protected wetland"), t("公顷", "ha"), 4),
                     number_column(t("湿地保护率", "wetland protection rate"), "%", 4),
                     number_column(t("生态保护红线面积", "red-line area"), t("公顷", "ha"), 4),
                     number_column(t("生态保护红线占比", "red-line share"), "%", 4)};
    const std::string not_assessed = t("未评估", "not assessed");
    const std::string no_data = t("无数据", "no data");
    for (const auto& c : counties) {
        table.add_row({c.name, c.code, c.area_ha, c.forest_ha, c.forest_pct,
                       c.wetland_assessed ? Cell(c.wetland_ha) : Cell(not_assessed),
                       c.wetland_assessed ? Cell(c.wetland_protected_ha) : Cell(not_assessed),
                       !c.wetland_assessed ? Cell(not_assessed) : c.wetland_pct ? Cell(*c.wetland_pct) : Cell(no_data),
                       c.redline_assessed ? Cell(c.redline_ha) : Cell(not_assessed),
                       c.redline_assessed ? Cell(c.redline_pct) : Cell(not_assessed)});
    }
    auto ratio_cell = [&](const ProvinceRatio& r) -> Cell {
        if (!r.assessed) return not_assessed_text(r, t);
        if (!r.value_pct) return no_data;
        return *r.value_pct;
    };
    table.add_row({fmt::format(t("{}（合计，由各县面积之和重新计算）", "{} (total, recomputed from the counties' sums)"),
                               province_name),
                   std::string(), p.area_ha, p.forest.numerator_ha, ratio_cell(p.forest),
                   p.wetland.assessed ? Cell(p.wetland.denominator_ha) : Cell(not_assessed),
                   p.wetland.assessed ? Cell(p.wetland.numerator_ha) : Cell(not_assessed), ratio_cell(p.wetland),
                   p.redline.assessed ? Cell(p.redline.numerator_ha) : Cell(not_assessed), ratio_cell(p.redline)});
    return table;
}

}  // namespace ecozone::report
