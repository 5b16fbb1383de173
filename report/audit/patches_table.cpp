#include "report/audit/patches_table.h"

#include "layers/csv_writer.h"
#include "report/audit/register_labels.h"

#include <fmt/format.h>

namespace ecozone::report {

Table patches_table(const std::vector<analysis::PatchRecord>& records, const AuditContext& a, const Lang& t) {
    Table table{"图斑清单", "patch register", t.en, {}, {}};
    const std::string hm2 = t("公顷", "hm²");
    table.columns = {code_column(t("图斑编号", "patch id")),
                     text_column(t("保护地名称", "protected area")),
                     integer_column(t("监测年度", "year")),
                     integer_column(t("批次", "batch")),
                     text_column(t("前时相影像日期", "image date before")),
                     text_column(t("后时相影像日期", "image date after")),
                     text_column(t("活动类型", "activity type")),
                     text_column(t("变化类型", "change type")),
                     text_column(t("功能分区", "zone")),
                     text_column(t("新功能分区", "zone (two-zone scheme)")),
                     text_column(t("各功能区面积", "area per zone"), hm2),
                     number_column(t("面积", "area"), hm2, 4),
                     number_column(t("中心经度", "centre lon"), "", 6),
                     number_column(t("中心纬度", "centre lat"), "", 6),
                     number_column(t("高斯X", "GK X"), "", 2),
                     number_column(t("高斯Y", "GK Y"), "", 2),
                     text_column(t("所在乡镇", "township")),
                     text_column(t("所在村", "village")),
                     text_column(t("是否在生态保护红线内", "in red line")),
                     number_column(t("红线内面积", "red-line area"), hm2, 4),
                     number_column(t("道路长度", "road length"), t("米", "m"), 1),
                     text_column(t("核查意见", "verification opinion")),
                     text_column(t("核查日期", "verification date")),
                     text_column(t("核查状态", "verification status")),
                     number_column(t("置信度", "confidence"), "", 2),
                     text_column(t("置信等级", "confidence grade")),
                     text_column(t("前时相地类", "class before")),
                     text_column(t("后时相地类", "class after"))};
    for (const auto& r : records) {
        std::string zones;
        for (const auto& [z, v] : r.zone_hm2)
            zones += fmt::format("{}{} {}", zones.empty() ? "" : "; ", zone_name(z, t), layers::csv_number(v, 4));
        table.add_row({r.id, a.reserve_name, std::int64_t{a.year}, std::int64_t{a.batch}, a.date_before, a.date_after,
                       activity_name(r.activity, t), change_name(a.has_previous ? r.change : "new", t),
                       zone_name(r.zone, t), zone_name(r.zone_two, t), zones, r.area_hm2, r.lon, r.lat, r.gk_x, r.gk_y,
                       r.township, r.village, std::string(r.in_redline ? t("是", "yes") : t("否", "no")), r.redline_hm2,
                       // only roads (09) have a length
                       r.road_length_m > 0 ? Cell{r.road_length_m} : Cell{}, Cell{}, Cell{}, Cell{},
                       r.confidence ? Cell{*r.confidence} : Cell{},
                       r.confidence ? Cell{grade_name(*r.confidence, t)} : Cell{},
                       // an external patch layer has no classes
                       a.pixel_size_m > 0 ? Cell{a.class_name(r.before_class)} : Cell{},
                       a.pixel_size_m > 0 ? Cell{a.class_name(r.after_class)} : Cell{}});
    }
    return table;
}

}  // namespace ecozone::report
