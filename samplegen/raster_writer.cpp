#include "samplegen/raster_writer.h"

#include "geo/errors.h"
#include "samplegen/classes.h"
#include "samplegen/rng.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace ecozone::samplegen {

namespace {

constexpr int kBand = 256;  // rows per band = tile height, so each band completes a tile row

// `noise`: the --noise spec as text, recorded in the file ("" = the look's, and nothing added).
GDALDatasetUniquePtr create_geotiff(const std::string& path, const Grid& grid, const std::string& date,
                                    const RasterLook& look, const std::string& noise) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw IoError("GDAL has no GTiff driver");
    std::filesystem::remove(path);
    std::filesystem::remove(path + ".aux.xml");
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE",
                             "ZLEVEL=6", "BIGTIFF=IF_SAFER", nullptr};
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), grid.cols, grid.rows, 1, GDT_Byte,
                                           const_cast<char**>(options)));
    if (!ds) throw IoError(fmt::format("cannot create {}: {}", path, CPLGetLastErrorMsg()));
    double gt[6] = {grid.x0, grid.res, 0.0, grid.y0, 0.0, -grid.res};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(kWorkingEpsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ds->SetSpatialRef(&srs);
    // Kept inside the TIFF (GDAL_METADATA tag, colour map), so no .aux.xml sidecar is written.
    ds->SetMetadataItem("TIFFTAG_DATETIME", (date.substr(0, 4) + ":" + date.substr(5, 2) + ":" +
                                             date.substr(8, 2) + " 00:00:00").c_str());
    ds->SetMetadataItem("ACQUISITION_DATE", date.c_str());
    const std::string description =
        noise.empty() ? look.description : fmt::format("{}; classifier noise {}", look.description, noise);
    ds->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", description.c_str());
    if (!noise.empty()) ds->SetMetadataItem("CLASSIFIER_NOISE", noise.c_str());
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(0);
    GDALColorTable colours;
    GDALColorEntry none{0, 0, 0, 0};
    colours.SetColorEntry(0, &none);
    for (const auto& c : look.classes->classes) {
        GDALColorEntry e{c.r, c.g, c.b, 255};
        colours.SetColorEntry(c.value, &e);
        band->SetMetadataItem(fmt::format("CLASS_{}", c.value).c_str(),
                              fmt::format("{} {}", c.label(), c.name).c_str());
    }
    band->SetColorTable(&colours);
    band->SetDescription("landuse_class");
    return ds;
}

void write_band(GDALDataset& ds, int r0, int rows, int cols, uint8_t* data, const std::string& path) {
    if (ds.GetRasterBand(1)->RasterIO(GF_Write, 0, r0, cols, rows, data, cols, rows, GDT_Byte, 0, 0,
                                      nullptr) != CE_None) {
        throw IoError(fmt::format("error writing {}: {}", path, CPLGetLastErrorMsg()));
    }
}

// Pixels inside the district that no land-use polygon claimed (a centre falling exactly in a
// rounding gap between two pieces) take the class of the nearest claimed pixel in the row
// (`fallback` when the row has none).
uint64_t fill_gaps(uint8_t* row, const uint8_t* mask, int cols, uint8_t fallback) {
    uint64_t filled = 0;
    for (int c = 0; c < cols; ++c) {
        if (!mask[c] || row[c]) continue;
        uint8_t v = 0;
        for (int d = 1; d < cols && !v; ++d) {
            if (c - d >= 0 && row[c - d]) v = row[c - d];
            else if (c + d < cols && row[c + d]) v = row[c + d];
        }
        row[c] = v ? v : fallback;
        ++filled;
    }
    return filled;
}

