#include "report/audit/audit_report.h"

#include "layers/vector_writer.h"
#include "report/audit/register_fields.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

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
    const std::vector<layers::OutputField> fields = register_output_fields(t);
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

}  // namespace ecozone::report
