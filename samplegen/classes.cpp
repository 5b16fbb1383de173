#include "samplegen/classes.h"

#include "geo/errors.h"

#include <array>

namespace ecozone::samplegen {

namespace {
// Raster class values (see raster_classes()).
constexpr uint8_t kDry = 1, kIrrigated = 2, kForest = 3, kShrub = 4, kOtherGrass = 5,
                  kPasture = 6, kWater = 7, kFlat = 8, kBuilt = 9, kIndustry = 10, kPv = 11,
                  kBare = 12;

const std::array<LandCode, static_cast<size_t>(Lc::Count)> kCodes = {{
    {"0102", "水浇地", kIrrigated},
    {"0103", "旱地", kDry},
    {"0301", "乔木林地", kForest},
    {"0305", "灌木林地", kShrub},
    {"0401", "天然牧草地", kPasture},
    {"0402", "沼泽草地", kFlat},
    {"0404", "其他草地", kOtherGrass},
    {"0601", "工业用地", kIndustry},
    {"0602", "采矿用地", kIndustry},
    {"0701", "城镇住宅用地", kBuilt},
    {"0702", "农村宅基地", kBuilt},
    {"1003", "公路用地", kBuilt},
    {"1101", "河流水面", kWater},
    {"1104", "坑塘水面", kWater},
    {"1106", "内陆滩涂", kFlat},
    {"1107", "沟渠", kWater},
    {"1202", "设施农用地", kIrrigated},
    {"1205", "沙地", kBare},
    {"1206", "裸土地", kBare},
    {"1207", "裸岩石砾地", kBare},
    {"1302", "光伏板区", kPv},
}};

const std::vector<RasterClass> kRasterClasses = {
    {kDry, "0103", "旱地", "0103", 230, 210, 120},
    {kIrrigated, "0102", "水浇地", "0102, 1202", 250, 240, 60},
    {kForest, "0301", "乔木林地", "0301", 20, 110, 40},
    {kShrub, "0305", "灌木林地", "0305", 90, 160, 70},
    {kOtherGrass, "0404", "其他草地", "0404", 200, 220, 150},
    {kPasture, "0401", "天然牧草地", "0401", 160, 200, 100},
    {kWater, "1101", "水域", "1101, 1104, 1107", 40, 110, 220},
    {kFlat, "1106", "内陆滩涂", "1106, 0402", 120, 200, 210},
    {kBuilt, "0702", "城乡建设用地", "0701, 0702, 1003", 220, 60, 60},
    {kIndustry, "0602", "工矿用地", "0601, 0602", 150, 60, 150},
    {kPv, "1302", "光伏板区", "1302", 40, 40, 90},
    {kBare, "1206", "沙地及裸地", "1205, 1206, 1207", 225, 205, 175},
};

// Confusions a per-pixel classifier makes on this landscape: crop types with each other and
// with grass, grass types with shrub and bare soil, water with flats, built-up with industry.
const std::array<std::vector<uint8_t>, 13> kConfusable = {{
    {},
    {kIrrigated, kOtherGrass, kBare},
    {kDry, kOtherGrass},
    {kShrub},
    {kForest, kOtherGrass, kPasture},
    {kPasture, kShrub, kBare, kDry},
    {kOtherGrass, kShrub},
    {kFlat},
    {kWater, kOtherGrass},
    {kIndustry, kBare, kIrrigated},
    {kBuilt, kBare},
    {kIndustry, kBuilt, kBare},
    {kOtherGrass, kIndustry},
}};
}  // namespace

const LandCode& land_code(Lc lc) { return kCodes.at(static_cast<size_t>(lc)); }

bool is_cropland(Lc lc) { return lc == Lc::IrrigatedCrop || lc == Lc::DryCrop; }

const std::vector<RasterClass>& raster_classes() { return kRasterClasses; }

const RasterClass& raster_class(uint8_t value) {
    if (value < 1 || value > kRasterClasses.size()) {
        throw Error("internal: raster class value out of range");
    }
    return kRasterClasses[value - 1];
}

const std::vector<uint8_t>& confusable(uint8_t value) { return kConfusable.at(value); }

}  // namespace ecozone::samplegen
