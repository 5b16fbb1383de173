// `ecozone indicators [PROJECT] --out DIR`: the evidence for the plan's targets.
#include "analysis/indicators.h"
#include "analysis/role_dependencies.h"
#include "cli/command.h"
#include "cli/output_options.h"
#include "cli/progress.h"
#include "cli/project_path.h"
#include "cli/release_at_exit.h"
#include "geo/errors.h"
#include "layers/output_set.h"
#include "report/common/csv_table.h"
#include "report/common/xlsx_table.h"
#include "report/indicators/indicators_gpkg.h"
#include "report/indicators/indicators_gpkg_styles.h"
#include "report/indicators/indicators_html.h"
#include "report/indicators/indicators_json.h"
#include "report/indicators/indicators_table.h"
#include "report/indicators/landclass_table.h"

#include <fmt/format.h>

#include <future>
#include <ostream>

namespace ecozone::cli {

// The reports this command writes (report/).
using report::Provenance;
using report::indicators_json;
using report::indicators_html;
using report::write_indicators_gpkg;

namespace {

std::string status_word(const analysis::TargetCheck& c, const Lang& t) {
    if (!c.defined) return t("无数据", "no data");
    return c.met ? t("达标", "met") : t("未达标", "NOT met");
}

void print_redline(const analysis::IndicatorResult& r, const Lang& t, std::ostream& out);
void print_route_notes(const analysis::IndicatorResult& r, const Lang& t, std::ostream& out);

void print_summary(const analysis::IndicatorResult& r, const Lang& t, std::ostream& out) {
    const auto& d = r.zones.front();
    out << fmt::format("{} — {}\n", t("生态指标核算", "ecological indicators"), d.name);
    out << fmt::format("{}: {:.2f}% ({} ≥ {:g}%) — {}", t("森林覆盖率", "forest coverage"), d.forest.value_pct,
                       t("目标", "target"), d.forest.target_pct, status_word(d.forest, t));
    if (d.forest.defined && !d.forest.met) {
        out << fmt::format(t("，还需增加森林 {:.1f} 公顷", "; forest must grow by {:.1f} ha"), d.forest.margin_ha);
    }
    out << "\n";
    if (r.shrub_left_out_m2 > 0) {
        out << fmt::format("{}{}\n", t("注意：", "note: "), t(analysis::special_shrubland_note(r)));
    }
    if (!r.wetland_assessed) {
        out << fmt::format("{}: {}\n", t("湿地保护率", "wetland protection rate"),
                           t("未评估（项目没有任何湿地保护图层）", "not assessed (no wetland protection layer)"));
    } else if (d.wetland.defined) {
        out << fmt::format("{}: {:.2f}% ({} ≥ {:g}%) — {}", t("湿地保护率", "wetland protection rate"),
                           d.wetland.value_pct, t("目标", "target"), d.wetland.target_pct, status_word(d.wetland, t));
        if (!d.wetland.met) {
            out << fmt::format(t("，还需纳入保护 {:.1f} 公顷湿地", "; {:.1f} ha more wetland must be protected"),
                               d.wetland.margin_ha);
        }
        out << "\n";
    } else {
        out << fmt::format("{}: {}\n", t("湿地保护率", "wetland protection rate"),
                           t("无湿地（按所选口径）", "no wetland on the chosen basis"));
    }
    if (!r.redline_assessed) {
        out << fmt::format("{}: {}\n", t("生态保护红线占比", "red-line share"),
                           t("未评估（缺少图层：生态保护红线）", "not assessed (missing layer: red line)"));
    } else {
        print_redline(r, t, out);
    }
    print_route_notes(r, t, out);
}

void print_redline(const analysis::IndicatorResult& r, const Lang& t, std::ostream& out) {
    const auto& d = r.zones.front();
    out << fmt::format("{}: {:.2f}% ({:.1f} {})", t("生态保护红线占比", "red-line share"), d.redline_pct,
                       d.redline_m2 / 1e4, t("公顷", "ha"));
    if (r.redline.defined) {
        out << fmt::format(" — {} {:+.2f} {}", t("较基期", "vs baseline"), r.redline.change_pp, t("个百分点", "pp"));
        out << (r.redline.not_fallen ? t("，未减少", ", not decreased") : t("，已减少！", ", DECREASED"));
    }
    out << "\n";
}

void print_route_notes(const analysis::IndicatorResult& r, const Lang& t, std::ostream& out) {
    for (const auto& z : r.zones) {
        if (z.raster && z.raster->flagged) {
            out << fmt::format(t("注意：{} 矢量法与栅格法相差 {:.2f} 个百分点（{}），超过容差 {:g}\n",
                                 "note: {} vector and raster routes differ by {:.2f} pp ({}), above the {:g} pp tolerance\n"),
                               z.name, z.raster->max_diff_pp, layers::group_label(z.raster->max_diff_group, t.en ? "en" : "zh"),
                               r.settings.route_tolerance_pct);
        }
    }
}

class IndicatorsCommand : public Command {
public:
    const char* name() const override { return "indicators"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("把规划的生态指标核算成可复核的证据：森林覆盖率（目标 ≥ 15%）、湿地保护率（≥ 70%）、生态保护红线"
              "面积占国土面积的比例（不得降低），分全区和各乡镇，用两条相互独立的路线计算（三调地类图斑；分类栅格，"
              "按像元精确的面积比例），并附地类面积表、地图、计算方法和输入数据的校验值。",
              "Compute the plan's ecological indicators as auditable evidence: forest coverage (target ≥ 15 %), "
              "wetland protection rate (≥ 70 %) and the red line's share of the territory (must not fall), for the "
              "district and each township, by two independent routes (land-use polygons; a classified raster with "
              "exact pixel fractions), with the land-class tables, maps, method and input checksums."));
        sub.add_option("PROJECT", project_,
                       t("项目文件（.toml）；不给出时用", "Project file (.toml); default: ") + default_project_hint(t))
            ->check(CLI::ExistingFile);
        sub.add_option("--out", out_,
                       t("输出文件夹：indicators.json/.csv/.xlsx/.gpkg/.html 和 landclass.csv",
                         "Directory for indicators.json/.csv/.xlsx/.gpkg/.html and landclass.csv"))
            ->required();
        sub.add_option(
               "--forest-basis", forest_basis_,
               t("森林覆盖率口径：post_sandiao（三调后口径，默认：0301 乔木林地 + 0302 竹林地 + 国家特别规定"
                 "灌木林地）或 legacy（原林业口径：另加覆盖度 30% 以上的灌木林地）；也可写 三调后口径/原林业口径",
                 "post_sandiao (default: 0301+0302+special shrubland) or legacy (adds shrubland > 30 % cover); "
                 "or 三调后口径/原林业口径"))
            ->transform(choice_of(
                {{"post_sandiao", {"三调后口径", "三调后"}}, {"legacy", {"原林业口径", "林业口径", "原口径"}}}, t));
        sub.add_option("--wetland-basis", wetland_basis_,
                       t("湿地口径：sandiao00（默认，三调 00 湿地类）、legal（《湿地保护法》法定口径）或 gbt21010b"
                         "（GB/T 21010-2017 附录 B）；也可写 三调湿地/法定口径/国标附录B",
                         "sandiao00 (default, 三调 class 00), legal (Wetland Protection Law) or gbt21010b; or "
                         "三调湿地/法定口径/国标附录B"))
            ->transform(choice_of({{"sandiao00", {"三调湿地", "三调"}},
                                   {"legal", {"法定口径", "湿地保护法"}},
                                   {"gbt21010b", {"国标附录B", "附录B"}}},
                                  t));
        sub.add_option("--area-mode", area_mode_,
                       t("面积计算方式：ellipsoidal（椭球面积，默认，CGCS2000）或 planar（高斯-克吕格投影平面面积）；"
                         "也可写 椭球/平面",
                         "ellipsoidal (default, CGCS2000) or planar (Gauss-Krüger plane); or 椭球/平面"))
            ->transform(choice_of(area_mode_choices(), t));
        sub.add_flag("--no-raster", no_raster_, t("不走栅格路线，只用地类图斑计算", "Skip the raster route"));
        sub.add_flag("--progress", progress_,
                     t("不在终端上运行时也在标准错误输出上显示进度",
                       "Report progress on stderr even when it is not a terminal"));
        add_threads_option(sub, threads_, t);
        add_output_options(sub, output_, t);
        sub.footer(
            t("示例：\n"
              "  ecozone indicators sample_shapefiles/hongsibu.toml --out out/indicators\n"
              "  ecozone indicators my_county.toml --out evidence --forest-basis 原林业口径 --lang en\n"
              "  ecozone indicators my_county.toml --out evidence --wetland-basis legal --area-mode 平面\n"
              "输出文件先以临时文件名写出，全部写完后才改为正式文件名。\n"
              "退出码：0 已算出（无论是否达标），1 数据有问题，2 命令行用法错误。",
              "Examples:\n"
              "  ecozone indicators sample_shapefiles/hongsibu.toml --out out/indicators\n"
              "  ecozone indicators my_county.toml --out evidence --forest-basis legacy --lang en\n"
              "  ecozone indicators my_county.toml --out evidence --wetland-basis legal --area-mode planar\n"
              "Outputs are written to temporary names and renamed only when all are complete.\n"
              "Exit codes: 0 computed (whether or not targets are met), 1 bad data, 2 usage error."));
    }

