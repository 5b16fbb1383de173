#pragma once
// The layer catalogue of a project: every role's layer read into the working CRS.
#include "geo/geos_handle.h"
#include "layers/note.h"
#include "layers/project.h"
#include "layers/raster_info.h"
#include "layers/vector_layer.h"

#include <map>
#include <string>

namespace ecozone::layers {

struct WorkingCrs {
    int epsg = 0;
    std::string definition;  // "EPSG:4544"
    std::string name;
    // "project file" or "nearest Gauss-Krüger zone to the district centroid (106.12°E)", in both
    // languages for the reports.
    Note chosen_by;
};

// The working projection: the project's working_epsg if set (must be a projected CRS);
// otherwise the CGCS2000 3-degree Gauss-Krüger zone whose central meridian is nearest the
// centroid of the district (as read in its own CRS).
WorkingCrs choose_working_crs(const Project& project, const geo::GeosContext& geos,
                              const VectorLayer& district_in_source_crs);

// Read one role's layer into the working CRS with the project's options (layer name,
// encoding), within `window` if given (ReadOptions::window).  Throws on the first problem,
// naming the file.
VectorLayer read_role(const Project& project, VectorRole role, const geo::GeosContext& geos,
                      const WorkingCrs& working, std::shared_ptr<const geo::BoxIndex> window = nullptr);

struct Catalogue {
    Project project;
    WorkingCrs working;
    std::map<VectorRole, VectorLayer> vectors;
    std::map<RasterRole, RasterInfo> rasters;

    const VectorLayer* vector(VectorRole role) const;
    // Throws DataError when the project does not name the role: analyses that need a role say so.
    const VectorLayer& require(VectorRole role, const std::string& needed_for) const;
};

// Read every layer the project names.  Throws on the first unreadable layer; `ecozone check`
// reads role by role instead, to report every problem at once.
Catalogue load_catalogue(const Project& project, const geo::GeosContext& geos);
// Only the named vector roles (and no rasters): a command that needs four layers does not read
// a 150,000-polygon land-use layer.
Catalogue load_catalogue(const Project& project, const geo::GeosContext& geos, const std::vector<VectorRole>& roles);

}  // namespace ecozone::layers
