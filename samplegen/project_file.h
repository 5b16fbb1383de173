#pragma once
// hongsibu.toml: the project file naming every generated layer, in the schema of
// layers/project.h, so that each generated set (sample or benchmark) is a complete project.
#include <cstdint>
#include <string>

namespace ecozone::samplegen {

struct ProjectFileInfo {
    std::string project_name;
    uint64_t seed = 0;
    int scale = 0;
    std::string raster_before, raster_after;   // file names
    std::string date_before, date_after;
    double redline_baseline_ha = 0;            // 0: none
};

void write_project_file(const std::string& path, const ProjectFileInfo& info);

}  // namespace ecozone::samplegen
