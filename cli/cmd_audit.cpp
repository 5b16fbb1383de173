// `ecozone audit [PROJECT] [--before R1 --after R2] [--previous REGISTER] --out DIR`.
#include "analysis/change_patches.h"
#include "analysis/change_tile_partial.h"
#include "analysis/change_tiles.h"
#include "analysis/parallel.h"
#include "analysis/patch_register.h"
#include "cli/command.h"
#include "cli/output_options.h"
#include "analysis/previous_register.h"
#include "analysis/two_date_grids.h"
#include "cli/progress.h"
#include "cli/project_path.h"
#include "cli/text_table.h"
#include "geo/errors.h"
#include "layers/output_set.h"
#include "report/audit/audit_gpkg_styles.h"
#include "report/audit/audit_report.h"
#include "report/audit/patch_images.h"
#include "report/audit/patches_table.h"
#include "report/common/csv_table.h"
#include "report/common/xlsx_table.h"

#include <fmt/format.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <ostream>

namespace ecozone::cli {

// The reports this command writes (report/).
using report::AuditContext;
using report::Provenance;
using report::audit_json;
using report::write_audit_gpkg;
using report::write_rejected_gpkg;
using report::grade_counts;
using report::audit_html;

namespace {

class AuditCommand : public Command {
public:
    const char* name() const override { return "audit"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("用两期分类栅格开展人类活动监测（绿盾）：按项目 [audit] 节的地类转换表找出变化像元；抑制噪声（邻域确认、"
              "原有地类边缘位移、分类器自身易混淆的地类；可选 3×3 众数滤波和核心像元检验）；每个图斑评定 高/中/低 "
              "置信等级并附证据，剔除的候选图斑全部列入 rejected.gpkg；图斑按 8 连通或 4 连通逐行分块提取，各类活动"
              "有各自的最小上图面积；然后生成供外业核查的图斑台账——编号、活动类型、面积（公顷，椭球面积）、中心点"
              "经纬度和高斯-克吕格 X/Y、所在最严格的自然保护区功能区及在各功能区内的面积、是否在生态保护红线内、"
              "所在乡镇和村、道路中心线长度、留空的核查栏——并与上一期台账比较变化。",
              "Human-activity audit (绿盾) from two dated classified rasters: changed pixels per the project's "
              "[audit] transition table, noise suppressed (neighbourhood confirmation, shifted edges of existing "
              "land, the classifier's own confusions; optionally a 3×3 majority filter and core pixels), each "
              "patch graded 高/中/低 with its evidence and every removed candidate listed in rejected.gpkg, "
              "patches as 8- or 4-connected regions streamed band by band, minimum mapping units per activity, "
              "then the register officers take into the field — id, activity, area (hm², ellipsoidal), centre "
              "lon/lat and Gauss-Krüger X/Y, the most protective reserve zone with the area in each, red-line "
              "flag, township and village, road centreline length, empty verification fields — and what changed "
              "since a previous register."));
        sub.add_option("PROJECT", project_,
                       t("项目文件（.toml）；不给出时用", "Project file (.toml); default: ") + default_project_hint(t))
            ->check(CLI::ExistingFile);
        auto* b = sub.add_option(
            "--before", before_,
            t("前一期分类栅格（默认：[rasters.landuse]）", "Earlier classified raster (default: [rasters.landuse])"));
        auto* a = sub.add_option("--after", after_,
                                 t("后一期分类栅格（默认：[rasters.landuse_after]）",
                                   "Later classified raster (default: [rasters.landuse_after])"));
        b->needs(a);
        a->needs(b);
        auto* patches = sub.add_option("--patches", patches_,
                                       t("外部提供的变化图斑图层（带活动类型字段的面图层）：直接归属并登记入册，"
                                         "不再重新检测",
                                         "An external change-patch layer (polygons with an activity-type field): "
                                         "attributed and registered, not re-detected"));
        patches->excludes(b);
        patches->excludes(a);
        sub.add_option("--layer", patches_layer_,
                       t("--patches 含多个图层时（GeoPackage、PG: 数据库）要读取的图层",
                         "Layer of --patches when it holds several (GeoPackage, PG: database)"))
            ->needs(patches);
        sub.add_option("--activity-field", activity_field_,
                       t("--patches 中记录活动类型 01–10 的字段（默认：HDLX、activity 或 type）",
                         "Field of --patches holding the activity type 01–10 (default: HDLX, activity or type)"));
        sub.add_option("--previous", previous_,
                       t("上一期监测的 patches.gpkg，用于标出新增 / 扩大 / 未变 / 缩小的图斑",
                         "The previous audit's patches.gpkg, to report new / expanded / unchanged / reduced patches"));
        sub.add_option("--connectivity", connectivity_,
                       t("连通方式：8（默认）或 4；也可写 八连通/四连通", "8 (default) or 4"))
            ->transform(choice_of({{"8", {"八连通"}}, {"4", {"四连通"}}}, t));
        sub.add_flag("!--majority-filter,--no-majority-filter", no_majority_,
                     t("比较前先对两期影像做 3×3 众数滤波（默认关闭：它会抹掉 2–3 个像元的真实图斑——10 米分辨率、"
                       "无噪声时召回率从 1.00 降到 0.88；孤立噪点已由邻域确认去除，分类器的混淆由易混淆地类阶段去除；"
                       "bench/run_audit_quality.sh 对两种做法都有测量）",
                       "Smooth each date with a 3×3 majority filter before comparing (default off: it erases real "
                       "patches of 2–3 pixels — recall 0.88 instead of 1.00 at 10 m without noise — while lone specks "
                       "go by the neighbourhood confirmation and the classifier's confusions by the noisy-transition "
                       "stage; bench/run_audit_quality.sh measures both)"));
        sub.add_option(
               "--min-core-pixels", min_core_,
               t("核心像元少于此数的图斑剔除（0 = 不检验）", "Drop patches with fewer core pixels than this (0 = off)"))
            ->check(CLI::Range(0, 1000000));
        sub.add_flag("--confirm-neighbourhood,!--no-confirm-neighbourhood", confirm_,
                     t("相邻像元也发生同类变化时才计入变化像元（默认开启：孤立的零星变化是分类器的噪声，不是人类活动）",
                       "Count a changed pixel only if a neighbour changed alike (default on: lone speckle changes are "
                       "the classifier's noise, not activity)"));
        sub.add_flag("--keep-boundary-shifts", keep_shifts_,
                     t("保留只是把原有农田、居民点等的边缘挪动一个像元的图斑（默认剔除：这类图斑的每个像元——或处处"
                       "不足 3 个像元宽的图斑的 3/4 像元——在前一期紧挨同类地物，是配准误差和混合边缘像元的特征）。"
                       "与 --skip-stage boundary_shift 相同",
                       "Keep patches that only move an existing field's or settlement's edge by a pixel (dropped by "
                       "default: every pixel of such a patch — or 3/4 of a patch nowhere 3 pixels wide — touches the "
                       "same land on the before date, the mark of misregistration and mixed edge pixels). Same as "
                       "--skip-stage boundary_shift"));
        sub.add_option("--max-shift-pixels", max_shift_,
                       t("按边缘位移剔除的条带最长多少像元（默认 0：不限长度——混合边缘像元会沿整条田块边缘形成条带）",
                         "Largest boundary-shift strip dropped, in pixels (default 0: any length — mixed edge pixels "
                         "make strips along whole field edges)"))
            ->check(CLI::Range(0, 1000000));
        sub.add_option(
               "--skip-stage", skip_stages_,
               t("关闭某个滤除阶段（可重复）：confirm（邻域确认）、boundary_shift（边缘位移）、noisy_transition"
                 "（易混淆地类）、mmu（最小上图面积），例如用来查看每个阶段去除了什么（rejected.gpkg 中总会列出）",
                 "Switch a filter stage off (repeatable): confirm, boundary_shift, noisy_transition, mmu — e.g. "
                 "to see what each stage removes (rejected.gpkg lists it anyway); or 邻域确认/边缘位移/易混淆地类/"
                 "最小上图面积"))
            ->transform(choice_of({{"confirm", {"邻域确认"}},
                                   {"boundary_shift", {"边缘位移", "边界位移"}},
                                   {"noisy_transition", {"易混淆地类", "易混淆"}},
                                   {"mmu", {"最小上图面积"}}},
                                  t));
        sub.add_option("--min-confidence", min_confidence_,
                       t("只登记置信度不低于此值的图斑：0–1 之间的数，或等级 高/中/低（高 ≥ 0.7，中 ≥ 0.4），其余列入 "
                         "rejected.gpkg。默认：全部登记并评定等级",
                         "Register only patches of at least this confidence: a number 0–1, or a grade 高/中/低 "
                         "(high ≥ 0.7, medium ≥ 0.4); the others go to rejected.gpkg. Default: every patch, graded"));
        sub.add_option("--scope", scope_,
                       t("protected（默认）：登记与自然保护区功能区或生态保护红线相交的图斑，即年度监测要求的范围；"
                         "district：登记全区所有图斑（保护地以外的标为 非保护地）；也可写 保护地/全区",
                         "protected (default): register the patches that touch the reserve's zones or the red line, as "
                         "the annual audit asks; district: every patch in the district (those outside are marked "
                         "非保护地); or 保护地/全区"))
            ->transform(choice_of({{"protected", {"保护地", "自然保护地"}}, {"district", {"全区"}}}, t));
        sub.add_option("--out", out_,
                       t("输出文件夹：patches.gpkg/.csv/.xlsx、audit.json 和 audit.html",
                         "Directory for patches.gpkg/.csv/.xlsx, audit.json and audit.html"))
            ->required();
        sub.add_flag("--progress", progress_,
                     t("不在终端上运行时也在标准错误输出上显示进度",
                       "Report progress on stderr even when it is not a terminal"));
        add_threads_option(sub, threads_, t);
        auto* tiles = sub.add_option(
            "--tiles", tiles_,
            t("分块监测：把两期栅格分成 行数x列数 块（如 2x2、1x4），或 auto（按 --memory-mb 由栅格大小决定）；"
              "每块只读自己的窗口和滤波所需的几列边缘，跨块的图斑在汇总时连接，台账与不分块时逐字段相同",
              "Tiled audit: split the raster pair into ROWSxCOLS tiles (e.g. 2x2, 1x4), or auto (from the "
              "raster size and --memory-mb); each tile reads only its window and the few columns the filters "
              "need, patches crossing tiles are joined at the merge, and the register is field by field the "
              "untiled one"));
        tiles->excludes(patches);
        sub.add_option("--memory-mb", memory_mb_,
                       t("--tiles auto：每个分块任务的内存预算（MB，默认 2048）",
                         "--tiles auto: the memory budget of each tile task (MB, default 2048)"))
            ->needs(tiles)
            ->check(CLI::Range(1, 1 << 24));
        auto* tile = sub.add_option("--tile", tile_,
                                    t("只计算第 K 块（从 0 起、按行），把结果 tile.bin 写入 --out，供 --from-tiles 汇总"
                                      "（活动的分块任务）",
                                      "Compute only tile K (from 0, row by row) and write its result tile.bin to "
                                      "--out, for --from-tiles to merge (a campaign's tile task)"))
                         ->needs(tiles)
                         ->check(CLI::Range(0, 1000000));
        sub.add_option("--from-tiles", from_tiles_,
                       t("汇总各分块任务的结果（--tile 写出的文件夹或 tile.bin，每块一个）并生成台账",
                         "Merge the tile tasks' results (the folders --tile wrote, or their tile.bin, one per "
                         "tile) into the register"))
            ->needs(tiles)
            ->excludes(tile);
        // Test-only: a halo narrower than the filters need must change the register (proves it matters).
        sub.add_option("--tile-halo", tile_halo_, "")->group("")->needs(tiles);
        add_output_options(sub, output_, t);
        sub.footer(
            t("示例：\n"
              "  ecozone audit --out out/audit                                 示例项目的两期栅格\n"
              "  ecozone audit my.toml --before lc2023.tif --after lc2024.tif --previous out/2023/patches.gpkg "
              "--out out/2024\n"
              "  ecozone audit my.toml --scope 全区 --min-confidence 中 --out out/2024_all\n"
              "  ecozone audit my.toml --tiles 4x4 --out out/2024                 分块监测（docs/audit.md §10）\n"
              "退出码：0 完成，1 数据有问题（如栅格无法读取、项目缺少 [audit] 节），2 命令行用法错误。",
              "Examples:\n"
              "  ecozone audit --out out/audit                                 the sample's two rasters\n"
              "  ecozone audit my.toml --before lc2023.tif --after lc2024.tif --previous out/2023/patches.gpkg "
              "--out out/2024\n"
              "  ecozone audit my.toml --scope district --min-confidence medium --out out/2024_all\n"
              "  ecozone audit my.toml --tiles 4x4 --out out/2024                 tiled (docs/audit.md §10)\n"
              "Exit codes: 0 done, 1 bad data (e.g. an unreadable raster, no [audit] section), 2 usage "
              "error."));
    }

