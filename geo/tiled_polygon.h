#pragma once
// A large polygonal target (a red line, a township, a protection area) cut into square tiles,
// for overlaying many small polygons with it.
//
// Intersecting a small land-use polygon with a 2,000-vertex red line makes GEOS clip the whole
// red line each time; intersecting it with the one or two tiles under it touches a few dozen
// vertices.  Tiles partition the target, so areas add up exactly.  The whole target is also
// kept prepared, so that the common cases — wholly inside, wholly outside — cost one indexed
// predicate and no overlay at all.
#include "geo/area.h"
#include "geo/geos_handle.h"

#include <vector>

namespace ecozone::geo {

class TiledPolygon {
public:
    // `target` may be null or empty (then everything is outside).  The number of tiles follows
    // the target's vertex count, up to max_tiles_across along its longer side.
    TiledPolygon(const GeosContext& geos, const GEOSGeometry* target, int max_tiles_across = 48);

    enum class Relation { Outside, Inside, Partial };
    // Where `piece` (with bounds `b`) lies relative to the target.
    Relation relate(const GEOSGeometry* piece, const GeosContext::Bounds& b) const;

    // Area of piece ∩ target in `mode`; `piece_area` is reused when the piece is wholly inside.
    double area_inside(const GEOSGeometry* piece, const GeosContext::Bounds& b, double piece_area,
                       const AreaCalculator& calc, AreaMode mode) const;

    // For a piece that relate() found Partial: piece ∩ target as one valid polygonal geometry owned by this object's context (the pieces
    // cut by adjacent tiles are merged by a union).  Null when they do not overlap.
    GeomPtr intersection(const GEOSGeometry* piece, const GeosContext::Bounds& b) const;

    bool empty() const { return tiles_.empty(); }

private:
    template <typename F>
    void for_tiles(const GeosContext::Bounds& b, F f) const;
    const GeosContext& geos_;
    GeosContext::Bounds bounds_;
    PreparedPtr whole_;
    GeomPtr whole_geom_;
    double x0_ = 0, y0_ = 0, size_ = 1;
    int nx_ = 0, ny_ = 0;
    std::vector<GeomPtr> tiles_;            // nx_ × ny_, null where the target is absent
    std::vector<PreparedPtr> prepared_;
    std::vector<char> full_;                // the tile is the whole cell: anything in it is inside
};

}  // namespace ecozone::geo
