#include "geo/pixel_area.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::geo {

PixelAreas::PixelAreas(const Grid& g, const std::string& grid_crs, const std::string& working_crs, AreaMode mode) {
    const CrsInfo info = describe_crs(grid_crs);
    const double nominal = g.dx * g.dy;
    if (!info.geographic && mode == AreaMode::Planar) {
        constant_ = nominal;
        description_ = fmt::format("planar pixel area {:g} × {:g} m", g.dx, g.dy);
        description_zh_ = fmt::format("平面像元面积 {:g} × {:g} 米", g.dx, g.dy);
        return;
    }
    if (info.geographic && mode == AreaMode::Ellipsoidal) {
        per_row_ = true;
        row_area_.resize(static_cast<size_t>(g.rows));
        for (int r = 0; r < g.rows; ++r) {
            const double lon[] = {g.xmin, g.xmin + g.dx, g.xmin + g.dx, g.xmin};
            const double lat[] = {g.y_of(r + 1), g.y_of(r + 1), g.y_of(r), g.y_of(r)};
            row_area_[static_cast<size_t>(r)] = std::fabs(ellipsoidal_ring_area(lon, lat, 4));
        }
        description_ = "ellipsoidal pixel area per row (cell between two parallels, CGCS2000)";
        description_zh_ = "逐行椭球像元面积（两纬线间的经纬网格，CGCS2000）";
        return;
    }
    // Tiles: the ratio of the two modes, exact on each tile, applied to its pixels.
    tiles_x_ = static_cast<size_t>((g.cols + kTile - 1) / kTile);
    const size_t tiles_y = static_cast<size_t>((g.rows + kTile - 1) / kTile);
    tile_area_.resize(tiles_x_ * tiles_y);
    const std::string lonlat = "EPSG:4490";
    const Transform to_other(grid_crs, info.geographic ? working_crs : lonlat);
    for (size_t ty = 0; ty < tiles_y; ++ty) {
        for (size_t tx = 0; tx < tiles_x_; ++tx) {
            const double c0 = static_cast<double>(tx * kTile), r0 = static_cast<double>(ty * kTile);
            double x[] = {g.x_of(c0), g.x_of(c0 + kTile), g.x_of(c0 + kTile), g.x_of(c0)};
            double y[] = {g.y_of(r0 + kTile), g.y_of(r0 + kTile), g.y_of(r0), g.y_of(r0)};
            to_other.forward(x, y, 4);
            double tile;
            if (info.geographic) {  // planar area of the projected tile (shoelace)
                tile = 0;
                for (int i = 0; i < 4; ++i) tile += x[i] * y[(i + 1) % 4] - x[(i + 1) % 4] * y[i];
                tile = std::fabs(tile) / 2;
            } else {
                tile = std::fabs(ellipsoidal_ring_area(x, y, 4));
            }
            tile_area_[ty * tiles_x_ + tx] = tile / (kTile * kTile);
        }
    }
    description_ = info.geographic
                       ? "planar pixel area in the working projection, per 32×32-pixel tile"
                       : "ellipsoidal pixel area (CGCS2000 edge formula) per 32×32-pixel tile";
    description_zh_ = info.geographic ? "工作投影下的平面像元面积，按 32×32 像元分块计算"
                                      : "椭球像元面积（CGCS2000 边界积分公式），按 32×32 像元分块计算";
}

}  // namespace ecozone::geo
