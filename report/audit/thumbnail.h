#pragma once
// Before/after pictures of audit patches: a window of a classified raster around each patch,
// coloured by what its classes stand for, the patch outlined in black, as PNG: data: URIs in
// audit.html, and stored in the register (patches.gpkg, table patch_images) for the workbench.
#include "analysis/patch_register.h"
#include "geo/geos_handle.h"
#include "layers/class_raster.h"
#include "layers/project.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ecozone::report {

using Rgb = std::array<unsigned char, 3>;
// Raster value → colour.
using Palette = std::map<std::int32_t, Rgb>;

// Colours of the project's raster classes by what they stand for (their first 三调 code, else
// their land group), so that every county's images read alike whatever values its classifier uses.
Palette class_palette(const std::vector<layers::RasterClass>& classes);

// Pixels each side of a patch's centre in its picture, and how many screen pixels draw one.
constexpr int kThumbnailHalfWindow = 20;
constexpr int kThumbnailScale = 4;

// One picture (PNG bytes) per record, in the records' order: "" for a record without a polygon or whose
// window lies off the raster.  The raster is read on the calling thread (its GDAL handle is not
// shared); colouring, outlining and PNG encoding run on `threads` workers (0: one per core).
std::vector<std::string> patch_thumbnails(const layers::ClassRaster& raster,
                                          const std::vector<analysis::PatchRecord>& records, const Palette& palette,
                                          const geo::GeosContext& geos, int threads = 0);

// Which pixels of the window (rows row0.., columns col0..) of grid `g` have their centre inside
// `polygon` (row-major, 1 = inside; every ring of every part, holes out): the outline a picture
// draws.  Centres exactly on an edge are out; a pixel-traced patch has none.
std::vector<char> pixel_centre_mask(const geo::GeosContext& geos, const GEOSGeometry* polygon, const geo::Grid& g,
                                    int row0, int rows, int col0, int cols);

// "data:image/png;base64,…" for PNG bytes; "" for none.
std::string png_data_uri(const std::string& png);

}  // namespace ecozone::report
