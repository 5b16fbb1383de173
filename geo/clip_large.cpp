#include "geo/clip_large.h"

#include "geo/errors.h"

namespace ecozone::geo {

GeomPtr clip_large(const GeosContext& geos, const GEOSGeometry* g, const GeosContext::Bounds& box) {
    GEOSContextHandle_t h = geos.handle();
    if (GEOSGetNumCoordinates_r(h, g) <= kLargeGeometryVertices) return GeomPtr(nullptr, GeomDeleter{h});
    return geos.own(GEOSClipByRect_r(h, g, box.minx - 1, box.miny - 1, box.maxx + 1, box.maxy + 1),
                    "clip by rectangle");
}

GeomPtr intersection_near(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b) {
    GeomPtr local(nullptr, GeomDeleter{geos.handle()});
    try {
        local = clip_large(geos, a, geos.bounds(b));
    } catch (const GeometryError&) {
        local.reset();
    }
    return geos.intersection(local ? local.get() : a, b);
}

}  // namespace ecozone::geo
