#pragma once
// How a tiled audit splits one raster pair (docs/audit.md, "Tiled audits"): R × C tiles, each a
// task that labels only its own pixels (change_labels.h, label_window) and whose results are
// joined at the seams by the same union–find that joins a single run's stripes.
#include "analysis/change_labels.h"

#include <cstdint>
#include <string>

namespace ecozone::analysis {

struct TileLayout {
    int rows = 1, cols = 1;  // tiles down, tiles across
    int count() const { return rows * cols; }
    std::string spec() const;  // "2x3"
};

// "RxC" (R tiles down, C across, each 1–1000; also "R×C"), e.g. "2x2", "1x4".  UsageError otherwise.
TileLayout parse_tile_layout(const std::string& spec);

// The split for `memory_mb` per task of a `cols` × `rows` raster (`--tiles auto --memory-mb M`):
// the fewest tiles whose estimated peak (kTileBaseMb + pixels × kTileBytesPerPixel / tiles)
// fits, laid out as nearly square as the raster allows.  UsageError when M ≤ kTileBaseMb.
inline constexpr int kTileBaseMb = 96;             // the process, GDAL and the project's layers
inline constexpr double kTileBytesPerPixel = 1.0;  // measured: bench/run_tiled_audit.sh, docs/audit.md
TileLayout auto_tile_layout(int cols, int rows, int memory_mb);

// Tile `k` (row-major, 0-based) of `layout` over a `cols` × `rows` grid: rows
// [i·rows/R, (i+1)·rows/R) and columns [j·cols/C, (j+1)·cols/C).  UsageError for k out of range or
// a layout with more tiles than pixels along a side.
PixelWindow tile_window(const TileLayout& layout, int k, int cols, int rows);

}  // namespace ecozone::analysis
