#include "analysis/raster_route.h"

#include "analysis/parallel.h"
#include "geo/coverage_fraction.h"
#include "geo/errors.h"
#include "geo/pixel_area.h"
#include "geo/transform_geometry.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace ecozone::analysis {

namespace {

// Sums of a band (and of all bands): by zone, by pixel value (dense, indexed by value), unknown values counted apart.
struct Tally {
    std::vector<std::vector<double>> by_value;
    std::vector<double> nodata, covered;
    std::map<std::int64_t, std::int64_t> unknown;
};

// The bands' tallies added up in band order as they complete (a band finished early waits for
// those before it): the sums do not depend on which core took which band, and only the few bands
// finished out of order are held at once, however tall the raster.
class BandSums {
public:
    BandSums(size_t zones, size_t slots) {
        total_.by_value.assign(zones, std::vector<double>(slots, 0.0));
        total_.nodata.assign(zones, 0.0);
        total_.covered.assign(zones, 0.0);
    }
    void add(size_t band, Tally t) {
        const std::lock_guard<std::mutex> lock(mutex_);
        pending_.emplace(band, std::move(t));
        while (!pending_.empty() && pending_.begin()->first == next_) {
            merge(pending_.begin()->second);
            pending_.erase(pending_.begin());
            ++next_;
        }
    }
    // Once every band is added.
    const Tally& total() const { return total_; }

private:
    void merge(const Tally& t) {
        for (size_t z = 0; z < total_.by_value.size(); ++z) {
            for (size_t v = 0; v < total_.by_value[z].size(); ++v) total_.by_value[z][v] += t.by_value[z][v];
            total_.nodata[z] += t.nodata[z];
            total_.covered[z] += t.covered[z];
        }
        for (const auto& [value, n] : t.unknown) total_.unknown[value] += n;
    }
    std::mutex mutex_;
    std::map<size_t, Tally> pending_;
    size_t next_ = 0;
    Tally total_;
};

struct ClassLookup {
    size_t slots = 0;           // max value + 1
    std::vector<char> known;    // by value
};

// One worker: its own raster handle and GEOS context; tallies the bands `queue` hands it (bands
// differ in cost: those crossing zone edges compute fractions), each into its own Tally handed to
// `sums`.
void tally_bands(const std::string& path, const std::string& working_crs, const std::vector<std::vector<unsigned char>>& zone_wkb,
                 const geo::PixelAreas& pixel_area, const ClassLookup& lookup, ChunkQueue& queue,
                 BandSums& sums) {
    const layers::ClassRaster raster(path, working_crs);
    const geo::Grid& grid = raster.grid();
    geo::GeosContext geos;
    std::vector<geo::GeomPtr> zones;
    for (const auto& wkb : zone_wkb) zones.push_back(geos.from_wkb(wkb.data(), wkb.size()));
    std::vector<std::int32_t> values;
    std::vector<double> areas(static_cast<size_t>(grid.cols));
    // before[c]: the row's pixel areas summed over columns [0, c), so that a run of whole pixels
    // of one class adds its area in one step.
    std::vector<double> before(static_cast<size_t>(grid.cols) + 1, 0.0);
    int areas_row = -1;  // the row `areas` and `before` were computed for
    const int band = raster.band_rows();
    const bool has_nodata = raster.has_nodata();
    const std::int32_t nodata = raster.nodata();
    // Band `chunk` into `out`.
    auto tally_band = [&](size_t chunk, Tally& out) {
        const int r0 = static_cast<int>(chunk) * band;
        const int h = std::min(band, grid.rows - r0);
        // The zones this band touches, each with its coverage delivered row by row.
        std::vector<std::pair<size_t, geo::CoverageRows>> active;
        for (size_t z = 0; z < zones.size(); ++z) {
            const geo::Window w = geo::polygon_window(geos, zones[z].get(), grid, r0, h);
            if (!w.empty()) active.emplace_back(z, geo::CoverageRows(geos, zones[z].get(), grid, w));
        }
        if (active.empty()) return;
        raster.read_rows(r0, h, values);
        // Row by row, every zone in turn: the row's values and pixel areas stay in cache.
        for (int r = r0; r < r0 + h; ++r) {
            const std::int32_t* row_values = &values[static_cast<size_t>(r - r0) * grid.cols];
            for (auto& [z, rows] : active) {
                const geo::Window& w = rows.window();
                if (r < w.row0 || r >= w.row0 + w.rows) continue;
                if (areas_row < 0 || !pixel_area.same_row_areas(areas_row, r)) {
                    pixel_area.row_areas(r, 0, grid.cols, areas.data());
                    for (size_t c = 0; c < areas.size(); ++c) before[c + 1] = before[c] + areas[c];
                    areas_row = r;
                }
                const double* frac = rows.next_row();
                std::vector<double>& t = out.by_value[z];
                double nod = 0, covered = 0;
                // `a` m² of pixels of `value`, `pixels` of them.
                auto add = [&](std::int32_t value, double a, std::int64_t pixels) {
                    covered += a;
                    if (has_nodata && value == nodata) {
                        nod += a;
                    } else if (value >= 0 && static_cast<size_t>(value) < lookup.slots &&
                               lookup.known[static_cast<size_t>(value)]) {
                        t[static_cast<size_t>(value)] += a;
                    } else {
                        out.unknown[value] += pixels;
                    }
                };
                // Inside a zone a row is long runs of whole pixels (fraction 1) of one class: each
                // run is added at once (one sum per run instead of one per pixel, each waiting
                // on the last); the zone's edge pixels one by one, weighted by their fraction.
                for (int c = 0; c < w.cols;) {
                    const double f = frac[c];
                    const int col = w.col0 + c;
                    const std::int32_t value = row_values[col];
                    if (f == 1.0) {
                        int end = c + 1;
                        while (end < w.cols && frac[end] == 1.0 && row_values[w.col0 + end] == value) ++end;
                        add(value, before[static_cast<size_t>(w.col0 + end)] - before[static_cast<size_t>(col)],
                            end - c);
                        c = end;
                        continue;
                    }
                    if (f != 0.0) add(value, f * areas[static_cast<size_t>(col)], 1);
                    ++c;
                }
                out.nodata[z] += nod;
                out.covered[z] += covered;
            }
        }
    };
    queue.drain([&](size_t chunk) {
        Tally out;
        out.by_value.assign(zones.size(), std::vector<double>(lookup.slots, 0.0));
        out.nodata.assign(zones.size(), 0.0);
        out.covered.assign(zones.size(), 0.0);
        tally_band(chunk, out);
        sums.add(chunk, std::move(out));
    });
}

}  // namespace

