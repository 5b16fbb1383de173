#include "samplegen/villages.h"

#include "geo/errors.h"
#include "samplegen/townships.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::samplegen {

std::vector<int> build_village_areas(const GeosContext& geos, const std::vector<GeomPtr>& cells,
                                     const std::vector<XY>& cell_points, const std::vector<int>& cell_township,
                                     Model& model) {
    struct Centre {
        XY at;
        std::string name;
        bool community = false;
    };
    // The village centres of each township, in the order they were placed.
    std::vector<std::vector<Centre>> centres(model.townships.size());
    for (size_t t = 0; t < model.townships.size(); ++t) {
        const PointTester inside(geos, model.townships[t].geom.get());
        for (size_t v = 0; v < model.villages.size(); ++v) {
            if (inside.contains(model.villages[v]))
                centres[t].push_back({model.villages[v], model.village_names[v], false});
        }
        if (centres[t].empty()) {  // the urban core: one community around the township's seat
            std::string name = model.townships[t].name;
            for (const char* suffix : {"街道", "镇", "乡"}) {
                const std::string s(suffix);
                if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
                    name.erase(name.size() - s.size());
                    break;
                }
            }
            centres[t].push_back({model.townships[t].seat, name + "社区", true});
        }
    }
    // Cells to the nearest centre of their township.
    std::vector<std::vector<std::vector<GeomPtr>>> groups(model.townships.size());
    std::vector<std::vector<std::vector<size_t>>> members(model.townships.size());  // cell indexes
    for (size_t t = 0; t < groups.size(); ++t) {
        groups[t].resize(centres[t].size());
        members[t].resize(centres[t].size());
    }
    for (size_t i = 0; i < cells.size(); ++i) {
        const auto t = static_cast<size_t>(cell_township[i]);
        size_t best = 0;
        double best_d = 1e300;
        for (size_t k = 0; k < centres[t].size(); ++k) {
            const double d = std::hypot(cell_points[i].x - centres[t][k].at.x, cell_points[i].y - centres[t][k].at.y);
            if (d < best_d) {
                best_d = d;
                best = k;
            }
        }
        groups[t][best].push_back(geos.clone(cells[i].get()));
        members[t][best].push_back(i);
    }
    model.village_areas.clear();
    std::vector<int> cell_village(cells.size(), -1);
    for (size_t t = 0; t < groups.size(); ++t) {
        for (size_t k = 0; k < groups[t].size(); ++k) {
            if (groups[t][k].empty()) continue;  // a centre that no cell is nearest to
            VillageArea v;
            // 12-digit village code: the township's nine, then 001… for a community, 2xx for a village.
            v.code = fmt::format("{}{:03d}", model.townships[t].code,
                                 centres[t][k].community ? 1 : 200 + static_cast<int>(k) + 1);
            v.name = centres[t][k].name;
            v.township = model.townships[t].name;
            v.geom = coverage_union(geos, std::move(groups[t][k]));
            for (size_t i : members[t][k]) cell_village[i] = static_cast<int>(model.village_areas.size());
            model.village_areas.push_back(std::move(v));
        }
    }
    return cell_village;
}

}  // namespace ecozone::samplegen
