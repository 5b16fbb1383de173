#pragma once
// PNG bytes of an in-memory picture, written by libpng straight into a string: the audit draws
// hundreds of small pictures, and a GDAL MEM dataset, a PNG driver copy and a /vsimem/ file per
// picture (with GDAL's global locks on each) cost more than the compression itself.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::report {

using Rgb = std::array<unsigned char, 3>;

// `index`: width × height colour indices, row by row, into `palette` (1–256 colours): an 8-bit
// paletted PNG.  `zlib_level` 0–9 (1: fastest, ample for pictures of a few flat colours).
// Throws std::runtime_error if libpng refuses (sizes out of range, no memory).
std::string encode_indexed_png(const std::vector<std::uint8_t>& index, int width, int height,
                               const std::vector<Rgb>& palette, int zlib_level = 1);

// `rgb`: width × height colours, row by row: a 24-bit truecolour PNG (for pictures of more than
// 256 colours).
std::string encode_rgb_png(const std::vector<Rgb>& rgb, int width, int height, int zlib_level = 1);

}  // namespace ecozone::report
