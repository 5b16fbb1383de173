#include "report/campaign/campaign_merge.h"

#include "analysis/campaign/task_status.h"
#include "geo/errors.h"
#include "layers/output_set.h"
#include "layers/vector_layer.h"
#include "layers/vector_writer.h"
#include "report/audit/audit_gpkg_styles.h"
#include "report/audit/patch_images.h"
#include "report/campaign/campaign_provenance.h"
#include "report/campaign/merged_registers.h"
#include "report/campaign/province_html.h"
#include "report/campaign/province_json.h"
#include "report/campaign/province_table.h"
#include "report/common/csv_table.h"
#include "report/common/gpkg_styles.h"
#include "report/common/provenance.h"
#include "report/common/xlsx_table.h"
#include "report/indicators/indicators_gpkg_styles.h"

#include <fmt/format.h>

#include <filesystem>

namespace ecozone::report {

namespace fs = std::filesystem;
namespace campaign = analysis::campaign;

namespace {

void require_all_done(const campaign::Plan& plan) {
    std::string lines;
    int n = 0;
    for (const auto& r : campaign::task_reports(plan)) {
        if (r.state == campaign::TaskState::Done) continue;
        ++n;
        lines += fmt::format("{}{} {} {} ({})", lines.empty() ? "" : "; ", r.task->index,
                             r.task->county_name.empty() ? r.task->project : r.task->county_name, r.task->job,
                             campaign::state_key(r.state));
    }
    if (n > 0) {
        throw make_error<DataError>(
            "{0}：{1} 个任务尚未完成：{2}；全省汇总需要每个县：请运行 ecozone campaign status {0} 查看原因，补跑后再汇总",
            "{0}: {1} task(s) not done: {2}; the province needs every county: see ecozone campaign status {0}, run "
            "them, then merge",
            plan.dir, n, lines);
    }
}

std::string county_label(const campaign::Task& t) {
    return t.county_code.empty() ? t.county_name : fmt::format("{} ({})", t.county_name, t.county_code);
}

// The EPSG of a task's working CRS, from its report (method.working_crs.epsg); 0 when absent.
int working_epsg(const nlohmann::json& report) {
    const auto p = nlohmann::json::json_pointer("/method/working_crs/epsg");
    return report.contains(p) && report.at(p).is_number_integer() ? report.at(p).get<int>() : 0;
}

// A county's outline (its indicators.gpkg's district unit) in EPSG:`epsg`, or null when the file
// has none (the map then leaves the county out; its figures are unaffected).
geo::GeomPtr county_outline(const std::string& gpkg, int epsg, const geo::GeosContext& geos) {
    layers::ReadOptions options;
    options.layer_name = "units";
    options.target_crs = "EPSG:" + std::to_string(epsg);
    options.repair = false;
    layers::VectorLayer layer = layers::read_vector(geos, gpkg, options);
    const auto level = layer.field_index("level");
    for (auto& f : layer.features) {
        if (level && layers::to_text(f.attrs[*level]) == "district") return std::move(f.geom);
    }
    return nullptr;
}

void write_province_gpkg(const std::string& path, int epsg, const std::vector<campaign::CountyFigures>& counties,
                         const std::vector<const GEOSGeometry*>& outlines, const campaign::ProvinceFigures& p,
                         const geo::GeosContext& geos, const Lang& t) {
    using layers::FieldType;
    // The fields and layer name of indicators.gpkg's "units", so that its QGIS style applies.
    const std::vector<layers::OutputField> fields = {
        {"name", FieldType::String, t("名称", "name")},
        {"code", FieldType::String, t("代码", "code")},
        {"level", FieldType::String, t("级别", "level")},
        {"area_ha", FieldType::Real, t("土地面积（公顷）", "land area (ha)")},
        {"forest_ha", FieldType::Real, t("森林面积（公顷）", "forest area (ha)")},
        {"forest_pct", FieldType::Real, t("森林覆盖率（%）", "forest coverage (%)")},
        {"forest_met", FieldType::Integer, t("森林覆盖率达标", "forest target met")},
        {"wetland_ha", FieldType::Real, t("湿地面积（公顷）", "wetland area (ha)")},
        {"wetland_protected_ha", FieldType::Real, t("受保护湿地（公顷）", "protected wetland (ha)")},
        {"wetland_rate_pct", FieldType::Real, t("湿地保护率（%）", "wetland protection rate (%)")},
        {"redline_ha", FieldType::Real, t("生态保护红线面积（公顷）", "red-line area (ha)")},
        {"redline_pct", FieldType::Real, t("生态保护红线占比（%）", "red-line share (%)")},
        {"area_mode", FieldType::String, t("面积口径", "area mode")}};
    std::vector<layers::OutputFeature> features;
    for (size_t i = 0; i < counties.size(); ++i) {
        const auto& c = counties[i];
        auto opt = [](bool has, double v) -> layers::AttrValue {
            if (has) return v;
            return std::monostate{};
        };
        features.push_back(
            {outlines[i],
             {c.name, c.code, std::string("county"), c.area_ha, c.forest_ha, c.forest_pct,
              std::int64_t(c.forest_pct >= c.forest_target_pct ? 1 : 0), opt(c.wetland_assessed, c.wetland_ha),
              opt(c.wetland_assessed, c.wetland_protected_ha),
              opt(c.wetland_assessed && c.wetland_pct.has_value(), c.wetland_pct.value_or(0)),
              opt(c.redline_assessed, c.redline_ha), opt(c.redline_assessed, c.redline_pct), c.area_mode}});
    }
    {
        layers::VectorWriter w(path, "GPKG", epsg);
        w.add_layer("units", wkbMultiPolygon, fields, features, geos);
        w.close();
    }
    write_layer_styles(path, indicators_gpkg_styles(t, p.forest.target_pct.value_or(15.0)));
}

}  // namespace

CampaignMergeResult merge_campaign(const campaign::Plan& plan, const Lang& t, const std::string& command_line) {
    require_all_done(plan);
    CampaignMergeResult result;
    const std::string merged_utc = utc_now();
    layers::OutputSet outputs((fs::path(plan.dir) / "merged").string(), "campaign");
    geo::GeosContext geos;

    // The province's CRS for maps and registers: the first county's working CRS.
    int epsg = 0;
    std::vector<campaign::CountyFigures> counties;
    std::vector<std::string> indicator_dirs;
    std::vector<CountyFile> screening, patches_csv, patches_gpkg;
    for (const auto& task : plan.tasks) {
        const std::string report_path = (fs::path(task.out) / job_report_name(task.job)).string();
        const nlohmann::json report = read_json_file(report_path);
        if (epsg == 0) epsg = working_epsg(report);
        if (task.job == "indicators") {
            counties.push_back(campaign::read_county_figures(report, report_path, task.index));
            indicator_dirs.push_back(task.out);
        } else if (task.job == "screen") {
            screening.push_back({county_label(task), (fs::path(task.out) / "screening.csv").string()});
        } else if (task.job == "audit") {
            patches_csv.push_back({county_label(task), (fs::path(task.out) / "patches.csv").string()});
            patches_gpkg.push_back({county_label(task), (fs::path(task.out) / "patches.gpkg").string()});
        }
    }
    if (epsg == 0) epsg = 4490;  // no report named its CRS: CGCS2000 geographic

    if (!counties.empty()) {
        const campaign::ProvinceFigures province = campaign::province_figures(counties);
        std::vector<geo::GeomPtr> owned;
        std::vector<const GEOSGeometry*> outlines;
        for (const auto& d : indicator_dirs) {
            owned.push_back(county_outline((fs::path(d) / "indicators.gpkg").string(), epsg, geos));
            outlines.push_back(owned.back().get());
        }
        const Table table = province_table(plan.name, counties, province, t);
        outputs.write_text("province_indicators.json", province_json(plan, counties, province, merged_utc).dump(2) + "\n");
        outputs.write_text("province_indicators.csv", csv_table(table));
        write_xlsx(outputs.temp_path("province_indicators.xlsx"), {table});
        write_province_gpkg(outputs.temp_path("province_indicators.gpkg"), epsg, counties, outlines, province, geos, t);
        outputs.write_text("province_indicators.html",
                           province_html(plan, counties, outlines, province, table, geos, t, merged_utc));
        result.province = province;
        result.counties = counties.size();
    }
    if (!screening.empty()) {
        const std::string csv = concatenated_csv(screening, t("县", "county"));
        result.screened_rows = csv_records(csv).size() - 1;
        outputs.write_text("screening.csv", csv);
    }
    if (!patches_gpkg.empty()) {
        // the gpkg first: it checks that the ids are unique before anything else is written
        const std::string merged_gpkg = outputs.temp_path("patches.gpkg");
        result.patches = merge_patch_layers(patches_gpkg, merged_gpkg, epsg, "tbbh", geos);
        // The counties' pictures travel with their patches (ids are unique: checked above), and
        // the province's register opens in QGIS styled as a county's does.
        for (const auto& f : patches_gpkg) append_patch_images(f.path, merged_gpkg);
        write_layer_styles(merged_gpkg, audit_gpkg_styles(t));
        outputs.write_text("patches.csv", concatenated_csv(patches_csv, ""));
    }
    outputs.write_text("provenance.json", campaign_provenance(plan, merged_utc, command_line).dump(2) + "\n");
    result.files = outputs.commit();
    return result;
}

}  // namespace ecozone::report
