#include "samplegen/farmland.h"

#include "samplegen/townships.h"

#include <algorithm>

namespace ecozone::samplegen {

void make_farmland(const GeosContext& geos, const Terrain& terrain, double min_block_m2,
                   Model& model) {
    std::vector<GeomPtr> crop;
    for (const auto& p : model.landuse) {
        if (is_cropland(p.lc) && terrain.plain(p.ip) > -0.05) crop.push_back(geos.clone(p.geom.get()));
    }
    GeomPtr all = coverage_union(geos, std::move(crop));
    std::vector<GeomPtr> cut;
    cut.push_back(geos.clone(model.redline_union.get()));
    for (const auto& u : model.urban) cut.push_back(geos.clone(u.geom.get()));
    for (const auto& p : model.parks) cut.push_back(geos.clone(p.geom.get()));
    cut.push_back(geos.clone(model.water_sources[0].geom.get()));
    GeomPtr excluded = geos.union_all(std::move(cut));
    GeomPtr kept = geos.difference(all.get(), excluded.get());
    std::vector<GeomPtr> blocks;
    for (auto& part : polygon_parts(geos, kept.get())) {
        if (geos.planar_area(part.get()) >= min_block_m2) blocks.push_back(std::move(part));
    }
    // Number blocks north to south, west to east, as a map sheet would.
    std::vector<std::pair<XY, size_t>> order;
    for (size_t i = 0; i < blocks.size(); ++i) order.emplace_back(interior_point(geos, blocks[i].get()), i);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        if (a.first.y != b.first.y) return a.first.y > b.first.y;
        return a.first.x < b.first.x;
    });
    model.farmland.clear();
    for (const auto& o : order) model.farmland.push_back(std::move(blocks[o.second]));
}

}  // namespace ecozone::samplegen
