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
    auto refuse = [&](const char* why_zh, const char* why) {
        const std::string& crs = m.info.name.empty() ? m.crs : m.info.name;
        throw make_error<CrsError>(
            "{0}：坐标 ({1:.6g}, {2:.6g}) {3}（坐标系 {5}）；请检查坐标（是否多了或少了一位数？）"
            "及其坐标系",
            "{0}: coordinate ({1:.6g}, {2:.6g}) {4} for {5}; check the coordinates (a digit "
            "too many or too few?) and their CRS",
            where, x, y, why_zh, why, crs);
    };
    if (!std::isfinite(x) || !std::isfinite(y)) refuse("不是有限的数", "is not a finite number");
    double lon = x, lat = y;
    if (m.info.geographic) {
        if (std::fabs(lat) > 90 || std::fabs(lon) > 360) refuse("不是经纬度", "is not a longitude/latitude");
    } else {
        if (std::fabs(x) > kMaxProjected || std::fabs(y) > kMaxProjected)
            refuse("远在任何投影范围之外", "is far outside any projection");
        if (m.to_lonlat) {
            try {
                m.to_lonlat->forward(lon, lat);
            } catch (const CrsError&) {
                refuse("无法反算回经纬度", "cannot be projected back to longitude/latitude");
            }
        }
    }
    if (lon < m.west - kMarginDeg || lon > m.east + kMarginDeg || lat < m.south - kMarginDeg ||
        lat > m.north + kMarginDeg) {
        throw make_error<CrsError>(
            "{}：坐标 ({:.6g}, {:.6g}) 位于东经 {:.2f}°、北纬 {:.2f}°，在 {} 的适用范围（东经 {:.1f}–{:.1f}°，北纬 "
            "{:.1f}–{:.1f}°）之外；请检查坐标及其坐标系（带号、坐标轴顺序）",
            "{}: coordinate ({:.6g}, {:.6g}) lies at {:.2f}°E {:.2f}°N, outside the area "
            "where {} is used ({:.1f}–{:.1f}°E, {:.1f}–{:.1f}°N); check the coordinates and "
            "their CRS (zone, axis order)",
            where, x, y, lon, lat, m.info.name.empty() ? m.crs : m.info.name, m.west, m.east, m.south, m.north);
    }
}

void PlausibleCoordinates::check(const GeosContext& geos, const GEOSGeometry* g, const std::string& where) const {
    GEOSContextHandle_t h = geos.handle();
    for_each_sequence(geos, g, [&](const GEOSCoordSequence* s) {
        const unsigned n = seq_size(geos, s);
        for (unsigned int i = 0; i < n; ++i) {
            double x = 0, y = 0;
            if (!GEOSCoordSeq_getXY_r(h, s, i, &x, &y)) {
                throw make_error<GeometryError>("{}：GEOS 无法读取坐标：{}", "{}: GEOS could not read a coordinate: {}",
                                                where, geos.last_error());
            }
            check(x, y, where);
        }
    });
}

}  // namespace ecozone::geo
