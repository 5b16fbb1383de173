#include "samplegen/shapes.h"

#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <cmath>

namespace ecozone::samplegen {

double dist(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

GeomPtr make_point(const GeosContext& geos, XY p) {
    return geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), p.x, p.y), "point");
}

static GEOSCoordSequence* make_sequence(const GeosContext& geos, const std::vector<XY>& pts,
                                        bool close) {
    const bool add_closing =
        close && !pts.empty() && (pts.front().x != pts.back().x || pts.front().y != pts.back().y);
    const auto n = static_cast<unsigned>(pts.size() + (add_closing ? 1 : 0));
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos.handle(), n, 2);
    if (!seq) throw GeometryError("GEOS could not allocate a coordinate sequence");
    for (unsigned i = 0; i < pts.size(); ++i) {
        GEOSCoordSeq_setXY_r(geos.handle(), seq, i, pts[i].x, pts[i].y);
    }
    if (add_closing) GEOSCoordSeq_setXY_r(geos.handle(), seq, n - 1, pts[0].x, pts[0].y);
    return seq;
}

static GeomPtr make_ring(const GeosContext& geos, const std::vector<XY>& pts) {
    if (pts.size() < 3) throw GeometryError("a ring needs at least three points");
    return geos.own(GEOSGeom_createLinearRing_r(geos.handle(), make_sequence(geos, pts, true)),
                    "linear ring");
}

GeomPtr make_polygon(const GeosContext& geos, const std::vector<XY>& shell,
                     const std::vector<std::vector<XY>>& holes) {
    GeomPtr shell_ring = make_ring(geos, shell);
    std::vector<GeomPtr> hole_rings;
    for (const auto& h : holes) hole_rings.push_back(make_ring(geos, h));
    std::vector<GEOSGeometry*> raw;
    for (auto& h : hole_rings) raw.push_back(h.release());
    // createPolygon takes ownership of the rings.
    return geos.own(GEOSGeom_createPolygon_r(geos.handle(), shell_ring.release(), raw.data(),
                                             static_cast<unsigned>(raw.size())),
                    "polygon");
}

GeomPtr make_line(const GeosContext& geos, const std::vector<XY>& points) {
    return geos.own(GEOSGeom_createLineString_r(geos.handle(), make_sequence(geos, points, false)),
                    "line string");
}

GeomPtr empty_polygon(const GeosContext& geos) {
    return geos.own(GEOSGeom_createEmptyPolygon_r(geos.handle()), "empty polygon");
}

std::vector<XY> star_ring(XY centre, int n, const std::function<double(double)>& radius) {
    std::vector<XY> pts;
    pts.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const double theta = 2.0 * M_PI * i / n;
        const double r = radius(theta);
        pts.push_back({centre.x + r * std::cos(theta), centre.y + r * std::sin(theta)});
    }
    return pts;
}

std::vector<XY> rotated_rect(XY c, double w, double h, double angle_rad) {
    const double ca = std::cos(angle_rad), sa = std::sin(angle_rad);
    const double hw = w / 2, hh = h / 2;
    const XY local[4] = {{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}};
    std::vector<XY> out;
    for (const auto& p : local) out.push_back({c.x + p.x * ca - p.y * sa, c.y + p.x * sa + p.y * ca});
    return out;
}

GeomPtr buffer(const GeosContext& geos, const GEOSGeometry* g, double distance, int quadsegs) {
    return geos.own(GEOSBuffer_r(geos.handle(), g, distance, quadsegs), "buffer");
}

GeomPtr strip(const GeosContext& geos, const GEOSGeometry* line, double half_width) {
    return geos.own(GEOSBufferWithStyle_r(geos.handle(), line, half_width, 8, GEOSBUF_CAP_FLAT,
                                          GEOSBUF_JOIN_ROUND, 5.0),
                    "strip buffer");
}

GeomPtr union_of(const GeosContext& geos, const std::vector<const GEOSGeometry*>& parts) {
    std::vector<GeomPtr> owned;
    owned.reserve(parts.size());
    for (const auto* p : parts) owned.push_back(geos.clone(p));
    return geos.union_all(std::move(owned));
}

static void collect_polygons(const GeosContext& geos, const GEOSGeometry* g,
                             std::vector<GeomPtr>& out) {
    geo::for_each_polygon(geos, g, [&](const GEOSGeometry* polygon) { out.push_back(geos.clone(polygon)); });
}

std::vector<GeomPtr> polygon_parts(const GeosContext& geos, const GEOSGeometry* g) {
    std::vector<GeomPtr> out;
    collect_polygons(geos, g, out);
    return out;
}

GeomPtr as_multipolygon(const GeosContext& geos, const GEOSGeometry* g) {
    return geos.collect(polygon_parts(geos, g), GEOS_MULTIPOLYGON);
}

GeomPtr largest_polygon(const GeosContext& geos, const GEOSGeometry* g) {
    std::vector<GeomPtr> parts = polygon_parts(geos, g);
    if (parts.empty()) throw GeometryError("geometry has no polygon");
    size_t best = 0;
    double best_area = -1;
    for (size_t i = 0; i < parts.size(); ++i) {
        const double a = geos.planar_area(parts[i].get());
        if (a > best_area) {
            best_area = a;
            best = i;
        }
    }
    return std::move(parts[best]);
}