    int run(Streams io) override {
        Progress progress(4, progress_, output_.terminal());
        const layers::Project project = layers::load_project(resolve_project_path(project_));
        if (!project.audit.configured) {
            throw make_error<DataError>(
                "{}：没有 [audit] 节；请写明哪些栅格类别是自然地类、哪种变化属于哪类活动（参见 "
                "sample_shapefiles/hongsibu.toml）",
                "{}: no [audit] section; say which raster classes are natural and which change is which activity "
                "(see sample_shapefiles/hongsibu.toml)",
                project.file);
        }
        const Lang t = output_.text();
        // A tile task writes its own small set (tile.bin, audit-tile.json), never the register.
        const bool tile_task = tile_ >= 0;
        layers::OutputSet outputs(out_, tile_task ? "audit-tile" : "audit");
        // Hashing every input is the register's provenance; a tile task has none to write.
        if (!tile_task) provenance_ = report::collect_provenance_async(project, invocation, used_inputs());
        geo::GeosContext geos;
        using R = layers::VectorRole;
        const layers::Catalogue cat = layers::load_catalogue(project, geos, audit_roles());
        AuditContext ctx;
        ctx.year = project.audit.year;
        for (const auto& c : project.raster_classes) {
            ctx.class_names[c.value] = c.code.empty() ? c.name : c.code + " " + c.name;
        }
        ctx.batch = project.audit.batch;
        ctx.reserve_name = project.name;
        if (const auto* rz = cat.vector(layers::VectorRole::ReserveZones)) {
            if (auto f = project.field(layers::VectorRole::ReserveZones, "name_field"); f && !rz->features.empty()) {
                ctx.reserve_name = layers::to_text(rz->features[0].attrs[rz->require_field(*f, "name_field")]);
            }
        }
        analysis::RegisterOptions ro;
        ro.id_prefix = project.audit.id_prefix.empty() ? project.admin_code : project.audit.id_prefix;
        // Patch ids are PREFIX-YEAR-BATCH-SEQ: without a year or a prefix they would read "-0-1-0001".
        if (project.audit.year == 0 || ro.id_prefix.empty()) {
            const bool no_year = project.audit.year == 0;
            throw make_error<DataError>(
                "{}：图斑编号需要{}；请在 [audit] 中写 id_prefix = \"<行政区划代码>\"（或在 [project] 中写 "
                "admin_code）和 year = <监测年度>",
                "{}: the register's ids need {}; write [audit] id_prefix = \"<admin code>\" "
                "(or [project] admin_code) and year = <monitoring year>",
                project.file, no_year ? "监测年度" : "编号前缀", no_year ? "the monitoring year" : "an id prefix");
        }
        ro.year = ctx.year;
        ro.batch = ctx.batch;
        ro.protected_only = scope_ == "protected";
        if (ro.protected_only && !cat.vector(R::ReserveZones) && !cat.vector(R::Redline)) {
            // Nothing to be inside: a project without reserve zones or red line gets the district.
            ro.protected_only = false;
            ctx.notes.push_back(
                {"项目未提供自然保护区功能区和生态保护红线图层，按全区登记图斑",
                 "the project has no reserve zones and no red line: every patch in the district is registered"});
        }
        ctx.protected_only = ro.protected_only;
        if (!patches_.empty()) return run_external(io, cat, geos, outputs, ctx, ro, t, progress);
        auto raster_path = [&](layers::RasterRole role, const std::string& given, std::string& date) {
            if (!given.empty()) return given;
            auto it = project.rasters.find(role);
            if (it == project.rasters.end()) {
                throw make_error<UsageError>("请给出 --before 和 --after，或在项目文件中写明 [rasters.{}]",
                                             "give --before and --after, or name [rasters.{}] in the project file",
                                             layers::role_key(role));
            }
            date = it->second.date.value_or("");
            return it->second.path;
        };
        ctx.before_path = raster_path(layers::RasterRole::Landuse, before_, ctx.date_before);
        ctx.after_path = raster_path(layers::RasterRole::LanduseAfter, after_, ctx.date_after);
        std::unique_ptr<layers::ClassRaster> before_r =
            std::make_unique<layers::ClassRaster>(ctx.before_path, cat.working.definition);
        std::unique_ptr<layers::ClassRaster> after_r =
            std::make_unique<layers::ClassRaster>(ctx.after_path, cat.working.definition);
        for (const auto& [raster, path] : {std::pair(before_r.get(), ctx.before_path), std::pair(after_r.get(), ctx.after_path)}) {
            if (auto note = analysis::reprojection_note(*raster, path, cat.working)) ctx.notes.push_back(*note);
        }
        if (auto note = analysis::align_grids(before_r, after_r, ctx.before_path, ctx.after_path, cat.working.definition)) {
            io.err << "ecozone audit: " << output_.terminal()(*note) << "\n";
            ctx.notes.push_back(*note);
        }
        const layers::ClassRaster& before = *before_r;
        const layers::ClassRaster& after = *after_r;
        const auto rows = analysis::raster_pair_rows(before, after);
        progress.step("已打开图层和栅格", "layers and rasters opened");

        analysis::TransitionTable table;
        table.natural.insert(project.audit.natural.begin(), project.audit.natural.end());
        for (const auto& [v, code] : project.audit.activity_of_after) table.activity_of_after[v] = code;
        for (const auto& [pair, code] : project.audit.pairs) table.pairs[pair] = code;
        ctx.options.connectivity = connectivity_;
        ctx.options.threads = threads_;
        ctx.options.min_area_m2 = project.audit.min_area_m2;
        ctx.options.noise.majority_filter = !no_majority_;
        ctx.options.noise.min_core_pixels = min_core_;
        ctx.options.noise.confirm_neighbourhood = confirm_;
        ctx.options.noise.drop_boundary_shifts = !keep_shifts_;
        ctx.options.noise.max_shift_pixels = max_shift_;
        ctx.options.noise.min_confidence = parse_min_confidence(min_confidence_);
        for (const std::string& stage : skip_stages_) {
            if (stage == "confirm") ctx.options.noise.confirm_neighbourhood = false;
            if (stage == "boundary_shift") ctx.options.noise.drop_boundary_shifts = false;
            if (stage == "noisy_transition") ctx.options.noise.drop_noisy_transitions = false;
            if (stage == "mmu") ctx.options.min_area_m2.clear();
        }
        const geo::Grid& grid = before.grid();
        ctx.pixel_size_m = std::sqrt(grid.dx * grid.dy);
        analysis::PatchResult found;
        if (tiles_.empty()) {
            found = analysis::find_change_patches(*rows, table, ctx.options, grid.dx * grid.dy);
        } else {
            const analysis::TileLayout layout = tiles_ == "auto"
                                                    ? analysis::auto_tile_layout(grid.cols, grid.rows, memory_mb_)
                                                    : analysis::parse_tile_layout(tiles_);
            const std::string fp = tile_fingerprint(ctx, table, layout, grid, before);
            if (tile_task) return run_tile(io, outputs, *rows, table, ctx.options, layout, fp, cat.working.epsg);
            found = from_tiles_.empty() ? tiled_patches(*rows, table, ctx.options, layout)
                                        : merged_tiles(table, ctx.options, layout, fp, grid);
        }
        ctx.stats = found.stats;
        progress.step("找到 {} 个图斑", "{} patches found", found.patches.size());

        // The removed candidates in the register's scope, for rejected.gpkg: often ten times the
        // patches, so attributed on the second core while the register is built and written.
        analysis::RegisterOptions rejected_scope = ro;
        rejected_scope.id_prefix = "rejected";
        // A local: its destructor waits for the thread before `cat` and the rasters go, also when
        // the register below throws.
        std::future<std::vector<analysis::PatchRecord>> rejected = std::async(std::launch::async, [&cat, &grid, rejected_scope, candidates = std::move(found.rejected)] {
            const geo::GeosContext own;  // a GEOS context is not shared between threads
            return analysis::build_register(candidates, grid, cat, own, rejected_scope);
        });
        auto records = analysis::build_register(found.patches, grid, cat, geos, ro);
        ctx.outside_protected = static_cast<std::int64_t>(found.patches.size() - records.size());
        ctx.stats.patches = static_cast<std::int64_t>(records.size());
        return finish(io, cat, geos, outputs, ctx, std::move(records), &before, &after, t, progress, rejected);
    }

private:
    // What a tile's pixels depend on: the rasters, their grid, the pixel filters, the transition
    // table and the tiling.  The merge refuses tile results whose fingerprint is not its own.
    std::string tile_fingerprint(const AuditContext& ctx, const analysis::TransitionTable& table,
                                 const analysis::TileLayout& layout, const geo::Grid& grid,
                                 const layers::ClassRaster& before) const {
        namespace fs = std::filesystem;
        auto abs = [](const std::string& p) { return fs::absolute(p).lexically_normal().string(); };
        std::string s = fmt::format("before={}\nafter={}\ngrid={}x{}@{},{}/{},{}\nnodata={}:{}\n", abs(ctx.before_path),
                                    abs(ctx.after_path), grid.cols, grid.rows, grid.xmin, grid.ymax, grid.dx, grid.dy,
                                    before.has_nodata(), before.nodata());
        const auto& o = ctx.options;
        s += fmt::format("majority={} confirm={} connectivity={} tiles={} halo={}\n", o.noise.majority_filter,
                         o.noise.confirm_neighbourhood, o.connectivity, layout.spec(), halo_of(o));
        s += fmt::format("natural={}\n", fmt::join(table.natural, ","));
        for (const auto& [v, code] : table.activity_of_after) s += fmt::format("after {}={}\n", v, code);
        for (const auto& [pair, code] : table.pairs) s += fmt::format("pair {}->{}={}\n", pair.first, pair.second, code);
        return s;
    }

