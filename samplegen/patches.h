#pragma once
// Injected human-activity patches (人类活动斑块): the ground truth of change between the 2020 and
// 2025 land-use rasters, placed inside the reserve's zones, the red line and outside, for the
// audit ("绿盾") tests to find again.
#include "samplegen/model.h"
#include "samplegen/rasterizer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::samplegen {

struct Patch {
    std::string id;
    std::string type, type_cn, activity_code;  // e.g. "quarry", "采石采矿", "04"
    std::string zone;                          // 核心区 / 缓冲区 / 实验区 / 生态保护红线 / 非保护地
    bool in_redline = false;
    uint8_t from_class = 0, to_class = 0;
    std::vector<uint64_t> pixels;              // row * cols + col
    XY centre;
};

struct PatchSet {
    std::vector<Patch> patches;
    // (pixel index, class after) sorted by pixel index, for the row-band writer.
    std::vector<std::pair<uint64_t, uint8_t>> overlay;
    int requested = 0;
};

PatchSet inject_patches(const GeosContext& geos, const Model& model, const Rasterizer& truth,
                        const Grid& grid, int count, uint64_t seed);

// from_code / to_code are the classes' labels (classes.h: the code, the first of several codes,
// or the land group key).
void write_patch_csv(const std::string& path, const PatchSet& set, const Grid& grid, const ClassScheme& classes);

}  // namespace ecozone::samplegen
