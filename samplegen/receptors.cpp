#include "samplegen/receptors.h"

#include "samplegen/places.h"
#include "samplegen/rng.h"

#include <cmath>

namespace ecozone::samplegen {

void make_receptors(const GeosContext& geos, uint64_t seed, Model& model) {
    Rng rng(seed, Stream::Receptors);
    const PointTester district(geos, model.district.get());
    const PointTester reserve(geos, model.reserve.whole.get());
    const XY centre = interior_point(geos, model.district.get());
    for (size_t i = 0; i < model.villages.size(); ++i) {
        model.receptors.push_back({model.village_names[i], ReceptorKind::Home, model.villages[i], -1});
    }
    // Schools, hospitals and care homes sit in the seat and the township centres.
    for (const auto& inst : model.profile->institutions) {
        const XY anchor = model.townships[static_cast<size_t>(inst.township)].seat;
        XY p = anchor;
        for (int tries = 0; tries < 200; ++tries) {
            const double r = rng.uniform(150, inst.max_offset_m), th = rng.uniform(0, 2 * M_PI);
            const XY q = anchor + XY{r * std::cos(th), r * std::sin(th)};
            if (district.contains(q) && !reserve.contains(q)) {
                p = q;
                break;
            }
        }
        model.receptors.push_back({inst.name, inst.kind, pull_inside(district, centre, p), inst.township});
    }
}

}  // namespace ecozone::samplegen
