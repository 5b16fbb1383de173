// Tiled audits (docs/audit.md, "Tiled audits"): tiles labelled on their own and joined at the
// seams give exactly the single run's patches — in memory, field by field of every candidate, and
// end to end as registers (patches.gpkg and rejected.gpkg compared feature by feature) on the
// sample project with patches painted across the seams and on a generated speckled county.
#include "analysis/change_labels.h"
#include "analysis/change_tile_partial.h"
#include "analysis/change_tiles.h"
#include "cli/command.h"
#include "run_ecozone.h"
#include "geo/errors.h"
#include "register_features.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <gdal_priv.h>

#include <filesystem>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace ecozone;
using namespace ecozone::analysis;

namespace {

// ---------------------------------------------------------------------------------------------
// In memory

struct Scene {
    geo::Grid grid;
    std::vector<std::int32_t> before, after;
};

// Natural land (3, 4) with fields (1), speckle of every class on each date, blobs of new
// settlement (9) and solar (11), and one large square of new settlement over the middle (it
// crosses the seams of 2x2, 3x2 and 1x4 layouts).
Scene speckled_scene(int cols, int rows, unsigned seed) {
    Scene s;
    s.grid.cols = cols;
    s.grid.rows = rows;
    s.grid.dx = s.grid.dy = 10;
    s.grid.ymax = rows * 10.0;
    const auto n = static_cast<size_t>(cols) * rows;
    s.before.assign(n, 3);
    std::mt19937 rng(seed);
    auto at = [&](int r, int c) { return static_cast<size_t>(r) * cols + c; };
    std::uniform_int_distribution<int> rr(0, rows - 1), cc(0, cols - 1), size(1, 6);
    for (int k = 0; k < cols * rows / 150; ++k) {  // fields and other natural land
        const int r0 = rr(rng), c0 = cc(rng), h = size(rng) * 2, w = size(rng) * 2, v = k % 3 == 0 ? 1 : 4;
        for (int r = r0; r < std::min(rows, r0 + h); ++r)
            for (int c = c0; c < std::min(cols, c0 + w); ++c) s.before[at(r, c)] = v;
    }
    s.after = s.before;
    for (int k = 0; k < cols * rows / 90; ++k) {  // new blobs of settlement and solar
        const int r0 = rr(rng), c0 = cc(rng), h = size(rng), w = size(rng), v = k % 2 ? 9 : 11;
        for (int r = r0; r < std::min(rows, r0 + h); ++r)
            for (int c = c0; c < std::min(cols, c0 + w); ++c) s.after[at(r, c)] = v;
    }
    for (int r = rows / 2 - 8; r < rows / 2 + 8; ++r)
        for (int c = cols / 2 - 8; c < cols / 2 + 8; ++c) s.after[at(r, c)] = 9;
    std::uniform_real_distribution<double> u(0, 1);
    const std::int32_t classes[] = {1, 3, 4, 9, 11};
    for (auto* date : {&s.before, &s.after}) {
        for (auto& v : *date) {
            if (u(rng) < 0.04) v = classes[rng() % 5];
            if (u(rng) < 0.002) v = 0;  // nodata
        }
    }
    return s;
}

TransitionTable table() {
    TransitionTable t;
    t.natural = {3, 4};
    t.activity_of_after = {{1, "01"}, {9, "02"}, {11, "05"}};
    t.pairs[{1, 9}] = "02";
    return t;
}

void same_patches(const std::vector<ChangePatch>& a, const std::vector<ChangePatch>& b) {
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        const ChangePatch &x = a[i], &y = b[i];
        INFO("patch " << i);
        CHECK(x.pixels == y.pixels);
        CHECK(x.activity == y.activity);
        CHECK(x.activity_pixels == y.activity_pixels);
        CHECK(x.transitions == y.transitions);
        CHECK(std::tie(x.row_min, x.row_max, x.col_min, x.col_max) ==
              std::tie(y.row_min, y.row_max, y.col_min, y.col_max));
        CHECK(x.sum_col == y.sum_col);
        CHECK(x.sum_row == y.sum_row);
        CHECK(x.core_pixels == y.core_pixels);
        CHECK(x.confidence == y.confidence);
        CHECK(x.evidence.explained_pixels == y.evidence.explained_pixels);
        CHECK(x.evidence.transition_noise == y.evidence.transition_noise);
        CHECK(x.stage == y.stage);
        CHECK(x.reason == y.reason);
        CHECK(x.cells == y.cells);
    }
}

