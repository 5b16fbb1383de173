#include "analysis/raster_route.h"

#include "geo/coverage_fraction.h"
#include "geo/errors.h"
#include "geo/pixel_area.h"
#include "geo/transform_geometry.h"

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
    const geo::PixelAreas pixel_area(grid, raster.grid_crs(), working_crs, mode);
    out.pixel_area_method = pixel_area.describe();
    // Zones go to the raster's CRS when it is geographic (see ClassRaster).
    std::vector<geo::GeomPtr> in_grid_crs;
    for (const auto& z : zones) {
        in_grid_crs.push_back(raster.in_working_crs() ? geos.clone(z.geom.get())
                                                      : geo::transform_geometry(geos, z.geom.get(), working_crs,
                                                                                raster.grid_crs(), 50.0));
    }

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
            const geo::Window w = geo::polygon_window(geos, in_grid_crs[z].get(), grid, r0, h);
            if (w.empty()) continue;
            if (!read) {
                raster.read_rows(r0, h, rows);
                read = true;
                ++out.bands;
            }
            const geo::CoverageFractions f = geo::coverage_fractions(geos, in_grid_crs[z].get(), grid, w);
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
