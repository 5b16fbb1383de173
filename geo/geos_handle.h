#pragma once
// RAII ownership for the GEOS reentrant C API.
//
// One GeosContext per thread: a GEOS context handle is not thread safe, and every geometry
// created through it must be destroyed through it.  The deleters therefore carry the handle,
// so a GeomPtr can never be freed by the wrong context or leak on an exception.
#include <geos_c.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::geo {

class GeosContext;

struct GeomDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeometry* g) const noexcept;
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const noexcept;
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

struct CoordSeqDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSCoordSequence* s) const noexcept;
};
using CoordSeqPtr = std::unique_ptr<GEOSCoordSequence, CoordSeqDeleter>;

// Owns a GEOS context handle and collects GEOS's error / notice messages, so that a failing
// call can be reported with GEOS's own explanation instead of being printed to stderr.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const noexcept { return handle_; }

    // Take ownership of a geometry returned by a GEOS call; throws GeometryError naming
    // `what` (and GEOS's last message) when the call returned null.
    GeomPtr own(GEOSGeometry* g, std::string_view what) const;
    PreparedPtr prepare(const GEOSGeometry* g) const;

    // Interpret a GEOS predicate result: 1 true, 0 false, 2 exception -> GeometryError.
    bool predicate(char result, std::string_view what) const;

    GeomPtr from_wkt(std::string_view wkt) const;
    GeomPtr from_wkb(const unsigned char* data, size_t size) const;
    std::string to_wkt(const GEOSGeometry* g, int precision = 6) const;
    std::vector<unsigned char> to_wkb(const GEOSGeometry* g) const;

    GeomPtr clone(const GEOSGeometry* g) const;
    // Robust overlay (GEOS's C API uses OverlayNG).
    GeomPtr intersection(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr difference(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr unary_union(const GEOSGeometry* g) const;
    // Collect geometries (ownership transferred) into one collection, then union it.
    GeomPtr union_all(std::vector<GeomPtr> parts) const;
    GeomPtr collect(std::vector<GeomPtr> parts, int type = GEOS_GEOMETRYCOLLECTION) const;
    GeomPtr make_valid(const GEOSGeometry* g) const;

    bool is_valid(const GEOSGeometry* g) const;
    // GEOS's explanation of why a geometry is invalid, with the location.
    std::string invalid_reason(const GEOSGeometry* g) const;
    bool is_empty(const GEOSGeometry* g) const;
    double planar_area(const GEOSGeometry* g) const;
    double length(const GEOSGeometry* g) const;
    double distance(const GEOSGeometry* a, const GEOSGeometry* b) const;
    // The closest pair of points, one on each geometry: {ax, ay, bx, by}.  Both must be non-empty.
    std::array<double, 4> nearest_points(const GEOSGeometry* a, const GEOSGeometry* b) const;
    // The same from a prepared geometry (its facet index built once, for many queries).
    std::array<double, 4> nearest_points(const GEOSPreparedGeometry* a, const GEOSGeometry* b) const;
    bool intersects(const GEOSGeometry* a, const GEOSGeometry* b) const;

    struct Bounds {
        double minx = 0, miny = 0, maxx = 0, maxy = 0;
        bool empty = true;
    };
    Bounds bounds(const GEOSGeometry* g) const;

    // Keep only polygonal parts (make-valid may return collapsed lines or points);
    // returns an empty multipolygon when nothing areal remains.
    GeomPtr polygonal_part(const GEOSGeometry* g) const;

    // Last message GEOS reported through this context (empty if none).
    const std::string& last_error() const noexcept { return last_error_; }

private:
    static void on_error(const char* message, void* userdata);
    GEOSContextHandle_t handle_ = nullptr;
    std::string last_error_;
};

}  // namespace ecozone::geo