    int halo_of(const analysis::PatchOptions& o) const {
        return tile_halo_ >= 0 ? tile_halo_ : analysis::tile_halo(o.noise);
    }

    // --tiles without --tile / --from-tiles: every tile in this process (one worker per tile at a
    // time, each reading only its window), then the same join as tasks' results.
    analysis::PatchResult tiled_patches(const analysis::TwoDateRows& rows, const analysis::TransitionTable& table,
                                        const analysis::PatchOptions& options, const analysis::TileLayout& layout) {
        const geo::Grid& grid = rows.grid();
        const int n = layout.count();
        std::vector<analysis::PixelWindow> windows;
        for (int k = 0; k < n; ++k) windows.push_back(analysis::tile_window(layout, k, grid.cols, grid.rows));
        int workers = std::min(analysis::worker_count(options.threads), n);
        std::vector<std::unique_ptr<analysis::TwoDateRows>> clones;
        for (int i = 1; i < workers; ++i) {
            auto c = rows.clone();
            if (!c) break;
            clones.push_back(std::move(c));
        }
        workers = static_cast<int>(clones.size()) + 1;
        std::vector<analysis::LabelledWindow> labelled(static_cast<size_t>(n));
        analysis::run_workers(workers, [&](int w) {
            const analysis::TwoDateRows& source = w == 0 ? rows : *clones[static_cast<size_t>(w) - 1];
            for (int k = w; k < n; k += workers) {
                labelled[static_cast<size_t>(k)] =
                    analysis::label_window(source, table, options, windows[static_cast<size_t>(k)], halo_of(options));
            }
        });
        return analysis::patches_from_windows(std::move(labelled), grid.cols, grid.rows, options, grid.dx * grid.dy);
    }

