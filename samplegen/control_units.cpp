#include "samplegen/control_units.h"

#include <fmt/format.h>

namespace ecozone::samplegen {

namespace {
// Tiny remnants of overlays are not units of their own.
constexpr double kMinUnitM2 = 10000.0;
}  // namespace

void make_control_units(const GeosContext& geos, Model& model) {
    std::vector<ControlUnit> units;
    int seq[4] = {0, 0, 0, 0};
    // Returns the unit's geometry when it was added (null when too small: the area then falls
    // to the general unit of its township, so the units still partition the district).
    const std::string& admin = model.profile->admin_code;
    auto add = [&](int type_digit, std::string name, GeomPtr g, double min_m2) -> const GEOSGeometry* {
        GeomPtr mp = as_multipolygon(geos, g.get());
        if (geos.is_empty(mp.get()) || geos.planar_area(mp.get()) < min_m2) return nullptr;
        const std::string code = fmt::format("ZH{}{}{:04d}", admin, type_digit, ++seq[type_digit]);
        units.push_back({code, std::move(name), type_digit, std::move(mp)});
        return units.back().geom.get();
    };

    std::vector<const GEOSGeometry*> prio{model.redline_union.get(), model.reserve.whole.get()};
    for (const auto& w : model.water_sources) prio.push_back(w.geom.get());
    GeomPtr priority = union_of(geos, prio);
    std::vector<const GEOSGeometry*> accepted;
    for (const auto& t : model.townships) {
        if (const auto* g = add(1, t.name + "生态保护红线优先保护单元", geos.intersection(priority.get(), t.geom.get()),
                                kMinUnitM2)) {
            accepted.push_back(g);
        }
    }
    GeomPtr taken = union_of(geos, accepted);
    std::vector<std::pair<std::string, const GEOSGeometry*>> key_areas;
    for (const auto& p : model.parks) key_areas.emplace_back(p.name + "重点管控单元", p.geom.get());
    for (size_t i = 0; i < model.urban.size(); ++i) {
        key_areas.emplace_back(model.profile->urban[i].key_unit, model.urban[i].geom.get());
    }
    for (const auto& [name, g] : key_areas) {
        GeomPtr own = geos.difference(g, taken.get());
        if (const auto* unit = add(2, name, std::move(own), kMinUnitM2)) {
            taken = union_of(geos, {taken.get(), unit});
        }
    }

    // The rest, by township.
    GeomPtr rest = geos.difference(model.district.get(), taken.get());
    for (const auto& t : model.townships) {
        add(3, t.name + "一般管控单元", geos.intersection(rest.get(), t.geom.get()), 0.0);
    }
    model.control_units = std::move(units);
}

}  // namespace ecozone::samplegen
