#pragma once
// A tile task's result on disk (docs/audit.md, "Tiled audits"): the labelled window of one tile —
// its changed pixels with their labels, its union–find and its counts — which the merge joins
// with the other tiles' (change_labels.h).  Binary and small (24 bytes per changed pixel), read
// back on the same kind of machine that wrote it (the cluster's nodes).  The file carries a
// fingerprint of what it was computed from (rasters, grid, pixel filters, tiling) so that the
// merge refuses results of another run instead of joining them silently.
#include "analysis/change_labels.h"

#include <string>

namespace ecozone::analysis {

struct TilePartial {
    std::string fingerprint;  // the inputs and options the pixels depend on (the caller's text)
    int tile = 0;             // its index in the layout
    int grid_cols = 0, grid_rows = 0;
    LabelledWindow labels;
};

// Writes `p` to `path` (IoError when it cannot).
void write_tile_partial(const std::string& path, const TilePartial& p);
// Reads a file written by write_tile_partial.  IoError when it cannot be opened, DataError naming
// it when it is not a tile result or is cut short.
TilePartial read_tile_partial(const std::string& path);

}  // namespace ecozone::analysis
