#include "report/audit/audit_report.h"

#include "analysis/indicator_bases.h"
#include "analysis/zones.h"
#include "report/common/html_util.h"
#include "report/common/provenance_html.h"
#include "report/common/svg_map.h"
#include "report/audit/thumbnail.h"
#include "layers/gdal_handle.h"
#include "layers/vector_writer.h"

#include <cpl_vsi.h>
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

namespace ecozone::report {

std::string stage_name(const std::string& stage, const Lang& t) {
    if (stage == analysis::kStageBoundaryShift) return t("原有地类边缘位移", "boundary shift");
    if (stage == analysis::kStageCore) return t("核心像元不足", "too few core pixels");
    if (stage == analysis::kStageNoisyTransition) return t("易混淆地类的零散小斑", "noisy transition");
    if (stage == analysis::kStageMmu) return t("小于最小上图面积", "below the mapping unit");
    if (stage == analysis::kStageConfidence) return t("置信度低于下限", "below the minimum confidence");
    return stage;
}

nlohmann::json evidence_json(const analysis::PatchRecord& r) {
    const analysis::PatchEvidence& e = r.evidence;
    auto r3 = [](double v) { return std::round(v * 1000) / 1000; };
    return {{"pixels", r.pixels},
            {"core_pixels", r.core_pixels},
            {"explained_pixels", e.explained_pixels},
            {"transition", fmt::format("{}->{}", e.main_before, e.main_after)},
            {"transition_coreless", e.transition_coreless},
            {"transition_cored", e.transition_cored},
            {"transition_noise", r3(e.transition_noise)},
            {"factors",
             {{"shape", r3(e.shape)},
              {"boundary", r3(e.boundary)},
              {"transition", r3(e.transition)},
              {"size", r3(e.size)}}}};
}

std::map<std::string, int> grade_counts(const std::vector<analysis::PatchRecord>& records) {
    std::map<std::string, int> n{{"high", 0}, {"medium", 0}, {"low", 0}};
    for (const auto& r : records) {
        if (r.confidence) ++n[analysis::confidence_grade(*r.confidence)];
    }
    return n;
}

nlohmann::json audit_json(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                          const Provenance& p) {
    nlohmann::json j;
    j["protected_area"] = a.reserve_name;
    j["year"] = a.year;
    j["batch"] = a.batch;
    j["images"] = {{"before", {{"path", a.before_path}, {"date", a.date_before}}},
                   {"after", {{"path", a.after_path}, {"date", a.date_after}}}};
    j["method"] = {{"connectivity", a.options.connectivity},
                   {"majority_filter", a.options.noise.majority_filter},
                   {"min_core_pixels", a.options.noise.min_core_pixels},
                   {"confirm_neighbourhood", a.options.noise.confirm_neighbourhood},
                   {"drop_boundary_shifts", a.options.noise.drop_boundary_shifts},
                   {"max_shift_pixels", a.options.noise.max_shift_pixels},
                   {"min_shift_share", a.options.noise.min_shift_share},
                   {"drop_noisy_transitions", a.options.noise.drop_noisy_transitions},
                   {"noisy_min_candidates", a.options.noise.noisy_min_candidates},
                   {"noise_ratio", a.options.noise.noise_ratio},
                   {"noisy_drop_share", a.options.noise.noisy_drop_share},
                   {"min_confidence", a.options.noise.min_confidence},
                   {"confidence_grades", {{"high", analysis::kGradeHigh}, {"medium", analysis::kGradeMedium}}},
                   {"scope", a.protected_only ? "protected" : "district"},
                   {"min_area_m2", a.options.min_area_m2},
                   {"area", "ellipsoidal (CGCS2000), hm², 4 decimals"}};
    // Written once for every --lang, so both languages, as in screening.json: "notes" in Chinese,
    // "notes_en" in English.
    j["notes"] = nlohmann::json::array();
    j["notes_en"] = nlohmann::json::array();
    for (const auto& n : a.notes) {
        j["notes"].push_back(n.zh);
        j["notes_en"].push_back(n.en);
    }
    j["stages"] = {{"changed_pixels_raw", a.stats.changed_pixels_raw},
                   {"changed_pixels_after_filter", a.stats.changed_pixels_after_filter},
                   {"components", a.stats.components},
                   {"removed_as_boundary_shift", a.stats.removed_as_boundary_shift},
                   {"removed_by_core", a.stats.removed_by_core},
                   {"removed_as_noisy_transition", a.stats.removed_as_noisy_transition},
                   {"removed_by_mmu", a.stats.removed_by_mmu},
                   {"removed_by_confidence", a.stats.removed_by_confidence},
                   {"outside_protected", a.outside_protected},
                   {"patches", a.stats.patches}};
    if (a.pixel_size_m > 0) j["confidence_grades"] = grade_counts(records);
    j["patches"] = nlohmann::json::array();
    for (const auto& r : records) {
        nlohmann::json confidence = nullptr, grade = nullptr, evidence = nullptr;
        if (r.confidence) {
            confidence = std::round(*r.confidence * 1000) / 1000;
            grade = analysis::confidence_grade(*r.confidence);
            evidence = evidence_json(r);
        }
        j["patches"].push_back({{"id", r.id},
                                {"confidence", confidence},
                                {"grade", grade},
                                {"evidence", evidence},
                                {"activity", r.activity},
                                {"before_class", r.before_class},
                                {"after_class", r.after_class},
                                {"before_class_name", a.pixel_size_m > 0 ? a.class_name(r.before_class) : ""},
                                {"after_class_name", a.pixel_size_m > 0 ? a.class_name(r.after_class) : ""},
                                {"pixels", r.pixels},
                                {"area_hm2", r.area_hm2},
                                {"centre_lon", std::round(r.lon * 1e6) / 1e6},
                                {"centre_lat", std::round(r.lat * 1e6) / 1e6},
                                {"gk_x", std::round(r.gk_x * 100) / 100},
                                {"gk_y", std::round(r.gk_y * 100) / 100},
                                {"zone", r.zone},
                                {"zone_two", r.zone_two},
                                {"zone_hm2", r.zone_hm2},
                                {"in_redline", r.in_redline},
                                {"redline_hm2", std::round(r.redline_hm2 * 1e4) / 1e4},
                                {"township", r.township},
                                {"village", r.village},
                                {"road_length_m", r.road_length_m},
                                {"change", a.has_previous ? r.change : "new"},
                                {"added_hm2", r.added_hm2},
                                {"previous_id", r.previous_id},
                                {"verification", {{"status", ""}, {"opinion", ""}, {"date", ""}}}});
    }
    j["provenance"] = to_json(p, "audit.json");
    return j;
}

void write_audit_gpkg(const std::string& path, const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                      int epsg, const geo::GeosContext& geos, const Lang& t) {
    using layers::FieldType;
    layers::VectorWriter w(path, "GPKG", epsg);
    const std::vector<layers::OutputField> fields = {{"tbbh", FieldType::String, t("图斑编号", "patch id")},
                                                     {"bhqmc", FieldType::String, t("保护地名称", "protected area")},
                                                     {"jcnd", FieldType::Integer, t("监测年度", "year")},
                                                     {"pc", FieldType::Integer, t("批次", "batch")},
                                                     {"hdlx", FieldType::String, t("活动类型", "activity type")},
                                                     {"bhlx", FieldType::String, t("变化类型", "change type")},
                                                     {"gnfq", FieldType::String, t("功能分区", "zone")},
                                                     {"xgnfq", FieldType::String, t("新功能分区", "two-zone scheme")},
                                                     {"mj_hm2", FieldType::Real, t("面积（公顷）", "area (hm²)")},
                                                     {"zx_lon", FieldType::Real, t("中心经度", "centre lon")},
                                                     {"zx_lat", FieldType::Real, t("中心纬度", "centre lat")},
                                                     {"gk_x", FieldType::Real, t("高斯X", "GK X")},
                                                     {"gk_y", FieldType::Real, t("高斯Y", "GK Y")},
                                                     {"xzmc", FieldType::String, t("所在乡镇", "township")},
                                                     {"cmc", FieldType::String, t("所在村", "village")},
                                                     {"sfhx", FieldType::Integer, t("是否在红线内", "in red line")},
                                                     {"hxmj_hm2", FieldType::Real, t("红线内面积", "red-line area")},
                                                     {"hczt", FieldType::String, t("核查状态", "verification status")},
                                                     {"hcyj", FieldType::String, t("核查意见", "verification opinion")},
                                                     {"hcrq", FieldType::String, t("核查日期", "verification date")},
                                                     {"confidence", FieldType::Real, t("置信度", "confidence")},
                                                     {"grade", FieldType::String, t("置信等级", "confidence grade")},
                                                     {"qsxdl", FieldType::String, t("前时相地类", "class before")},
                                                     {"hsxdl", FieldType::String, t("后时相地类", "class after")}};
    std::vector<layers::OutputFeature> features;
    const bool detected = a.pixel_size_m > 0;  // an external patch layer has no classes
    for (const auto& r : records) {
        if (!r.polygon) continue;
        features.push_back(
            {r.polygon.get(),
             {r.id,
              a.reserve_name,
              std::int64_t{a.year},
              std::int64_t{a.batch},
              activity_name(r.activity, t),
              change_name(a.has_previous ? r.change : "new", t),
              zone_name(r.zone, t),
              zone_name(r.zone_two, t),
              r.area_hm2,
              std::round(r.lon * 1e6) / 1e6,
              std::round(r.lat * 1e6) / 1e6,
              r.gk_x,
              r.gk_y,
              r.township,
              r.village,
              std::int64_t{r.in_redline ? 1 : 0},
              std::round(r.redline_hm2 * 1e4) / 1e4,
              std::string(),
              std::string(),
              std::string(),
              r.confidence ? layers::AttrValue{std::round(*r.confidence * 1000) / 1000} : layers::AttrValue{},
              r.confidence ? grade_name(*r.confidence, t) : std::string(),
              detected ? a.class_name(r.before_class) : std::string(),
              detected ? a.class_name(r.after_class) : std::string()}});
    }
    w.add_layer("patches", wkbMultiPolygon, fields, features, geos);
    w.close();
}

void write_rejected_gpkg(const std::string& path, const std::vector<analysis::PatchRecord>& rejected, int epsg,
                         const geo::GeosContext& geos, const Lang& t) {
    using layers::FieldType;
    layers::VectorWriter w(path, "GPKG", epsg);
    const std::vector<layers::OutputField> fields = {
        {"stage", FieldType::String, t("剔除阶段", "stage")},
        {"stage_name", FieldType::String, t("剔除原因类别", "stage name")},
        {"reason", FieldType::String, t("剔除理由", "reason")},
        {"hdlx", FieldType::String, t("活动类型", "activity type")},
        {"gnfq", FieldType::String, t("功能分区", "zone")},
        {"sfhx", FieldType::Integer, t("是否在红线内", "in red line")},
        {"pixels", FieldType::Integer, t("像元数", "pixels")},
        {"core_pixels", FieldType::Integer, t("核心像元数", "core pixels")},
        {"area_m2", FieldType::Real, t("面积（平方米）", "area (m²)")},
        {"confidence", FieldType::Real, t("置信度", "confidence")},
        {"grade", FieldType::String, t("置信等级", "confidence grade")},
        {"gk_x", FieldType::Real, t("高斯X", "GK X")},
        {"gk_y", FieldType::Real, t("高斯Y", "GK Y")}};
    std::vector<layers::OutputFeature> features;
    for (const auto& r : rejected) {
        if (!r.polygon) continue;
        const double confidence = r.confidence.value_or(0);
        features.push_back({r.polygon.get(),
                            {r.stage, stage_name(r.stage, t), r.reason, activity_name(r.activity, t),
                             zone_name(r.zone, t), std::int64_t{r.in_redline ? 1 : 0}, std::int64_t{r.pixels},
                             std::int64_t{r.core_pixels}, std::round(r.planar_m2 * 10) / 10,
                             std::round(confidence * 1000) / 1000, grade_name(confidence, t), r.gk_x, r.gk_y}});
    }
    w.add_layer("rejected", wkbMultiPolygon, fields, features, geos);
    w.close();
}

namespace {

// The register's totals first, as an auditor reads them: all patches, then by functional zone,
// inside the red line and by activity type — count and hm².
std::string totals_table(const std::vector<analysis::PatchRecord>& records, const Lang& t) {
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
    return "<h2>" + html_escape(t("总计", "Totals")) + "</h2>\n" +
           html_table({t("类别", "item"), t("图斑数", "patches"), t("面积（公顷）", "area (hm²)")}, rows, "totals");
}

// Reserve zone features with their canonical value (core / buffer / experimental …), as the
// register attributes patches, so that the overview fills each zone in its own colour.
std::vector<std::pair<std::string, const GEOSGeometry*>> reserve_zones(const layers::Catalogue& c) {
    std::vector<std::pair<std::string, const GEOSGeometry*>> out;
    const layers::VectorLayer* rz = c.vector(layers::VectorRole::ReserveZones);
    const layers::VectorLayerSpec* spec = c.project.vector(layers::VectorRole::ReserveZones);
    if (!rz || !spec || !spec->fields.count("zone_field")) return out;
    const size_t field = rz->require_field(spec->fields.at("zone_field"), "zone_field");
    for (const auto& f : rz->features) {
        std::string v = layers::to_text(f.attrs[field]);
        if (auto it = spec->values.find(v); it != spec->values.end()) v = it->second;
        out.emplace_back(v, f.geom.get());
    }
    return out;
}

// What the thumbnails' colours mean: one swatch per raster class of the project, and the black
// patch outline.
std::string class_legend(const std::vector<layers::RasterClass>& classes, const Palette& palette, const Lang& t) {
    std::string out = "<p class=\"legend\">" + html_escape(t("前后时相图例：", "Image legend: "));
    for (const auto& rc : classes) {
        auto it = palette.find(rc.value);
        if (it == palette.end()) continue;
        out += fmt::format("<span style=\"display:inline-block;width:1em;height:1em;vertical-align:middle;"
                           "border:1px solid #999;background:rgb({},{},{})\"></span> {} &nbsp; ",
                           it->second[0], it->second[1], it->second[2],
                           html_escape(rc.name.empty() ? std::to_string(rc.value) : rc.name));
    }
    out += "<span style=\"display:inline-block;width:1em;height:1em;vertical-align:middle;border:2px solid #000\">"
           "</span> " +
           html_escape(t("图斑边界", "patch outline")) + "</p>\n";
    return out;
}

Style reserve_fill(const std::string& zone) {
    if (zone == "core" || zone == "core_protection") return Style{"#1b5e20", "#1b5e20", 0.6, 0.55, ""};
    if (zone == "buffer") return Style{"#66bb6a", "#2e7d32", 0.6, 0.45, ""};
    return Style{"#dcedc8", "#558b2f", 0.6, 0.6, ""};  // experimental, general control
}

}  // namespace

std::string audit_html(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                       const layers::Catalogue& c, const layers::ClassRaster* before, const layers::ClassRaster* after,
                       const Provenance& p, const geo::GeosContext& geos, const Lang& t) {
    std::string body;
    body += "<h1>" + html_escape(a.reserve_name + t(" 人类活动遥感监测图斑清单", " — human-activity patch register")) +
            "</h1>\n";
    body += "<p>" +
            html_escape(fmt::format(
                t("监测年度 {}，批次 {}；影像 {} → {}；运行编号 {}。面积为 CGCS2000 椭球面积（公顷）。{}",
                  "year {}, batch {}; images {} → {}; run {}. Areas are ellipsoidal (CGCS2000), hm². {}"),
                a.year, a.batch, a.date_before, a.date_after, p.run_id,
                a.protected_only ? t("登记范围：自然保护区各功能区和生态保护红线内的图斑。",
                                     "Registered: patches touching the reserve's zones or the red line.")
                                 : t("登记范围：全区图斑（保护地以外的标为非保护地）。",
                                     "Registered: every patch in the district (those outside marked as such)."))) +
            "</p>\n";
    if (!a.notes.empty()) {  // grids aligned, rasters reprojected: what was done before counting
        body += "<ul class=\"note\">\n";
        for (const auto& n : a.notes) body += "<li>" + html_escape(t(n)) + "</li>\n";
        body += "</ul>\n";
    }
    if (a.pixel_size_m > 0) {  // detected patches carry a confidence grade (not an external layer)
        const auto n = grade_counts(records);
        body += "<p class=\"grades\">" +
                html_escape(fmt::format(
                    t("置信等级：高 {} 个，中 {} 个，低 {} 个（高 ≥ {}，中 ≥ {}；依据见 audit.json 的 evidence）。"
                      "被各阶段剔除的候选图斑 {} 个列于 rejected.gpkg，附剔除阶段和理由。",
                      "Confidence: {} high, {} medium, {} low (high ≥ {}, medium ≥ {}; the evidence is in "
                      "audit.json). {} candidates removed by the filter stages are listed in rejected.gpkg "
                      "with the stage and the reason."),
                    n.at("high"), n.at("medium"), n.at("low"), analysis::kGradeHigh, analysis::kGradeMedium,
                    a.rejected_listed)) +
                "</p>\n";
    }
    body += totals_table(records, t);
    // Summary: count and area by zone × activity (most protective zone first); by township and village.
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
    for (const auto& [k, v] : by_zone) {
        rows.push_back(
            {zone_label[k.first], activity_name(k.second, t), std::to_string(v.first), format_number(v.second, 4)});
    }
    body += "<h2>" + html_escape(t("一、按功能分区和活动类型统计", "1. By zone and activity type")) + "</h2>\n" +
            html_table({t("功能分区", "zone"), t("活动类型", "activity"), t("图斑数", "patches"),
                        t("面积（公顷）", "area (hm²)")},
                       rows);
    rows.clear();
    for (const auto& [k, v] : by_place)
        rows.push_back({k.first, k.second, std::to_string(v.first), format_number(v.second, 4)});
    body +=
        "<h2>" + html_escape(t("二、按乡镇、村统计", "2. By township and village")) + "</h2>\n" +
        html_table({t("乡镇", "township"), t("村", "village"), t("图斑数", "patches"), t("面积（公顷）", "area (hm²)")},
                   rows);
    if (roads > 0) {
        body += "<p>" +
                html_escape(fmt::format(
                    t("道路（09）{} 条，中心线长度合计 {} 米。", "Roads (09): {}, {} m of centreline in all."), roads,
                    format_number(road, 0))) +
                "</p>\n";
    }
    rows = {{t("变化像元（原始）", "changed pixels (raw)"), std::to_string(a.stats.changed_pixels_raw)},
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
    body += "<h2>" + html_escape(t("三、噪声抑制各阶段", "3. Noise suppression, stage by stage")) + "</h2>\n" +
            html_table({t("阶段", "stage"), t("数量", "count")}, rows);
    if (a.options.noise.majority_filter && a.pixel_size_m > 0) {
        // What the recipe can see: the majority filter keeps a changed pixel backed by three like
        // neighbours, so in open natural land the smallest surviving patch is a 2×2 block.
        const double limit_hm2 = 4 * a.pixel_size_m * a.pixel_size_m / 1e4;
        body += "<p>" +
                html_escape(fmt::format(
                    t("检出下限：像元 {} 米时，经多数滤波后可检出的最小独立图斑约为 2×2 像元（约 {} 公顷）；"
                      "更小的变化需更高分辨率影像（绿盾监测通常优于 2 米），或用 --no-majority-filter "
                      "并逐一核查。",
                      "Detection limit: at {} m pixels the smallest isolated patch the majority filter "
                      "keeps is about 2×2 pixels ({} hm²); smaller changes need finer imagery (audits "
                      "usually use better than 2 m) or --no-majority-filter with every patch checked."),
                    format_number(a.pixel_size_m, 1), format_number(limit_hm2, 4))) +
                "</p>\n";
    }
    // Overview map.
    geo::GeomPtr district = analysis::union_of(c.vector(layers::VectorRole::District), geos);
    SvgMap map = SvgMap::around(geos, district.get(), 0.04, 600, 520);
    map.set_title(t("监测图斑分布", "Patches"));
    // Township boundaries underneath, so that the township column can be read off the map.
    const Style township_edge{"none", "#9e9e9e", 0.7, 1.0, "6 2 1 2"};
    bool townships = false;
    if (const auto* tw = c.vector(layers::VectorRole::Townships)) {
        for (const auto& f : tw->features) {
            map.add(geos.own(GEOSBoundary_r(geos.handle(), f.geom.get()), "township boundary").get(), township_edge);
            townships = true;
        }
    }
    const auto zones = reserve_zones(c);
    std::set<std::string> zone_values;
    for (const auto& [v, g] : zones) {
        map.add(g, reserve_fill(v), zone_name(v, t));
        zone_values.insert(v);
    }
    if (const auto* rl = c.vector(layers::VectorRole::Redline)) {
        for (const auto& f : rl->features) map.add(f.geom.get(), Style{"none", "#d32f2f", 0.8, 1.0, ""});
    }
    map.add(district.get(), Style{"none", "#000", 1.4, 1.0, ""});
    // Patches as circles in their activity's colour, numbered as in the list below.
    std::set<std::string> activities;
    int number = 0;
    for (const auto& r : records) {
        if (!r.polygon) continue;
        ++number;
        geo::GeomPtr pt = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), r.gk_y, r.gk_x), "point");
        map.add(pt.get(), Style{activity_colour(r.activity), "#000", 1.4, 1.0, ""},
                fmt::format("{} {} {}", number, r.id, activity_name(r.activity, t)));
        map.add_label(r.gk_y, r.gk_x + 11.0 / map.scale(), std::to_string(number), 10);
        activities.insert(r.activity);
    }
    for (const char* v : {"core", "core_protection", "buffer", "experimental", "general_control"}) {
        if (zone_values.count(v)) map.add_legend_item(reserve_fill(v), t("自然保护区", "reserve") + std::string(" ") + zone_name(v, t));
    }
    map.add_legend_item(Style{"none", "#d32f2f", 0.8, 1.0, ""}, t("生态保护红线", "red line"));
    for (const auto& code : activities) {
        map.add_legend_item(Style{activity_colour(code), "#000", 1.0, 1.0, ""}, activity_name(code, t));
    }
    if (townships) map.add_legend_item(township_edge, t("乡镇界", "township boundary"));
    map.set_legend_title(t("图例（数字为图斑序号）", "Legend (numbers: patch no.)"));
    map.set_north_label(t("北", "N"));
    map.scale_bar();
    map.north_arrow();
    map.set_side_panel(220);
    body += "<h2>" + html_escape(t("四、分布图", "4. Map")) + "</h2>\n<figure>" + map.str() + "</figure>\n";
    // Patch by patch: before/after images, then the record.
    body += "<h2>" + html_escape(t("五、图斑清单（前后时相对比）", "5. Patches, before and after")) + "</h2>\n";
    const Palette palette = class_palette(c.project.raster_classes);
    if (before || after) body += class_legend(c.project.raster_classes, palette, t);
    std::vector<std::string> no_pictures(records.size());
    const std::vector<std::string> before_pictures =
        before ? patch_thumbnails(*before, records, palette, geos) : no_pictures;
    const std::vector<std::string> after_pictures = after ? patch_thumbnails(*after, records, palette, geos) : no_pictures;
    number = 0;
    for (size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        if (!r.polygon) continue;
        ++number;
        body += "<section class=\"patch\"><h3>" +
                html_escape(fmt::format("{}. ", number) + r.id + " · " + activity_name(r.activity, t) + " · " +
                            zone_name(r.zone, t)) +
                "</h3>\n<div>";
        for (const auto* raster : {before, after}) {
            if (!raster) continue;  // an external patch layer comes without images
            const std::string& img = raster == before ? before_pictures[i] : after_pictures[i];
            if (img.empty()) continue;
            const geo::Grid& g = raster->grid();
            const double px_m = g.dx;
            const std::string date = raster == before ? a.date_before : a.date_after;
            body += "<figure class=\"thumb\"><img alt=\"" + html_escape(date) + "\" src=\"" + img +
                    "\"><figcaption>" +
                    html_escape(fmt::format(t("{}：{}；像元 {} 米，窗口约 {} 米见方", "{}: {}; {} m pixels, window about {} m"),
                                            raster == before ? t("前时相", "before") : t("后时相", "after"), date,
                                            format_number(px_m, 1), format_number(px_m * 40, 0))) +
                    "</figcaption></figure>";
        }
        body += "</div>\n" +
                html_table({t("面积（公顷）", "area (hm²)"), t("中心经纬度", "centre lon/lat"),
                            t("乡镇、村", "township, village"), t("红线内", "in red line"),
                            t("前→后地类", "class before → after"), t("置信度", "confidence")},
                           {{format_number(r.area_hm2, 4), fmt::format("{:.6f}, {:.6f}", r.lon, r.lat),
                             r.village.empty() ? r.township : r.township + " " + r.village,
                             r.in_redline ? t("是", "yes") : t("否", "no"),
                             a.pixel_size_m > 0 ? a.class_name(r.before_class) + " → " + a.class_name(r.after_class)
                                                : std::string("—"),
                             r.confidence ? fmt::format("{} ({:.2f})", grade_name(*r.confidence, t), *r.confidence)
                                          : std::string("—")}}) +
                "</section>\n";
    }
    body += "<h2>" + html_escape(t("六、数据来源与校验", "6. Provenance")) + "</h2>\n" +
            provenance_html(p, t, t("运行编号", "run id"), "audit.html");
    return html_page(a.reserve_name + t(" 人类活动监测", " human-activity audit"), body, t.en ? "en" : "zh-CN");
}

}  // namespace ecozone::report