static void collect_lines(const GeosContext& geos, const GEOSGeometry* g,
                          std::vector<GeomPtr>& out) {
    GEOSContextHandle_t h = geos.handle();
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_LINESTRING) {
        if (!geos.is_empty(g)) out.push_back(geos.clone(g));
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collect_lines(geos, GEOSGetGeometryN_r(h, g, i), out);
    }
}

GeomPtr as_multilinestring(const GeosContext& geos, const GEOSGeometry* g) {
    std::vector<GeomPtr> lines;
    collect_lines(geos, g, lines);
    return geos.collect(std::move(lines), GEOS_MULTILINESTRING);
}

XY point_xy(const GeosContext& geos, const GEOSGeometry* point) {
    XY p;
    if (!GEOSGeomGetX_r(geos.handle(), point, &p.x) || !GEOSGeomGetY_r(geos.handle(), point, &p.y)) {
        throw GeometryError("GEOS could not read a point: " + geos.last_error());
    }
    return p;
}

XY interior_point(const GeosContext& geos, const GEOSGeometry* g) {
    GeomPtr p = geos.own(GEOSPointOnSurface_r(geos.handle(), g), "point on surface");
    return point_xy(geos, p.get());
}

static GeomPtr transform_ring_like(const GeosContext& geos, const GEOSGeometry* g,
                                   const geo::Transform& t, bool ring) {
    GEOSContextHandle_t h = geos.handle();
    std::vector<double> x, y;
    geo::copy_xy(geos, g, x, y);
    const unsigned n = static_cast<unsigned>(x.size());
    t.forward(x.data(), y.data(), n);
    GEOSCoordSequence* out = GEOSCoordSeq_copyFromArrays_r(h, x.data(), y.data(), nullptr, nullptr, n);
    return geos.own(ring ? GEOSGeom_createLinearRing_r(h, out) : GEOSGeom_createLineString_r(h, out),
                    "transformed ring");
}

// Rebuilds g part by part, so unlike geo/ring_walker's flat walks it keeps the structure (each
// polygon's shell and holes, each collection's members); it reads through the same checked
// accessors.
GeomPtr transform_geometry(const GeosContext& geos, const GEOSGeometry* g,
                           const geo::Transform& t) {
    GEOSContextHandle_t h = geos.handle();
    const int type = geo::geometry_type(geos, g);
    switch (type) {
        case GEOS_LINESTRING: return transform_ring_like(geos, g, t, false);
        case GEOS_POLYGON: {
            GeomPtr shell = transform_ring_like(geos, geo::exterior_ring(geos, g), t, true);
            std::vector<GEOSGeometry*> holes;
            const int nh = geo::num_holes(geos, g);
            for (int i = 0; i < nh; ++i) {
                holes.push_back(transform_ring_like(geos, geo::hole_n(geos, g, i), t, true).release());
            }
            return geos.own(GEOSGeom_createPolygon_r(h, shell.release(), holes.data(),
                                                     static_cast<unsigned>(holes.size())),
                            "transformed polygon");
        }
        case GEOS_MULTIPOLYGON:
        case GEOS_MULTILINESTRING:
        case GEOS_GEOMETRYCOLLECTION: {
            std::vector<GeomPtr> parts;
            const int n = geo::num_parts(geos, g);
            for (int i = 0; i < n; ++i) parts.push_back(transform_geometry(geos, geo::part_n(geos, g, i), t));
            return geos.collect(std::move(parts), type);
        }
        default: throw GeometryError("cannot transform this geometry type");
    }
}

PointTester::PointTester(const GeosContext& geos, const GEOSGeometry* area)
    : geos_(&geos), prepared_(geos.prepare(area)) {}

bool PointTester::contains(XY p) const {
    GeomPtr pt = make_point(*geos_, p);
    return geos_->predicate(GEOSPreparedContains_r(geos_->handle(), prepared_.get(), pt.get()),
                            "prepared contains");
}
bool PointTester::intersects(const GEOSGeometry* g) const {
    return geos_->predicate(GEOSPreparedIntersects_r(geos_->handle(), prepared_.get(), g),
                            "prepared intersects");
}
bool PointTester::contains(const GEOSGeometry* g) const {
    return geos_->predicate(GEOSPreparedContains_r(geos_->handle(), prepared_.get(), g),
                            "prepared contains");
}
bool PointTester::covers(const GEOSGeometry* g) const {
    return geos_->predicate(GEOSPreparedCovers_r(geos_->handle(), prepared_.get(), g),
                            "prepared covers");
}
double PointTester::distance(XY p) const {
    GeomPtr pt = make_point(*geos_, p);
    double d = 0;
    if (!GEOSPreparedDistance_r(geos_->handle(), prepared_.get(), pt.get(), &d)) {
        throw GeometryError("GEOS prepared distance failed: " + geos_->last_error());
    }
    return d;
}

}  // namespace ecozone::samplegen