// Speckle one row with corner pairs: a pixel flips to a confusable class with probability
// look.speckle; a share look.corner_pairs of the flipped pixels also make a diagonal neighbour in
// the next row (left or right, drawn) take the same class, so that the two specks touch only at a
// corner.  `pending` holds what the previous row asked of this one (index c + 1); `next` collects
// what this row asks of the next.  Locked pixels (injected patches) never change.
uint64_t speckle_row(uint8_t* row, const uint8_t* locked, size_t cols, const RasterLook& look,
                     const ClassScheme& classes, Rng& rng, std::vector<uint8_t>& pending, std::vector<uint8_t>& next) {
    uint64_t flipped = 0;
    std::fill(next.begin(), next.end(), 0);
    for (size_t c = 0; c < cols; ++c) {
        const bool free = row[c] && !(locked && locked[c]);
        const bool own = free && rng.uniform() < look.speckle;
        if (own) {
            const auto& alt = classes.confusable[row[c]];
            row[c] = alt[rng.below(alt.size())];
            ++flipped;
            if (rng.uniform() < look.corner_pairs) next[rng.chance(0.5) ? c : c + 2] = row[c];
        } else if (free && pending[c + 1] && pending[c + 1] != row[c]) {
            row[c] = pending[c + 1];
            ++flipped;
        }
    }
    std::swap(pending, next);
    return flipped;
}

void close_rasters(GDALDatasetUniquePtr before, GDALDatasetUniquePtr after, const RasterJob& job) {
    CPLErrorReset();
    before.reset();
    after.reset();
    if (CPLGetLastErrorType() == CE_Failure) {
        throw IoError(fmt::format("error closing {}: {}", job.before_path, CPLGetLastErrorMsg()));
    }
}

