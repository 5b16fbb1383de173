// `ecozone check [PROJECT]`: is every layer of a project fit for analysis?
#include "analysis/project_check.h"
#include "cli/command.h"
#include "cli/output_options.h"
#include "cli/project_path.h"
#include "cli/text_table.h"
#include "geo/errors.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <ostream>

namespace ecozone::cli {

namespace {

using analysis::Severity;

// Areas to 0.1 mm²: enough for any audit, and free of last-bit noise in diffs.
double round4(double v) { return std::round(v * 1e4) / 1e4; }

// JSON is written once for every --lang, so like a rule's message / message_en in screening.json
// each finding carries both: "message" in Chinese, "message_en" in English.
nlohmann::json findings_json(const std::vector<analysis::Finding>& findings) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& f : findings) {
        a.push_back(
            {{"severity", analysis::to_string(f.severity)}, {"message", f.message.zh}, {"message_en", f.message.en}});
    }
    return a;
}

nlohmann::json report_json(const analysis::CheckReport& r) {
    nlohmann::json j;
    j["project_file"] = r.project_file;
    j["project_name"] = r.project_name;
    j["working_crs"] = {{"epsg", r.working.epsg},
                        {"name", r.working.name},
                        {"chosen_by", r.working.chosen_by.en},
                        {"chosen_by_zh", r.working.chosen_by.zh}};
    j["area_mode"] = r.area_mode;
    j["layers"] = nlohmann::json::array();
    for (const auto& l : r.layers) {
        j["layers"].push_back({
            {"role", l.role},
            {"label_zh", l.label_zh},
            {"label_en", l.label_en},
            {"path", l.path},
            {"kind", l.raster ? "raster" : "vector"},
            {"readable", l.readable},
            {"driver", l.driver},
            {"crs", {{"name", l.crs_name}, {"epsg", l.epsg ? nlohmann::json(*l.epsg) : nlohmann::json()}}},
            {"geometry_type", l.geometry_type},
            {l.raster ? "pixels" : "features", l.features},
            {"encoding", {{"encoding", l.encoding}, {"source", l.encoding_source}}},
            {"repaired_fids", l.repaired_fids},
            {"empty_fids", l.empty_fids},
            {"collapsed_fids", l.collapsed_fids},
            {"status", analysis::to_string(l.worst())},
            {"findings", findings_json(l.findings)},
        });
    }
    j["coverage"] = nlohmann::json::array();
    for (const auto& c : r.coverage) {
        j["coverage"].push_back({{"layer", c.what},
                                 {"region_area_m2", round4(c.result.region_area_m2)},
                                 {"covered_area_m2", round4(c.result.covered_area_m2)},
                                 {"gap_area_m2", round4(c.result.gap_area_m2)},
                                 {"overlap_area_m2", round4(c.result.overlap_area_m2)},
                                 {"outside_area_m2", round4(c.result.outside_area_m2)},
                                 {"tolerance_m2", c.tolerance_m2},
                                 {"ok", c.ok()}});
    }
    j["findings"] = findings_json(r.findings);
    j["problems"] = r.count(Severity::Problem);
    j["warnings"] = r.count(Severity::Warning);
    return j;
}

const char* severity_word(Severity s, const Lang& t) {
    switch (s) {
        case Severity::Info: return t("提示", "note");
        case Severity::Warning: return t("警告", "warning");
        case Severity::Problem: break;
    }
    return t("问题", "problem");
}