    // --from-tiles: the tasks' results, checked against this run's inputs and options, joined.
    analysis::PatchResult merged_tiles(const analysis::TransitionTable&, const analysis::PatchOptions& options,
                                       const analysis::TileLayout& layout, const std::string& fingerprint,
                                       const geo::Grid& grid) {
        namespace fs = std::filesystem;
        std::vector<analysis::LabelledWindow> labelled;
        for (const std::string& given : from_tiles_) {
            const std::string path = fs::is_directory(given) ? (fs::path(given) / kTileFile).string() : given;
            analysis::TilePartial p = analysis::read_tile_partial(path);
            if (p.fingerprint != fingerprint || p.grid_cols != grid.cols || p.grid_rows != grid.rows) {
                throw make_error<DataError>(
                    "{}：这个分块结果来自另一次运行（栅格、滤波选项、地类转换表或分块 {} 不同）；请用相同的选项重新运行分块任务",
                    "{}: this tile result comes from another run (other rasters, pixel filters, transition table or "
                    "tiling than {}); run the tile tasks again with the same options",
                    path, layout.spec());
            }
            labelled.push_back(std::move(p.labels));
        }
        if (static_cast<int>(labelled.size()) != layout.count()) {
            throw make_error<UsageError>("--from-tiles：{} 分块需要 {} 个结果，给出了 {} 个",
                                         "--from-tiles: {} tiles need {} results, {} given", layout.spec(),
                                         layout.count(), labelled.size());
        }
        return analysis::patches_from_windows(std::move(labelled), grid.cols, grid.rows, options, grid.dx * grid.dy);
    }

