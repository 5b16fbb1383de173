#pragma once
// What a raster is, without reading its pixels: grid, CRS, bands, nodata, blocks.  The
// analyses stream pixels block by block; this is what `info` and `check` need.
#include "geo/crs.h"
#include "layers/vector_layer.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ecozone::layers {

struct RasterInfo {
    std::string path;
    std::string driver;
    int width = 0, height = 0, bands = 0;
    int block_width = 0, block_height = 0;
    std::string data_type;                 // "Byte", "UInt16", ...
    std::array<double, 6> geotransform{};  // GDAL's affine (origin x, dx, rx, origin y, ry, dy)
    geo::CrsInfo crs;
    std::string crs_wkt;
    std::optional<double> nodata;
    Extent extent;                         // in the raster's CRS
    double pixel_width() const { return geotransform[1]; }
    double pixel_height() const { return -geotransform[5]; }
    bool rotated() const { return geotransform[2] != 0 || geotransform[4] != 0; }
};

// Throws IoError (unreadable) or CrsError (no CRS: "assign one with gdal_edit.py -a_srs ...").
RasterInfo read_raster_info(const std::string& path);

// Count of every pixel value of band 1 (nodata excluded), read block row by block row so that
// memory stays flat however large the raster.  Integer rasters only (classified maps).
std::map<long long, std::int64_t> value_counts(const RasterInfo& info);

// Extent of a raster transformed into another CRS (densified edges), for "within the
// district" checks.
Extent extent_in(const RasterInfo& info, const std::string& target_crs);

}  // namespace ecozone::layers