RasterRouteResult run_raster_route(const layers::ClassRaster& raster, const std::vector<Zone>& zones,
                                   const std::vector<layers::RasterClass>& classes, const geo::GeosContext& geos,
                                   const std::string& working_crs, geo::AreaMode mode, int threads) {
    const geo::Grid& grid = raster.grid();
    RasterRouteResult out;
    out.grid = grid;
    out.warped = raster.warped();
    const geo::PixelAreas pixel_area(grid, raster.grid_crs(), working_crs, mode);
    out.pixel_area_method = {pixel_area.describe(true), pixel_area.describe(false)};

    // Zones go to the raster's CRS when it is geographic (see ClassRaster), then to WKB for the
    // workers, each of which parses them in its own GEOS context.
    std::vector<std::vector<unsigned char>> zone_wkb;
    for (const auto& z : zones) {
        geo::GeomPtr g = raster.in_working_crs()
                             ? geos.clone(z.geom.get())
                             : geo::transform_geometry(geos, z.geom.get(), working_crs, raster.grid_crs(), 50.0);
        zone_wkb.push_back(geos.to_wkb(g.get()));
    }

    ClassLookup lookup;
    int max_value = 0;
    for (const auto& c : classes) max_value = std::max(max_value, c.value);
    lookup.slots = static_cast<size_t>(max_value) + 1;
    lookup.known.assign(lookup.slots, 0);
    for (const auto& c : classes) {
        if (c.value >= 0) lookup.known[static_cast<size_t>(c.value)] = 1;
    }

    // Bands go to whichever core is free (ChunkQueue); each worker reads through its own GDAL handle.
    const int bands = (grid.rows + raster.band_rows() - 1) / raster.band_rows();
    const int workers = std::max(1, std::min(worker_count(threads), bands));
    BandSums sums(zone_wkb.size(), lookup.slots);
    ChunkQueue queue(static_cast<size_t>(bands));
    const std::string path = raster.source_info().path;
    run_workers(workers, [&](int) { tally_bands(path, working_crs, zone_wkb, pixel_area, lookup, queue, sums); });
    queue.rethrow_first();
    out.bands = bands;
    const Tally& total = sums.total();

    const std::map<std::int64_t, std::int64_t>& unknown = total.unknown;
    if (!unknown.empty()) {
        std::string list;
        for (const auto& [v, n] : unknown) list += fmt::format("{}{} ({} px)", list.empty() ? "" : ", ", v, n);
        throw make_error<DataError>(
            "{}：有些像元值不在项目的 [[raster_classes]] 中：{}；请把它们加进类别表，或设为无效值（nodata）",
            "{}: pixel values not in the project's [[raster_classes]]: {}; add them to the "
            "class table or set them as nodata",
            raster.source_info().path, list);
    }
    out.class_area_m2.resize(zones.size());
    out.nodata_area_m2.assign(zones.size(), 0.0);
    out.covered_area_m2.assign(zones.size(), 0.0);
    for (size_t z = 0; z < zones.size(); ++z) {
        out.nodata_area_m2[z] = total.nodata[z];
        out.covered_area_m2[z] = total.covered[z];
        for (const auto& c : classes) {
            const double a = total.by_value[z][static_cast<size_t>(c.value)];
            if (a > 0) out.class_area_m2[z][c.value] = a;
        }
    }
    return out;
}

}  // namespace ecozone::analysis
