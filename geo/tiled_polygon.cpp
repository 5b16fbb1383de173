#include "geo/tiled_polygon.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecozone::geo {

namespace {
bool disjoint(const GeosContext::Bounds& a, const GeosContext::Bounds& b) {
    return a.empty || b.empty || a.maxx < b.minx || a.minx > b.maxx || a.maxy < b.miny || a.miny > b.maxy;
}
}  // namespace

TiledPolygon::TiledPolygon(const GeosContext& geos, const GEOSGeometry* target, int max_tiles_across)
    : geos_(geos), whole_(nullptr, PreparedDeleter{geos.handle()}), whole_geom_(nullptr, GeomDeleter{geos.handle()}) {
    if (!target || geos.is_empty(target)) return;
    whole_geom_ = geos.clone(target);
    whole_ = geos.prepare(whole_geom_.get());
    bounds_ = geos.bounds(target);
    const double w = bounds_.maxx - bounds_.minx, h = bounds_.maxy - bounds_.miny;
    // About 64 target vertices per tile: enough tiles to make each overlay small, few enough
    // that cutting them stays cheap.
    const int vertices = std::max(1, GEOSGetNumCoordinates_r(geos.handle(), target));
    const int across = std::clamp(static_cast<int>(std::ceil(std::sqrt(vertices / 64.0))), 1, max_tiles_across);
    size_ = std::max(w, h) / across;
    if (!(size_ > 0)) size_ = 1.0;
    x0_ = bounds_.minx;
    y0_ = bounds_.miny;
    nx_ = std::max(1, static_cast<int>(std::ceil(w / size_)));
    ny_ = std::max(1, static_cast<int>(std::ceil(h / size_)));
    tiles_.reserve(static_cast<size_t>(nx_) * ny_);
    prepared_.reserve(static_cast<size_t>(nx_) * ny_);
    GEOSContextHandle_t hd = geos.handle();
    for (int j = 0; j < ny_; ++j) {
        // Cut a row strip from the whole target first, then the cells from the (small) strip:
        // each cell costs a fraction of the target, not all of it.
        const double ay = y0_ + j * size_;
        GeomPtr strip_box = geos.own(GEOSGeom_createRectangle_r(hd, x0_ - size_, ay, x0_ + (nx_ + 1) * size_, ay + size_), "strip");
        GeomPtr strip = geos.polygonal_part(geos.intersection(whole_geom_.get(), strip_box.get()).get());
        const bool strip_empty = geos.is_empty(strip.get());
        for (int i = 0; i < nx_; ++i) {
            const double ax = x0_ + i * size_;
            GeomPtr part(nullptr, GeomDeleter{hd});
            if (!strip_empty) {
                GeomPtr box = geos.own(GEOSGeom_createRectangle_r(hd, ax, ay, ax + size_, ay + size_), "tile");
                part = geos.polygonal_part(geos.intersection(strip.get(), box.get()).get());
            }
            if (!part || geos.is_empty(part.get())) {
                tiles_.emplace_back(nullptr, GeomDeleter{hd});
                prepared_.emplace_back(nullptr, PreparedDeleter{hd});
                full_.push_back(0);
            } else {
                // A cell the target fills completely (area equal to the cell's, to rounding).
                full_.push_back(geos.planar_area(part.get()) >= size_ * size_ * (1 - 1e-12) ? 1 : 0);
                prepared_.push_back(geos.prepare(part.get()));
                tiles_.push_back(std::move(part));
            }
        }
    }
}

template <typename F>
void TiledPolygon::for_tiles(const GeosContext::Bounds& b, F f) const {
    const int i0 = std::max(0, static_cast<int>(std::floor((b.minx - x0_) / size_)));
    const int i1 = std::min(nx_ - 1, static_cast<int>(std::floor((b.maxx - x0_) / size_)));
    const int j0 = std::max(0, static_cast<int>(std::floor((b.miny - y0_) / size_)));
    const int j1 = std::min(ny_ - 1, static_cast<int>(std::floor((b.maxy - y0_) / size_)));
    for (int j = j0; j <= j1; ++j) {
        for (int i = i0; i <= i1; ++i) {
            const size_t k = static_cast<size_t>(j) * nx_ + i;
            if (tiles_[k]) f(k);
        }
    }
}

