#include "geo/area.h"

#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <fmt/format.h>
#include <geodesic.h>

#include <cmath>
#include <cstdlib>
#include <vector>

namespace ecozone::geo {

std::string to_string(AreaMode mode) {
    return mode == AreaMode::Ellipsoidal ? "ellipsoidal" : "planar";
}

AreaMode parse_area_mode(const std::string& text) {
    if (text == "ellipsoidal") return AreaMode::Ellipsoidal;
    if (text == "planar") return AreaMode::Planar;
    throw make_error<UsageError>("无法识别的面积计算方式“{}”：请用 ellipsoidal（椭球面积）或 planar（平面面积）",
                                 "unknown area mode '{}': use 'ellipsoidal' or 'planar'", text);
}

std::string describe_area_mode(AreaMode mode, int working_epsg, bool chinese) {
    if (mode == AreaMode::Ellipsoidal) {
        return chinese ? "CGCS2000 椭球面积（a = 6378137 m，1/f = 298.257222101），按国土调查椭球面积边界积分公式计算"
                       : "ellipsoidal area on the CGCS2000 ellipsoid (a = 6378137 m, 1/f = 298.257222101), "
                         "land-survey edge-integration formula";
    }
    return chinese ? fmt::format("EPSG:{} 高斯-克吕格投影平面面积", working_epsg)
                   : fmt::format("planar area in EPSG:{} (Gauss-Krüger projection plane)", working_epsg);
}

double ellipsoidal_ring_area(const double* lon_deg, const double* lat_deg, size_t n,
                             const Ellipsoid& ell) {
    if (n < 3) return 0.0;
    constexpr double kRad = M_PI / 180.0;
    const double e2 = ell.e2();
    const double e4 = e2 * e2, e6 = e4 * e2, e8 = e6 * e2;
    // Series coefficients of cos B / (1 - e² sin² B)², already divided by the odd multiple
    // of B they multiply, so each term is the exact integral of its cosine over the edge.
    const double A = 1 + 3.0 / 6 * e2 + 30.0 / 80 * e4 + 35.0 / 112 * e6 + 630.0 / 2304 * e8;
    const double B = 1.0 / 6 * e2 + 15.0 / 80 * e4 + 21.0 / 112 * e6 + 420.0 / 2304 * e8;
    const double C = 3.0 / 80 * e4 + 7.0 / 112 * e6 + 180.0 / 2304 * e8;
    const double D = 1.0 / 112 * e6 + 45.0 / 2304 * e8;
    const double E = 5.0 / 2304 * e8;
    const double b = ell.b();
    // The edge integrals of a closed ring sum to zero, so L0 cancels; the first vertex's
    // longitude keeps the ΔL terms small and the sum well conditioned.
    const double L0 = lon_deg[0] * kRad;
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const size_t j = (i + 1) % n;
        const double B1 = lat_deg[i] * kRad, B2 = lat_deg[j] * kRad;
        const double L1 = lon_deg[i] * kRad, L2 = lon_deg[j] * kRad;
        const double dB = B2 - B1;
        if (dB == 0.0) continue;
        const double Bm = (B1 + B2) / 2;
        const double dL = (L1 + L2) / 2 - L0;
        sum += dL * (A * std::sin(dB / 2) * std::cos(Bm) - B * std::sin(3 * dB / 2) * std::cos(3 * Bm) +
                     C * std::sin(5 * dB / 2) * std::cos(5 * Bm) -
                     D * std::sin(7 * dB / 2) * std::cos(7 * Bm) +
                     E * std::sin(9 * dB / 2) * std::cos(9 * Bm));
    }
    // By Green's theorem ∮ L dB is positive for a counter-clockwise ring.
    return 2.0 * b * b * sum;
}

double geodesic_ring_area(const double* lon_deg, const double* lat_deg, size_t n,
                          const Ellipsoid& ell) {
    geod_geodesic g;
    geod_init(&g, ell.a, 1.0 / ell.inv_f);
    // geod_polygonarea wants an open ring.
    if (n > 1 && lon_deg[0] == lon_deg[n - 1] && lat_deg[0] == lat_deg[n - 1]) --n;
    if (n < 3) return 0.0;
    std::vector<double> lats(lat_deg, lat_deg + n), lons(lon_deg, lon_deg + n);
    double area = 0, perimeter = 0;
    geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(n), &area, &perimeter);
    return area;  // positive for counter-clockwise
}

AreaCalculator::AreaCalculator(const GeosContext& geos, const std::string& working_crs)
    : geos_(geos), to_lonlat_(working_crs, "EPSG:4490") {
    if (working_crs.rfind("EPSG:", 0) == 0) fast_ = GaussKrugerInverse::for_epsg(std::atoi(working_crs.c_str() + 5));
}

void AreaCalculator::to_lonlat(double* x, double* y, size_t n) const {
    if (fast_) fast_->inverse(x, y, n);
    else to_lonlat_.forward(x, y, n);
}

template <typename RingArea>
double AreaCalculator::sum_rings(const GEOSGeometry* g, RingArea ring_area) const {
    auto one_ring = [&](const GEOSGeometry* ring) {
        std::vector<double>& x = scratch_x_;
        std::vector<double>& y = scratch_y_;
        copy_xy(geos_, ring, x, y);
        to_lonlat(x.data(), y.data(), x.size());
        return std::fabs(ring_area(x.data(), y.data(), x.size()));
    };
    // Per polygon (shell minus its holes), then summed over the polygons: the same order of
    // additions as ever, so areas are bit-identical to before the shared walker.
    double total = 0;
    for_each_polygon(geos_, g, [&](const GEOSGeometry* polygon) {
        double area = 0;
        for_each_ring_of(geos_, polygon, [&](const GEOSGeometry* ring, bool hole) {
            if (hole) area -= one_ring(ring);
            else area = one_ring(ring);
        });
        total += area;
    });
    return total;
}

double AreaCalculator::area(const GEOSGeometry* g, AreaMode mode) const {
    if (mode == AreaMode::Planar) return geos_.planar_area(g);
    return sum_rings(g, [](const double* lon, const double* lat, size_t n) {
        return ellipsoidal_ring_area(lon, lat, n);
    });
}

double AreaCalculator::ellipsoidal_ring(std::vector<double> x, std::vector<double> y) const {
    to_lonlat(x.data(), y.data(), x.size());
    return std::fabs(ellipsoidal_ring_area(x.data(), y.data(), x.size()));
}

double AreaCalculator::geodesic(const GEOSGeometry* g) const {
    return sum_rings(g, [](const double* lon, const double* lat, size_t n) {
        return geodesic_ring_area(lon, lat, n);
    });
}

}  // namespace ecozone::geo
