#pragma once
// The classified land-use rasters (2020 "before", 2025 "after"), written in row bands so that
// memory stays bounded at any resolution.
//
// Both rasters start from the rasterized land-use polygons (the truth) and are made to look like
// a real classifier's output: boundary pixels are mixed (a pixel on a class edge randomly takes
// its neighbour's class — the same mixing in both years, as it comes from the ground), and each
// year gets its own independent salt-and-pepper speckle to plausible neighbouring classes.  The
// 2025 raster also carries the injected patches, exactly (never mixed or speckled), so that the
// patch table is exact ground truth.  How much mixing and speckle, and the class table, are the
// profile's (RasterLook): the sample's are below; a profile may also make a share of the speckled
// pixels flip their diagonal neighbour with them, so that specks touch only at corners.
//
// With --noise the profile's look is replaced by explicit classifier-noise models
// (classifier_noise.h) applied independently to each date; the after date's truth then includes
// the injected patches (their edges mix like any field's), which stay exact.
#include "samplegen/classifier_noise.h"
#include "samplegen/model.h"
#include "samplegen/patches.h"
#include "samplegen/profile.h"
#include "samplegen/rasterizer.h"

#include <string>

namespace ecozone::samplegen {

// The sample's: 0.35 mixing on class edges, 2.5 % speckle per date.
struct RasterJob {
    std::string before_path, after_path;
    std::string before_date, after_date;  // YYYY-MM-DD
    const RasterLook* look = nullptr;
    // Classifier-noise models replacing the look's mixing and speckle (null = the look's).
    const NoiseSpec* noise = nullptr;
};

struct RasterStats {
    uint64_t district_pixels = 0, gap_pixels = 0, edge_mixed = 0, speckle_before = 0,
             speckle_after = 0, patch_pixels = 0;
    // With RasterJob::noise: what each model changed on each date (edge_mixed and speckle_* stay 0).
    NoiseStats noise_before, noise_after;
};

RasterStats write_rasters(const Rasterizer& truth, const Rasterizer& district_mask,
                          const Grid& grid, const PatchSet& patches, uint64_t seed,
                          const RasterJob& job);

}  // namespace ecozone::samplegen
