#pragma once
// Injected human-activity patches (人类活动斑块): the ground truth of change between the 2020 and
// 2025 land-use rasters, placed inside the reserve's zones, the red line and outside, for the
// audit ("绿盾") tests to find again.
#include "samplegen/model.h"
#include "samplegen/profile.h"
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
    // An audit can register it: its changed pixels (those whose before class -> to_class is a
    // human activity under the project's [audit] table) cover at least the minimum mapping unit
    // of that activity ([audit.min_area_m2], pixel count x pixel area).
    bool detectable = false;
};

struct PatchSet {
    std::vector<Patch> patches;
    // (pixel index, class after) sorted by pixel index, for the row-band writer.
    std::vector<std::pair<uint64_t, uint8_t>> overlay;
    int requested = 0;
};

PatchSet inject_patches(const GeosContext& geos, const Model& model, const Rasterizer& truth,
                        const Grid& grid, int count, uint64_t seed);

// The activity type ("01".."10") the project's [audit] table gives a change of raster class
// before -> after, "" when it is no activity (docs/audit.md: an explicit pair decides, else
// natural land to a listed after-class, else none).
std::string audit_activity(const ProjectSettings& settings, uint8_t before, uint8_t after);
// The minimum mapping unit (m²) of an activity: its [audit.min_area_m2] entry, else "*", else
// ecozone's default of 400 m².
double audit_min_area_m2(const ProjectSettings& settings, const std::string& activity);

// from_code / to_code are the classes' labels (classes.h: the code, the first of several codes,
// or the land group key); the last column is `detectable` (1 / 0).
void write_patch_csv(const std::string& path, const PatchSet& set, const Grid& grid, const ClassScheme& classes);
// The same truth as polygons (each patch's pixel squares, traced; EPSG kWorkingEpsg) in layer
// `injected_patches`: id, type, activity_code, zone, in_redline, pixels, area_m2, detectable.
void write_patch_gpkg(const std::string& path, const PatchSet& set, const Grid& grid, const GeosContext& geos);

}  // namespace ecozone::samplegen
