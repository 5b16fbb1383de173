#pragma once
// A classified raster read in the working CRS, row band by row band.
//
// A raster already in the working CRS is read as it is.  A geographic (longitude/latitude)
// raster is also read on its own grid: the analysis brings its polygons to the raster's CRS
// and weighs pixels by their ellipsoidal area per row, which is exact where warping would
// resample.  A raster in any other projected CRS is warped on the fly (a GDAL warped VRT,
// nearest neighbour, since classes must not be averaged) onto a grid of the same resolution in
// the working CRS, and `warped()` says so — never overlaid as it is.
#include "geo/grid.h"
#include "layers/gdal_handle.h"
#include "layers/raster_info.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::layers {

class ClassRaster {
public:
    // Throws IoError / CrsError / DataError (float or rotated rasters, no CRS).
    ClassRaster(const std::string& path, const std::string& working_crs);
    // The raster resampled (nearest neighbour) onto `target`, a grid in the working CRS — to
    // compare two dates classified on different grids pixel by pixel.
    ClassRaster(const std::string& path, const std::string& working_crs, const geo::Grid& target);

    const geo::Grid& grid() const { return grid_; }
    const RasterInfo& source_info() const { return info_; }
    bool warped() const { return warped_; }
    // CRS of grid(): the working CRS, or the raster's own geographic CRS (as WKT).
    const std::string& grid_crs() const { return grid_crs_; }
    bool in_working_crs() const { return in_working_crs_; }
    // Value that means "no data" in the rows read (the source's nodata, or 0 when it has none
    // and the raster was warped, since the warp fills outside pixels with it).
    std::int32_t nodata() const { return nodata_; }
    bool has_nodata() const { return has_nodata_; }
    // Preferred number of rows to read at a time (~2 M pixels, at most the file's block height).
    int band_rows() const { return band_rows_; }

    // Read rows [row0, row0 + count) of the whole width into `out` (resized).
    void read_rows(int row0, int count, std::vector<std::int32_t>& out) const;
    // Read the window of rows [row0, row0 + rows) and columns [col0, col0 + cols) into `out`
    // (resized, row-major) — a small picture around one place without decoding whole rows.
    void read_window(int row0, int rows, int col0, int cols, std::vector<std::int32_t>& out) const;

private:
    void warp_onto(const geo::Grid& target, const std::string& working_crs);
    std::string path_;
    RasterInfo info_;
    GDALDatasetUniquePtr source_;
    GDALDatasetUniquePtr resampled_base_;  // a first warped VRT that a resampling VRT reads from
    GDALDatasetUniquePtr dataset_;  // the warped VRT, or the source itself
    geo::Grid grid_;
    bool warped_ = false;
    bool in_working_crs_ = true;
    std::string grid_crs_;
    bool has_nodata_ = false;
    std::int32_t nodata_ = 0;
    int band_rows_ = 256;
};

}  // namespace ecozone::layers
