#include "analysis/previous_register.h"

#include <variant>

namespace ecozone::analysis {

std::vector<PreviousPatch> read_previous(const std::string& path, const layers::Catalogue& c,
                                                   const geo::GeosContext& geos, layers::VectorLayer& keep) {
    layers::ReadOptions o;
    o.target_crs = c.working.definition;
    // The register's own layer: patches.gpkg also holds the patch pictures (table patch_images).
    o.layer_name = "patches";
    keep = layers::read_vector(geos, path, o);
    const size_t id = keep.require_field("tbbh", "patch id (tbbh)");
    const size_t area = keep.require_field("mj_hm2", "area (mj_hm2)");
    std::vector<PreviousPatch> out;
    for (const auto& f : keep.features) {
        PreviousPatch p;
        p.id = layers::to_text(f.attrs[id]);
        if (const auto* d = std::get_if<double>(&f.attrs[area])) p.area_hm2 = *d;
        p.polygon = f.geom.get();
        out.push_back(p);
    }
    return out;
}

}  // namespace ecozone::analysis
