#include "cli/project_path.h"

#include "geo/errors.h"

#include <cstdlib>
#include <filesystem>

namespace ecozone::cli {

static constexpr const char* kDefaultProject = "sample_shapefiles/hongsibu.toml";

std::string default_project_hint() {
    return std::string("$ECOZONE_PROJECT, else ./") + kDefaultProject;
}

std::string resolve_project_path(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("ECOZONE_PROJECT"); env && *env) return env;
    std::error_code ec;
    if (std::filesystem::is_regular_file(kDefaultProject, ec)) return kDefaultProject;
    throw UsageError(std::string("no project given and ./") + kDefaultProject +
                     " not found; name a project file (ecozone check path/to/project.toml) or set "
                     "ECOZONE_PROJECT");
}

}  // namespace ecozone::cli
