#pragma once
// Structural check of a shapefile's three parts before GDAL reads it.
//
// GDAL reads a shapefile record by record through the .shx index and tolerates a .shp whose
// size disagrees with its own header, or a .dbf with a different record count: it silently
// returns fewer or more features than the file holds.  A figure computed from such a file
// would be silently wrong, so we compare the headers and sizes first.
#include <string>

namespace ecozone::layers {

// Throws DataError naming the file, what is inconsistent and the fix ("re-export it").
// Does nothing for paths that are not .shp, or when the .shp itself is missing (GDAL's own
// open error is clearer then).
void check_shapefile_structure(const std::string& shp_path);

}  // namespace ecozone::layers
