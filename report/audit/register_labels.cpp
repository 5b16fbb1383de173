#include "report/audit/register_labels.h"

#include "analysis/change_patches.h"

#include <map>
#include <utility>

namespace ecozone::report {

std::string activity_name(const std::string& code, const Lang& t) {
    static const std::map<std::string, std::pair<const char*, const char*>> names = {
        {"01", {"农业用地", "agriculture"}},
        {"02", {"居民点", "settlement"}},
        {"03", {"工矿用地", "industry/mining"}},
        {"04", {"采石场", "quarry"}},
        {"05", {"能源设施", "energy facility"}},
        {"06", {"旅游设施", "tourism facility"}},
        {"07", {"交通设施", "transport facility"}},
        {"08", {"养殖场", "livestock farm"}},
        {"09", {"道路", "road"}},
        {"10", {"其他人工设施", "other structure"}}};
    auto it = names.find(code);
    return it == names.end() ? code : code + " " + (t.en ? it->second.second : it->second.first);
}

std::string zone_name(const std::string& zone, const Lang& t) {
    if (zone == "core") return t("核心区", "core");
    if (zone == "buffer") return t("缓冲区", "buffer");
    if (zone == "experimental") return t("实验区", "experimental");
    if (zone == "core_protection") return t("核心保护区", "core protection");
    if (zone == "general_control") return t("一般控制区", "general control");
    return t("非保护地", "outside the reserve");
}

std::string change_name(const std::string& c, const Lang& t) {
    if (c == "new") return t("1 新增", "1 new");
    if (c == "expanded") return t("2 规模扩大", "2 expanded");
    if (c == "reduced" || c == "restored") return t("3 减少/恢复", "3 reduced/restored");
    if (c == "unchanged") return t("无变化", "unchanged");
    return t("1 新增", "1 new");  // without a previous register every patch is new
}

std::string grade_name(double confidence, const Lang& t) {
    const std::string g = analysis::confidence_grade(confidence);
    return g == "high" ? t("高", "high") : g == "medium" ? t("中", "medium") : t("低", "low");
}

std::string activity_colour(const std::string& code) {
    // ColorBrewer Paired-like hues, one per activity of docs/audit.md §3a, distinct in print.
    static const std::map<std::string, const char*> kColours = {
        {"01", "#e6ab02"}, {"02", "#e31a1c"}, {"03", "#6a3d9a"}, {"04", "#b15928"}, {"05", "#1f78b4"},
        {"06", "#fb9a99"}, {"07", "#636363"}, {"08", "#ff7f00"}, {"09", "#252525"}, {"10", "#cab2d6"},
    };
    auto it = kColours.find(code);
    return it == kColours.end() ? "#969696" : it->second;
}

}  // namespace ecozone::report
