#pragma once
// Where `ecozone screen` gets its sites: the project's sites layer, a file (any vector layer, a
// land-survey boundary-point file, a CSV of WKT) or coordinates typed on the command line.
#include "analysis/screening.h"
#include "layers/catalogue.h"
#include "layers/note.h"
#include "layers/rules.h"

#include <string>
#include <vector>

namespace ecozone::cli {

struct SiteSourceOptions {
    std::string sites_path;   // --sites
    std::string coords;       // --coords
    std::string industry;     // --industry: the category of every site (overrides the data)
    std::string name;         // --name: for --coords
    std::string layer;        // --layer: the layer of a multi-layer --sites source
};

struct LoadedSites {
    std::vector<geo::GeomPtr> geoms;          // own the geometries the specs point to
    std::vector<analysis::SiteSpec> specs;
    layers::Note description;                 // where the sites came from, both languages: "sites.txt (boundary-point file)"
};

// Throws UsageError for an unknown or missing category (listing the known ones) and for no
// source at all; DataError / CrsError for unreadable input.
LoadedSites load_sites(const layers::Catalogue& catalogue, const layers::RuleList& rules,
                       const geo::GeosContext& geos, const SiteSourceOptions& options);

}  // namespace ecozone::cli
