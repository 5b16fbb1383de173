// The 三调 classification table (docs/landuse-codes.md).
#include "layers/landuse_codes.h"

#include <catch2/catch.hpp>

#include <set>

using namespace ecozone::layers;

TEST_CASE("codes map to their groups, with K suffix and special codes", "[landuse]") {
    CHECK(find_land_class("0301")->group == LandGroup::Forest);
    CHECK(find_land_class("0301K")->name == "乔木林地");
    CHECK(find_land_class(" 0305 ")->group == LandGroup::Forest);
    CHECK(find_land_class("1106")->group == LandGroup::Wetland);
    CHECK(find_land_class("0402")->group == LandGroup::Wetland);   // 沼泽草地 is wetland, not grassland
    CHECK(find_land_class("0404")->group == LandGroup::Grassland);
    CHECK(find_land_class("0102")->group == LandGroup::Cropland);
    CHECK(find_land_class("1302")->name == "光伏板区");
    CHECK(find_land_class("1104A")->group == LandGroup::Water);
    CHECK(find_land_class("0499") == nullptr);
    CHECK(find_land_class("") == nullptr);
    CHECK(find_land_class("  ") == nullptr);
    CHECK(find_land_class("0301k")->code == "0301");
    CHECK(find_land_class("K") == nullptr);
}

TEST_CASE("the wetland group is exactly 三调 class 00", "[landuse]") {
    std::set<std::string> wetland;
    for (const auto& c : all_land_classes()) {
        if (c.group == LandGroup::Wetland) wetland.insert(c.code);
    }
    CHECK(wetland == std::set<std::string>{"0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"});
    std::set<std::string> codes;
    for (const auto& c : all_land_classes()) CHECK(codes.insert(c.code).second);  // no duplicates
}
