#pragma once
// The Third National Land Survey (三调) working classification: code -> name and group.
//
// Groups are what indicators and screening add up (forest land, grassland, wetland, ...).
// Real data carries variants: a trailing "K" marks land that may be adjusted (0301K is still
// 乔木林地), and special codes such as 1302 光伏板区 (PV arrays) are common in Hongsibu.
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::layers {

enum class LandGroup {
    Wetland,        // 湿地 (三调 class 00)
    Cropland,       // 耕地
    Plantation,     // 园地
    Forest,         // 林地
    Grassland,      // 草地
    Construction,   // 建设用地 (commercial, industrial, residential, public, transport)
    Water,          // 水域及水利设施用地
    Other,          // 其他土地 (idle land, ridges, saline, sand, bare)
};

const char* group_key(LandGroup g);                          // "forest", ...
std::string group_label(LandGroup g, const std::string& lang);  // "林地" / "forest land"
const std::vector<LandGroup>& all_land_groups();

struct LandClass {
    std::string code;  // canonical code, without a K suffix
    std::string name;  // 三调 name, e.g. 乔木林地
    LandGroup group;
};

// Look a DLBM code up; accepts the K suffix ("0301K") and surrounding spaces.  Null for a code
// outside the classification.  A hashed lookup with no copy: the indicators ask it several times
// for each of a county's hundred thousand polygons.
const LandClass* find_land_class(std::string_view code);
// Every class of the classification, in code order.
const std::vector<LandClass>& all_land_classes();

}  // namespace ecozone::layers
