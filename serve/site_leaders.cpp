#include "serve/site_leaders.h"

#include "geo/crs.h"
#include "report/screening/screening_html.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace ecozone::serve {

namespace {

// The layer a distance was measured to ("receptor:school" → the receptors); nullopt for one whose
// features the screener does not list (the river belts are built, not read).
std::optional<layers::VectorRole> role_of_distance(const std::string& what) {
    using layers::VectorRole;
    if (what == "redline") return VectorRole::Redline;
    if (what == "reserve") return VectorRole::ReserveZones;
    if (what == "water_source") return VectorRole::WaterSources;
    if (what == "river") return VectorRole::Rivers;
    if (what.rfind("receptor:", 0) == 0) return VectorRole::Receptors;
    return std::nullopt;
}

double rounded7(double v) { return std::round(v * 1e7) / 1e7; }

}  // namespace

nlohmann::json site_leaders(const geo::GeosContext& geos, const analysis::Screener& screener,
                            const std::vector<analysis::SiteResult>& results, const geo::Transform& to_lonlat,
                            double footprint_m) {
    std::map<layers::VectorRole, std::vector<std::pair<std::string, const GEOSGeometry*>>> features;
    nlohmann::json all = nlohmann::json::array();
    for (const analysis::SiteResult& r : results) {
        nlohmann::json leaders = nlohmann::json::array();
        const geo::GeomPtr footprint = r.screened ? report::site_footprint(geos, r, footprint_m) : geo::GeomPtr();
        // The site's edges indexed once: each feature's thousands of vertices are then measured
        // against the index, not against every edge of the site (plain nearest points are n × m).
        const geo::PreparedPtr prepared = footprint ? geos.prepare(footprint.get()) : geo::PreparedPtr();
        for (const analysis::Distance& d : r.distances) {
            const auto role = role_of_distance(d.what);
            if (!footprint || !role || d.inside || !(d.metres > 0) || d.nearest_feature < 0) continue;
            auto it = features.find(*role);
            if (it == features.end()) it = features.emplace(*role, screener.zone_geometries(*role)).first;
            const auto i = static_cast<size_t>(d.nearest_feature);
            if (i >= it->second.size()) throw std::logic_error("site leaders: a feature the screening found is not in its layer");
            std::array<double, 4> p = geos.nearest_points(prepared.get(), it->second[i].second);
            to_lonlat.forward(p[0], p[1]);
            to_lonlat.forward(p[2], p[3]);
            leaders.push_back({{"what", d.what},
                               {"metres", d.metres},
                               {"name", d.nearest_name},
                               {"from", {rounded7(p[0]), rounded7(p[1])}},
                               {"to", {rounded7(p[2]), rounded7(p[3])}}});
        }
        all.push_back(std::move(leaders));
    }
    return all;
}

}  // namespace ecozone::serve
