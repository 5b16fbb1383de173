#include "report/indicators/landclass_table.h"

#include "layers/landuse_codes.h"

namespace ecozone::report {

Table landclass_table(const analysis::IndicatorResult& r, const Lang& t) {
    Table table{"地类面积", "land classes", t.en, {}, {}};
    const std::string ha_unit = t("公顷", "ha");
    table.columns = {text_column(t("单位", "unit")), code_column(t("地类编码", "code")),
                     text_column(t("地类名称", "class")), text_column(t("地类大类", "group")),
                     number_column(t("图斑面积", "area"), ha_unit, 4)};
    // The attribute area is named after the field it was read from (TBMJ …): the county's own word.
    if (r.has_attr_area) {
        Column attr = number_column(t("属性面积", "attribute area"), ha_unit, 4);
        attr.suffix = r.attr_area_field;
        table.columns.push_back(std::move(attr));
    }
    table.columns.insert(table.columns.end(), {number_column(t("红线内面积", "in red line"), ha_unit, 4),
                                               number_column(t("占单位面积", "share of unit"), "%", 4)});
    for (const auto& z : r.zones) {
        for (const auto& c : z.classes) {
            std::vector<Cell> row = {z.name, c.code, c.name, layers::group_label(c.group, t.en ? "en" : "zh"),
                                     c.area_m2 / 1e4};
            if (r.has_attr_area) row.emplace_back(c.attr_area_m2 / 1e4);
            row.emplace_back(c.redline_m2 / 1e4);
            row.emplace_back(z.area_m2 > 0 ? 100.0 * c.area_m2 / z.area_m2 : 0.0);
            table.add_row(std::move(row));
        }
    }
    return table;
}

}  // namespace ecozone::report