void same_result(const PatchResult& a, const PatchResult& b) {
    const PatchStats &s = a.stats, &t = b.stats;
    CHECK(s.changed_pixels_raw == t.changed_pixels_raw);
    CHECK(s.changed_pixels_after_filter == t.changed_pixels_after_filter);
    CHECK(s.components == t.components);
    CHECK(s.removed_as_boundary_shift == t.removed_as_boundary_shift);
    CHECK(s.removed_by_core == t.removed_by_core);
    CHECK(s.removed_as_noisy_transition == t.removed_as_noisy_transition);
    CHECK(s.removed_by_mmu == t.removed_by_mmu);
    CHECK(s.patches == t.patches);
    same_patches(a.patches, b.patches);
    same_patches(a.rejected, b.rejected);
}

PatchResult tiled(const TwoDateRows& rows, const PatchOptions& o, const TileLayout& layout, int halo = -1) {
    std::vector<LabelledWindow> windows;
    for (int k = 0; k < layout.count(); ++k) {
        windows.push_back(label_window(rows, table(), o, tile_window(layout, k, rows.grid().cols, rows.grid().rows), halo));
    }
    return patches_from_windows(std::move(windows), rows.grid().cols, rows.grid().rows, o, 100.0);
}

}  // namespace

TEST_CASE("tile layouts: RxC, windows that tile the grid, auto from the memory budget", "[tiles]") {
    CHECK(parse_tile_layout("2x3").rows == 2);
    CHECK(parse_tile_layout("2x3").cols == 3);
    CHECK(parse_tile_layout("1×4").cols == 4);
    CHECK_THROWS_AS(parse_tile_layout("2"), UsageError);
    CHECK_THROWS_AS(parse_tile_layout("0x2"), UsageError);
    const TileLayout l{3, 2};
    std::int64_t pixels = 0;
    for (int k = 0; k < l.count(); ++k) pixels += tile_window(l, k, 101, 77).pixels();
    CHECK(pixels == 101 * 77);
    CHECK(tile_window(l, 5, 101, 77).row1 == 77);
    CHECK(tile_window(l, 5, 101, 77).col1 == 101);
    CHECK_THROWS_AS(tile_window(l, 6, 101, 77), UsageError);
    // 10^9 pixels in 1 GB tasks: (1024 - 96) MB each at 1 byte per pixel → 2 tiles at least.
    const TileLayout a = auto_tile_layout(40000, 25000, 1024);
    CHECK(static_cast<double>(a.count()) * (1024 - kTileBaseMb) * 1024 * 1024 >= 40000.0 * 25000 * kTileBytesPerPixel);
    CHECK(auto_tile_layout(1000, 1000, 4096).count() == 1);
    CHECK_THROWS_AS(auto_tile_layout(1000, 1000, kTileBaseMb), UsageError);
}

TEST_CASE("tiles joined at the seams equal the single run, candidate by candidate", "[tiles][audit]") {
    const Scene s = speckled_scene(150, 110, 17);
    const auto rows = memory_rows(s.grid, s.before, s.after, 0, 7);
    const bool majority = GENERATE(false, true);
    const int connectivity = GENERATE(8, 4);
    PatchOptions o;
    o.noise.majority_filter = majority;
    o.noise.confirm_neighbourhood = true;
    o.connectivity = connectivity;
    o.min_area_m2 = {{"*", 300.0}};
    o.threads = 1;
    const PatchResult single = find_change_patches(*rows, table(), o, 100.0);
    REQUIRE(single.stats.components > 50);
    // The painted square crosses the middle: it is one candidate in every layout.
    const auto big = std::find_if(single.patches.begin(), single.patches.end(),
                                  [](const ChangePatch& p) { return p.pixels >= 200; });
    REQUIRE(big != single.patches.end());
    for (const char* spec : {"2x2", "3x2", "1x4", "4x3"}) {
        INFO("tiles " << spec << ", majority " << majority << ", connectivity " << connectivity);
        const TileLayout layout = parse_tile_layout(spec);
        same_result(tiled(*rows, o, layout), single);
    }
    // The square spans the 2x2 layout's vertical and horizontal seams.
    const PixelWindow w = tile_window({2, 2}, 3, 150, 110);
    CHECK((big->col_min < w.col0 && big->col_max >= w.col0));
    CHECK((big->row_min < w.row0 && big->row_max >= w.row0));
    // Threads of the single run (stripes) are joined by the same code.
    o.threads = 3;
    same_result(find_change_patches(*rows, table(), o, 100.0), single);
}