TiledPolygon::Relation TiledPolygon::relate(const GEOSGeometry* piece, const GeosContext::Bounds& b) const {
    if (!whole_ || disjoint(b, bounds_)) return Relation::Outside;
    GEOSContextHandle_t h = geos_.handle();
    // Fast paths from the tiles under the piece's bounds: all absent -> outside; all full ->
    // inside; a single tile -> its (small) prepared geometry answers.
    const int i0 = std::max(0, static_cast<int>(std::floor((b.minx - x0_) / size_)));
    const int i1 = std::min(nx_ - 1, static_cast<int>(std::floor((b.maxx - x0_) / size_)));
    const int j0 = std::max(0, static_cast<int>(std::floor((b.miny - y0_) / size_)));
    const int j1 = std::min(ny_ - 1, static_cast<int>(std::floor((b.maxy - y0_) / size_)));
    const bool inside_grid = b.minx >= x0_ && b.miny >= y0_ && b.maxx <= x0_ + nx_ * size_ && b.maxy <= y0_ + ny_ * size_;
    bool all_absent = true, all_full = inside_grid;
    for (int j = j0; j <= j1; ++j) {
        for (int i = i0; i <= i1; ++i) {
            const size_t k = static_cast<size_t>(j) * nx_ + i;
            all_absent = all_absent && !tiles_[k];
            all_full = all_full && full_[k];
        }
    }
    if (all_absent && inside_grid) return Relation::Outside;
    if (all_full) return Relation::Inside;
    if (inside_grid && i0 == i1 && j0 == j1) {
        const size_t k = static_cast<size_t>(j0) * nx_ + i0;
        if (geos_.predicate(GEOSPreparedContainsProperly_r(h, prepared_[k].get(), piece), "containsProperly")) {
            return Relation::Inside;
        }
        if (!geos_.predicate(GEOSPreparedIntersects_r(h, prepared_[k].get(), piece), "intersects")) {
            return Relation::Outside;
        }
        return Relation::Partial;
    }
    if (geos_.predicate(GEOSPreparedContainsProperly_r(h, whole_.get(), piece), "containsProperly")) {
        return Relation::Inside;
    }
    if (!geos_.predicate(GEOSPreparedIntersects_r(h, whole_.get(), piece), "intersects")) return Relation::Outside;
    // A piece cut along the target's very boundary (land use along a township line) is covered,
    // not properly contained.  Testing "covers" would run a full relate against the whole
    // target; overlaying with the one or two tiles under the piece is far cheaper and exact.
    return Relation::Partial;
}

double TiledPolygon::area_inside(const GEOSGeometry* piece, const GeosContext::Bounds& b, double piece_area,
                                 const AreaCalculator& calc, AreaMode mode) const {
    switch (relate(piece, b)) {
        case Relation::Outside: return 0.0;
        case Relation::Inside: return piece_area;
        case Relation::Partial: break;
    }
    double area = 0;
    for_tiles(b, [&](size_t k) {
        // The tile (this context's geometry) goes first: GEOS builds the result with the first
        // argument's factory, so no geometry of another thread's context is created here.
        GeomPtr part = geos_.intersection(tiles_[k].get(), piece);
        area += calc.area(part.get(), mode);
    });
    return area;
}

GeomPtr TiledPolygon::intersection(const GEOSGeometry* piece, const GeosContext::Bounds& b) const {
    std::vector<GeomPtr> parts;
    for_tiles(b, [&](size_t k) {
        GeomPtr part = geos_.polygonal_part(geos_.intersection(tiles_[k].get(), piece).get());
        if (!geos_.is_empty(part.get())) parts.push_back(std::move(part));
    });
    if (parts.empty()) return GeomPtr(nullptr, GeomDeleter{geos_.handle()});
    if (parts.size() == 1) return std::move(parts.front());
    // Parts from adjacent tiles meet along tile edges; a (robust) union merges them into one
    // valid geometry.  Rare: only pieces that cross both the target's boundary and a tile edge.
    return geos_.polygonal_part(geos_.union_all(std::move(parts)).get());
}

}  // namespace ecozone::geo
