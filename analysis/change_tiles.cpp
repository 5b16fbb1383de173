#include "analysis/change_tiles.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <cmath>
#include <regex>

namespace ecozone::analysis {

std::string TileLayout::spec() const {
    return fmt::format("{}x{}", rows, cols);
}

TileLayout parse_tile_layout(const std::string& spec) {
    static const std::regex re(R"(^\s*(\d{1,4})\s*(?:x|X|×|\*)\s*(\d{1,4})\s*$)");
    std::smatch m;
    if (std::regex_match(spec, m, re)) {
        TileLayout t{std::stoi(m[1]), std::stoi(m[2])};
        if (t.rows >= 1 && t.cols >= 1 && t.rows <= 1000 && t.cols <= 1000) return t;
    }
    throw make_error<UsageError>("--tiles“{}”：请写 行数x列数，例如 2x2、1x4（各 1–1000），或 auto",
                                 "--tiles '{}': write ROWSxCOLS, e.g. 2x2 or 1x4 (each 1–1000), or auto", spec);
}

TileLayout auto_tile_layout(int cols, int rows, int memory_mb) {
    if (memory_mb <= kTileBaseMb) {
        throw make_error<UsageError>("--memory-mb {}：每个分块任务至少需要 {} MB 以上",
                                     "--memory-mb {}: a tile task needs more than {} MB", memory_mb, kTileBaseMb);
    }
    const double pixels = static_cast<double>(cols) * rows;
    const double per_task = static_cast<double>(memory_mb - kTileBaseMb) * 1024.0 * 1024.0;
    const int n = std::max(1, static_cast<int>(std::ceil(pixels * kTileBytesPerPixel / per_task)));
    // Nearly square tiles: R/C follows the raster's rows/cols; then the fewest columns for R rows.
    int r = std::max(1, static_cast<int>(std::lround(std::sqrt(n * static_cast<double>(rows) / std::max(1, cols)))));
    r = std::min({r, n, std::max(1, rows)});
    const int c = std::min(std::max(1, cols), (n + r - 1) / r);
    return {r, c};
}

PixelWindow tile_window(const TileLayout& layout, int k, int cols, int rows) {
    if (k < 0 || k >= layout.count()) {
        throw make_error<UsageError>("--tile {}：{} 分块的编号为 0 到 {}", "--tile {}: the tiles of {} are 0 to {}", k,
                                     layout.spec(), layout.count() - 1);
    }
    if (layout.rows > rows || layout.cols > cols) {
        throw make_error<UsageError>("--tiles {}：栅格只有 {}x{} 像元，分块太多", "--tiles {}: the raster has only {}x{} pixels",
                                     layout.spec(), cols, rows);
    }
    const auto i = static_cast<std::int64_t>(k / layout.cols), j = static_cast<std::int64_t>(k % layout.cols);
    PixelWindow w;
    w.row0 = static_cast<int>(i * rows / layout.rows);
    w.row1 = static_cast<int>((i + 1) * rows / layout.rows);
    w.col0 = static_cast<int>(j * cols / layout.cols);
    w.col1 = static_cast<int>((j + 1) * cols / layout.cols);
    return w;
}

}  // namespace ecozone::analysis
