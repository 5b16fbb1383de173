#include "report/audit/audit_view.h"

#include "report/audit/audit_report.h"
#include "report/audit/register_labels.h"
#include "report/audit/thumbnail.h"
#include "report/common/html_util.h"
#include "report/common/provenance_html.h"

#include <fmt/format.h>

#include <map>

namespace ecozone::report {

namespace {

// The register's totals first, as an auditor reads them: all patches, then by functional zone,
// inside the red line and by activity type — count and hm².
TableView totals_table(const std::vector<analysis::PatchRecord>& records, const Lang& t) {
    struct Sum {
        int n = 0;
        double hm2 = 0;
        void add(double a) {
            ++n;
            hm2 += a;
        }
    };
    Sum all, redline;
    std::map<int, std::pair<std::string, Sum>> zones;  // most protective first
    std::map<std::string, Sum> activities;
    for (const auto& r : records) {
        all.add(r.area_hm2);
        if (r.in_redline) redline.add(r.area_hm2);
        static const char* order[] = {"core", "buffer", "experimental", "core_protection", "general_control"};
        int k = 5;
        for (int i = 0; i < 5; ++i) {
            if (r.zone == order[i]) k = i;
        }
        auto& z = zones[k];
        z.first = zone_name(r.zone, t);
        z.second.add(r.area_hm2);
        activities[r.activity].add(r.area_hm2);
    }
    auto row = [](const std::string& label, const Sum& s) {
        return std::vector<std::string>{label, std::to_string(s.n), format_number(s.hm2, 4)};
    };
    std::vector<std::vector<std::string>> rows{row(t("入册图斑合计", "all registered patches"), all)};
    for (const auto& [k, z] : zones) rows.push_back(row(t("其中 ", "in ") + z.first, z.second));
    rows.push_back(row(t("涉及生态保护红线", "touching the red line"), redline));
    for (const auto& [code, sum] : activities) rows.push_back(row(activity_name(code, t), sum));
    return text_table({t("类别", "item"), t("图斑数", "patches"), t("面积（公顷）", "area (hm²)")}, rows, "totals");
}

// Count and area by zone × activity (most protective zone first), and by township and village;
// the roads among the patches and their length.
void fill_summaries(AuditPageView& v, const std::vector<analysis::PatchRecord>& records, const Lang& t) {
    auto zone_order = [](const std::string& zone) {
        static const char* order[] = {"core", "buffer", "experimental", "core_protection", "general_control"};
        for (int i = 0; i < 5; ++i) {
            if (zone == order[i]) return i;
        }
        return 5;  // outside
    };
    std::map<std::pair<int, std::string>, std::pair<int, double>> by_zone;  // (zone order, activity code)
    std::map<std::pair<std::string, std::string>, std::pair<int, double>> by_place;
    std::map<int, std::string> zone_label;
    double road = 0;
    int roads = 0;
    for (const auto& r : records) {
        auto& z = by_zone[{zone_order(r.zone), r.activity}];
        zone_label[zone_order(r.zone)] = zone_name(r.zone, t);
        ++z.first;
        z.second += r.area_hm2;
        auto& place = by_place[{r.township, r.village}];
        ++place.first;
        place.second += r.area_hm2;
        road += r.road_length_m;
        roads += r.activity == "09";
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& [k, n] : by_zone) {
        rows.push_back(
            {zone_label[k.first], activity_name(k.second, t), std::to_string(n.first), format_number(n.second, 4)});
    }
    v.by_zone_heading = t("一、按功能分区和活动类型统计", "1. By zone and activity type");
    v.by_zone = text_table(
        {t("功能分区", "zone"), t("活动类型", "activity"), t("图斑数", "patches"), t("面积（公顷）", "area (hm²)")},
        rows);
    rows.clear();
    for (const auto& [k, n] : by_place)
        rows.push_back({k.first, k.second, std::to_string(n.first), format_number(n.second, 4)});
    v.by_place_heading = t("二、按乡镇、村统计", "2. By township and village");
    v.by_place = text_table(
        {t("乡镇", "township"), t("村", "village"), t("图斑数", "patches"), t("面积（公顷）", "area (hm²)")}, rows);
    if (roads > 0) {
        v.roads =
            fmt::format(t("道路（09）{} 条，中心线长度合计 {} 米。", "Roads (09): {}, {} m of centreline in all."),
                        roads, format_number(road, 0));
    }
}

TableView stages_table(const AuditContext& a, const Lang& t) {
    const std::vector<std::vector<std::string>> rows = {
        {t("变化像元（原始）", "changed pixels (raw)"), std::to_string(a.stats.changed_pixels_raw)},
        {t("变化像元（滤波后）", "changed pixels (after filtering)"),
         std::to_string(a.stats.changed_pixels_after_filter)},
        {t("连通图斑", "connected pieces"), std::to_string(a.stats.components)},
        {t("原有地类边缘位移剔除", "removed: edge of existing land shifted by a pixel"),
         std::to_string(a.stats.removed_as_boundary_shift)},
        {t("核心像元不足剔除", "removed: too few core pixels"), std::to_string(a.stats.removed_by_core)},
        {t("易混淆地类的零散小斑剔除", "removed: small pieces of a transition the classifier confuses"),
         std::to_string(a.stats.removed_as_noisy_transition)},
        {t("小于最小上图面积剔除", "removed: below the mapping unit"), std::to_string(a.stats.removed_by_mmu)},
        {t("置信度低于下限剔除", "removed: below the minimum confidence"),
         std::to_string(a.stats.removed_by_confidence)},
        {a.protected_only ? t("自然保护区和生态保护红线以外（不入册，--scope district 可列入）",
                              "outside the reserve and the red line (not registered; --scope district lists them)")
                          : t("自然保护区和生态保护红线以外（已入册，标为非保护地）",
                              "outside the reserve and the red line (registered as outside)"),
         std::to_string(a.outside_protected)},
        {t("入册图斑", "patches in the register"), std::to_string(a.stats.patches)}};
    return text_table({t("阶段", "stage"), t("数量", "count")}, rows);
}

// What the pictures' colours mean: one swatch per raster class of the project, and the black
// patch outline.
void fill_legend(AuditPageView& v, const std::vector<layers::RasterClass>& classes, const Lang& t) {
    const Palette palette = class_palette(classes);
    v.has_legend = true;
    v.legend_title = t("前后时相图例：", "Image legend: ");
    for (const auto& rc : classes) {
        auto it = palette.find(rc.value);
        if (it == palette.end()) continue;
        v.legend.push_back({fmt::format("{},{},{}", it->second[0], it->second[1], it->second[2]),
                            rc.name.empty() ? std::to_string(rc.value) : rc.name});
    }
    v.outline_label = t("图斑边界", "patch outline");
}

// Each patch with a polygon, numbered as on the map: its pictures, then its record.
void fill_patches(AuditPageView& v, const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                  const AuditPictures& pictures, const Lang& t) {
    int number = 0;
    for (size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        if (!r.polygon) continue;
        ++number;
        PatchView patch;
        patch.heading =
            fmt::format("{}. ", number) + r.id + " · " + activity_name(r.activity, t) + " · " + zone_name(r.zone, t);
        for (const bool is_before : {true, false}) {
            if (!(is_before ? pictures.before : pictures.after)) continue;
            const auto& pngs = is_before ? pictures.before_png : pictures.after_png;
            if (i >= pngs.size() || pngs[i].empty()) continue;
            const double px_m = is_before ? pictures.before_pixel_m : pictures.after_pixel_m;
            const std::string& date = is_before ? a.date_before : a.date_after;
            patch.thumbnails.push_back(
                {date, png_data_uri(pngs[i]),
                 fmt::format(t("{}：{}；像元 {} 米，窗口约 {} 米见方", "{}: {}; {} m pixels, window about {} m"),
                             is_before ? t("前时相", "before") : t("后时相", "after"), date, format_number(px_m, 1),
                             format_number(px_m * 40, 0))});
        }
        patch.record = text_table(
            {t("面积（公顷）", "area (hm²)"), t("中心经纬度", "centre lon/lat"), t("乡镇、村", "township, village"),
             t("红线内", "in red line"), t("前→后地类", "class before → after"), t("置信度", "confidence")},
            {{format_number(r.area_hm2, 4), fmt::format("{:.6f}, {:.6f}", r.lon, r.lat),
              r.village.empty() ? r.township : r.township + " " + r.village,
              r.in_redline ? t("是", "yes") : t("否", "no"),
              a.pixel_size_m > 0 ? a.class_name(r.before_class) + " → " + a.class_name(r.after_class)
                                 : std::string("—"),
              r.confidence ? fmt::format("{} ({:.2f})", grade_name(*r.confidence, t), *r.confidence)
                           : std::string("—")}});
        v.patches.push_back(std::move(patch));
    }
}

}  // namespace

AuditPageView audit_page_view(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                              const layers::Catalogue& c, const Provenance& p, const AuditPictures& pictures,
                              const Lang& t) {
    AuditPageView v;
    v.lang = t.en ? "en" : "zh-CN";
    v.title = a.reserve_name + t(" 人类活动监测", " human-activity audit");
    v.heading = a.reserve_name + t(" 人类活动遥感监测图斑清单", " — human-activity patch register");
    v.summary =
        fmt::format(t("监测年度 {}，批次 {}；影像 {} → {}；运行编号 {}。面积为 CGCS2000 椭球面积（公顷）。{}",
                      "year {}, batch {}; images {} → {}; run {}. Areas are ellipsoidal (CGCS2000), hm². {}"),
                    a.year, a.batch, a.date_before, a.date_after, p.run_id,
                    a.protected_only ? t("登记范围：自然保护区各功能区和生态保护红线内的图斑。",
                                         "Registered: patches touching the reserve's zones or the red line.")
                                     : t("登记范围：全区图斑（保护地以外的标为非保护地）。",
                                         "Registered: every patch in the district (those outside marked as such)."));
    for (const auto& n : a.notes) v.notes.push_back(t(n));  // grids aligned, rasters reprojected …
    if (a.pixel_size_m > 0) {  // detected patches carry a confidence grade (not an external layer)
        const auto n = grade_counts(records);
        v.grades = fmt::format(
            t("置信等级：高 {} 个，中 {} 个，低 {} 个（高 ≥ {}，中 ≥ {}；依据见 audit.json 的 evidence）。"
              "被各阶段剔除的候选图斑 {} 个列于 rejected.gpkg，附剔除阶段和理由。",
              "Confidence: {} high, {} medium, {} low (high ≥ {}, medium ≥ {}; the evidence is in "
              "audit.json). {} candidates removed by the filter stages are listed in rejected.gpkg "
              "with the stage and the reason."),
            n.at("high"), n.at("medium"), n.at("low"), analysis::kGradeHigh, analysis::kGradeMedium, a.rejected_listed);
    }
    v.totals_heading = t("总计", "Totals");
    v.totals = totals_table(records, t);
    fill_summaries(v, records, t);
    v.stages_heading = t("三、噪声抑制各阶段", "3. Noise suppression, stage by stage");
    v.stages = stages_table(a, t);
    if (a.options.noise.majority_filter && a.pixel_size_m > 0) {
        // What the recipe can see: the majority filter keeps a changed pixel backed by three like
        // neighbours, so in open natural land the smallest surviving patch is a 2×2 block.
        const double limit_hm2 = 4 * a.pixel_size_m * a.pixel_size_m / 1e4;
        v.detection_limit =
            fmt::format(t("检出下限：像元 {} 米时，经多数滤波后可检出的最小独立图斑约为 2×2 像元（约 {} 公顷）；"
                          "更小的变化需更高分辨率影像（绿盾监测通常优于 2 米），或用 --no-majority-filter "
                          "并逐一核查。",
                          "Detection limit: at {} m pixels the smallest isolated patch the majority filter "
                          "keeps is about 2×2 pixels ({} hm²); smaller changes need finer imagery (audits "
                          "usually use better than 2 m) or --no-majority-filter with every patch checked."),
                        format_number(a.pixel_size_m, 1), format_number(limit_hm2, 4));
    }
    v.map_heading = t("四、分布图", "4. Map");
    v.patches_heading = t("五、图斑清单（前后时相对比）", "5. Patches, before and after");
    if (pictures.before || pictures.after) fill_legend(v, c.project.raster_classes, t);
    fill_patches(v, records, a, pictures, t);
    v.provenance_heading = t("六、数据来源与校验", "6. Provenance");
    v.provenance_html = provenance_html(p, t, t("运行编号", "run id"), "audit.html");
    return v;
}

}  // namespace ecozone::report
