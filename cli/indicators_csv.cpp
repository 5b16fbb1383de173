#include "cli/indicators_csv.h"

#include "layers/csv_writer.h"

namespace ecozone::cli {

namespace {

std::string ha(double m2) {
    return layers::csv_number(m2 / 1e4, 4);
}
std::string pct(const analysis::TargetCheck& c) {
    return c.defined ? layers::csv_number(c.value_pct, 4) : "";
}
std::string met(const analysis::TargetCheck& c, const Lang& t) {
    if (!c.defined) return t("无数据", "n/a");
    return c.met ? t("达标", "met") : t("未达标", "not met");
}

// A raster-route indicator's cell: the figure where comparable, 不可比 and the reason where not.
std::string raster_cell(const analysis::TargetCheck& c, const analysis::Comparability& cmp, const Lang& t) {
    if (!cmp.comparable) return t("不可比：", "not comparable: ") + t(cmp.reason);
    return pct(c);
}

}  // namespace

std::string indicators_csv(const analysis::IndicatorResult& r, const Lang& t) {
    layers::CsvWriter csv;
    std::vector<std::string> header = {t("单位", "unit"),
                                       t("代码", "code"),
                                       t("级别", "level"),
                                       t("面积(公顷)", "area (ha)"),
                                       t("森林面积(公顷)", "forest (ha)"),
                                       t("森林覆盖率(%)", "forest coverage (%)"),
                                       t("森林覆盖率目标(%)", "forest target (%)"),
                                       t("森林达标", "forest target met"),
                                       t("距目标(百分点)", "forest margin (pp)"),
                                       t("需增森林(公顷)", "forest to add (ha)"),
                                       t("湿地面积(公顷)", "wetland (ha)"),
                                       t("受保护湿地(公顷)", "protected wetland (ha)"),
                                       t("湿地保护率(%)", "wetland protection rate (%)"),
                                       t("湿地保护率目标(%)", "wetland target (%)"),
                                       t("湿地达标", "wetland target met"),
                                       t("需增保护湿地(公顷)", "wetland to protect (ha)"),
                                       t("生态保护红线面积(公顷)", "red line (ha)"),
                                       t("红线占比(%)", "red-line share (%)")};
    if (r.has_raster) {
        header.insert(header.end(), {t("栅格法森林覆盖率(%)", "raster forest coverage (%)"),
                                     t("森林覆盖率两法差异(百分点)", "forest coverage route difference (pp)"),
                                     t("栅格法湿地保护率(%)", "raster wetland protection rate (%)"),
                                     t("湿地保护率两法差异(百分点)", "wetland rate route difference (pp)"),
                                     t("地类大类两法最大差异(百分点)", "max land-group route difference (pp)"),
                                     t("差异超限", "difference flagged")});
    }
    header.push_back(t("面积计算方式", "area mode"));
    csv.header(header);
    const std::string mode =
        r.mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal") : t("平面面积", "planar");
    const std::string not_assessed_redline =
        t("未评估（缺少图层：生态保护红线）", "not assessed (missing layer: red line)");
    const std::string not_assessed_wetland =
        t("未评估（缺少湿地保护图层）", "not assessed (no wetland protection layer)");
    for (const auto& z : r.zones) {
        std::vector<std::string> row = {
            z.name,
            z.code,
            z.district ? t("区县", "district") : t("乡镇", "township"),
            ha(z.area_m2),
            ha(z.forest_m2),
            pct(z.forest),
            layers::csv_number(z.forest.target_pct, 2),
            met(z.forest, t),
            z.forest.defined ? layers::csv_number(z.forest.margin_pp, 4) : "",
            z.forest.defined ? layers::csv_number(std::max(0.0, z.forest.margin_ha), 4) : "",
            ha(z.wetland_m2),
            ha(z.wetland_protected_m2),
            r.wetland_assessed ? pct(z.wetland) : not_assessed_wetland,
            layers::csv_number(z.wetland.target_pct, 2),
            r.wetland_assessed ? met(z.wetland, t) : not_assessed_wetland,
            r.wetland_assessed && z.wetland.defined ? layers::csv_number(std::max(0.0, z.wetland.margin_ha), 4) : "",
            r.redline_assessed ? ha(z.redline_m2) : not_assessed_redline,
            r.redline_assessed ? layers::csv_number(z.redline_pct, 4) : not_assessed_redline};
        if (r.has_raster) {
            const auto& x = *z.raster;
            auto diff = [&](const analysis::Comparability& c, double pp) {
                return c.comparable ? layers::csv_number(pp, 4) : std::string();
            };
            row.insert(row.end(),
                       {raster_cell(x.forest, x.forest_comparable, t), diff(x.forest_comparable, x.forest_diff_pp),
                        raster_cell(x.wetland, x.wetland_comparable, t), diff(x.wetland_comparable, x.wetland_diff_pp),
                        layers::csv_number(x.max_diff_pp, 4), x.flagged ? t("是", "yes") : t("否", "no")});
        }
        row.push_back(mode);
        csv.row(row);
    }
    return csv.str();
}

std::string landclass_csv(const analysis::IndicatorResult& r, const Lang& t) {
    layers::CsvWriter csv;
    std::vector<std::string> header = {t("单位", "unit"), t("地类编码", "code"), t("地类名称", "class"),
                                       t("地类大类", "group"), t("图斑面积(公顷)", "area (ha)")};
    if (r.has_attr_area)
        header.push_back(t("属性面积(公顷)", "attribute area (ha)") + std::string(" ") + r.attr_area_field);
    header.insert(header.end(), {t("红线内面积(公顷)", "in red line (ha)"), t("占单位面积(%)", "share of unit (%)")});
    csv.header(header);
    for (const auto& z : r.zones) {
        for (const auto& c : z.classes) {
            std::vector<std::string> row = {z.name, c.code, c.name, layers::group_label(c.group, t.en ? "en" : "zh"),
                                            ha(c.area_m2)};
            if (r.has_attr_area) row.push_back(ha(c.attr_area_m2));
            row.push_back(ha(c.redline_m2));
            row.push_back(layers::csv_number(z.area_m2 > 0 ? 100.0 * c.area_m2 / z.area_m2 : 0.0, 4));
            csv.row(row);
        }
    }
    return csv.str();
}

}  // namespace ecozone::cli
