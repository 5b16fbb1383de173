#pragma once
// The land-use vocabulary of the sample project: the 三调 codes the generator writes into DLBM,
// and the class table of the classified rasters (many codes -> one raster class, as a
// satellite classifier cannot tell 0701 from 0702).
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
    Count
};

struct LandCode {
    const char* code;   // DLBM
    const char* name;   // DLMC
    uint8_t raster;     // raster class value
};
const LandCode& land_code(Lc lc);
bool is_cropland(Lc lc);

struct RasterClass {
    uint8_t value;
    const char* code;   // representative DLBM code
    const char* name;   // Chinese class name
    const char* members;  // DLBM codes folded into it, for the README/TOML comments
    uint8_t r, g, b;    // display colour
};
const std::vector<RasterClass>& raster_classes();
const RasterClass& raster_class(uint8_t value);

// Classes a classifier plausibly confuses a pixel of class `value` with (for speckle).
const std::vector<uint8_t>& confusable(uint8_t value);

}  // namespace ecozone::samplegen