// The profile's look: edge mixing shared by both years, independent speckle per year.
RasterStats write_with_look(const Rasterizer& truth, const Rasterizer& district_mask, const Grid& grid,
                            const PatchSet& patches, uint64_t seed, const RasterJob& job) {
    const RasterLook& look = *job.look;
    const ClassScheme& classes = *look.classes;
    const uint8_t fallback = classes.value(Role::OtherGrass);
    GDALDatasetUniquePtr before = create_geotiff(job.before_path, grid, job.before_date, look, "");
    GDALDatasetUniquePtr after = create_geotiff(job.after_path, grid, job.after_date, look, "");
    const int cols = grid.cols;
    const auto ucols = static_cast<size_t>(cols);
    RasterStats stats;
    // Truth rows r0-1 .. r1 (one halo row each side for the 4-neighbourhood).
    std::vector<uint8_t> t(static_cast<size_t>(kBand + 2) * ucols), mask(t.size());
    std::vector<uint8_t> out_before(static_cast<size_t>(kBand) * ucols), out_after(out_before.size());
    std::vector<uint8_t> mixed(ucols), locked(ucols);
    // Corner pairs: the class a pixel of the next row must take (0 = none), per date.
    std::vector<uint8_t> pair_before(ucols + 2, 0), pair_after(ucols + 2, 0), next_before(ucols + 2, 0),
        next_after(ucols + 2, 0);
    for (int r0 = 0; r0 < grid.rows; r0 += kBand) {
        const int r1 = std::min(grid.rows, r0 + kBand);
        std::fill(t.begin(), t.end(), 0);
        std::fill(mask.begin(), mask.end(), 0);
        truth.burn(r0 - 1, r1 + 1, 0, cols, t.data());
        district_mask.burn(r0 - 1, r1 + 1, 0, cols, mask.data());
        for (int k = 0; k < r1 - r0 + 2; ++k) {
            const uint64_t gaps =
                fill_gaps(&t[static_cast<size_t>(k) * ucols], &mask[static_cast<size_t>(k) * ucols], cols, fallback);
            // Halo rows are counted by the band that owns them.
            if (k >= 1 && k <= r1 - r0) stats.gap_pixels += gaps;
        }
        auto overlay_it = std::lower_bound(patches.overlay.begin(), patches.overlay.end(),
                                           std::make_pair(static_cast<uint64_t>(r0) * ucols, uint8_t{0}));
        for (int r = r0; r < r1; ++r) {
            const uint8_t* above = &t[static_cast<size_t>(r - r0) * ucols];
            const uint8_t* row = above + ucols;
            const uint8_t* below = row + ucols;
            // Mixed edge pixels: shared by both years (stream keyed by row only).
            Rng edge_rng(seed, Stream::EdgeMix, static_cast<uint64_t>(r));
            for (int c = 0; c < cols; ++c) {
                const uint8_t v = row[c];
                mixed[static_cast<size_t>(c)] = v;
                if (!v) continue;
                ++stats.district_pixels;
                uint8_t other[4];
                int n = 0;
                if (above[c] && above[c] != v) other[n++] = above[c];
                if (below[c] && below[c] != v) other[n++] = below[c];
                if (c > 0 && row[c - 1] && row[c - 1] != v) other[n++] = row[c - 1];
                if (c + 1 < cols && row[c + 1] && row[c + 1] != v) other[n++] = row[c + 1];
                if (n == 0) continue;
                if (edge_rng.uniform() < look.edge_mix) {
                    mixed[static_cast<size_t>(c)] = other[edge_rng.below(static_cast<uint64_t>(n))];
                    ++stats.edge_mixed;
                }
            }
            uint8_t* ob = &out_before[static_cast<size_t>(r - r0) * ucols];
            uint8_t* oa = &out_after[static_cast<size_t>(r - r0) * ucols];
            std::copy(mixed.begin(), mixed.end(), ob);
            std::copy(mixed.begin(), mixed.end(), oa);
            std::fill(locked.begin(), locked.end(), 0);
            const uint64_t row_end = static_cast<uint64_t>(r + 1) * ucols;
            for (; overlay_it != patches.overlay.end() && overlay_it->first < row_end; ++overlay_it) {
                const auto c = static_cast<size_t>(overlay_it->first - static_cast<uint64_t>(r) * ucols);
                oa[c] = overlay_it->second;
                locked[c] = 1;
                ++stats.patch_pixels;
            }
            // Independent speckle per year.
            Rng speckle_before(seed, Stream::Speckle2020, static_cast<uint64_t>(r));
            Rng speckle_after(seed, Stream::Speckle2025, static_cast<uint64_t>(r));
            if (look.corner_pairs <= 0) {
                for (size_t c = 0; c < ucols; ++c) {
                    if (ob[c] && speckle_before.uniform() < look.speckle) {
                        const auto& alt = classes.confusable[ob[c]];
                        ob[c] = alt[speckle_before.below(alt.size())];
                        ++stats.speckle_before;
                    }
                    if (oa[c] && !locked[c] && speckle_after.uniform() < look.speckle) {
                        const auto& alt = classes.confusable[oa[c]];
                        oa[c] = alt[speckle_after.below(alt.size())];
                        ++stats.speckle_after;
                    }
                }
            } else {
                stats.speckle_before +=
                    speckle_row(ob, nullptr, ucols, look, classes, speckle_before, pair_before, next_before);
                stats.speckle_after +=
                    speckle_row(oa, locked.data(), ucols, look, classes, speckle_after, pair_after, next_after);
            }
        }
        write_band(*before, r0, r1 - r0, cols, out_before.data(), job.before_path);
        write_band(*after, r0, r1 - r0, cols, out_after.data(), job.after_path);
        // Write the finished tile row now: bounded cache, and tiles land in the file in order.
        before->FlushCache(false);
        after->FlushCache(false);
    }
    close_rasters(std::move(before), std::move(after), job);
    return stats;
}