    // --tile K: label one tile and write its result (tile.bin) and a small report (audit-tile.json).
    int run_tile(Streams io, layers::OutputSet& outputs, const analysis::TwoDateRows& rows,
                 const analysis::TransitionTable& table, const analysis::PatchOptions& options,
                 const analysis::TileLayout& layout, const std::string& fingerprint, int epsg) {
        const auto start = std::chrono::steady_clock::now();
        const geo::Grid& grid = rows.grid();
        analysis::TilePartial p;
        p.fingerprint = fingerprint;
        p.tile = tile_;
        p.grid_cols = grid.cols;
        p.grid_rows = grid.rows;
        p.labels = analysis::label_window(rows, table, options, analysis::tile_window(layout, tile_, grid.cols, grid.rows),
                                          halo_of(options));
        analysis::write_tile_partial(outputs.temp_path(kTileFile), p);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const auto& w = p.labels.window;
        const nlohmann::json j = {
            {"tile", tile_},
            {"tiles", layout.spec()},
            {"window", {{"row0", w.row0}, {"row1", w.row1}, {"col0", w.col0}, {"col1", w.col1}}},
            {"halo", halo_of(options)},
            {"changed_pixels_raw", p.labels.changed_raw},
            {"changed_pixels_after_filter", p.labels.changed_after_filter},
            {"labelled_pixels", p.labels.cells.size()},
            {"seconds", seconds},
            {"peak_rss_kb", usage.ru_maxrss},
            {"method", {{"working_crs", {{"epsg", epsg}}}}},
            {"invocation", invocation}};
        outputs.write_text("audit-tile.json", j.dump(2) + "\n");
        const auto files = outputs.commit();
        const Lang t = output_.terminal();
        if (output_.json) {
            io.out << j.dump(2) << "\n";
            return kExitOk;
        }
        io.out << fmt::format(t("分块 {}/{}（{}）：行 {}–{}、列 {}–{}，变化像元 {}，{:.1f} 秒，峰值内存 {} MB\n",
                                "tile {} of {} ({}): rows {}–{}, columns {}–{}, {} changed pixels, {:.1f} s, peak {} MB\n"),
                              tile_, layout.count(), layout.spec(), w.row0, w.row1 - 1, w.col0, w.col1 - 1,
                              p.labels.cells.size(), seconds, usage.ru_maxrss / 1024);
        io.out << fmt::format("{}:", t("输出", "outputs"));
        for (const auto& f : files) io.out << "\n  " << f;
        io.out << "\n";
        return kExitOk;
    }

