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
    virtual void read(int row0, int count, std::vector<std::int32_t>& before,
                      std::vector<std::int32_t>& after) const = 0;
    virtual std::optional<std::int32_t> nodata() const = 0;
    // Rows [row0, row0+count), columns [col0, col0+cols) of both dates, row-major — what one tile
    // of a tiled audit reads.  The default reads whole rows and keeps the window; sources that can
    // decode only the window (files) override it, so that a tile's memory does not grow with the
    // raster's width.
    virtual void read_window(int row0, int count, int col0, int cols, std::vector<std::int32_t>& before,
                             std::vector<std::int32_t>& after) const;
    // An independent source over the same rows (own file handles), so several threads can read
    // at once; null when the source cannot be duplicated (find_change_patches then uses one thread).
    virtual std::unique_ptr<TwoDateRows> clone() const { return nullptr; }
};

// Row-major rasters of grid.cols × grid.rows values each.  Throws DataError on a size mismatch
// or band_rows < 1.
std::unique_ptr<TwoDateRows> memory_rows(geo::Grid grid, std::vector<std::int32_t> before,
                                         std::vector<std::int32_t> after, std::optional<std::int32_t> nodata,
                                         int band_rows);

// Two classified rasters already on the same pixel grid (same lattice and extent; aligning
// different grids is the caller's job).  Both must outlive the result; its clone() reopens both
// files by path (on their grid CRS) and owns them.  Nodata of either date is
// reported as kPairNodata.  Throws DataError when the grids differ.
inline constexpr std::int32_t kPairNodata = INT32_MIN;
std::unique_ptr<TwoDateRows> raster_pair_rows(const layers::ClassRaster& before, const layers::ClassRaster& after);

struct TransitionTable {             // which change is which human activity (types "01".."10", docs/audit.md)
    std::set<std::int32_t> natural;  // class values counted as natural land (from-side)
    std::map<std::int32_t, std::string>
        activity_of_after;  // after-class -> activity type, for changes natural -> that class
    // optional explicit pairs that override: (before, after) -> activity ("" in a pair = not an activity)
    std::map<std::pair<std::int32_t, std::int32_t>, std::string> pairs;
    // "" if not a human-activity change; always "" when before == after (no change).
    std::string activity(std::int32_t before, std::int32_t after) const;
};

struct NoiseOptions {
    bool majority_filter = true;  // 3x3 majority filter on each date before comparing: a pixel backed by ≥ 3 like
                                  // neighbours keeps its class (corners of real patches survive), else it takes a class
                                  // held by ≥ 5 of the 9, else keeps its own
    int min_core_pixels =
        0;  // a patch must contain at least this many pixels whose 8 neighbours are all changed too (0 = off)
    bool confirm_neighbourhood =
        false;  // a changed pixel counts only if at least one 8-neighbour changed to the same activity
    // Boundary shifts: a patch that is an existing field's or settlement's edge moved by a pixel
    // (misregistration, mixed edge pixels), not new activity.  A pixel is *explained* when land of
    // the same kind — the same class, or a class the table maps to the same activity — that is
    // established there (a like neighbour: a lone speckle pixel does not count) lay on it or next
    // to it (8-neighbourhood) on the before date.  Dropped: a patch all of whose pixels are
    // explained, and a patch nowhere three pixels wide (no core pixel) at least
    // `min_shift_share` of whose pixels are — edge noise comes as 1–2-pixel strips along every
    // boundary, of any length, while a real expansion reaches beyond the old edge with an
    // interior.  Roads (activity 09) are long and thin too, but a new road reaches the old land
    // only where it joins it: most of its pixels are not explained, and it stays (a road moved or
    // widened by a pixel goes).
    bool drop_boundary_shifts = true;
    double min_shift_share = 0.75;
    // ... only patches of at most this many pixels (0 = any length).
    int max_shift_pixels = 0;
    // Noisy transitions: the classifier's own confusions (grassland ↔ cropland ↔ bare) come as
    // many small blobs of one kind of land, far more than real activity leaves small next to its
    // large patches.  For each activity, the coreless candidates beyond `noise_ratio` per cored
    // one are estimated to be noise, when there are at least `noisy_min_candidates` coreless
    // ones; an activity whose estimated noise share exceeds `noisy_drop_share` has its coreless
    // candidates dropped (others only lose confidence).
    bool drop_noisy_transitions = true;
    int noisy_min_candidates = 10;
    double noise_ratio = 1.0;
    double noisy_drop_share = 0.5;
    // Patches whose confidence (ChangePatch::confidence) is below this are dropped (0 = none).
    double min_confidence = 0.0;
};

