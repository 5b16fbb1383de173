#include "cli/project_path.h"

#include "geo/errors.h"

#include <cstdlib>
#include <filesystem>

namespace ecozone::cli {

static constexpr const char* kDefaultProject = "sample_shapefiles/hongsibu.toml";

std::string default_project_hint(const Lang& t) {
    return t("环境变量 $ECOZONE_PROJECT，否则为 ./", "$ECOZONE_PROJECT, else ./") + std::string(kDefaultProject);
}

std::string resolve_project_path(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("ECOZONE_PROJECT"); env && *env) return env;
    std::error_code ec;
    if (std::filesystem::is_regular_file(kDefaultProject, ec)) return kDefaultProject;
    throw make_error<UsageError>(
        "没有给出项目文件，当前目录下也没有 ./{}；请写明项目文件（如 ecozone check path/to/project.toml），"
        "或设置环境变量 ECOZONE_PROJECT",
        "no project given and ./{} not found; name a project file (ecozone check path/to/project.toml) or set "
        "ECOZONE_PROJECT",
        kDefaultProject);
}

}  // namespace ecozone::cli
