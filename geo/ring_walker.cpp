#include "geo/ring_walker.h"

#include "geo/errors.h"

namespace ecozone::geo {

namespace {

[[noreturn]] void fail(const GeosContext& geos, const char* call) {
    const std::string& why = geos.last_error();
    throw make_error<GeometryError>("GEOS 读取几何出错（{}）：{}", "GEOS failed reading a geometry ({}): {}", call,
                                    why.empty() ? "unknown error" : why);
}

}  // namespace

int geometry_type(const GeosContext& geos, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(geos.handle(), g);
    if (type < 0) fail(geos, "GEOSGeomTypeId");
    return type;
}

int num_parts(const GeosContext& geos, const GEOSGeometry* g) {
    const int n = GEOSGetNumGeometries_r(geos.handle(), g);
    if (n < 0) fail(geos, "GEOSGetNumGeometries");
    return n;
}

const GEOSGeometry* part_n(const GeosContext& geos, const GEOSGeometry* g, int i) {
    const GEOSGeometry* p = GEOSGetGeometryN_r(geos.handle(), g, i);
    if (!p) fail(geos, "GEOSGetGeometryN");
    return p;
}

const GEOSGeometry* exterior_ring(const GeosContext& geos, const GEOSGeometry* polygon) {
    const GEOSGeometry* r = GEOSGetExteriorRing_r(geos.handle(), polygon);
    if (!r) fail(geos, "GEOSGetExteriorRing");
    return r;
}

int num_holes(const GeosContext& geos, const GEOSGeometry* polygon) {
    const int n = GEOSGetNumInteriorRings_r(geos.handle(), polygon);
    if (n < 0) fail(geos, "GEOSGetNumInteriorRings");
    return n;
}

const GEOSGeometry* hole_n(const GeosContext& geos, const GEOSGeometry* polygon, int i) {
    const GEOSGeometry* r = GEOSGetInteriorRingN_r(geos.handle(), polygon, i);
    if (!r) fail(geos, "GEOSGetInteriorRingN");
    return r;
}

const GEOSCoordSequence* coord_seq(const GeosContext& geos, const GEOSGeometry* g) {
    const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(geos.handle(), g);
    if (!s) fail(geos, "GEOSGeom_getCoordSeq");
    return s;
}

unsigned seq_size(const GeosContext& geos, const GEOSCoordSequence* seq) {
    unsigned n = 0;
    if (!GEOSCoordSeq_getSize_r(geos.handle(), seq, &n)) fail(geos, "GEOSCoordSeq_getSize");
    return n;
}

void copy_xy(const GeosContext& geos, const GEOSGeometry* g, std::vector<double>& x, std::vector<double>& y) {
    const GEOSCoordSequence* seq = coord_seq(geos, g);
    const unsigned n = seq_size(geos, seq);
    x.resize(n);
    y.resize(n);
    if (n == 0) return;
    if (!GEOSCoordSeq_copyToArrays_r(geos.handle(), seq, x.data(), y.data(), nullptr, nullptr))
        fail(geos, "GEOSCoordSeq_copyToArrays");
}

}  // namespace ecozone::geo