TEST_CASE("a halo narrower than the filters need changes the candidates", "[tiles][audit]") {
    const Scene s = speckled_scene(150, 110, 23);
    const auto rows = memory_rows(s.grid, s.before, s.after, 0, 16);
    PatchOptions o;
    o.noise.majority_filter = true;
    o.noise.confirm_neighbourhood = true;
    o.threads = 1;
    CHECK(tile_halo(o.noise) == 3);
    const PatchResult single = find_change_patches(*rows, table(), o, 100.0);
    const PatchResult narrow = tiled(*rows, o, {3, 3}, 0);
    const bool differs = narrow.stats.changed_pixels_after_filter != single.stats.changed_pixels_after_filter ||
                         narrow.stats.components != single.stats.components ||
                         narrow.patches.size() != single.patches.size();
    CHECK(differs);
}

TEST_CASE("a tile's result written and read back is the same - other grids' and missing tiles are refused",
          "[tiles][audit]") {
    const Scene s = speckled_scene(90, 70, 5);
    const auto rows = memory_rows(s.grid, s.before, s.after, 0, 9);
    PatchOptions o;
    o.threads = 1;
    const fs::path dir = fs::temp_directory_path() / "ecozone_test_tiles_partial";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<LabelledWindow> back;
    for (int k = 0; k < 4; ++k) {
        TilePartial p;
        p.fingerprint = "the same inputs";
        p.tile = k;
        p.grid_cols = 90;
        p.grid_rows = 70;
        p.labels = label_window(*rows, table(), o, tile_window({2, 2}, k, 90, 70));
        const std::string path = (dir / ("t" + std::to_string(k) + ".bin")).string();
        write_tile_partial(path, p);
        TilePartial q = read_tile_partial(path);
        CHECK(q.fingerprint == p.fingerprint);
        CHECK(q.tile == k);
        CHECK(q.labels.cells.size() == p.labels.cells.size());
        CHECK(q.labels.uf.parents() == p.labels.uf.parents());
        CHECK(q.labels.names == p.labels.names);
        back.push_back(std::move(q.labels));
    }
    auto three = back;
    three.pop_back();
    CHECK_THROWS_AS(patches_from_windows(three, 90, 70, o, 100.0), DataError);
    auto twice = back;
    twice[3] = back[2];
    CHECK_THROWS_AS(patches_from_windows(twice, 90, 70, o, 100.0), DataError);
    same_result(patches_from_windows(std::move(back), 90, 70, o, 100.0), find_change_patches(*rows, table(), o, 100.0));
    // A file cut short is not a result.
    const std::string cut = (dir / "cut.bin").string();
    fs::copy_file(dir / "t0.bin", cut);
    fs::resize_file(cut, fs::file_size(cut) - 10);
    CHECK_THROWS_AS(read_tile_partial(cut), DataError);
    fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// End to end: registers

namespace {

// Both streams in `out`; shown when the command fails.
int run(std::vector<std::string> args, std::string* out = nullptr) {
    std::string o, e;
    const int code = test::run_ecozone(args, &o, &e);
    if (out) *out = o + e;
    if (code != 0) UNSCOPED_INFO(o << e);
    return code;
}

fs::path scratch(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / "ecozone_test_tiled_audit" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

using test::Envelope;

std::vector<std::string> features(const fs::path& gpkg, const char* layer, std::vector<Envelope>* envelopes = nullptr) {
    return test::register_features(gpkg, layer, envelopes);
}

void same_registers(const fs::path& a, const fs::path& b) {
    test::same_features(a / "patches.gpkg", b / "patches.gpkg", "patches");
    test::same_features(a / "rejected.gpkg", b / "rejected.gpkg", "rejected");
}

// The grid of a raster: where the seams of a layout lie in map coordinates.
struct RasterGrid {
    double x0, dx, y0, dy;
    int cols, rows;
};
RasterGrid raster_grid(const std::string& path) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(ds);
    double gt[6];
    ds->GetGeoTransform(gt);
    return {gt[0], gt[1], gt[3], gt[5], ds->GetRasterXSize(), ds->GetRasterYSize()};
}

// How many envelopes span a vertical seam, a horizontal seam, and both, of `layout`.
std::array<int, 3> crossings(const std::vector<Envelope>& envs, const RasterGrid& g, const TileLayout& layout) {
    std::array<int, 3> n{};
    for (const Envelope& e : envs) {
        bool v = false, h = false;
        for (int j = 1; j < layout.cols; ++j) {
            const double x = g.x0 + static_cast<double>(static_cast<std::int64_t>(j) * g.cols / layout.cols) * g.dx;
            v = v || (e.x0 < x && x < e.x1);
        }
        for (int i = 1; i < layout.rows; ++i) {
            const double y = g.y0 + static_cast<double>(static_cast<std::int64_t>(i) * g.rows / layout.rows) * g.dy;
            h = h || (e.y0 < y && y < e.y1);
        }
        n[0] += v;
        n[1] += h;
        n[2] += v && h;
    }
    return n;
}

// The sample's two rasters with squares of new solar land (a 25-pixel square inside a ring of
// grassland on both dates) painted where the seams of 2x2, 3x2 and 1x4 tiles cross.
std::pair<std::string, std::string> painted_sample(const fs::path& dir) {
    GDALAllRegister();
    const std::string b = (dir / "before.tif").string(), a = (dir / "after.tif").string();
    fs::copy_file(std::string(ECOZONE_SAMPLE_DIR) + "/landuse_2020_30m.tif", b);
    fs::copy_file(std::string(ECOZONE_SAMPLE_DIR) + "/landuse_2025_30m.tif", a);
    for (const auto& [path, is_after] : {std::pair(b, false), std::pair(a, true)}) {
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
        REQUIRE(ds);
        const int W = ds->GetRasterXSize(), H = ds->GetRasterYSize();
        // (column, row) of each square's centre: 2x2 / 3x2 / 1x4 seam crossings.
        for (const auto& [cx, cy] : {std::pair(W / 2, H / 2), std::pair(W / 2, H / 3), std::pair(W / 4, H / 2),
                                     std::pair(3 * W / 4, H / 3)}) {
            std::vector<std::uint8_t> block(31 * 31, 5);
            for (int r = 3; r < 28; ++r)
                for (int c = 3; c < 28; ++c)
                    if (is_after) block[static_cast<size_t>(r) * 31 + c] = 11;
            REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, cx - 15, cy - 15, 31, 31, block.data(), 31, 31, GDT_Byte, 0,
                                                   0, nullptr) == CE_None);
        }
    }
    return {b, a};
}

}  // namespace