    int run(Streams io) override {
        Progress progress(6, progress_, output_.terminal());
        const layers::Project project = layers::load_project(resolve_project_path(project_));
        analysis::require_core_roles(project, "indicators");
        analysis::IndicatorOptions options;
        options.mode = geo::parse_area_mode(area_mode_.empty() ? project.area_mode : area_mode_);
        if (!forest_basis_.empty()) options.forest_basis = forest_basis_;
        if (!wetland_basis_.empty()) options.wetland_basis = wetland_basis_;
        options.raster = !no_raster_;
        options.threads = threads_;
        const Lang t = output_.text();

        // The output directory is prepared first: an unwritable --out fails before the work.
        layers::OutputSet outputs(out_, "indicators");
        // The layers the indicators use; the others (sites, receptors, ...) are neither read nor cited.
        using R = layers::VectorRole;
        report::InputSelection used;
        used.vectors = {R::District,     R::Townships,    R::Redline,           R::Landuse,         R::ReserveZones,
                        R::WetlandParks, R::WetlandSites, R::ImportantWetlands, R::SpecialShrubland};
        if (options.raster) used.rasters = {layers::RasterRole::Landuse};
        std::future<Provenance> provenance = report::collect_provenance_async(project, invocation, used);
        geo::GeosContext geos;
        auto catalogue_owner =
            std::make_unique<const layers::Catalogue>(layers::load_catalogue(project, geos, used.vectors));
        const layers::Catalogue& catalogue = *catalogue_owner;
        progress.step("已读入图层", "layers read");
        auto result_owner = std::make_unique<const analysis::IndicatorResult>(
            analysis::compute_indicators(catalogue, geos, options));
        const analysis::IndicatorResult& result = *result_owner;
        progress.step("指标已算出", "indicators computed");
        Provenance prov = provenance.get();
        progress.step("已计算输入数据校验值", "input checksums");
        prov.seconds = progress.seconds();

        // The GeoPackage (a county's land-use polygons and their pieces) on the second core while
        // this thread writes the tables and the report; both only read the result.  A future of
        // std::async waits for its thread when destroyed, also when a write here throws.
        const std::string indicators_gpkg = outputs.temp_path("indicators.gpkg");
        std::future<void> gpkg_written = std::async(std::launch::async, [&, t] {
            const geo::GeosContext own;  // a GEOS context is not shared between threads
            write_indicators_gpkg(indicators_gpkg, result, catalogue, own, t);
            report::write_layer_styles(indicators_gpkg,
                                       report::indicators_gpkg_styles(t, result.settings.forest_target_pct));
        });
        const nlohmann::json json = indicators_json(result, catalogue, prov);
        outputs.write_text("indicators.json", json.dump(2) + "\n");
        // The two tables of the CSVs are the two sheets of the workbook.
        const std::vector<report::Table> tables = {report::indicators_table(result, t),
                                                   report::landclass_table(result, t)};
        outputs.write_text("indicators.csv", report::csv_table(tables[0]));
        outputs.write_text("landclass.csv", report::csv_table(tables[1]));
        report::write_xlsx(outputs.temp_path("indicators.xlsx"), tables);
        outputs.write_text("indicators.html", indicators_html(result, catalogue, prov, geos, t));
        progress.step("已写出报告", "report written");
        gpkg_written.get();
        progress.step("已写出 GeoPackage", "GeoPackage written");
        const auto files = outputs.commit(prov.run_id);
        progress.step("输出文件已就位", "outputs committed");
        // The result's land-use pieces (a county's polygons cut by township) go with the catalogue.
        release_at_exit(result_owner, process_ends_after);
        release_at_exit(catalogue_owner, process_ends_after);

        if (output_.json) {
            io.out << json["targets"].dump(2) << "\n";
            return kExitOk;
        }
        // The terminal speaks the terminal's language; the files above are in the report's.
        print_summary(result, output_.terminal(), io.out);
        io.out << fmt::format("{}:", output_.terminal()("输出", "outputs"));
        for (const auto& f : files) io.out << "\n  " << f;
        io.out << "\n";
        return kExitOk;
    }

private:
    std::string project_, out_, forest_basis_, wetland_basis_, area_mode_;
    bool no_raster_ = false, progress_ = false;
    OutputOptions output_;
    int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_indicators_command() { return std::make_unique<IndicatorsCommand>(); }

}  // namespace ecozone::cli
