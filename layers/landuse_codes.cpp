#include "layers/landuse_codes.h"

#include <algorithm>
#include <unordered_map>

namespace ecozone::layers {

namespace {

using G = LandGroup;

// docs/landuse-codes.md: 三调工作分类 (《第三次全国国土调查工作分类》) with the two-digit group codes
// that some counties still deliver (e.g. "09" special land, "10" roads).
const std::vector<LandClass>& table() {
    static const std::vector<LandClass> classes = {
        {"0101", "水田", G::Cropland},        {"0102", "水浇地", G::Cropland},
        {"0103", "旱地", G::Cropland},        {"0201", "果园", G::Plantation},
        {"0202", "茶园", G::Plantation},      {"0203", "橡胶园", G::Plantation},
        {"0204", "其他园地", G::Plantation},  {"0301", "乔木林地", G::Forest},
        {"0302", "竹林地", G::Forest},        {"0303", "红树林地", G::Wetland},
        {"0304", "森林沼泽", G::Wetland},     {"0305", "灌木林地", G::Forest},
        {"0306", "灌丛沼泽", G::Wetland},     {"0307", "其他林地", G::Forest},
        {"0401", "天然牧草地", G::Grassland}, {"0402", "沼泽草地", G::Wetland},
        {"0403", "人工牧草地", G::Grassland}, {"0404", "其他草地", G::Grassland},
        {"05H1", "商业服务业设施用地", G::Construction}, {"0508", "物流仓储用地", G::Construction},
        {"0601", "工业用地", G::Construction}, {"0602", "采矿用地", G::Construction},
        {"0603", "盐田", G::Wetland},          {"0701", "城镇住宅用地", G::Construction},
        {"0702", "农村宅基地", G::Construction}, {"08H1", "机关团体新闻出版用地", G::Construction},
        {"08H2", "科教文卫用地", G::Construction}, {"0809", "公用设施用地", G::Construction},
        {"0810", "公园与绿地", G::Construction}, {"09", "特殊用地", G::Construction},
        {"1001", "铁路用地", G::Construction}, {"1002", "轨道交通用地", G::Construction},
        {"1003", "公路用地", G::Construction}, {"1004", "城镇村道路用地", G::Construction},
        {"1005", "交通服务场站用地", G::Construction}, {"1006", "农村道路", G::Other},
        {"1007", "机场用地", G::Construction}, {"1008", "港口码头用地", G::Construction},
        {"1009", "管道运输用地", G::Construction}, {"1101", "河流水面", G::Water},
        {"1102", "湖泊水面", G::Water},       {"1103", "水库水面", G::Water},
        {"1104", "坑塘水面", G::Water},       {"1104A", "养殖坑塘", G::Water},
        {"1105", "沿海滩涂", G::Wetland},     {"1106", "内陆滩涂", G::Wetland},
        {"1107", "沟渠", G::Water},           {"1108", "沼泽地", G::Wetland},
        {"1109", "水工建筑用地", G::Construction}, {"1110", "冰川及永久积雪", G::Water},
        {"1201", "空闲地", G::Other},         {"1202", "设施农用地", G::Other},
        {"1203", "田坎", G::Other},           {"1204", "盐碱地", G::Other},
        {"1205", "沙地", G::Other},           {"1206", "裸土地", G::Other},
        {"1207", "裸岩石砾地", G::Other},     {"1302", "光伏板区", G::Construction},
    };
    return classes;
}

}  // namespace

const char* group_key(LandGroup g) {
    switch (g) {
        case G::Wetland: return "wetland";
        case G::Cropland: return "cropland";
        case G::Plantation: return "plantation";
        case G::Forest: return "forest";
        case G::Grassland: return "grassland";
        case G::Construction: return "construction";
        case G::Water: return "water";
        case G::Other: break;
    }
    return "other";
}

std::string group_label(LandGroup g, const std::string& lang) {
    const bool en = lang == "en";
    switch (g) {
        case G::Wetland: return en ? "wetland" : "湿地";
        case G::Cropland: return en ? "cropland" : "耕地";
        case G::Plantation: return en ? "plantation" : "园地";
        case G::Forest: return en ? "forest land" : "林地";
        case G::Grassland: return en ? "grassland" : "草地";
        case G::Construction: return en ? "construction land" : "建设用地";
        case G::Water: return en ? "water" : "水域及水利设施用地";
        case G::Other: break;
    }
    return en ? "other land" : "其他土地";
}

const std::vector<LandGroup>& all_land_groups() {
    static const std::vector<LandGroup> groups = {G::Cropland, G::Plantation, G::Forest, G::Grassland,
                                                  G::Wetland, G::Water, G::Construction, G::Other};
    return groups;
}

const LandClass* find_land_class(std::string_view raw) {
    const size_t first = raw.find_first_not_of(" \t");
    if (first == std::string_view::npos) return nullptr;
    std::string_view code = raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
    if (code.size() > 4 && (code.back() == 'K' || code.back() == 'k')) code.remove_suffix(1);
    // Views into the table, which lives as long as the program.
    static const std::unordered_map<std::string_view, const LandClass*> by_code = [] {
        std::unordered_map<std::string_view, const LandClass*> m;
        for (const LandClass& c : table()) m.emplace(c.code, &c);
        return m;
    }();
    const auto it = by_code.find(code);
    return it == by_code.end() ? nullptr : it->second;
}

const std::vector<LandClass>& all_land_classes() { return table(); }

}  // namespace ecozone::layers
