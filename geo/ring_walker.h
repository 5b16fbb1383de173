#pragma once
// The one walk over polygonal geometry: every function that reads polygon rings (areas, coverage
// fractions, clipping, maps, the sample generator) goes through here, so that every polygonal
// input is handled the same way — a polygon, a multipolygon, or a collection holding either at
// any depth — and no GEOS error value is ever read as a count, a type or an empty geometry.
//
// Every GEOS accessor used here is checked: GEOS reports failure by a sentinel (-1 for counts
// and types, null for parts and sequences, 0 for the coordinate calls, 2 for isEmpty), and each
// one becomes a GeometryError carrying GEOS's own message (GeosContext::last_error()).
#include "geo/geos_handle.h"

#include <vector>

namespace ecozone::geo {

// Checked accessors (each throws GeometryError naming the call and GEOS's message).
int geometry_type(const GeosContext& geos, const GEOSGeometry* g);
int num_parts(const GeosContext& geos, const GEOSGeometry* g);
const GEOSGeometry* part_n(const GeosContext& geos, const GEOSGeometry* g, int i);
const GEOSGeometry* exterior_ring(const GeosContext& geos, const GEOSGeometry* polygon);
int num_holes(const GeosContext& geos, const GEOSGeometry* polygon);
const GEOSGeometry* hole_n(const GeosContext& geos, const GEOSGeometry* polygon, int i);
// The coordinate sequence of a point, line or ring.
const GEOSCoordSequence* coord_seq(const GeosContext& geos, const GEOSGeometry* g);
unsigned seq_size(const GeosContext& geos, const GEOSCoordSequence* seq);
// The coordinates of a point, line or ring into x, y (resized to the vertex count; a ring keeps
// its closing repeat).
void copy_xy(const GeosContext& geos, const GEOSGeometry* g, std::vector<double>& x, std::vector<double>& y);

// Whether a type id is a collection (multi-geometry or geometry collection).
inline bool is_collection_type(int type) {
    return type == GEOS_MULTIPOINT || type == GEOS_MULTILINESTRING || type == GEOS_MULTIPOLYGON ||
           type == GEOS_GEOMETRYCOLLECTION;
}

// fn(const GEOSGeometry* part, int type) for every non-collection part of g (points, lines,
// rings, polygons), walking into multi-geometries and collections at any depth, in order.
template <typename Fn>
void for_each_part(const GeosContext& geos, const GEOSGeometry* g, Fn&& fn) {
    const int type = geometry_type(geos, g);
    if (is_collection_type(type)) {
        const int n = num_parts(geos, g);
        for (int i = 0; i < n; ++i) for_each_part(geos, part_n(geos, g, i), fn);
    } else {
        fn(g, type);
    }
}

// fn(const GEOSGeometry* polygon) for every non-empty polygon of g (g itself, the parts of a
// multipolygon, polygons and multipolygons inside collections at any depth); non-polygonal
// parts are skipped.
template <typename Fn>
void for_each_polygon(const GeosContext& geos, const GEOSGeometry* g, Fn&& fn) {
    for_each_part(geos, g, [&](const GEOSGeometry* part, int type) {
        if (type == GEOS_POLYGON && !geos.is_empty(part)) fn(part);
    });
}

// fn(const GEOSGeometry* ring, bool hole) for the rings of one polygon: the shell, then its holes.
template <typename Fn>
void for_each_ring_of(const GeosContext& geos, const GEOSGeometry* polygon, Fn&& fn) {
    fn(exterior_ring(geos, polygon), false);
    const int holes = num_holes(geos, polygon);
    for (int i = 0; i < holes; ++i) fn(hole_n(geos, polygon, i), true);
}

// fn(const GEOSGeometry* ring, bool hole) for every ring of every non-empty polygon of g
// (see for_each_polygon), each polygon's shell before its holes.
template <typename Fn>
void for_each_ring(const GeosContext& geos, const GEOSGeometry* g, Fn&& fn) {
    for_each_polygon(geos, g, [&](const GEOSGeometry* polygon) { for_each_ring_of(geos, polygon, fn); });
}

}  // namespace ecozone::geo