    static constexpr const char* kTileFile = "tile.bin";

    // --min-confidence: a number 0–1 or a grade (高/中/低, high/medium/low).
    static double parse_min_confidence(const std::string& v) {
        if (v.empty() || v == "低" || v == "low") return 0.0;
        if (v == "中" || v == "medium") return analysis::kGradeMedium;
        if (v == "高" || v == "high") return analysis::kGradeHigh;
        try {
            size_t used = 0;
            const double x = std::stod(v, &used);
            if (used == v.size() && x >= 0 && x <= 1) return x;
        } catch (const std::exception&) {
        }
        throw make_error<UsageError>("--min-confidence：“{}”既不是 0 到 1 之间的数，也不是等级 高/中/低",
                                     "--min-confidence: '{}' is neither a number from 0 to 1 nor a grade 高/中/低 "
                                     "(high/medium/low)",
                                     v);
    }

    // An external change-patch layer: attributed and registered like detected patches.
    int run_external(Streams io, const layers::Catalogue& cat,
                     const geo::GeosContext& geos, layers::OutputSet& outputs, AuditContext& ctx,
                     const analysis::RegisterOptions& ro, const Lang& t, Progress& progress) {
        layers::ReadOptions o;
        o.target_crs = cat.working.definition;
        if (!patches_layer_.empty()) o.layer_name = patches_layer_;
        const layers::VectorLayer l = layers::read_vector(geos, patches_, o);
        std::optional<size_t> field;
        if (!activity_field_.empty()) {
            field = l.require_field(activity_field_, "--activity-field");
        } else {
            for (const char* n : {"HDLX", "HDLXDM", "activity", "type"}) {
                if ((field = l.field_index(n))) break;
            }
        }
        if (!field) {
            throw make_error<UsageError>("{}：没有活动类型字段（HDLX、activity、type）；请用 --activity-field 指明",
                                         "{}: no activity-type field (HDLX, activity, type); name it with "
                                         "--activity-field",
                                         patches_);
        }
        std::vector<analysis::ExternalPatch> external;
        for (const auto& f : l.features) {
            std::string code = layers::to_text(f.attrs[*field]);
            code = code.substr(0, code.find_first_of(" 　"));  // "02 居民点" -> "02"
            if (code.size() == 1) code = "0" + code;
            if (code.size() != 2 || code < "01" || code > "10") {
                throw make_error<DataError>(
                    "{}：要素 {} 的活动类型为“{}”，不是 01–10 中的一类（01 农业用地、02 居民点、03 工矿用地、04 采"
                    "石场、05 能源设施、06 旅游设施、07 交通设施、08 养殖场、09 道路、10 其他人工设施；见 "
                    "docs/audit.md）；请改正该字段，"
                    "或用 --activity-field 指明另一个字段",
                    "{}: feature {} has activity '{}', not a type 01–10 (01 agriculture, 02 "
                    "settlement, 03 industry/mining, 04 quarry, 05 energy, 06 tourism, 07 "
                    "transport, 08 livestock farm, 09 road, 10 other; see docs/audit.md); "
                    "correct the field or name another with --activity-field",
                    patches_, f.fid, layers::to_text(f.attrs[*field]));
            }
            external.push_back({f.geom.get(), code, std::to_string(f.fid)});
        }
        ctx.before_path = ctx.after_path = patches_;
        auto records = analysis::build_register(external, cat, geos, ro);
        if (ro.protected_only) ctx.outside_protected = static_cast<std::int64_t>(external.size() - records.size());
        std::future<std::vector<analysis::PatchRecord>> no_rejected;  // nothing was detected
        return finish(io, cat, geos, outputs, ctx, std::move(records), nullptr, nullptr, t, progress, no_rejected);
    }

