#include "samplegen/receptors.h"

#include "samplegen/places.h"
#include "samplegen/rng.h"

#include <cmath>

namespace ecozone::samplegen {

namespace {
struct Institution {
    const char* name;
    const char* kind;
    int township;      // index into model.townships (its seat is the anchor)
    double max_offset_m;
};

// Schools, hospitals and care homes sit in the seat and the township centres.
const std::vector<Institution> kInstitutions = {
    {"红寺堡区第一中学", "学校", 0, 1500},
    {"红寺堡区第二小学", "学校", 0, 1800},
    {"红寺堡镇中心小学", "学校", 1, 1500},
    {"太阳山镇中心小学", "学校", 2, 900},
    {"大河乡中心小学", "学校", 3, 900},
    {"新庄集乡中心小学", "学校", 4, 900},
    {"柳泉乡中心小学", "学校", 5, 900},
    {"红寺堡区人民医院", "医院", 0, 1200},
    {"红寺堡区中医医院", "医院", 0, 1500},
    {"太阳山镇卫生院", "医院", 2, 800},
    {"大河乡卫生院", "医院", 3, 800},
    {"柳泉乡卫生院", "医院", 5, 800},
    {"红寺堡区社会福利中心", "养老院", 0, 2000},
    {"太阳山镇敬老院", "养老院", 2, 1000},
    {"新庄集乡敬老院", "养老院", 4, 1000},
};
}  // namespace

void make_receptors(const GeosContext& geos, uint64_t seed, Model& model) {
    Rng rng(seed, Stream::Receptors);
    const PointTester district(geos, model.district.get());
    const PointTester reserve(geos, model.reserve.whole.get());
    const XY centre = interior_point(geos, model.district.get());
    for (size_t i = 0; i < model.villages.size(); ++i) {
        model.receptors.push_back({model.village_names[i], "居民点", model.villages[i], -1});
    }
    for (const auto& inst : kInstitutions) {
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
