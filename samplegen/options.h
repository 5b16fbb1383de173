#pragma once
// Command-line options of ecozone-samplegen and what a scale means in numbers.
#include <cstddef>
#include <cstdint>
#include <string>

namespace ecozone::samplegen {

inline constexpr uint64_t kDefaultSeed = 20211;

struct Options {
    std::string out_dir;
    uint64_t seed = kDefaultSeed;
    int scale = 0;                       // 0 = the committed sample project
    double raster_res = 0;               // m; 0 = from the scale
    std::string boundary;                // GeoJSON of county outlines (lon/lat)
    std::string boundary_name = "红寺堡区";
};

struct ScalePlan {
    size_t seed_points = 0;       // Voronoi seeds of the land-use layer
    double raster_res_m = 30;
    std::string res_label;        // "30m", "10m", "7.07m" (used in file names)
    int patch_count = 30;
    double min_farmland_block_m2 = 30000;
};

ScalePlan plan_for(const Options& options);

}  // namespace ecozone::samplegen
