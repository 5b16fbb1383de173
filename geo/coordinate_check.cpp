#include "geo/coordinate_check.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::geo {

namespace {

// How far (degrees) beyond its area of use a coordinate may lie: a county at the edge of a
// Gauss–Krüger zone is often mapped in the neighbouring zone, and PROJ's areas are tight.
constexpr double kMarginDeg = 3.0;
// No projected coordinate used in China exceeds ~4.6e7 (a zone-prefixed easting); beyond this a
// value is a digit error whatever the CRS, and PROJ is not even asked.
constexpr double kMaxProjected = 1e8;

}  // namespace

struct PlausibleCoordinates::Impl {
    std::string crs;
    CrsInfo info;
    double west = -180, south = -90, east = 180, north = 90;
    std::string area;
    std::unique_ptr<Transform> to_lonlat;  // projected CRSs only
};

PlausibleCoordinates::PlausibleCoordinates(const std::string& crs) : impl_(std::make_unique<Impl>()) {
    impl_->crs = crs;
    impl_->info = describe_crs(crs);
    ProjContextPtr ctx = make_proj_context();
    PjPtr pj(proj_create(ctx.get(), crs.c_str()));
    const char* name = nullptr;
    double w = 0, s = 0, e = 0, n = 0;
    if (pj && proj_get_area_of_use(ctx.get(), pj.get(), &w, &s, &e, &n, &name) && w > -1000) {
        impl_->west = w;
        impl_->south = s;
        // An area crossing the antimeridian is given with east < west: none of ours does.
        impl_->east = e < w ? e + 360 : e;
        impl_->north = n;
        impl_->area = name ? name : "";
    }
    if (impl_->info.projected) impl_->to_lonlat = std::make_unique<Transform>(crs, "EPSG:4490");
}

PlausibleCoordinates::~PlausibleCoordinates() = default;

const std::string& PlausibleCoordinates::area_name() const {
    return impl_->area;
}

void PlausibleCoordinates::check(double x, double y, const std::string& where) const {
    const Impl& m = *impl_;
    auto refuse = [&](const char* why) {
        throw CrsError(
            fmt::format("{}: coordinate ({:.6g}, {:.6g}) {} for {}; check the coordinates (a digit too "
                        "many or too few?) and their CRS",
                        where, x, y, why, m.info.name.empty() ? m.crs : m.info.name));
    };
    if (!std::isfinite(x) || !std::isfinite(y)) refuse("is not a finite number");
    double lon = x, lat = y;
    if (m.info.geographic) {
        if (std::fabs(lat) > 90 || std::fabs(lon) > 360) refuse("is not a longitude/latitude");
    } else {
        if (std::fabs(x) > kMaxProjected || std::fabs(y) > kMaxProjected) refuse("is far outside any projection");
        if (m.to_lonlat) {
            try {
                m.to_lonlat->forward(lon, lat);
            } catch (const CrsError&) {
                refuse("cannot be projected back to longitude/latitude");
            }
        }
    }
    if (lon < m.west - kMarginDeg || lon > m.east + kMarginDeg || lat < m.south - kMarginDeg ||
        lat > m.north + kMarginDeg) {
        throw CrsError(fmt::format(
            "{}: coordinate ({:.6g}, {:.6g}) lies at {:.2f}°E {:.2f}°N, outside the area "
            "where {} is used ({:.1f}–{:.1f}°E, {:.1f}–{:.1f}°N); check the coordinates and "
            "their CRS (zone, axis order)",
            where, x, y, lon, lat, m.info.name.empty() ? m.crs : m.info.name, m.west, m.east, m.south, m.north));
    }
}

void PlausibleCoordinates::check(const GeosContext& geos, const GEOSGeometry* g, const std::string& where) const {
    GEOSContextHandle_t h = geos.handle();
    for_each_sequence(h, g, [&](const GEOSCoordSequence* s) {
        unsigned int n = 0;
        if (!s || !GEOSCoordSeq_getSize_r(h, s, &n)) return;
        for (unsigned int i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, s, i, &x, &y);
            check(x, y, where);
        }
    });
}

}  // namespace ecozone::geo
