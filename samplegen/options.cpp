#include "samplegen/options.h"

#include "geo/errors.h"
#include "samplegen/profile.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::samplegen {

ScalePlan plan_for(const Options& o, const Profile& profile) {
    if (o.scale < 0) throw UsageError("--scale must be 0 (sample) or a positive integer");
    ScalePlan p;
    if (o.scale == 0) {
        // ~4,000 land-use polygons after carving: a few MB in all.
        p.seed_points = profile.seed_points_scale0;
        p.raster_res_m = 30.0;
        p.patch_count = 30;
    } else {
        // ~150,000 polygons per unit of scale; pixels grow with the scale too (10 m at scale 1,
        // 10/sqrt(N) m beyond, so N times the pixels).
        p.seed_points = static_cast<size_t>(o.scale) * 145800;
        p.raster_res_m = 10.0 / std::sqrt(static_cast<double>(o.scale));
        p.patch_count = 400;
    }
    if (o.raster_res > 0) p.raster_res_m = o.raster_res;
    const double rounded = std::round(p.raster_res_m * 100.0) / 100.0;
    p.res_label = fmt::format("{}m", rounded);
    return p;
}

}  // namespace ecozone::samplegen
