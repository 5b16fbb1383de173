// `ecozone screen [PROJECT] [--sites FILE | --coords TEXT] [--industry CAT] --out DIR`.
#include "analysis/role_dependencies.h"
#include "analysis/screen_batch.h"
#include "analysis/screening.h"
#include "analysis/screening/land_take.h"
#include "cli/command.h"
#include "cli/output_options.h"
#include "cli/progress.h"
#include "cli/project_path.h"
#include "cli/release_at_exit.h"
#include "cli/site_sources.h"
#include "cli/site_summary.h"
#include "cli/text_table.h"
#include "geo/errors.h"
#include "layers/output_set.h"
#include "report/common/csv_table.h"
#include "report/common/xlsx_table.h"
#include "report/screening/screening_gpkg.h"
#include "report/screening/screening_gpkg_styles.h"
#include "report/screening/screening_documents.h"
#include "report/screening/screening_html.h"
#include "report/screening/screening_json.h"
#include "report/screening/screening_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <ostream>

namespace ecozone::cli {

// The reports this command writes (report/).
using report::Provenance;
using report::screening_json;
using report::write_screening_gpkg;

namespace {

class ScreenCommand : public Command {
public:
    const char* name() const override { return "screen"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("按“三线一单”对拟建项目选址进行筛查：列出选址涉及的每个管控区（生态保护红线、自然保护区核心区/缓冲区/"
              "实验区、饮用水水源保护区、永久基本农田、河流缓冲带、工业园区、环境管控单元）及重叠面积和占比，将占用的"
              "三调地类，到最近的河流、水源地、自然保护区、生态保护红线和居民点、学校、医院、养老机构的距离，以及项目"
              "规则文件中触发的每一条规则，给出最严格的结论（禁止 / 限制 / 允许）和依据。",
              "Screen proposed project sites against the \"three lines, one list\" (三线一单) controls: every zone a "
              "site touches (red line, reserve zones, water sources, farmland, river buffer belts, parks, control "
              "units) with overlap areas and shares, the land it would occupy, distances to the nearest river, water "
              "source, reserve, red line and homes/schools/hospitals/elderly care, and every rule of the project's "
              "rules file that fires, with the strictest verdict (prohibited / restricted / allowed) and citation."));
        sub.add_option("PROJECT", project_,
                       t("项目文件（.toml）；不给出时用", "Project file (.toml); default: ") + default_project_hint(t))
            ->check(CLI::ExistingFile);
        auto* sites = sub.add_option(
            "--sites", sites_,
            t("选址：矢量图层（Shapefile、GeoPackage、GeoJSON）、界址点坐标文件（.txt，[地块坐标] 中 X 为纵坐标（北）、"
              "Y 为横坐标（东））或含编号列和 WKT 列的 CSV",
              "Sites: a vector layer (shapefile, GeoPackage, GeoJSON), a land-survey boundary-point "
              "file (.txt, [地块坐标] with X = northing, Y = easting) or a CSV with id and WKT columns"));
        auto* coords = sub.add_option("--coords", coords_,
                                      t("以经纬度给出的一个选址（十进制度，或 106°12'36\"E 这样的度分秒），如 "
                                        "\"106.21,37.32 106.25,37.32 106.25,37.35\"",
                                        "One site as lon,lat pairs (decimal degrees or 106°12'36\"E style), e.g. "
                                        "\"106.21,37.32 106.25,37.32 106.25,37.35\""));
        sites->excludes(coords);
        sub.add_option("--layer", sites_layer_,
                       t("--sites 含多个图层时（GeoPackage、PG: 数据库）要读取的图层",
                         "Layer of --sites when it holds several (GeoPackage, PG: database)"))
            ->needs(sites);
        sub.add_option("--industry", industry_,
                       t("所有选址的项目类别：规则文件中的类别编号，或平常的叫法（pv_wind、光伏、mining、采石、"
                         "重污染工业 …）",
                         "Project category of every site: an id of the rules file or its name as people write it "
                         "(pv_wind, 光伏, mining, 采石, 重污染工业 …)"));
        sub.add_option("--name", site_name_, t("--coords 选址的名称", "Name of the --coords site"));
        sub.add_option("--footprint-m", footprint_m_,
                       t("把点状、线状选址扩成占地范围的缓冲距离（米）",
                         "Buffer (m) that turns point and line sites into footprints"))
            ->check(CLI::PositiveNumber);
        sub.add_option("--area-mode", area_mode_,
                       t("占比和结论所用面积的计算方式：ellipsoidal（椭球面积，默认）或 planar（平面面积）；"
                         "也可写 椭球/平面",
                         "ellipsoidal (default) or planar: the mode of shares and verdict areas; or 椭球/平面"))
            ->transform(choice_of(area_mode_choices(), t));
        sub.add_option("--out", out_,
                       t("输出文件夹：screening.json/.csv/.xlsx/.gpkg/.html",
                         "Directory for screening.json/.csv/.xlsx/.gpkg/.html"))
            ->required();
        sub.add_flag("--pdf", pdf_,
                     t("另为每个选址写出一份 A4 选址研判报告 PDF（site-0001-编号.pdf），并写出汇总 PDF "
                       "（screening-summary.pdf）",
                       "Also write one A4 PDF report per site (site-0001-<id>.pdf) and a batch summary PDF "
                       "(screening-summary.pdf)"));
        sub.add_flag("--progress", progress_,
                     t("不在终端上运行时也在标准错误输出上显示进度",
                       "Report progress on stderr even when it is not a terminal"));
        add_threads_option(sub, threads_, t);
        add_output_options(sub, output_, t);
        sub.footer(
            t("示例：\n"
              "  ecozone screen --out out/screening                         筛查示例项目选址图层中的选址\n"
              "  ecozone screen my.toml --sites parcels.txt --industry 光伏 --out out/pv\n"
              "  ecozone screen my.toml --coords \"106.21,37.32 106.25,37.32 106.25,37.35\" --industry mining "
              "--out out/q\n"
              "退出码：0 全部选址都已筛查（不论结论如何），1 有选址未能筛查，2 命令行用法错误\n"
              "（包括无法识别的 --industry；错误信息会列出规则文件中的项目类别）。",
              "Examples:\n"
              "  ecozone screen --out out/screening                         the sample project's sites layer\n"
              "  ecozone screen my.toml --sites parcels.txt --industry pv_wind --out out/pv\n"
              "  ecozone screen my.toml --coords \"106.21,37.32 106.25,37.32 106.25,37.35\" --industry mining "
              "--out out/q\n"
              "Exit codes: 0 every site screened (whatever the verdicts), 1 some could not be, 2 usage error\n"
              "(including an unknown --industry; the error lists the known categories)."));
    }

