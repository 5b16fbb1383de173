#include "report/indicators/indicators_table.h"

#include <algorithm>

namespace ecozone::report {

namespace {

Cell ha(double m2) {
    return m2 / 1e4;
}
Cell pct(const analysis::TargetCheck& c) {
    return c.defined ? Cell{c.value_pct} : Cell{};
}
std::string met(const analysis::TargetCheck& c, const Lang& t) {
    if (!c.defined) return t("无数据", "n/a");
    return c.met ? t("达标", "met") : t("未达标", "not met");
}

// A raster-route indicator's cell: the figure where comparable, 不可比 and the reason where not.
Cell raster_cell(const analysis::TargetCheck& c, const analysis::Comparability& cmp, const Lang& t) {
    if (!cmp.comparable) return t("不可比：", "not comparable: ") + t(cmp.reason);
    return pct(c);
}

}  // namespace

Table indicators_table(const analysis::IndicatorResult& r, const Lang& t) {
    Table table{"生态指标", "indicators", t.en, {}, {}};
    const std::string ha_unit = t("公顷", "ha"), pp = t("百分点", "pp");
    table.columns = {text_column(t("单位", "unit")),
                     code_column(t("代码", "code")),
                     text_column(t("级别", "level")),
                     number_column(t("面积", "area"), ha_unit, 4),
                     number_column(t("森林面积", "forest"), ha_unit, 4),
                     number_column(t("森林覆盖率", "forest coverage"), "%", 4),
                     number_column(t("森林覆盖率目标", "forest target"), "%", 2),
                     text_column(t("森林达标", "forest target met")),
                     number_column(t("距目标", "forest margin"), pp, 4),
                     number_column(t("需增森林", "forest to add"), ha_unit, 4),
                     number_column(t("湿地面积", "wetland"), ha_unit, 4),
                     number_column(t("受保护湿地", "protected wetland"), ha_unit, 4),
                     number_column(t("湿地保护率", "wetland protection rate"), "%", 4),
                     number_column(t("湿地保护率目标", "wetland target"), "%", 2),
                     text_column(t("湿地达标", "wetland target met")),
                     number_column(t("需增保护湿地", "wetland to protect"), ha_unit, 4),
                     number_column(t("生态保护红线面积", "red line"), ha_unit, 4),
                     number_column(t("红线占比", "red-line share"), "%", 4)};
    if (r.has_raster) {
        table.columns.insert(table.columns.end(),
                             {number_column(t("栅格法森林覆盖率", "raster forest coverage"), "%", 4),
                              number_column(t("森林覆盖率两法差异", "forest coverage route difference"), pp, 4),
                              number_column(t("栅格法湿地保护率", "raster wetland protection rate"), "%", 4),
                              number_column(t("湿地保护率两法差异", "wetland rate route difference"), pp, 4),
                              number_column(t("地类大类两法最大差异", "max land-group route difference"), pp, 4),
                              text_column(t("差异超限", "difference flagged"))});
    }
    table.columns.push_back(text_column(t("面积计算方式", "area mode")));

    const std::string mode =
        r.mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal") : t("平面面积", "planar");
    const std::string not_assessed_redline =
        t("未评估（缺少图层：生态保护红线）", "not assessed (missing layer: red line)");
    const std::string not_assessed_wetland =
        t("未评估（缺少湿地保护图层）", "not assessed (no wetland protection layer)");
    for (const auto& z : r.zones) {
        std::vector<Cell> row = {
            z.name,
            z.code,
            std::string(z.district ? t("区县", "district") : t("乡镇", "township")),
            ha(z.area_m2),
            ha(z.forest_m2),
            pct(z.forest),
            z.forest.target_pct,
            met(z.forest, t),
            z.forest.defined ? Cell{z.forest.margin_pp} : Cell{},
            z.forest.defined ? Cell{std::max(0.0, z.forest.margin_ha)} : Cell{},
            ha(z.wetland_m2),
            ha(z.wetland_protected_m2),
            r.wetland_assessed ? pct(z.wetland) : Cell{not_assessed_wetland},
            z.wetland.target_pct,
            r.wetland_assessed ? met(z.wetland, t) : not_assessed_wetland,
            r.wetland_assessed && z.wetland.defined ? Cell{std::max(0.0, z.wetland.margin_ha)} : Cell{},
            r.redline_assessed ? ha(z.redline_m2) : Cell{not_assessed_redline},
            r.redline_assessed ? Cell{z.redline_pct} : Cell{not_assessed_redline}};
        if (r.has_raster) {
            const auto& x = *z.raster;
            auto diff = [](const analysis::Comparability& c, double pp_value) {
                return c.comparable ? Cell{pp_value} : Cell{};
            };
            row.insert(row.end(),
                       {raster_cell(x.forest, x.forest_comparable, t), diff(x.forest_comparable, x.forest_diff_pp),
                        raster_cell(x.wetland, x.wetland_comparable, t), diff(x.wetland_comparable, x.wetland_diff_pp),
                        x.max_diff_pp, std::string(x.flagged ? t("是", "yes") : t("否", "no"))});
        }
        row.emplace_back(mode);
        table.add_row(std::move(row));
    }
    return table;
}

}  // namespace ecozone::report
