#pragma once
// The area of each pixel of a grid, in the analysis's area mode.
//
//  * projected grid, planar mode: dx · dy, the same everywhere;
//  * projected grid, ellipsoidal mode: dx · dy times the local ratio of ellipsoidal to planar
//    area, taken exactly (official edge formula) on tiles of 32 × 32 pixels — the ratio
//    changes by less than 1e-7 across a tile of a Gauss-Krüger grid;
//  * geographic grid, ellipsoidal mode: per row, exactly (the cell between two parallels);
//  * geographic grid, planar mode: per tile, the cell projected to the working CRS.
#include "geo/area.h"
#include "geo/crs.h"
#include "geo/grid.h"

#include <string>
#include <vector>

namespace ecozone::geo {

class PixelAreas {
public:
    PixelAreas(const Grid& grid, const std::string& grid_crs, const std::string& working_crs, AreaMode mode);

    // Area (m²) of pixel (row, col).
    double at(int row, int col) const {
        if (constant_ > 0) return constant_;
        if (per_row_) return row_area_[static_cast<size_t>(row)];
        return tile_area_[static_cast<size_t>(row / kTile) * tiles_x_ + static_cast<size_t>(col / kTile)];
    }
    // Areas of pixels (row, col0 .. col0 + n - 1) into out[0 .. n-1].
    void row_areas(int row, int col0, int n, double* out) const {
        for (int i = 0; i < n; ++i) out[i] = at(row, col0 + i);
    }
    // True when rows `a` and `b` have the same pixel areas, column by column (a row's areas can
    // then be reused for the other: 31 rows in 32 on a projected grid).
    bool same_row_areas(int a, int b) const {
        if (constant_ > 0) return true;
        if (per_row_) return a == b;
        return a / kTile == b / kTile;
    }
    // True when every pixel has the same area (the fast path).
    bool uniform() const { return constant_ > 0; }
    // How the pixel areas were computed, for the method section of a report (English / Chinese).
    std::string describe(bool chinese = false) const { return chinese ? description_zh_ : description_; }

    static constexpr int kTile = 32;

private:
    double constant_ = 0;
    bool per_row_ = false;
    std::vector<double> row_area_;
    std::vector<double> tile_area_;  // area of one pixel in each tile
    size_t tiles_x_ = 0;
    std::string description_, description_zh_;
};

}  // namespace ecozone::geo