void print_text(const analysis::CheckReport& r, const Lang& t, std::ostream& out) {
    out << fmt::format("{} — {}\n", t("项目检查", "project check"), r.project_name.empty() ? r.project_file : r.project_name);
    out << fmt::format("{}: {}\n", t("项目文件", "project file"), r.project_file);
    if (r.working.epsg) {
        out << fmt::format("{}: EPSG:{} {} ({})\n", t("工作坐标系", "working CRS"), r.working.epsg, r.working.name,
                           t(r.working.chosen_by));
    }
    out << fmt::format("{}: {}\n\n", t("面积模式", "area mode"),
                       r.area_mode == "planar" ? t("平面面积", "planar") : t("椭球面积", "ellipsoidal"));
    using Align = TextTable::Align;
    TextTable table({t("角色", "role"), t("文件", "file"), t("要素/像元", "features"), "CRS", t("状态", "status")},
                    {Align::Left, Align::Left, Align::Right, Align::Left, Align::Left});
    for (const auto& l : r.layers) {
        table.add_row({l.role, l.path, l.readable ? std::to_string(l.features) : "-",
                       l.epsg ? fmt::format("EPSG:{}", *l.epsg) : "-",
                       l.worst() == Severity::Problem   ? t("问题", "PROBLEM")
                       : l.worst() == Severity::Warning ? t("警告", "warning")
                                                        : t("正常", "ok")});
    }
    table.print(out);
    for (const auto& c : r.coverage) {
        out << fmt::format("\n{} {}: {} {:.2f} m², {} {:.2f} m² ({} {:g} m²) — {}",
                           c.what == "landuse"    ? t("土地利用图斑", "land-use polygons")
                           : c.what == "villages" ? t("行政村（社区）", "villages")
                                                  : t("乡镇", "townships"),
                           t("覆盖行政区", "cover the district"), t("缝隙", "gaps"), c.result.gap_area_m2,
                           t("重叠", "overlaps"), c.result.overlap_area_m2, t("容差", "tolerance"), c.tolerance_m2,
                           c.ok() ? t("正常", "ok") : t("问题", "PROBLEM"));
    }
    out << "\n";
    bool any = false;
    auto print_findings = [&](const std::vector<analysis::Finding>& fs) {
        for (const auto& f : fs) {
            if (!any) out << "\n";
            any = true;
            out << fmt::format("{}: {}\n", severity_word(f.severity, t), t(f.message));
        }
    };
    print_findings(r.findings);
    for (const auto& l : r.layers) print_findings(l.findings);
    const int problems = r.count(Severity::Problem), warnings = r.count(Severity::Warning);
    out << fmt::format("\n{}: {} {}, {} {}\n", t("结果", "result"), problems, t("个问题", "problem(s)"), warnings,
                       t("个警告", "warning(s)"));
}

class CheckCommand : public Command {
public:
    const char* name() const override { return "check"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("分析之前检查整个项目：每个图层能否读取、坐标系是否明确、必需字段是否齐全、编码值能否对应，"
              "几何是否有效（或已修复，修复了哪些），各图层是否都在行政区范围内，三调地类图斑和乡镇是否在项目"
              "设定的容差内无缝隙、无重叠地覆盖全区。",
              "Validate a whole project before analysing it: every layer readable, CRS known, required "
              "fields present and coded values mapped, geometries valid (or repaired, and which), every "
              "layer within the district, and the land-use polygons and townships covering the district "
              "without gaps or overlaps beyond the project's tolerance."));
        sub.add_option("PROJECT", project_,
                       t("项目文件（.toml）；不给出时用", "Project file (.toml); default: ") + default_project_hint(t))
            ->check(CLI::ExistingFile);
        add_output_options(sub, output_, t);
        sub.footer(
            t("示例：\n"
              "  ecozone check                                   检查随附的示例项目\n"
              "  ecozone check my_county/project.toml --lang en  英文报告\n"
              "  ecozone check my_county/project.toml --json > check.json\n"
              "退出码：0 没有问题（可以有警告），1 发现问题，2 命令行用法错误。",
              "Examples:\n"
              "  ecozone check                                   the bundled sample project\n"
              "  ecozone check my_county/project.toml --lang en\n"
              "  ecozone check my_county/project.toml --json > check.json\n"
              "Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage error."));
    }

    int run(Streams io) override {
        const std::string path = resolve_project_path(project_);
        layers::Project project;
        try {
            project = layers::load_project(path);
        } catch (const IoError& e) {
            throw UsageError(e.text(false), e.text(true));
        }
        geo::GeosContext geos;
        const analysis::CheckReport report = analysis::check_project(project, geos);
        if (output_.json) {
            io.out << report_json(report).dump(2) << "\n";
        } else {
            print_text(report, output_.terminal(), io.out);
        }
        return report.count(Severity::Problem) > 0 ? kExitProblems : kExitOk;
    }

private:
    std::string project_;
    OutputOptions output_;
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace ecozone::cli