// Explicit classifier-noise models, each date on its own.  Each band burns the truth with
// kNoiseMargin rows above and below, so that every pixel sees the same neighbourhood whatever the
// band (classify_rows is a pure function of the pixel's location).
RasterStats write_with_noise(const Rasterizer& truth, const Rasterizer& district_mask, const Grid& grid,
                             const PatchSet& patches, uint64_t seed, const RasterJob& job) {
    const RasterLook& look = *job.look;
    const NoiseSpec& spec = *job.noise;
    const Confusion confusion = Confusion::from_scheme(*look.classes);
    const uint8_t fallback = look.classes->value(Role::OtherGrass);
    const std::string noise = fmt::format("{} (seed {})", spec.describe(), seed);
    GDALDatasetUniquePtr before = create_geotiff(job.before_path, grid, job.before_date, look, noise);
    GDALDatasetUniquePtr after = create_geotiff(job.after_path, grid, job.after_date, look, noise);
    const int cols = grid.cols;
    const auto ucols = static_cast<size_t>(cols);
    RasterStats stats;
    const size_t window = static_cast<size_t>(kBand + 2 * kNoiseMargin) * ucols;
    std::vector<uint8_t> t(window), t_after(window), mask(window);
    std::vector<uint8_t> out_before(static_cast<size_t>(kBand) * ucols), out_after(out_before.size()),
        locked(out_before.size());
    for (int r0 = 0; r0 < grid.rows; r0 += kBand) {
        const int r1 = std::min(grid.rows, r0 + kBand);
        const int lo = std::max(0, r0 - kNoiseMargin), hi = std::min(grid.rows, r1 + kNoiseMargin);
        const size_t n = static_cast<size_t>(hi - lo) * ucols;
        std::fill_n(t.begin(), n, 0);
        std::fill_n(mask.begin(), n, 0);
        truth.burn(lo, hi, 0, cols, t.data());
        district_mask.burn(lo, hi, 0, cols, mask.data());
        for (int r = lo; r < hi; ++r) {
            const size_t k = static_cast<size_t>(r - lo) * ucols;
            const uint64_t gaps = fill_gaps(&t[k], &mask[k], cols, fallback);
            if (r >= r0 && r < r1) stats.gap_pixels += gaps;  // margin rows are counted by their own band
        }
        // The after date's truth: the injected patches burnt in over the whole window; locked on
        // the band's own rows.
        std::copy_n(t.begin(), n, t_after.begin());
        std::fill_n(locked.begin(), static_cast<size_t>(r1 - r0) * ucols, 0);
        const uint64_t first = static_cast<uint64_t>(lo) * ucols, end = static_cast<uint64_t>(hi) * ucols;
        for (auto it =
                 std::lower_bound(patches.overlay.begin(), patches.overlay.end(), std::make_pair(first, uint8_t{0}));
             it != patches.overlay.end() && it->first < end; ++it) {
            t_after[static_cast<size_t>(it->first - first)] = it->second;
            const auto row = static_cast<int>(it->first / ucols);
            if (row >= r0 && row < r1) {
                locked[static_cast<size_t>(it->first - static_cast<uint64_t>(r0) * ucols)] = 1;
                ++stats.patch_pixels;
            }
        }
        stats.noise_before += classify_rows(spec, confusion, 0, seed, t.data(), lo, hi - lo, cols, grid.rows, r0, r1,
                                            nullptr, out_before.data());
        stats.noise_after += classify_rows(spec, confusion, 1, seed, t_after.data(), lo, hi - lo, cols, grid.rows, r0,
                                           r1, locked.data(), out_after.data());
        write_band(*before, r0, r1 - r0, cols, out_before.data(), job.before_path);
        write_band(*after, r0, r1 - r0, cols, out_after.data(), job.after_path);
        before->FlushCache(false);
        after->FlushCache(false);
    }
    stats.district_pixels = stats.noise_before.pixels;
    close_rasters(std::move(before), std::move(after), job);
    return stats;
}

}  // namespace

RasterStats write_rasters(const Rasterizer& truth, const Rasterizer& district_mask, const Grid& grid,
                          const PatchSet& patches, uint64_t seed, const RasterJob& job) {
    if (job.noise) return write_with_noise(truth, district_mask, grid, patches, seed, job);
    return write_with_look(truth, district_mask, grid, patches, seed, job);
}

}  // namespace ecozone::samplegen