    // Compare with the previous register, write every output, print the summary.  `before` and
    // `after` give the thumbnails (null for an external patch layer).
    int finish(Streams io, const layers::Catalogue& cat, const geo::GeosContext& geos,
               layers::OutputSet& outputs, AuditContext& ctx, std::vector<analysis::PatchRecord> records,
               const layers::ClassRaster* before, const layers::ClassRaster* after, const Lang& t, Progress& progress,
               std::future<std::vector<analysis::PatchRecord>>& rejected_future) {
        if (!ctx.protected_only) {  // registered anyway: say how many lie outside the protected areas
            ctx.outside_protected = std::count_if(records.begin(), records.end(), [](const analysis::PatchRecord& r) {
                return !analysis::touches_protected_area(r);
            });
        }
        layers::VectorLayer previous_layer;
        if (!previous_.empty()) {
            ctx.has_previous = true;
            analysis::RegisterOptions scope;
            scope.protected_only = ctx.protected_only;
            records = analysis::diff_with_previous(
                std::move(records),
                analysis::previous_in_scope(analysis::read_previous(previous_, cat, geos, previous_layer), cat, geos, scope),
                geos);
        }
        progress.step("台账已生成", "register built");
        // The pictures once, for audit.html and for the register's reviewers: drawn from the
        // rasters beside the tables and GeoPackages below, which do not need them.
        std::future<report::AuditPictures> pictures_future =
            std::async(std::launch::async, [&records, &cat, before, after] {
                const geo::GeosContext own;
                return report::audit_pictures(records, cat, before, after, own);
            });
        // (A future of std::async waits for its thread when destroyed, so the thread never
        // outlives `records` or the rasters, also when a write below throws.)
        Provenance prov = provenance_.get();
        const report::Table register_table = report::patches_table(records, ctx, t);
        outputs.write_text("patches.csv", report::csv_table(register_table));
        report::write_xlsx(outputs.temp_path("patches.xlsx"), {register_table});
        const std::vector<analysis::PatchRecord> rejected =
            rejected_future.valid() ? rejected_future.get() : std::vector<analysis::PatchRecord>{};
        ctx.rejected_listed = static_cast<std::int64_t>(rejected.size());
        prov.seconds = progress.seconds();
        const nlohmann::json json = audit_json(records, ctx, prov);
        outputs.write_text("audit.json", json.dump(2) + "\n");
        const std::string patches_gpkg = outputs.temp_path("patches.gpkg");
        write_audit_gpkg(patches_gpkg, records, ctx, cat.working.epsg, geos, t);
        report::write_layer_styles(patches_gpkg, report::audit_gpkg_styles(t));
        if (before) {
            const std::string rejected_gpkg = outputs.temp_path("rejected.gpkg");
            write_rejected_gpkg(rejected_gpkg, rejected, cat.working.epsg, geos, t);
            // patches.gpkg gets report::audit_gpkg_styles once a single-layer read (--previous)
            // passes over a layer_styles table: today it would find two layers and refuse.
            report::write_layer_styles(rejected_gpkg, report::audit_gpkg_styles(t));
        }
        const report::AuditPictures pictures = pictures_future.get();
        report::write_patch_images(patches_gpkg, records, pictures, ctx);
        outputs.write_text("audit.html", audit_html(records, ctx, cat, pictures, prov, geos, t));
        const auto files = outputs.commit(prov.run_id);
        progress.step("已写出输出文件", "outputs written");
        return report(io, records, ctx, json, files, output_.terminal());
    }

