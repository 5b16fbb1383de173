#include "report/screening/zone_labels.h"

#include "layers/project.h"

#include <map>
#include <utility>

namespace ecozone::report {

using layers::VectorRole;

std::string zone_value_label(const std::string& value, const Lang& t) {
    static const std::map<std::string, std::pair<const char*, const char*>> kLabels = {
        {"core", {"核心区", "core zone"}},
        {"buffer", {"缓冲区", "buffer zone"}},
        {"experimental", {"实验区", "experimental zone"}},
        {"core_protection", {"核心保护区", "core protection zone"}},
        {"general_control", {"一般控制区", "general control zone"}},
        {"level1", {"一级保护区", "level-1 zone"}},
        {"level2", {"二级保护区", "level-2 zone"}},
        {"quasi", {"准保护区", "quasi-protection zone"}},
        {"priority", {"优先保护单元", "priority protection unit"}},
        {"key", {"重点管控单元", "key control unit"}},
        {"general", {"一般管控单元", "general control unit"}},
        {"home", {"居民点", "home"}},
        {"school", {"学校", "school"}},
        {"hospital", {"医院", "hospital"}},
        {"elderly_care", {"养老院", "elderly care"}},
    };
    auto it = kLabels.find(value);
    return it == kLabels.end() ? value : t(it->second.first, it->second.second);
}

std::string zone_overlap_label(const analysis::ZoneOverlap& z, const Lang& t) {
    const std::string lang = t.en ? "en" : "zh";
    if (z.role == "river_belts") return t("河流生态缓冲带", "river buffer belt") + std::string(" ") + z.value;
    for (VectorRole role : layers::all_vector_roles()) {
        if (z.role != layers::role_key(role)) continue;
        if (role == VectorRole::Rivers || role == VectorRole::RiverBuffers) {
            return t("河流生态缓冲带", "river buffer belt") + std::string(" ") + z.value;
        }
        const std::string base = layers::role_label(role, lang);
        return z.value.empty() ? base : base + " " + zone_value_label(z.value, t);
    }
    return z.value.empty() ? z.role : z.role + " " + z.value;
}

}  // namespace ecozone::report
