// `ecozone indicators [PROJECT] --out DIR`: the evidence for the plan's targets.
#include "analysis/indicators.h"
#include "analysis/role_dependencies.h"
#include "cli/command.h"
#include "report/indicators/indicators_gpkg.h"
#include "report/indicators/indicators_html.h"
#include "report/indicators/indicators_json.h"
#include "cli/output_options.h"
#include "cli/progress.h"
#include "cli/project_path.h"
#include "geo/errors.h"
#include "layers/output_set.h"
#include "report/common/csv_table.h"
#include "report/common/xlsx_table.h"
#include "report/indicators/indicators_table.h"
#include "report/indicators/landclass_table.h"

#include <fmt/format.h>

#include <ostream>

namespace ecozone::cli {

// The reports this command writes (report/).
using report::Provenance;
using report::collect_provenance;
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

    void setup(CLI::App& sub) override {
        sub.description(
            "Compute the plan's ecological indicators as auditable evidence: forest coverage (target ≥ 15 %), "
            "wetland protection rate (≥ 70 %) and the red line's share of the territory (must not fall), for the "
            "district and each township, by two independent routes (land-use polygons; a classified raster with "
            "exact pixel fractions), with the land-class tables, maps, method and input checksums.");
        sub.add_option("PROJECT", project_, "Project file (.toml); default: " + default_project_hint())
            ->check(CLI::ExistingFile);
        sub.add_option("--out", out_, "Directory for indicators.json/.csv/.xlsx/.gpkg/.html and landclass.csv")
            ->required();
        sub.add_option("--forest-basis", forest_basis_,
                       "post_sandiao (default: 0301+0302+special shrubland) or legacy (adds shrubland > 30 % cover)")
            ->check(CLI::IsMember({"post_sandiao", "legacy"}));
        sub.add_option("--wetland-basis", wetland_basis_,
                       "sandiao00 (default, 三调 class 00), legal (Wetland Protection Law) or gbt21010b")
            ->check(CLI::IsMember({"sandiao00", "legal", "gbt21010b"}));
        sub.add_option("--area-mode", area_mode_, "ellipsoidal (default, CGCS2000) or planar (Gauss-Krüger plane)")
            ->check(CLI::IsMember({"ellipsoidal", "planar"}));
        sub.add_flag("--no-raster", no_raster_, "Skip the raster route");
        sub.add_flag("--progress", progress_, "Report progress on stderr even when it is not a terminal");
        add_threads_option(sub, threads_);
        add_output_options(sub, output_);
        sub.footer(
            "Examples:\n"
            "  ecozone indicators sample_shapefiles/hongsibu.toml --out out/indicators\n"
            "  ecozone indicators my_county.toml --out evidence --forest-basis legacy --lang en\n"
            "  ecozone indicators my_county.toml --out evidence --wetland-basis legal --area-mode planar\n"
            "Outputs are written to temporary names and renamed only when all are complete.\n"
            "Exit codes: 0 computed (whether or not targets are met), 1 bad data, 2 usage error.");
    }

    int run(Streams io) override {
        Progress progress(6, progress_);
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
        geo::GeosContext geos;
        // The layers the indicators use; the others (sites, receptors, ...) are not read.
        using R = layers::VectorRole;
        const layers::Catalogue catalogue = layers::load_catalogue(
            project, geos,
            {R::District, R::Townships, R::Redline, R::Landuse, R::ReserveZones, R::WetlandParks, R::WetlandSites,
             R::ImportantWetlands, R::SpecialShrubland});
        progress.step("layers read");
        const analysis::IndicatorResult result = analysis::compute_indicators(catalogue, geos, options);
        progress.step("indicators computed");
        Provenance prov = collect_provenance(project, invocation);
        progress.step("input checksums");
        prov.seconds = progress.seconds();

        const nlohmann::json json = indicators_json(result, catalogue, prov);
        outputs.write_text("indicators.json", json.dump(2) + "\n");
        // The two tables of the CSVs are the two sheets of the workbook.
        const std::vector<report::Table> tables = {report::indicators_table(result, t),
                                                   report::landclass_table(result, t)};
        outputs.write_text("indicators.csv", report::csv_table(tables[0]));
        outputs.write_text("landclass.csv", report::csv_table(tables[1]));
        report::write_xlsx(outputs.temp_path("indicators.xlsx"), tables);
        write_indicators_gpkg(outputs.temp_path("indicators.gpkg"), result, catalogue, geos, t);
        progress.step("GeoPackage written");
        outputs.write_text("indicators.html", indicators_html(result, catalogue, prov, geos, t));
        progress.step("report written");
        const auto files = outputs.commit(prov.run_id);
        progress.step("outputs committed");

        if (output_.json) {
            io.out << json["targets"].dump(2) << "\n";
            return kExitOk;
        }
        print_summary(result, t, io.out);
        io.out << fmt::format("{}:", t("输出", "outputs"));
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
