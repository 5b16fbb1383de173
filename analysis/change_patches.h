#pragma once
// The streaming core of `ecozone audit` (docs/audit.md, issue 5): change patches from two
// classified rasters of the same grid, read band by band and never held whole.
//
// Pipeline, row by row with a window of three rows per stage (memory O(width) per stage plus
// one band of each date, per worker thread, plus O(changed pixels) for the patches' cells); the
// rows are split into one horizontal stripe per thread, whose labels are joined at the seams:
//   raw rows -> 3x3 majority filter on each date (optional) -> activity per pixel (transition
//   table) -> neighbourhood confirmation (optional) -> connected-component labelling with a
//   union–find over provisional labels (labels cross band boundaries), core-pixel counting and
//   the boundary-shift test -> boundary-shift filter -> core filter -> minimum mapping unit (MMU)
//   filter -> patches in spatial order.
#include "geo/grid.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ecozone::layers {
class ClassRaster;
}

namespace ecozone::analysis {

// A source of aligned rows of two dates (before, after) on one grid; implementations: in-memory
// (tests) and two layers::ClassRaster (files).
class TwoDateRows {
public:
    virtual ~TwoDateRows() = default;
    virtual const geo::Grid& grid() const = 0;
    virtual int band_rows() const = 0;
    // Rows [row0, row0+count) of both dates, full width, as int32 class values; nodata as given by nodata().
    virtual void read(int row0, int count, std::vector<std::int32_t>& before, std::vector<std::int32_t>& after) const = 0;
    virtual std::optional<std::int32_t> nodata() const = 0;
    // An independent source over the same rows (own file handles), so several threads can read
    // at once; null when the source cannot be duplicated (find_change_patches then uses one thread).
    virtual std::unique_ptr<TwoDateRows> clone() const { return nullptr; }
};

// Row-major rasters of grid.cols × grid.rows values each.  Throws DataError on a size mismatch
// or band_rows < 1.
std::unique_ptr<TwoDateRows> memory_rows(geo::Grid grid, std::vector<std::int32_t> before, std::vector<std::int32_t> after,
                                         std::optional<std::int32_t> nodata, int band_rows);

// Two classified rasters already on the same pixel grid (same lattice and extent; aligning
// different grids is the caller's job).  Both must outlive the result; its clone() reopens both
// files by path (on their grid CRS) and owns them.  Nodata of either date is
// reported as kPairNodata.  Throws DataError when the grids differ.
inline constexpr std::int32_t kPairNodata = INT32_MIN;
std::unique_ptr<TwoDateRows> raster_pair_rows(const layers::ClassRaster& before, const layers::ClassRaster& after);

struct TransitionTable {             // which change is which human activity (types "01".."10", docs/audit.md)
    std::set<std::int32_t> natural;  // class values counted as natural land (from-side)
    std::map<std::int32_t, std::string> activity_of_after;  // after-class -> activity type, for changes natural -> that class
    // optional explicit pairs that override: (before, after) -> activity ("" in a pair = not an activity)
    std::map<std::pair<std::int32_t, std::int32_t>, std::string> pairs;
    // "" if not a human-activity change; always "" when before == after (no change).
    std::string activity(std::int32_t before, std::int32_t after) const;
};

struct NoiseOptions {
    bool majority_filter = true;   // 3x3 majority filter on each date before comparing: a pixel backed by ≥ 3 like neighbours keeps its class (corners of real patches survive), else it takes a class held by ≥ 5 of the 9, else keeps its own
    int min_core_pixels = 0;       // a patch must contain at least this many pixels whose 8 neighbours are all changed too (0 = off)
    bool confirm_neighbourhood = false; // a changed pixel counts only if at least one 8-neighbour changed to the same activity
    // Drop a patch all of whose pixels touch (8-neighbourhood, or lie on) land of the same kind on the
    // before date — the same class, or a class the table maps to the same activity — that is
    // established there (a like neighbour: a lone speckle pixel does not count).  Such a patch
    // is an existing field's or settlement's edge moved by a pixel: misregistration and mixed
    // pixels, not new activity.  A real expansion reaches at least one pixel beyond the old edge
    // and stays.
    bool drop_boundary_shifts = true;
    // ... but only fragments of at most this many pixels: edge noise comes in short pieces (2–7 px
    // on the sample and the county set), while a continuous strip along a whole field edge is a
    // field grown by one pixel's width — real, and left for the field check.
    int max_shift_pixels = 8;
};

struct PatchOptions {
    int connectivity = 8;                       // 4 or 8
    std::map<std::string, double> min_area_m2;  // per activity type (MMU), default entry "*"; none = no MMU
    NoiseOptions noise;
    // Worker threads: 0 = one per core (at most 8), 1 = single-threaded.  The rows are split into
    // horizontal stripes of ≥ 64 rows, each read through its own clone() of the source; the result
    // is identical whatever the number of threads.
    int threads = 0;
};

struct ChangePatch {
    std::int64_t pixels = 0;
    std::string activity;                 // majority activity of its pixels (ties: smallest code)
    std::map<std::string, std::int64_t> activity_pixels;
    std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> transitions;  // (before, after) -> pixels (filtered classes)
    int row_min = 0, row_max = 0, col_min = 0, col_max = 0;   // bounding box in pixels (inclusive)
    double sum_col = 0, sum_row = 0;      // Σ (col + 0.5), Σ (row + 0.5): centroid = sum / pixels, pixel centres
    std::int64_t core_pixels = 0;         // pixels whose 8 neighbours are all changed (see NoiseOptions)
    // The pixel cells (row, col) of the patch, in row-major order — needed later to build its polygon and
    // to attribute zones; kept because patches are small (documented cap: none; memory is O(changed pixels)).
    std::vector<std::pair<int, int>> cells;
};

struct PatchStats {   // how many candidate pieces each stage removed (the report shows this)
    std::int64_t changed_pixels_raw = 0;           // per the table on the unfiltered rows
    std::int64_t changed_pixels_after_filter = 0;  // after the majority filter and neighbourhood confirmation
    std::int64_t components = 0, removed_as_boundary_shift = 0, removed_by_core = 0, removed_by_mmu = 0, patches = 0;
};

struct PatchResult { std::vector<ChangePatch> patches; PatchStats stats; };

// Stream both dates band by band (one stripe of rows per thread, see PatchOptions::threads),
// label changed pixels into 4/8-connected components with a union–find whose labels cross band
// and stripe boundaries, then apply the core and MMU filters.  Patches
// come out in a deterministic spatial order (by top row, then left column of their first pixel).
// `pixel_area_m2` is used for the MMU (a patch is kept when pixels × area ≥ MMU).
// Pixels outside the grid and nodata pixels never vote in the majority filter; a nodata pixel
// stays nodata and is never a changed pixel.  Throws UsageError for a connectivity other than 4
// or 8, a negative min_core_pixels or a negative thread count, DataError for a non-positive pixel area or a source that
// returns rows of the wrong size.
PatchResult find_change_patches(const TwoDateRows& rows, const TransitionTable& table, const PatchOptions& options,
                                double pixel_area_m2);

}  // namespace ecozone::analysis
