#pragma once
// The two dates of an audit on one grid.  Classifications of two dates often come on different
// grids (another pixel size, another origin, another projected CRS); they are compared pixel by
// pixel on the finer grid, and what was done to them is said in the report.
#include "layers/class_raster.h"
#include "layers/note.h"
#include "layers/catalogue.h"

#include <memory>
#include <optional>
#include <string>

namespace ecozone::analysis {

// A raster in another projected CRS is warped onto the working CRS (layers/class_raster.h): its
// pixels were resampled before any patch was found, so the report says so.  Nothing otherwise.
std::optional<layers::Note> reprojection_note(const layers::ClassRaster& raster, const std::string& path,
                                              const layers::WorkingCrs& working);

// When the dates lie on different grids, the coarser one is replaced by itself resampled (nearest
// neighbour) onto the finer, and the returned note names both grids and the one resampled;
// nothing when they already share a grid.
std::optional<layers::Note> align_grids(std::unique_ptr<layers::ClassRaster>& before,
                                        std::unique_ptr<layers::ClassRaster>& after, const std::string& before_path,
                                        const std::string& after_path, const std::string& working_crs);

}  // namespace ecozone::analysis
