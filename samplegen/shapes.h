#pragma once
// Small GEOS building blocks for the generator: points, rings, blobs, rectangles, meandering
// lines, exploding collections into polygons.  Everything goes through geo::GeosContext so that
// every geometry is owned by a geo::GeomPtr.
#include "geo/crs.h"
#include "geo/geos_handle.h"

#include <functional>
#include <vector>

namespace ecozone::samplegen {

using geo::GeomPtr;
using geo::GeosContext;

struct XY {
    double x = 0, y = 0;
};
inline XY operator+(XY a, XY b) { return {a.x + b.x, a.y + b.y}; }
inline XY operator-(XY a, XY b) { return {a.x - b.x, a.y - b.y}; }
inline XY operator*(XY a, double s) { return {a.x * s, a.y * s}; }
double dist(XY a, XY b);

GeomPtr make_point(const GeosContext& geos, XY p);
// Rings are closed here when the caller did not repeat the first point.
GeomPtr make_polygon(const GeosContext& geos, const std::vector<XY>& shell,
                     const std::vector<std::vector<XY>>& holes = {});
GeomPtr make_line(const GeosContext& geos, const std::vector<XY>& points);
GeomPtr empty_polygon(const GeosContext& geos);

// A star-shaped ring around `centre`: radius(theta) with theta in [0, 2 pi), n vertices.
// Always a simple ring when radius() > 0.
std::vector<XY> star_ring(XY centre, int n, const std::function<double(double)>& radius);
// A rectangle of width w (along `angle_rad`) and height h centred on c.
std::vector<XY> rotated_rect(XY c, double w, double h, double angle_rad);

GeomPtr buffer(const GeosContext& geos, const GEOSGeometry* g, double distance, int quadsegs = 8);
// Flat-ended buffer of a line: a road or canal strip that stops where the line stops.
GeomPtr strip(const GeosContext& geos, const GEOSGeometry* line, double half_width);

// Union of (copies of) several geometries.
GeomPtr union_of(const GeosContext& geos, const std::vector<const GEOSGeometry*>& parts);

// Every non-empty polygon of g (Polygon, MultiPolygon, GeometryCollection), cloned.
std::vector<GeomPtr> polygon_parts(const GeosContext& geos, const GEOSGeometry* g);
// The polygonal part of g as one MultiPolygon (empty when nothing areal remains).
GeomPtr as_multipolygon(const GeosContext& geos, const GEOSGeometry* g);
// The largest polygon of g by planar area (throws when g has none).
GeomPtr largest_polygon(const GeosContext& geos, const GEOSGeometry* g);
// Every non-empty line of g, cloned, collected into one MultiLineString.
GeomPtr as_multilinestring(const GeosContext& geos, const GEOSGeometry* g);

// A point guaranteed to lie inside an areal geometry (GEOSPointOnSurface).
XY interior_point(const GeosContext& geos, const GEOSGeometry* g);
XY point_xy(const GeosContext& geos, const GEOSGeometry* point);

// Re-project every coordinate of a (multi)polygon or line through a transform.
GeomPtr transform_geometry(const GeosContext& geos, const GEOSGeometry* g,
                           const geo::Transform& transform);

// Point-in-polygon tests against a prepared geometry (GEOS 3.11 has no ContainsXY yet).
class PointTester {
public:
    PointTester(const GeosContext& geos, const GEOSGeometry* area);
    bool contains(XY p) const;
    bool intersects(const GEOSGeometry* g) const;
    bool contains(const GEOSGeometry* g) const;
    bool covers(const GEOSGeometry* g) const;
    double distance(XY p) const;

private:
    const GeosContext* geos_;
    geo::PreparedPtr prepared_;
};

}  // namespace ecozone::samplegen
