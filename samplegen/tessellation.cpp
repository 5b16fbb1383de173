#include "samplegen/tessellation.h"

#include "geo/errors.h"
#include "samplegen/rng.h"
#include "samplegen/townships.h"
#include "samplegen/villages.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

namespace {

// Pieces smaller than this (m²) are numerical slivers of an overlay; they are merged into a
// neighbour rather than dropped, so the partition stays exact.
constexpr double kDustM2 = 1.0;

// Relative parcel density: small parcels in towns, villages and on the plain, large ones on
// the steppe and in the reserve.
double parcel_density(const Terrain& terrain, const Model& m, XY p, const PointTester& urban,
                      const PointTester& reserve) {
    if (urban.contains(p)) return 6.0;
    double d = 1.0;
    if (terrain.plain(p) > 0) d = 3.0;
    for (const auto& v : m.villages) {
        if (dist(p, v) < 1500) {
            d = std::max(d, 4.0);
            break;
        }
    }
    if (reserve.contains(p)) d = 0.8;
    return d;
}

std::vector<XY> seed_points(const GeosContext& geos, const Terrain& terrain, const Model& m,
                            uint64_t seed, size_t count) {
    Rng rng(seed, Stream::Tessellation);
    const PointTester district(geos, m.district.get());
    std::vector<GeomPtr> u;
    for (const auto& a : m.urban) u.push_back(geos.clone(a.geom.get()));
    const GeomPtr urban_all = geos.union_all(std::move(u));
    const PointTester urban(geos, urban_all.get());
    const PointTester reserve(geos, m.reserve.whole.get());
    const auto b = geos.bounds(m.district.get());
    std::vector<XY> pts;
    pts.reserve(count);
    constexpr double kMaxDensity = 6.0;
    while (pts.size() < count) {
        const XY p{rng.uniform(b.minx, b.maxx), rng.uniform(b.miny, b.maxy)};
        const double keep = rng.uniform() * kMaxDensity;
        if (!district.contains(p)) continue;
        if (keep < parcel_density(terrain, m, p, urban, reserve)) pts.push_back(p);
    }
    return pts;
}

// Voronoi cells of the seeds, clipped to the district; multi-part clips become separate cells.
std::vector<GeomPtr> voronoi_cells(const GeosContext& geos, const std::vector<XY>& pts,
                                   const GEOSGeometry* district) {
    std::vector<GeomPtr> points;
    points.reserve(pts.size());
    for (const auto& p : pts) points.push_back(make_point(geos, p));
    GeomPtr multipoint = geos.collect(std::move(points), GEOS_MULTIPOINT);
    GeomPtr diagram = geos.own(
        GEOSVoronoiDiagram_r(geos.handle(), multipoint.get(), district, 0.0, 0), "Voronoi diagram");
    multipoint.reset();
    const PointTester inside(geos, district);
    std::vector<GeomPtr> cells;
    cells.reserve(pts.size());
    const int n = GEOSGetNumGeometries_r(geos.handle(), diagram.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(geos.handle(), diagram.get(), i);
        if (inside.contains(cell)) {
            cells.push_back(geos.clone(cell));
        } else if (inside.intersects(cell)) {
            GeomPtr clipped = geos.intersection(cell, district);
            for (auto& part : polygon_parts(geos, clipped.get())) cells.push_back(std::move(part));
        }
    }
    return cells;
}

// Merge sliver cells (from clipping at the outline) into the neighbour they share most border
// with.
size_t merge_dust_cells(const GeosContext& geos, std::vector<GeomPtr>& cells) {
    std::vector<GeosContext::Bounds> bounds;
    bounds.reserve(cells.size());
    for (const auto& c : cells) bounds.push_back(geos.bounds(c.get()));
    size_t merged = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i] || geos.planar_area(cells[i].get()) >= kDustM2) continue;
        GeomPtr edge_i = geos.own(GEOSBoundary_r(geos.handle(), cells[i].get()), "boundary");
        size_t best = cells.size();
        double best_len = 0;
        for (size_t j = 0; j < cells.size(); ++j) {
            if (j == i || !cells[j]) continue;
            const auto& a = bounds[i];
            const auto& b = bounds[j];
            if (b.minx > a.maxx || b.maxx < a.minx || b.miny > a.maxy || b.maxy < a.miny) continue;
            GeomPtr edge_j = geos.own(GEOSBoundary_r(geos.handle(), cells[j].get()), "boundary");
            const double len = geos.length(geos.intersection(edge_i.get(), edge_j.get()).get());
            if (len > best_len) {
                best_len = len;
                best = j;
            }
        }
        if (best == cells.size()) continue;  // isolated sliver: keep it as it is
        std::vector<GeomPtr> pair;
        pair.push_back(std::move(cells[best]));
        pair.push_back(std::move(cells[i]));
        cells[best] = largest_polygon(geos, geos.union_all(std::move(pair)).get());
        bounds[best] = geos.bounds(cells[best].get());
        ++merged;
    }
    cells.erase(std::remove_if(cells.begin(), cells.end(), [](const GeomPtr& c) { return !c; }),
                cells.end());
    return merged;
}

