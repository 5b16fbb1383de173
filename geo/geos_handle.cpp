#include "geo/geos_handle.h"

#include "geo/errors.h"

#include <fmt/format.h>

namespace ecozone::geo {

void GeomDeleter::operator()(GEOSGeometry* g) const noexcept {
    if (g) GEOSGeom_destroy_r(handle, g);
}
void PreparedDeleter::operator()(const GEOSPreparedGeometry* g) const noexcept {
    if (g) GEOSPreparedGeom_destroy_r(handle, g);
}
void CoordSeqDeleter::operator()(GEOSCoordSequence* s) const noexcept {
    if (s) GEOSCoordSeq_destroy_r(handle, s);
}

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    if (!handle_)
        throw GeometryError("GEOS：无法创建运行环境（context handle）", "GEOS: could not create a context handle");
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
    // Notices (e.g. "Self-intersection at ...") are what is_valid reports; we ask for the
    // reason explicitly with GEOSisValidReason, so notices are dropped, not printed.
    GEOSContext_setNoticeMessageHandler_r(handle_, nullptr, nullptr);
}

GeosContext::~GeosContext() {
    if (handle_) GEOS_finish_r(handle_);
}

void GeosContext::on_error(const char* message, void* userdata) {
    auto* self = static_cast<GeosContext*>(userdata);
    self->last_error_ = message ? message : "";
}

GeomPtr GeosContext::own(GEOSGeometry* g, std::string_view what) const {
    if (!g) {
        throw make_error<GeometryError>("GEOS 在 {} 中出错：{}", "GEOS failed in {}: {}", what,
                                        last_error_.empty() ? "unknown error" : last_error_);
    }
    return GeomPtr(g, GeomDeleter{handle_});
}

PreparedPtr GeosContext::prepare(const GEOSGeometry* g) const {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(handle_, g);
    if (!p)
        throw make_error<GeometryError>("GEOS 无法预处理几何：{}", "GEOS failed to prepare a geometry: {}",
                                        last_error_);
    return PreparedPtr(p, PreparedDeleter{handle_});
}

bool GeosContext::predicate(char result, std::string_view what) const {
    if (result == 2) {
        throw make_error<GeometryError>("GEOS 空间关系判断 {} 出错：{}", "GEOS predicate {} failed: {}", what,
                                        last_error_);
    }
    return result == 1;
}

GeomPtr GeosContext::from_wkt(std::string_view wkt) const {
    GEOSWKTReader* reader = GEOSWKTReader_create_r(handle_);
    GEOSGeometry* g = GEOSWKTReader_read_r(handle_, reader, std::string(wkt).c_str());
    GEOSWKTReader_destroy_r(handle_, reader);
    return own(g, "WKT parsing");
}

GeomPtr GeosContext::from_wkb(const unsigned char* data, size_t size) const {
    GEOSWKBReader* reader = GEOSWKBReader_create_r(handle_);
    GEOSGeometry* g = GEOSWKBReader_read_r(handle_, reader, data, size);
    GEOSWKBReader_destroy_r(handle_, reader);
    return own(g, "WKB parsing");
}

std::string GeosContext::to_wkt(const GEOSGeometry* g, int precision) const {
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(handle_);
    GEOSWKTWriter_setTrim_r(handle_, writer, 1);
    GEOSWKTWriter_setRoundingPrecision_r(handle_, writer, precision);
    char* text = GEOSWKTWriter_write_r(handle_, writer, g);
    GEOSWKTWriter_destroy_r(handle_, writer);
    if (!text) throw make_error<GeometryError>("GEOS 无法写出 WKT：{}", "GEOS failed to write WKT: {}", last_error_);
    std::string out(text);
    GEOSFree_r(handle_, text);
    return out;
}

std::vector<unsigned char> GeosContext::to_wkb(const GEOSGeometry* g) const {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(handle_);
    size_t size = 0;
    unsigned char* data = GEOSWKBWriter_write_r(handle_, writer, g, &size);
    GEOSWKBWriter_destroy_r(handle_, writer);
    if (!data) throw make_error<GeometryError>("GEOS 无法写出 WKB：{}", "GEOS failed to write WKB: {}", last_error_);
    std::vector<unsigned char> out(data, data + size);
    GEOSFree_r(handle_, data);
    return out;
}

GeomPtr GeosContext::clone(const GEOSGeometry* g) const {
    return own(GEOSGeom_clone_r(handle_, g), "clone");
}
GeomPtr GeosContext::intersection(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSIntersection_r(handle_, a, b), "intersection");
}
GeomPtr GeosContext::difference(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSDifference_r(handle_, a, b), "difference");
}
GeomPtr GeosContext::unary_union(const GEOSGeometry* g) const {
    return own(GEOSUnaryUnion_r(handle_, g), "union");
}

GeomPtr GeosContext::collect(std::vector<GeomPtr> parts, int type) const {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    GEOSGeometry* c = GEOSGeom_createCollection_r(handle_, type, raw.data(),
                                                  static_cast<unsigned>(raw.size()));
    if (!c) {
        for (auto* g : raw) GEOSGeom_destroy_r(handle_, g);
    }
    return own(c, "collect");
}

GeomPtr GeosContext::union_all(std::vector<GeomPtr> parts) const {
    if (parts.empty()) return own(GEOSGeom_createEmptyPolygon_r(handle_), "empty polygon");
    GeomPtr coll = collect(std::move(parts));
    return unary_union(coll.get());
}

