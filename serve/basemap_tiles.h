#pragma once
// A county's own raster (an orthophoto, a classified land-use raster: any 8-bit raster GDAL reads)
// served as the workbench's basemap in XYZ tiles: 256 x 256 PNG in Web Mercator, the scheme every
// web map reads, rendered by GDAL's warper on request — no online basemap, nothing fetched.
// Paletted rasters keep their colours (nearest neighbour: classes are never blended), RGB and grey
// ones are resampled bilinearly; no-data and everything outside the raster is transparent.
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

namespace ecozone::serve {

class BasemapTiles {
public:
    // Checks `raster` once: readable, with a CRS, 8-bit with 1 (grey or paletted), 3 or 4 bands.
    // Throws DataError / IoError naming the file and the fix.  At most `cache_tiles` tiles are kept.
    explicit BasemapTiles(std::string raster, std::size_t cache_tiles = 4096);

    static constexpr int kMaxZoom = 22;
    // The PNG of tile z/x/y; nullopt when z, x or y is out of range.  Thread-safe.
    std::optional<std::shared_ptr<const std::string>> tile(int z, int x, int y) const;

    // The raster's extent in lon/lat (west, south, east, north), for the page to zoom to.
    std::tuple<double, double, double, double> bounds_lonlat() const { return {west_, south_, east_, north_}; }
    const std::string& path() const { return raster_; }

private:
    std::string render(int z, int x, int y) const;

    std::string raster_;
    bool paletted_ = false;
    double west_ = 0, south_ = 0, east_ = 0, north_ = 0;
    double merc_minx_ = 0, merc_miny_ = 0, merc_maxx_ = 0, merc_maxy_ = 0;  // the raster in EPSG:3857
    std::shared_ptr<const std::string> empty_tile_;  // a transparent tile, for tiles off the raster

    // The most recently used tiles (a county browses a few hundred).
    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable std::list<std::tuple<int, int, int>> order_;  // most recent first
    mutable std::map<std::tuple<int, int, int>, std::pair<std::shared_ptr<const std::string>,
                                                          std::list<std::tuple<int, int, int>>::iterator>>
        cache_;
    mutable unsigned long long renders_ = 0;  // names each render's in-memory PNG
};

}  // namespace ecozone::serve
