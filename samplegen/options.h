#pragma once
// Command-line options of ecozone-samplegen and what a scale means in numbers.
#include "samplegen/classifier_noise.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace ecozone::samplegen {

inline constexpr uint64_t kDefaultSeed = 20211;

struct Profile;

struct Options {
    std::string out_dir;
    std::string profile = "hongsibu";    // profile.h: hongsibu (the committed sample), county2
    uint64_t seed = kDefaultSeed;        // main() puts the profile's default when --seed is not given
    int scale = 0;                       // 0 = the committed sample project (or county2's test set)
    double raster_res = 0;               // m; 0 = from the scale
    std::string boundary;                // GeoJSON of county outlines (lon/lat)
    std::string boundary_name;           // "" = the profile's county
    std::string rules;                   // rules file copied into profiles that need one
    std::optional<NoiseSpec> noise;      // --noise: classifier-noise models instead of the profile's look
};

struct ScalePlan {
    size_t seed_points = 0;       // Voronoi seeds of the land-use layer
    double raster_res_m = 30;
    std::string res_label;        // "30m", "10m", "7.07m" (used in file names)
    int patch_count = 30;
    double min_farmland_block_m2 = 30000;
};

ScalePlan plan_for(const Options& options, const Profile& profile);

}  // namespace ecozone::samplegen
