#include "analysis/raster_route.h"

#include "geo/coverage_fraction.h"
#include "geo/errors.h"
#include "geo/pixel_area.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::analysis {

RasterRouteResult run_raster_route(const layers::ClassRaster& raster, const std::vector<Zone>& zones,
                                   const std::vector<layers::RasterClass>& classes, const geo::GeosContext& geos,
                                   const std::string& working_crs, geo::AreaMode mode) {
    const geo::Grid& grid = raster.grid();
    RasterRouteResult out;
    out.grid = grid;
    out.warped = raster.warped();
    // After warping the grid is in the working CRS; otherwise in the source's own.
    const std::string grid_crs = raster.warped() ? working_crs : raster.source_info().crs_wkt;
    const geo::PixelAreas pixel_area(grid, grid_crs, working_crs, mode);
    out.pixel_area_method = pixel_area.describe();

    // Dense accumulation by pixel value: values are small class codes.
    int max_value = 0;
    for (const auto& c : classes) max_value = std::max(max_value, c.value);
    const size_t slots = static_cast<size_t>(max_value) + 2;  // last slot: values not in the table
    std::vector<bool> known(slots, false);
    for (const auto& c : classes) {
        if (c.value >= 0) known[static_cast<size_t>(c.value)] = true;
    }
    std::vector<std::vector<double>> tally(zones.size(), std::vector<double>(slots, 0.0));
    out.nodata_area_m2.assign(zones.size(), 0.0);
    out.covered_area_m2.assign(zones.size(), 0.0);
    std::map<std::int64_t, std::int64_t> unknown_values;

    std::vector<std::int32_t> rows;
    const int band = raster.band_rows();
    for (int r0 = 0; r0 < grid.rows; r0 += band) {
        const int h = std::min(band, grid.rows - r0);
        bool read = false;
        for (size_t z = 0; z < zones.size(); ++z) {
            const geo::Window w = geo::polygon_window(geos, zones[z].geom.get(), grid, r0, h);
            if (w.empty()) continue;
            if (!read) {
                raster.read_rows(r0, h, rows);
                read = true;
                ++out.bands;
            }
            const geo::CoverageFractions f = geo::coverage_fractions(geos, zones[z].geom.get(), grid, w);
            std::vector<double>& t = tally[z];
            double nodata = 0, covered = 0;
            for (int r = w.row0; r < w.row0 + w.rows; ++r) {
                const std::int32_t* values = &rows[static_cast<size_t>(r - r0) * grid.cols];
                const double* frac = &f.fraction[static_cast<size_t>(r - w.row0) * w.cols];
                for (int c = 0; c < w.cols; ++c) {
                    const double fr = frac[c];
                    if (fr == 0.0) continue;
                    const int col = w.col0 + c;
                    const double a = fr * pixel_area.at(r, col);
                    covered += a;
                    const std::int32_t v = values[col];
                    if (raster.has_nodata() && v == raster.nodata()) {
                        nodata += a;
                    } else if (v >= 0 && static_cast<size_t>(v) < slots - 1 && known[static_cast<size_t>(v)]) {
                        t[static_cast<size_t>(v)] += a;
                    } else {
                        ++unknown_values[v];
                    }
                }
            }
            out.nodata_area_m2[z] += nodata;
            out.covered_area_m2[z] += covered;
        }
    }
    if (!unknown_values.empty()) {
        std::string list;
        for (const auto& [v, n] : unknown_values) list += fmt::format("{}{} ({} px)", list.empty() ? "" : ", ", v, n);
        throw DataError(fmt::format("{}: pixel values not in the project's [[raster_classes]]: {}; add them to the "
                                    "class table or set them as nodata",
                                    raster.source_info().path, list));
    }
    out.class_area_m2.resize(zones.size());
    for (size_t z = 0; z < zones.size(); ++z) {
        for (const auto& c : classes) {
            const double a = tally[z][static_cast<size_t>(c.value)];
            if (a > 0) out.class_area_m2[z][c.value] = a;
        }
    }
    return out;
}

}  // namespace ecozone::analysis
