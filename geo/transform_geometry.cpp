#include "geo/transform_geometry.h"

#include "geo/crs.h"
#include "geo/errors.h"

namespace ecozone::geo {

namespace {
struct CallbackState {
    const Transform* transform;
    bool failed = false;
};

int transform_point(double* x, double* y, void* userdata) {
    auto* state = static_cast<CallbackState*>(userdata);
    try {
        state->transform->forward(*x, *y);
        return 1;
    } catch (const CrsError&) {
        state->failed = true;
        return 0;
    }
}
}  // namespace

GeomPtr transform_geometry(const GeosContext& geos, const GEOSGeometry* g, const Transform& transform) {
    CallbackState state{&transform};
    GEOSGeometry* out = GEOSGeom_transformXY_r(geos.handle(), g, &transform_point, &state);
    if (!out || state.failed) {
        if (out) GEOSGeom_destroy_r(geos.handle(), out);
        const std::string from = transform.source().substr(0, 40), to = transform.target().substr(0, 40);
        throw make_error<CrsError>("有几何无法从 {} 转换到 {}", "a geometry could not be transformed from {} to {}",
                                   from, to);
    }
    return geos.own(out, "transform");
}

GeomPtr transform_geometry(const GeosContext& geos, const GEOSGeometry* g, const std::string& source_crs,
                           const std::string& target_crs, double max_segment) {
    const Transform t(source_crs, target_crs);
    GeomPtr dense = max_segment > 0 ? geos.own(GEOSDensify_r(geos.handle(), g, max_segment), "densify")
                                    : geos.clone(g);
    return transform_geometry(geos, dense.get(), t);
}

}  // namespace ecozone::geo