GeomPtr GeosContext::make_valid(const GEOSGeometry* g) const {
    // The "structure" method keeps the area a user drew (a bow-tie becomes two triangles)
    // and drops collapsed parts, which is what an area computation needs.
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(handle_);
    GEOSMakeValidParams_setMethod_r(handle_, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(handle_, params, 0);
    GEOSGeometry* out = GEOSMakeValidWithParams_r(handle_, g, params);
    GEOSMakeValidParams_destroy_r(handle_, params);
    return own(out, "make-valid");
}

bool GeosContext::is_valid(const GEOSGeometry* g) const {
    return predicate(GEOSisValid_r(handle_, g), "isValid");
}

std::string GeosContext::invalid_reason(const GEOSGeometry* g) const {
    char* reason = GEOSisValidReason_r(handle_, g);
    if (!reason) return "unknown";
    std::string out(reason);
    GEOSFree_r(handle_, reason);
    return out;
}

bool GeosContext::is_empty(const GEOSGeometry* g) const {
    return predicate(GEOSisEmpty_r(handle_, g), "isEmpty");
}

double GeosContext::planar_area(const GEOSGeometry* g) const {
    double a = 0;
    if (!GEOSArea_r(handle_, g, &a))
        throw make_error<GeometryError>("GEOS 计算面积出错：{}", "GEOS area failed: {}", last_error_);
    return a;
}

double GeosContext::length(const GEOSGeometry* g) const {
    double l = 0;
    if (!GEOSLength_r(handle_, g, &l))
        throw make_error<GeometryError>("GEOS 计算长度出错：{}", "GEOS length failed: {}", last_error_);
    return l;
}

double GeosContext::distance(const GEOSGeometry* a, const GEOSGeometry* b) const {
    double d = 0;
    if (!GEOSDistance_r(handle_, a, b, &d)) {
        throw make_error<GeometryError>("GEOS 计算距离出错：{}", "GEOS distance failed: {}", last_error_);
    }
    return d;
}

std::array<double, 4> GeosContext::nearest_points(const GEOSGeometry* a, const GEOSGeometry* b) const {
    // The coordinate sequence GEOS returns is ours to destroy.
    struct SeqDeleter {
        GEOSContextHandle_t h;
        void operator()(GEOSCoordSequence* s) const { GEOSCoordSeq_destroy_r(h, s); }
    };
    std::unique_ptr<GEOSCoordSequence, SeqDeleter> seq(GEOSNearestPoints_r(handle_, a, b), SeqDeleter{handle_});
    std::array<double, 4> out{};
    if (!seq || !GEOSCoordSeq_getXY_r(handle_, seq.get(), 0, &out[0], &out[1]) ||
        !GEOSCoordSeq_getXY_r(handle_, seq.get(), 1, &out[2], &out[3])) {
        throw make_error<GeometryError>("GEOS 求最近点出错（几何为空？）：{}",
                                        "GEOS nearest points failed (empty geometry?): {}", last_error_);
    }
    return out;
}

std::array<double, 4> GeosContext::nearest_points(const GEOSPreparedGeometry* a, const GEOSGeometry* b) const {
    CoordSeqPtr seq(GEOSPreparedNearestPoints_r(handle_, a, b), CoordSeqDeleter{handle_});
    std::array<double, 4> out{};
    if (!seq || !GEOSCoordSeq_getXY_r(handle_, seq.get(), 0, &out[0], &out[1]) ||
        !GEOSCoordSeq_getXY_r(handle_, seq.get(), 1, &out[2], &out[3])) {
        throw make_error<GeometryError>("GEOS 求最近点出错（几何为空？）：{}",
                                        "GEOS nearest points failed (empty geometry?): {}", last_error_);
    }
    return out;
}

bool GeosContext::intersects(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return predicate(GEOSIntersects_r(handle_, a, b), "intersects");
}

GeosContext::Bounds GeosContext::bounds(const GEOSGeometry* g) const {
    Bounds b;
    if (is_empty(g)) return b;
    if (!GEOSGeom_getXMin_r(handle_, g, &b.minx) || !GEOSGeom_getYMin_r(handle_, g, &b.miny) ||
        !GEOSGeom_getXMax_r(handle_, g, &b.maxx) || !GEOSGeom_getYMax_r(handle_, g, &b.maxy)) {
        throw make_error<GeometryError>("GEOS 计算外包框出错：{}", "GEOS bounds failed: {}", last_error_);
    }
    b.empty = false;
    return b;
}

GeomPtr GeosContext::polygonal_part(const GEOSGeometry* g) const {
    const int type = GEOSGeomTypeId_r(handle_, g);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) return clone(g);
    std::vector<GeomPtr> polys;
    if (type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(handle_, g);
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(handle_, g, i);
            const int pt = GEOSGeomTypeId_r(handle_, part);
            if (pt == GEOS_POLYGON) {
                polys.push_back(clone(part));
            } else if (pt == GEOS_MULTIPOLYGON) {
                const int m = GEOSGetNumGeometries_r(handle_, part);
                for (int j = 0; j < m; ++j) polys.push_back(clone(GEOSGetGeometryN_r(handle_, part, j)));
            }
        }
    }
    return collect(std::move(polys), GEOS_MULTIPOLYGON);
}

}  // namespace ecozone::geo