    int run(Streams io) override {
        Progress progress(5, progress_, output_.terminal());
        const layers::Project project = layers::load_project(resolve_project_path(project_));
        if (!project.rules_path) {
            throw make_error<DataError>("{}：没有 [rules] 路径；选址筛查需要规则文件（“一单”）",
                                        "{}: no [rules] path; screening needs the rules file (the one list)",
                                        project.file);
        }
        const layers::RuleList rules = layers::load_rules(*project.rules_path);
        analysis::require_core_roles(project, "screen");
        const geo::AreaMode mode = geo::parse_area_mode(area_mode_.empty() ? project.area_mode : area_mode_);
        const Lang report_lang = output_.text();
        layers::OutputSet outputs(out_, "screening");
        std::future<Provenance> provenance = report::collect_provenance_async(project, invocation, used_inputs());
        geo::GeosContext geos;
        analysis::ScreeningOptions options;
        options.mode = mode;
        options.footprint_m = footprint_m_;
        // Every zone layer a rule or a distance may need and the sites, then the land use under
        // the sites alone (a screening measures land take inside footprints); no rasters.
        std::vector<layers::VectorRole> roles = analysis::screening_roles();
        roles.erase(std::remove(roles.begin(), roles.end(), layers::VectorRole::Landuse), roles.end());
        auto catalogue_owner = std::make_unique<layers::Catalogue>(layers::load_catalogue(project, geos, roles));
        SiteSourceOptions so{sites_, coords_, industry_, site_name_, sites_layer_};
        const LoadedSites sites = load_sites(*catalogue_owner, rules, geos, so);
        if (project.vector(layers::VectorRole::Landuse)) {
            catalogue_owner->vectors.emplace(
                layers::VectorRole::Landuse,
                layers::read_role(project, layers::VectorRole::Landuse, geos, catalogue_owner->working,
                                  analysis::screening::land_window(sites.specs, options, geos)));
        }
        const layers::Catalogue& catalogue = *catalogue_owner;
        progress.step("已读入图层", "layers read");
        const analysis::Screener screener(catalogue, rules, geos, options);
        // A batch of hundreds of sites is shared among the cores (each with its own screener).
        analysis::BatchOptions batch;
        batch.threads = threads_;
        const std::vector<analysis::SiteResult> results = analysis::screen_sites(screener, sites.specs, batch);
        progress.step("已筛查 {} 个选址", "{} sites screened", results.size());
        Provenance prov = provenance.get();
        prov.seconds = progress.seconds();

        // The JSON, the CSV and the workbook need no GEOS and no output-set bookkeeping: they are
        // built on a second thread while this one writes the GeoPackage, whose SQLite inserts run
        // on one core.  Only this thread touches the output set.
        const std::string xlsx_path = outputs.temp_path("screening.xlsx");
        struct Tables {
            nlohmann::json json;
            std::string json_text, csv;
        };
        std::future<Tables> tables = std::async(std::launch::async, [&] {
            Tables out;
            out.json = screening_json(results, catalogue, rules, prov, mode);
            out.json_text = out.json.dump(2) + "\n";
            // A thousand sites' JSON tree is freed here, beside the GeoPackage, unless --json prints it.
            if (!output_.json) out.json = nlohmann::json();
            const report::Table screening = report::screening_table(results, rules, mode, report_lang);
            out.csv = report::csv_table(screening);
            report::write_xlsx(xlsx_path, {screening});
            return out;
        });
        // The HTML pages (and PDFs) follow the GeoPackage while the tables are still being built:
        // their workers and the tables' thread share the cores, none waits for the other.
        const std::string screening_gpkg = outputs.temp_path("screening.gpkg");
        try {
            write_screening_gpkg(screening_gpkg, results, screener, catalogue, geos, mode, report_lang, footprint_m_);
            report::write_layer_styles(screening_gpkg, report::screening_gpkg_styles(report_lang));
            report::ScreeningDocumentOptions documents;
            documents.pdf = pdf_;
            documents.threads = threads_;
            documents.footprint_m = footprint_m_;
            report::write_screening_documents(outputs, results, screener, catalogue, rules, prov, mode, geos,
                                              report_lang, documents);
        } catch (...) {
            tables.wait();  // the second thread reads what this scope owns
            throw;
        }
        const Tables written = tables.get();
        const nlohmann::json& json = written.json;
        outputs.write_text("screening.json", written.json_text);
        outputs.write_text("screening.csv", written.csv);
        const auto files = outputs.commit(prov.run_id);
        progress.step("已写出输出文件", "outputs written");

        int failed = 0;
        for (const auto& r : results) failed += !r.screened;
        if (output_.json) {
            io.out << json["sites"].dump(2) << "\n";
        } else {
            const Lang t = output_.terminal();  // the files above are in the report's language
            io.out << fmt::format("{} — {}\n", t("选址筛查", "site screening"), t(sites.description));
            const std::string lang = t.en ? "en" : "zh";
            TextTable table({t("编号", "id"), t("名称", "name"), t("位置", "location"), t("结论", "verdict"),
                             t("依据规则", "rules")});
            for (const auto& r : results) {
                if (!r.screened) {
                    table.add_row({r.spec.id, r.spec.name, "", t("未能筛查", "NOT SCREENED"), t(r.error_text)});
                    continue;
                }
                std::string ids;
                for (const auto& id : analysis::verdict_rule_ids(r)) ids += (ids.empty() ? "" : " ") + id;
                const std::string place = r.village.empty() ? r.township : r.township + " " + r.village;
                std::string verdict = layers::verdict_label(r.verdict, lang);
                if (!r.complete()) verdict += t("（结论不完整）", " (incomplete)");
                table.add_row({r.spec.id, r.spec.name, place, verdict, ids});
            }
            table.print(io.out, "  ");
            if (results.size() <= kDetailedSitesOnTerminal) {
                for (const auto& r : results) print_site_details(io.out, r, mode, t);
            }
            io.out << fmt::format("{}:", t("输出", "outputs"));
            for (const auto& f : files) io.out << "\n  " << f;
            io.out << "\n";
        }
        release_at_exit(catalogue_owner, process_ends_after);
        return failed > 0 ? kExitProblems : kExitOk;
    }

private:
    // What this run reads, for the provenance: every layer a rule or distance may need, the rules,
    // and the sites from the project, a file (--sites) or the command line (--coords).
    report::InputSelection used_inputs() const {
        report::InputSelection used;
        used.vectors = analysis::screening_roles();
        used.rules = true;
        if (!sites_.empty() || !coords_.empty()) {
            used.vectors.erase(std::remove(used.vectors.begin(), used.vectors.end(), layers::VectorRole::Sites),
                               used.vectors.end());
        }
        if (!sites_.empty()) {
            used.files.push_back({"sites", sites_, sites_layer_.empty() ? std::nullopt : std::optional(sites_layer_)});
        }
        return used;
    }

    std::string project_, sites_, coords_, industry_, site_name_, area_mode_, out_, sites_layer_;
    double footprint_m_ = 10.0;
    bool progress_ = false;
    bool pdf_ = false;
    OutputOptions output_;
    int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_screen_command() { return std::make_unique<ScreenCommand>(); }

}  // namespace ecozone::cli