struct Carve {
    const GEOSGeometry* strip;
    Lc lc;
    std::unique_ptr<PointTester> tester;
};

}  // namespace

TessellationStats make_tessellation(const GeosContext& geos, const Terrain& terrain,
                                    uint64_t seed, size_t seed_count, Model& model) {
    TessellationStats stats;
    const std::vector<XY> pts = seed_points(geos, terrain, model, seed, seed_count);
    stats.seeds = pts.size();
    std::vector<GeomPtr> cells = voronoi_cells(geos, pts, model.district.get());
    stats.dust_merged += merge_dust_cells(geos, cells);
    stats.cells = cells.size();

    // Townships from cells.
    std::vector<XY> cell_points;
    cell_points.reserve(cells.size());
    for (const auto& c : cells) cell_points.push_back(interior_point(geos, c.get()));
    if (model.townships.empty()) model.townships = township_seeds(model.places, *model.profile);
    const TownshipRule rule(geos, model.townships, terrain, model.urban[0].geom.get(),
                            model.profile->first_township_is_urban_core);
    std::vector<int> cell_township(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) cell_township[i] = rule(cell_points[i]);
    build_township_geometry(geos, cells, cell_points, cell_township, model.townships);
    const std::vector<int> cell_village = build_village_areas(geos, cells, cell_points, cell_township, model);

    // Carve the strips out of the cells.
    std::vector<Carve> carves;
    for (auto* group : {&model.rivers, &model.canals, &model.roads}) {
        for (const auto& f : *group) {
            if (geos.is_empty(f.strip.get())) continue;
            carves.push_back({f.strip.get(), f.landuse, std::make_unique<PointTester>(geos, f.strip.get())});
        }
    }
    auto add_piece = [&](GeomPtr g, int township, int village, Lc lc, bool carved) {
        LandPiece piece;
        piece.carved = carved;
        piece.ip = interior_point(geos, g.get());
        piece.geom = std::move(g);
        piece.township = township;
        piece.village = village;
        piece.lc = lc;
        model.landuse.push_back(std::move(piece));
    };
    model.landuse.reserve(cells.size() + cells.size() / 20);
    for (size_t i = 0; i < cells.size(); ++i) {
        const GEOSGeometry* cell = cells[i].get();
        const int township = cell_township[i];
        const int village = cell_village[i];
        std::vector<std::pair<GeomPtr, Lc>> water;  // carved parts kept
        for (const auto& c : carves) {
            if (!c.tester->intersects(cell)) continue;
            GeomPtr part = geos.intersection(cell, c.strip);
            for (auto& p : polygon_parts(geos, part.get())) {
                // A carved sliver stays with the land around it.
                if (geos.planar_area(p.get()) >= kDustM2) water.emplace_back(std::move(p), c.lc);
            }
        }
        if (water.empty()) {
            add_piece(std::move(cells[i]), township, village, Lc::OtherGrass, false);
            continue;
        }
        std::vector<GeomPtr> carved;
        for (const auto& w : water) carved.push_back(geos.clone(w.first.get()));
        GeomPtr carved_all = geos.union_all(std::move(carved));
        GeomPtr rest = geos.difference(cell, carved_all.get());
        for (auto& p : polygon_parts(geos, rest.get())) {
            if (geos.planar_area(p.get()) >= kDustM2) {
                add_piece(std::move(p), township, village, Lc::OtherGrass, false);
                continue;
            }
            // A land sliver between strip and cell edge joins the strip it touches.
            size_t best = water.size();
            double best_area = -1;
            for (size_t k = 0; k < water.size(); ++k) {
                if (!geos.intersects(p.get(), water[k].first.get())) continue;
                const double a = geos.planar_area(water[k].first.get());
                if (a > best_area) {
                    best_area = a;
                    best = k;
                }
            }
            if (best == water.size()) {
                add_piece(std::move(p), township, village, Lc::OtherGrass, false);
                continue;
            }
            std::vector<GeomPtr> pair;
            pair.push_back(std::move(water[best].first));
            pair.push_back(std::move(p));
            GeomPtr merged = geos.union_all(std::move(pair));
            std::vector<GeomPtr> merged_parts = polygon_parts(geos, merged.get());
            water[best].first = std::move(merged_parts.front());
            for (size_t k = 1; k < merged_parts.size(); ++k) water.emplace_back(std::move(merged_parts[k]), water[best].second);
            ++stats.dust_merged;
        }
        for (auto& w : water) {
            add_piece(std::move(w.first), township, village, w.second, true);
            ++stats.carved;
        }
        cells[i].reset();
    }
    stats.pieces = model.landuse.size();
    model.dust_merged = stats.dust_merged;
    return stats;
}

}  // namespace ecozone::samplegen
