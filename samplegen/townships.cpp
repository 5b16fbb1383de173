#include "samplegen/townships.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

std::vector<Township> township_seeds(const Places& pl, const Profile& profile) {
    std::vector<Township> t(profile.townships.size());
    for (size_t i = 0; i < t.size(); ++i) {
        const TownshipSpec& spec = profile.townships[i];
        t[i].code = fmt::format("{}{:03d}", profile.admin_code, spec.code);
        t[i].name = spec.name;
        t[i].seat = pl.township_seats.at(i);
        t[i].weight = spec.weight;
    }
    return t;
}

TownshipRule::TownshipRule(const GeosContext& geos, const std::vector<Township>& townships, const Terrain& terrain,
                           const GEOSGeometry* urban_core, bool first_is_urban_core)
    : townships_(&townships), terrain_(&terrain), urban_core_(geos, urban_core), first_(first_is_urban_core ? 1 : 0) {}

int TownshipRule::operator()(XY p) const {
    if (urban_core_.contains(p)) return 0;
    const XY q = p + terrain_->warp(p);
    int best = static_cast<int>(first_);
    double best_d = 1e300;
    for (size_t i = first_; i < townships_->size(); ++i) {
        const auto& t = (*townships_)[i];
        const double d = dist(q, t.seat) / t.weight;
        if (d < best_d) {
            best_d = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

GeomPtr coverage_union(const GeosContext& geos, std::vector<GeomPtr> parts) {
    if (parts.empty()) return empty_polygon(geos);
    std::vector<GeomPtr> copies;
    copies.reserve(parts.size());
    for (const auto& p : parts) copies.push_back(geos.clone(p.get()));
    GeomPtr coll = geos.collect(std::move(parts));
    // Coverage union only merges shared edges, which is much faster than a general overlay;
    // it is exact when neighbours share identical vertices, as Voronoi cells do.
    GEOSGeometry* u = GEOSCoverageUnion_r(geos.handle(), coll.get());
    if (u) {
        GeomPtr result = geos.own(u, "coverage union");
        if (geos.is_valid(result.get())) return result;
    }
    return geos.union_all(std::move(copies));
}

namespace {

std::vector<GeomPtr> union_per_township(const GeosContext& geos, const std::vector<GeomPtr>& cells,
                                        const std::vector<int>& cell_township, size_t n) {
    std::vector<std::vector<GeomPtr>> groups(n);
    for (size_t i = 0; i < cells.size(); ++i) {
        groups[static_cast<size_t>(cell_township[i])].push_back(geos.clone(cells[i].get()));
    }
    std::vector<GeomPtr> out;
    for (auto& g : groups) out.push_back(coverage_union(geos, std::move(g)));
    return out;
}

double shared_border(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b) {
    GeomPtr ba = geos.own(GEOSBoundary_r(geos.handle(), a), "boundary");
    GeomPtr bb = geos.own(GEOSBoundary_r(geos.handle(), b), "boundary");
    GeomPtr common = geos.intersection(ba.get(), bb.get());
    return geos.length(common.get());
}

}  // namespace

void build_township_geometry(const GeosContext& geos, const std::vector<GeomPtr>& cells,
                             const std::vector<XY>& cell_points, std::vector<int>& cell_township,
                             std::vector<Township>& townships) {
    const size_t n = townships.size();
    std::vector<GeomPtr> geoms = union_per_township(geos, cells, cell_township, n);
    for (int round = 0; round < 4; ++round) {
        bool changed = false;
        for (size_t t = 0; t < n; ++t) {
            std::vector<GeomPtr> parts = polygon_parts(geos, geoms[t].get());
            if (parts.size() <= 1) continue;
            // Keep the largest part; hand each smaller one to its best-connected neighbour.
            size_t keep = 0;
            for (size_t i = 1; i < parts.size(); ++i) {
                if (geos.planar_area(parts[i].get()) > geos.planar_area(parts[keep].get())) keep = i;
            }
            for (size_t i = 0; i < parts.size(); ++i) {
                if (i == keep) continue;
                int best = -1;
                double best_len = 0;
                for (size_t u = 0; u < n; ++u) {
                    if (u == t) continue;
                    const double len = shared_border(geos, parts[i].get(), geoms[u].get());
                    if (len > best_len) {
                        best_len = len;
                        best = static_cast<int>(u);
                    }
                }
                if (best < 0) continue;  // an island of the district itself: leave it
                const PointTester inside(geos, parts[i].get());
                for (size_t c = 0; c < cells.size(); ++c) {
                    if (cell_township[c] == static_cast<int>(t) && inside.contains(cell_points[c])) {
                        cell_township[c] = best;
                        changed = true;
                    }
                }
            }
        }
        if (!changed) break;
        geoms = union_per_township(geos, cells, cell_township, n);
    }
    for (size_t t = 0; t < n; ++t) {
        if (geos.is_empty(geoms[t].get())) {
            throw DataError("township " + townships[t].name + " received no land; the outline is too small");
        }
        townships[t].geom = std::move(geoms[t]);
    }
}

}  // namespace ecozone::samplegen
