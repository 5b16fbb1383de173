#include "analysis/two_date_grids.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::analysis {

std::optional<layers::Note> reprojection_note(const layers::ClassRaster& raster, const std::string& path,
                                              const layers::WorkingCrs& working) {
    const geo::CrsInfo& crs = raster.source_info().crs;
    if (!crs.projected || crs.epsg == working.epsg) return std::nullopt;
    const std::string from = crs.epsg ? fmt::format("EPSG:{}", *crs.epsg) : crs.name;
    return layers::make_note("{}：已从 {} 按最邻近法重投影到工作坐标系 EPSG:{}，像元大小不变",
                             "{}: reprojected (nearest neighbour) from {} to the working CRS EPSG:{} at the same "
                             "pixel size",
                             path, from, working.epsg);
}

std::optional<layers::Note> align_grids(std::unique_ptr<layers::ClassRaster>& before,
                                        std::unique_ptr<layers::ClassRaster>& after, const std::string& before_path,
                                        const std::string& after_path, const std::string& working_crs) {
    const geo::Grid& a = before->grid();
    const geo::Grid& b = after->grid();
    const bool same = a.aligned_with(b) && a.cols == b.cols && a.rows == b.rows &&
                      std::fabs(a.xmin - b.xmin) < 1e-6 * a.dx && std::fabs(a.ymax - b.ymax) < 1e-6 * a.dy;
    if (same) return std::nullopt;
    auto describe = [](const std::string& path, const geo::Grid& g) {
        return layers::make_note("{}（{}×{} 像元，像元大小 {:g} 米，左上角 {:.1f}, {:.1f}）",
                                 "{} ({}×{} px of {:g} m from {:.1f}, {:.1f})", path, g.cols, g.rows, g.dx, g.xmin,
                                 g.ymax);
    };
    const bool before_finer = a.dx * a.dy <= b.dx * b.dy;
    const geo::Grid target = before_finer ? a : b;
    const layers::Note grid_a = describe(before_path, a), grid_b = describe(after_path, b);
    const std::string& resampled = before_finer ? after_path : before_path;
    const layers::Note message{
        fmt::format("注意：两期影像的栅格不一致：{}与 {}；已将 {} 按最邻近法重采样到较细的栅格上", grid_a.zh, grid_b.zh,
                    resampled),
        fmt::format("warning: the two dates are on different grids: {} and {}; {} resampled (nearest neighbour) "
                    "onto the finer grid",
                    grid_a.en, grid_b.en, resampled)};
    if (before_finer) {
        after = std::make_unique<layers::ClassRaster>(after_path, working_crs, target);
    } else {
        before = std::make_unique<layers::ClassRaster>(before_path, working_crs, target);
    }
    return message;
}

}  // namespace ecozone::analysis
