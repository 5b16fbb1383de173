#pragma once
// The land-use vocabulary of the generated projects: the 三调 codes the generator writes into the
// land-use layer, and the class schemes of the classified rasters (many codes -> one raster
// class, as a satellite classifier cannot tell 0701 from 0702).  Each profile has its own scheme.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::samplegen {

// Index into landuse_codes(); kept small so that one byte per polygon is enough.
enum class Lc : uint8_t {
    IrrigatedCrop,   // 0102 水浇地
    DryCrop,         // 0103 旱地
    Forest,          // 0301 乔木林地
    Shrub,           // 0305 灌木林地
    NaturalPasture,  // 0401 天然牧草地
    MarshGrass,      // 0402 沼泽草地
    OtherGrass,      // 0404 其他草地
    Industrial,      // 0601 工业用地
    Mining,          // 0602 采矿用地
    UrbanHousing,    // 0701 城镇住宅用地
    RuralHousing,    // 0702 农村宅基地
    Road,            // 1003 公路用地
    River,           // 1101 河流水面
    Pond,            // 1104 坑塘水面
    InlandFlat,      // 1106 内陆滩涂
    Canal,           // 1107 沟渠
    FacilityFarm,    // 1202 设施农用地
    Sand,            // 1205 沙地
    BareSoil,        // 1206 裸土地
    BareRock,        // 1207 裸岩石砾地
    Photovoltaic,    // 1302 光伏板区
    OtherForest,     // 0307 其他林地 (county2 only)
    Count
};
inline constexpr size_t kLcCount = static_cast<size_t>(Lc::Count);

struct LandCode {
    const char* code;  // 三调 code
    const char* name;  // 三调 name
};
const LandCode& land_code(Lc lc);
bool is_cropland(Lc lc);

// What a raster class is to the generator (patch types, site placement, gap filling): a scheme
// may give several roles one class (a county's 林地 is both forest and shrub).
enum class Role : uint8_t {
    Dry,
    Irrigated,
    Forest,
    Shrub,
    OtherGrass,
    Pasture,
    Water,
    Flat,
    Built,
    Industry,
    Pv,
    Bare,
    Count
};

struct RasterClass {
    uint8_t value;
    std::string code;                // `code = "..."` in the project file ("" when codes / group)
    std::vector<std::string> codes;  // `codes = [...]`
    std::string group;               // `group = "..."` (a land group key of layers/landuse_codes.h)
    std::string name;
    std::string members;  // 三调 codes folded into it (comments, README)
    uint8_t r, g, b;      // display colour
    // The code written beside the value in band metadata and injected_patches.csv: `code`, else
    // the first of `codes`, else the group key.
    const std::string& label() const;
};

struct ClassScheme {
    std::vector<RasterClass> classes;
    std::array<uint8_t, kLcCount> of_lc{};                            // land-use class -> value
    std::array<uint8_t, static_cast<size_t>(Role::Count)> of_role{};  // role -> value
    std::array<std::vector<uint8_t>, 256> confusable;                 // value -> plausible confusions

    uint8_t value(Lc lc) const { return of_lc[static_cast<size_t>(lc)]; }
    uint8_t value(Role r) const { return of_role[static_cast<size_t>(r)]; }
    const RasterClass& at(uint8_t value) const;  // throws for a value not in the scheme
};

// The sample's 12-class table (values 1..12, one representative 三调 code each).
const ClassScheme& hongsibu_classes();

}  // namespace ecozone::samplegen
