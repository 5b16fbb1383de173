#include "samplegen/classes.h"

#include "geo/errors.h"

#include <array>

namespace ecozone::samplegen {

namespace {

const std::array<LandCode, kLcCount> kCodes = {{
    {"0102", "水浇地"},     {"0103", "旱地"},         {"0301", "乔木林地"},   {"0305", "灌木林地"},
    {"0401", "天然牧草地"}, {"0402", "沼泽草地"},     {"0404", "其他草地"},   {"0601", "工业用地"},
    {"0602", "采矿用地"},   {"0701", "城镇住宅用地"}, {"0702", "农村宅基地"}, {"1003", "公路用地"},
    {"1101", "河流水面"},   {"1104", "坑塘水面"},     {"1106", "内陆滩涂"},   {"1107", "沟渠"},
    {"1202", "设施农用地"}, {"1205", "沙地"},         {"1206", "裸土地"},     {"1207", "裸岩石砾地"},
    {"1302", "光伏板区"},   {"0307", "其他林地"},
}};

ClassScheme make_hongsibu() {
    // Raster class values (the sample's table).
    constexpr uint8_t kDry = 1, kIrrigated = 2, kForest = 3, kShrub = 4, kOtherGrass = 5, kPasture = 6, kWater = 7,
                      kFlat = 8, kBuilt = 9, kIndustry = 10, kPv = 11, kBare = 12;
    ClassScheme s;
    s.classes = {
        {kDry, "0103", {}, "", "旱地", "0103", 230, 210, 120},
        {kIrrigated, "0102", {}, "", "水浇地", "0102, 1202", 250, 240, 60},
        {kForest, "0301", {}, "", "乔木林地", "0301", 20, 110, 40},
        {kShrub, "0305", {}, "", "灌木林地", "0305", 90, 160, 70},
        {kOtherGrass, "0404", {}, "", "其他草地", "0404", 200, 220, 150},
        {kPasture, "0401", {}, "", "天然牧草地", "0401", 160, 200, 100},
        {kWater, "1101", {}, "", "水域", "1101, 1104, 1107", 40, 110, 220},
        {kFlat, "1106", {}, "", "内陆滩涂", "1106, 0402", 120, 200, 210},
        {kBuilt, "0702", {}, "", "城乡建设用地", "0701, 0702, 1003", 220, 60, 60},
        {kIndustry, "0602", {}, "", "工矿用地", "0601, 0602", 150, 60, 150},
        {kPv, "1302", {}, "", "光伏板区", "1302", 40, 40, 90},
        {kBare, "1206", {}, "", "沙地及裸地", "1205, 1206, 1207", 225, 205, 175},
    };
    s.of_lc = {kIrrigated, kDry,   kForest, kShrub, kPasture, kFlat,  kOtherGrass, kIndustry,
               kIndustry,  kBuilt, kBuilt,  kBuilt, kWater,   kWater, kFlat,       kWater,
               kIrrigated, kBare,  kBare,   kBare,  kPv,      kForest};
    s.of_role = {kDry,   kIrrigated, kForest, kShrub,    kOtherGrass, kPasture,
                 kWater, kFlat,      kBuilt,  kIndustry, kPv,         kBare};
    // Confusions a per-pixel classifier makes on this landscape: crop types with each other and
    // with grass, grass types with shrub and bare soil, water with flats, built-up with industry.
    s.confusable[kDry] = {kIrrigated, kOtherGrass, kBare};
    s.confusable[kIrrigated] = {kDry, kOtherGrass};
    s.confusable[kForest] = {kShrub};
    s.confusable[kShrub] = {kForest, kOtherGrass, kPasture};
    s.confusable[kOtherGrass] = {kPasture, kShrub, kBare, kDry};
    s.confusable[kPasture] = {kOtherGrass, kShrub};
    s.confusable[kWater] = {kFlat};
    s.confusable[kFlat] = {kWater, kOtherGrass};
    s.confusable[kBuilt] = {kIndustry, kBare, kIrrigated};
    s.confusable[kIndustry] = {kBuilt, kBare};
    s.confusable[kPv] = {kIndustry, kBuilt, kBare};
    s.confusable[kBare] = {kOtherGrass, kIndustry};
    return s;
}

}  // namespace

const LandCode& land_code(Lc lc) {
    return kCodes.at(static_cast<size_t>(lc));
}

bool is_cropland(Lc lc) {
    return lc == Lc::IrrigatedCrop || lc == Lc::DryCrop;
}

const std::string& RasterClass::label() const {
    if (!code.empty()) return code;
    if (!codes.empty()) return codes.front();
    return group;
}

const RasterClass& ClassScheme::at(uint8_t value) const {
    for (const auto& c : classes) {
        if (c.value == value) return c;
    }
    throw Error("internal: raster class value out of range");
}

const ClassScheme& hongsibu_classes() {
    static const ClassScheme scheme = make_hongsibu();
    return scheme;
}

}  // namespace ecozone::samplegen