    int report(Streams io, const std::vector<analysis::PatchRecord>& records, const AuditContext& ctx,
               const nlohmann::json& json, const std::vector<std::string>& files, const Lang& t) {
        if (output_.json) {
            io.out << json["stages"].dump(2) << "\n";
            return kExitOk;
        }
        io.out << fmt::format(
            t("{} 人类活动监测：{} 个图斑（变化像元 {} → 滤波后 {}，连通 {}，剔除 {}，保护地以外 {}）\n",
              "{} human-activity audit: {} patches (changed pixels {} → {} filtered, {} pieces, {} removed, "
              "{} outside the protected areas)\n"),
            ctx.reserve_name, records.size(), ctx.stats.changed_pixels_raw, ctx.stats.changed_pixels_after_filter,
            ctx.stats.components,
            ctx.stats.removed_as_boundary_shift + ctx.stats.removed_by_core + ctx.stats.removed_as_noisy_transition +
                ctx.stats.removed_by_mmu + ctx.stats.removed_by_confidence,
            ctx.outside_protected);
        if (ctx.pixel_size_m > 0) {
            const auto n = grade_counts(records);
            io.out << fmt::format(
                t("  置信等级：高 {}，中 {}，低 {}；剔除的候选图斑 {} 个见 rejected.gpkg\n",
                  "  confidence: {} high, {} medium, {} low; {} removed candidates in rejected.gpkg\n"),
                n.at("high"), n.at("medium"), n.at("low"), ctx.rejected_listed);
        }
        using Align = TextTable::Align;
        TextTable table(
            {t("编号", "id"), t("类型", "activity"), t("功能区", "zone"), t("红线内", "red line"),
             t("面积（公顷）", "area (hm²)"), t("乡镇", "township"), t("村", "village"), t("置信", "confidence")},
            {Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left, Align::Left, Align::Left});
        for (const auto& r : records) {
            table.add_row({r.id, activity_name(r.activity, t), zone_name(r.zone, t),
                           r.in_redline ? t("是", "yes") : t("否", "no"), fmt::format("{:.4f}", r.area_hm2), r.township,
                           r.village, r.confidence ? grade_name(*r.confidence, t) : "—"});
        }
        table.print(io.out, "  ");
        io.out << fmt::format("{}:", t("输出", "outputs"));
        for (const auto& f : files) io.out << "\n  " << f;
        io.out << "\n";
        return kExitOk;
    }

private:
    static std::vector<layers::VectorRole> audit_roles() {
        using R = layers::VectorRole;
        return {R::District, R::Townships, R::Villages, R::Redline, R::ReserveZones};
    }

    // What this run reads, for the provenance: the zones, the two classifications (the project's,
    // or --before/--after) or the change patches (--patches), and the previous register.
    report::InputSelection used_inputs() const {
        report::InputSelection used;
        used.vectors = audit_roles();
        if (!patches_.empty()) {
            used.files.push_back(
                {"patches", patches_, patches_layer_.empty() ? std::nullopt : std::optional(patches_layer_)});
        } else {
            auto raster = [&](layers::RasterRole role, const std::string& given) {
                if (given.empty()) {
                    used.rasters.push_back(role);
                } else {
                    used.files.push_back({std::string(layers::role_key(role)) + "_raster", given, std::nullopt});
                }
            };
            raster(layers::RasterRole::Landuse, before_);
            raster(layers::RasterRole::LanduseAfter, after_);
        }
        if (!previous_.empty()) used.files.push_back({"previous_register", previous_, std::nullopt});
        return used;
    }

    std::string project_, before_, after_, previous_, out_, patches_, patches_layer_, activity_field_,
        scope_ = "protected";
    int connectivity_ = 8;
    bool no_majority_ = true, confirm_ = true, keep_shifts_ = false, progress_ = false;
    int min_core_ = 0;
    std::vector<std::string> skip_stages_;
    std::string min_confidence_;
    // The inputs' checksums, computed beside the audit from run() until finish() needs them.
    std::future<Provenance> provenance_;
    int max_shift_ = analysis::NoiseOptions{}.max_shift_pixels;
    OutputOptions output_;
    int threads_ = 0;
    std::string tiles_;           // --tiles RxC | auto ("" = untiled)
    int memory_mb_ = 2048;        // --memory-mb, for --tiles auto
    int tile_ = -1;               // --tile K (-1 = every tile, or a merge)
    std::vector<std::string> from_tiles_;
    int tile_halo_ = -1;          // test-only --tile-halo (-1 = what the filters need)
};

}  // namespace

std::unique_ptr<Command> make_audit_command() {
    return std::make_unique<AuditCommand>();
}

}  // namespace ecozone::cli
