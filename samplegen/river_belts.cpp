#include "samplegen/river_belts.h"

namespace ecozone::samplegen {

void make_river_belts(const GeosContext& geos, Model& model) {
    for (const auto& r : model.rivers) {
        if (geos.is_empty(r.line.get()) || r.buffer_m <= 0) continue;
        GeomPtr band = buffer(geos, r.line.get(), r.buffer_m, 8);
        GeomPtr clipped = geos.intersection(band.get(), model.district.get());
        // Every piece, however small: the union of the pieces is exactly the buffered river.
        for (auto& part : polygon_parts(geos, clipped.get())) {
            model.river_belts.push_back({r.name, r.code, r.buffer_m, std::move(part)});
        }
    }
}

}  // namespace ecozone::samplegen