TEST_CASE("audit --tiles on the sample: the register equals the untiled one, patches across both seams",
          "[cmd][audit][tiles]") {
    const fs::path dir = scratch("sample");
    const auto [before, after] = painted_sample(dir);
    const std::string project = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";
    const bool majority = GENERATE(false, true);
    std::vector<std::string> common = {"--before", before, "--after", after, "--scope", "district", "--lang", "en"};
    if (majority) common.push_back("--majority-filter");
    auto audit = [&](const fs::path& out, std::vector<std::string> extra) {
        std::vector<std::string> args = {"audit", project, "--out", out.string()};
        args.insert(args.end(), common.begin(), common.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    };
    REQUIRE(audit(dir / "single", {}) == 0);
    std::vector<Envelope> envs;
    features(dir / "single" / "patches.gpkg", "patches", &envs);
    const RasterGrid g = raster_grid(before);
    for (const char* spec : {"2x2", "3x2", "1x4"}) {
        INFO("tiles " << spec << ", majority filter " << majority);
        const TileLayout layout = parse_tile_layout(spec);
        const auto n = crossings(envs, g, layout);
        CHECK(n[0] >= 1);                         // across a vertical seam
        if (layout.rows > 1) CHECK(n[1] >= 1);    // across a horizontal seam
        if (layout.rows > 1) CHECK(n[2] >= 1);    // across both
        const fs::path out = dir / (std::string("t") + spec);
        REQUIRE(audit(out, {"--tiles", spec, "--threads", "2"}) == 0);
        same_registers(dir / "single", out);
    }
    // auto: 5.1 M pixels in tasks of 100 MB (4 MB above the process) make 2 tiles.
    REQUIRE(audit(dir / "auto", {"--tiles", "auto", "--memory-mb", "100"}) == 0);
    same_registers(dir / "single", dir / "auto");
}

TEST_CASE("audit --tile K tasks merged with --from-tiles equal the untiled register - other options refused",
          "[cmd][audit][tiles]") {
    const fs::path dir = scratch("tasks");
    const auto [before, after] = painted_sample(dir);
    const std::string project = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";
    const std::vector<std::string> inputs = {"--before", before, "--after", after, "--lang", "en"};
    auto with = [&](std::vector<std::string> a) {
        a.insert(a.begin() + 1, project);
        a.insert(a.end(), inputs.begin(), inputs.end());
        return a;
    };
    REQUIRE(run(with({"audit", "--out", (dir / "single").string()})) == 0);
    std::vector<std::string> merge = {"audit", "--tiles", "2x2", "--out", (dir / "merged").string(), "--from-tiles"};
    for (int k = 0; k < 4; ++k) {
        const fs::path t = dir / ("tile" + std::to_string(k));
        std::string said;
        REQUIRE(run(with({"audit", "--tiles", "2x2", "--tile", std::to_string(k), "--out", t.string()}), &said) == 0);
        CHECK_THAT(said, Catch::Contains("tile " + std::to_string(k) + " of 4 (2x2)"));
        CHECK(fs::exists(t / "tile.bin"));
        CHECK(fs::exists(t / "audit-tile.json"));
        CHECK_FALSE(fs::exists(t / "patches.gpkg"));
        merge.push_back(t.string());
    }
    REQUIRE(run(with(merge)) == 0);
    same_registers(dir / "single", dir / "merged");
    // The same tiles under another pixel filter are another run's: refused, not joined.
    std::vector<std::string> other = merge;
    other[4] = (dir / "other").string();
    other.push_back("--majority-filter");
    std::string said;
    CHECK(run(with(other), &said) == 1);
    CHECK_THAT(said, Catch::Contains("comes from another run"));
    // Three tiles of four: refused.
    std::vector<std::string> three(merge.begin(), merge.end() - 1);
    three[4] = (dir / "three").string();
    CHECK(run(with(three), &said) == 2);
    CHECK_THAT(said, Catch::Contains("2x2 tiles need 4 results, 3 given"));
}

TEST_CASE("audit --tiles on a generated speckled county: the register equals the untiled one",
          "[cmd][audit][tiles][county]") {
    // Generated once for both sections (~3 s).
    static const fs::path dir = [] {
        const fs::path d = scratch("county");
        const std::string gen = std::string(ECOZONE_BINARY_DIR) + "/samplegen/ecozone-samplegen";
        REQUIRE(std::system((gen + " --out " + (d / "c").string() +
                             " --profile county2 --noise salt:0.03,blobs:0.02 > /dev/null")
                                .c_str()) == 0);
        return d;
    }();
    const std::string project = (dir / "c" / "county2.toml").string();
    const bool majority = GENERATE(false, true);
    auto audit = [&](const fs::path& out, std::vector<std::string> extra) {
        std::vector<std::string> args = {"audit", project, "--out", out.string(), "--scope", "district", "--lang", "en"};
        if (majority) args.push_back("--majority-filter");
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    };
    REQUIRE(audit(dir / "single", {}) == 0);
    std::vector<Envelope> rejected;
    features(dir / "single" / "rejected.gpkg", "rejected", &rejected);
    const RasterGrid g = raster_grid((dir / "c" / "TDFG_2019.tif").string());
    for (const char* spec : {"2x2", "3x2", "1x4"}) {
        INFO("tiles " << spec << ", majority filter " << majority);
        // Thousands of candidates: many of them cross the seams and must be joined.
        const auto n = crossings(rejected, g, parse_tile_layout(spec));
        CHECK(n[0] >= 1);
        const fs::path out = dir / (std::string("t") + spec);
        REQUIRE(audit(out, {"--tiles", spec}) == 0);
        same_registers(dir / "single", out);
    }
}
