#pragma once
// The project file (hongsibu.toml, county2.toml, ...) naming every generated layer with the
// profile's field names and value words, in the schema of layers/project.h, so that each
// generated set (sample, second county or benchmark) is a complete project.
#include "samplegen/profile.h"

#include <cstdint>
#include <string>

namespace ecozone::samplegen {

struct ProjectFileInfo {
    const Profile* profile = nullptr;
    std::string project_name;
    uint64_t seed = 0;
    int scale = 0;
    std::string raster_before, raster_after;  // file names
    std::string date_before, date_after;
    double redline_baseline_ha = 0;  // 0: none
    bool has_random_sites = false;
    std::string noise;  // --noise spec as given to the generator ("" = the profile's look)
};

void write_project_file(const std::string& path, const ProjectFileInfo& info);

}  // namespace ecozone::samplegen