// The filter stages, as named in ChangePatch::stage, --skip-stage and the reports.
inline constexpr const char* kStageBoundaryShift = "boundary_shift";
inline constexpr const char* kStageCore = "core";
inline constexpr const char* kStageNoisyTransition = "noisy_transition";
inline constexpr const char* kStageMmu = "mmu";
inline constexpr const char* kStageConfidence = "confidence";

// Confidence grades: 高 ≥ 0.7, 中 ≥ 0.4, 低 below.
inline constexpr double kGradeHigh = 0.7;
inline constexpr double kGradeMedium = 0.4;
// "high" / "medium" / "low".
const char* confidence_grade(double confidence);

struct PatchOptions {
    int connectivity = 8;                       // 4 or 8
    std::map<std::string, double> min_area_m2;  // per activity type (MMU), default entry "*"; none = no MMU
    NoiseOptions noise;
    // Worker threads: 0 = one per core (at most 8), 1 = single-threaded.  The rows are split into
    // horizontal stripes of ≥ 64 rows, each read through its own clone() of the source; the result
    // is identical whatever the number of threads.
    int threads = 0;
    bool keep_rejected = true;  // fill PatchResult::rejected (with cells)
};

// Why a patch is believed: what the confidence is made of (docs/audit.md, "confidence").
struct PatchEvidence {
    std::int64_t explained_pixels = 0;                           // touching established like land on the before date
    std::int32_t main_before = 0, main_after = 0;                // its dominant transition (filtered classes)
    std::int64_t transition_coreless = 0, transition_cored = 0;  // candidates of that transition in the raster
    double transition_noise = 0;                                 // estimated noise share of its coreless candidates
    // The confidence is the product of these factors, each 0–1.
    double shape = 1;       // 1 with an interior (core pixel) or for a road; 0.65 without (never 高)
    double boundary = 1;    // 1 − explained share × (0.9 without an interior, 0.3 with)
    double transition = 1;  // 1 − transition_noise for a coreless patch, else 1
    double size = 1;        // 0.7 + 0.3 × min(1, pixels / 9): below 3 × 3 pixels a patch is less sure
};

struct ChangePatch {
    std::int64_t pixels = 0;
    std::string activity;  // majority activity of its pixels (ties: smallest code)
    std::map<std::string, std::int64_t> activity_pixels;
    std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t>
        transitions;                                         // (before, after) -> pixels (filtered classes)
    int row_min = 0, row_max = 0, col_min = 0, col_max = 0;  // bounding box in pixels (inclusive)
    double sum_col = 0, sum_row = 0;  // Σ (col + 0.5), Σ (row + 0.5): centroid = sum / pixels, pixel centres
    std::int64_t core_pixels = 0;     // pixels whose 8 neighbours are all changed (see NoiseOptions)
    double confidence = 1;            // 0–1, see PatchEvidence
    PatchEvidence evidence;
    std::string stage, reason;  // for a rejected candidate: the stage that removed it (kStage…) and why
    // The pixel cells (row, col) of the patch, in row-major order — needed later to build its polygon and
    // to attribute zones; kept because patches are small (documented cap: none; memory is O(changed pixels)).
    std::vector<std::pair<int, int>> cells;
};

struct PatchStats {                       // how many candidate pieces each stage removed (the report shows this)
    std::int64_t changed_pixels_raw = 0;  // per the table on the unfiltered rows
    std::int64_t changed_pixels_after_filter = 0;  // after the majority filter and neighbourhood confirmation
    std::int64_t components = 0, removed_as_boundary_shift = 0, removed_by_core = 0, removed_as_noisy_transition = 0,
                 removed_by_mmu = 0, removed_by_confidence = 0, patches = 0;
};

// `rejected`: every candidate a stage removed, with its stage and reason (PatchOptions::keep_rejected).
struct PatchResult {
    std::vector<ChangePatch> patches, rejected;
    PatchStats stats;
};

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
