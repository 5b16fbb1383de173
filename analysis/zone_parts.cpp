#include "analysis/zone_parts.h"

#include "analysis/parallel.h"

#include <atomic>

namespace ecozone::analysis {

ZoneParts zone_parts(const std::vector<Zone>& zones, const GEOSGeometry* redline, const GEOSGeometry* protection,
                     const geo::GeosContext& geos, int threads) {
    // Tasks: (zone, 0 = red line / 1 = protection).  Each worker reads the geometries from WKB
    // into its own context: GEOS geometries cache their envelopes lazily, so none is shared.
    std::vector<std::pair<size_t, int>> tasks;
    for (size_t i = 0; i < zones.size(); ++i) {
        if (redline) tasks.emplace_back(i, 0);
        if (protection) tasks.emplace_back(i, 1);
    }
    std::vector<std::vector<unsigned char>> zone_wkb;
    for (const auto& z : zones) zone_wkb.push_back(geos.to_wkb(z.geom.get()));
    const std::vector<unsigned char> redline_wkb = redline ? geos.to_wkb(redline) : std::vector<unsigned char>{};
    const std::vector<unsigned char> protection_wkb =
        protection ? geos.to_wkb(protection) : std::vector<unsigned char>{};

    std::vector<GEOSGeometry*> results(tasks.size(), nullptr);  // released by the workers, owned below
    std::atomic<size_t> next{0};
    const int workers = std::max(1, std::min(worker_count(threads), static_cast<int>(tasks.size())));
    try {
        run_workers(workers, [&](int) {
            const geo::GeosContext own;
            std::vector<geo::GeomPtr> zone_geoms(zones.size());
            geo::GeomPtr redline_geom, protection_geom;
            for (size_t t = next.fetch_add(1); t < tasks.size(); t = next.fetch_add(1)) {
                const auto [i, which] = tasks[t];
                if (!zone_geoms[i]) zone_geoms[i] = own.from_wkb(zone_wkb[i].data(), zone_wkb[i].size());
                geo::GeomPtr& other = which == 0 ? redline_geom : protection_geom;
                const auto& other_wkb = which == 0 ? redline_wkb : protection_wkb;
                if (!other) other = own.from_wkb(other_wkb.data(), other_wkb.size());
                geo::GeomPtr part = own.intersection(zone_geoms[i].get(), other.get());
                if (which == 1) part = own.polygonal_part(part.get());
                results[t] = part.release();
            }
        });
    } catch (...) {
        for (GEOSGeometry* g : results) {
            if (g) GEOSGeom_destroy_r(geos.handle(), g);
        }
        throw;
    }
    ZoneParts out;
    if (redline) out.redline.resize(zones.size());
    if (protection) out.protection.resize(zones.size());
    for (size_t t = 0; t < tasks.size(); ++t) {
        // A GEOS geometry belongs to no context: only the handle its deleter reports to changes.
        geo::GeomPtr g(results[t], geo::GeomDeleter{geos.handle()});
        (tasks[t].second == 0 ? out.redline : out.protection)[tasks[t].first] = std::move(g);
    }
    return out;
}

}  // namespace ecozone::analysis
