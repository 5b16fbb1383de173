#include "geo/gauss_kruger.h"

#include <cmath>
#include <complex>

namespace ecozone::geo {

GaussKrugerInverse::GaussKrugerInverse(double cm_deg, double false_easting, double k0, const Ellipsoid& ell)
    : lon0_(cm_deg * M_PI / 180.0), fe_(false_easting) {
    const double f = 1.0 / ell.inv_f;
    const double n = f / (2 - f);
    const double n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
    // Rectifying radius A and the series of Karney (2011), eqs. (14), (36), (37).
    const double A = ell.a / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
    k0A_ = k0 * A;
    beta_[0] = n / 2 - 2.0 / 3 * n2 + 37.0 / 96 * n3 - 1.0 / 360 * n4 - 81.0 / 512 * n5 + 96199.0 / 604800 * n6;
    beta_[1] = 1.0 / 48 * n2 + 1.0 / 15 * n3 - 437.0 / 1440 * n4 + 46.0 / 105 * n5 - 1118711.0 / 3870720 * n6;
    beta_[2] = 17.0 / 480 * n3 - 37.0 / 840 * n4 - 209.0 / 4480 * n5 + 5569.0 / 90720 * n6;
    beta_[3] = 4397.0 / 161280 * n4 - 11.0 / 504 * n5 - 830251.0 / 7257600 * n6;
    beta_[4] = 4583.0 / 161280 * n5 - 108847.0 / 3991680 * n6;
    beta_[5] = 20648693.0 / 638668800 * n6;
    delta_[0] = 2 * n - 2.0 / 3 * n2 - 2 * n3 + 116.0 / 45 * n4 + 26.0 / 45 * n5 - 2854.0 / 675 * n6;
    delta_[1] = 7.0 / 3 * n2 - 8.0 / 5 * n3 - 227.0 / 45 * n4 + 2704.0 / 315 * n5 + 2323.0 / 945 * n6;
    delta_[2] = 56.0 / 15 * n3 - 136.0 / 35 * n4 - 1262.0 / 105 * n5 + 73814.0 / 2835 * n6;
    delta_[3] = 4279.0 / 630 * n4 - 332.0 / 35 * n5 - 399572.0 / 14175 * n6;
    delta_[4] = 4174.0 / 315 * n5 - 144838.0 / 6237 * n6;
    delta_[5] = 601676.0 / 22275 * n6;
}

std::optional<GaussKrugerInverse> GaussKrugerInverse::for_epsg(int epsg) {
    const auto cm = gk3_central_meridian(epsg);
    if (!cm) return std::nullopt;
    const double prefix = gk3_has_zone_prefix(epsg) ? std::round(*cm / 3.0) * 1e6 : 0.0;
    return GaussKrugerInverse(*cm, 500000.0 + prefix, 1.0, kCgcs2000);
}

void GaussKrugerInverse::inverse(double* x, double* y, size_t n) const {
    constexpr double kDeg = 180.0 / M_PI;
    for (size_t i = 0; i < n; ++i) {
        const double xi = y[i] / k0A_;             // false northing is 0 in these CRSs
        const double eta = (x[i] - fe_) / k0A_;
        // ζ' = ζ − Σ β_j sin(2jζ) with ζ = ξ + iη.  The multiple-angle sines come from the
        // recurrence sin((j+1)θ) = 2 cos θ sin jθ − sin((j−1)θ) in complex arithmetic, so a
        // point costs a few transcendental calls instead of two dozen — this runs for every
        // vertex of every land-use polygon.
        const double s2x = std::sin(2 * xi), c2x = std::cos(2 * xi);
        const double e2 = std::exp(2 * eta), sh2 = (e2 - 1 / e2) / 2, ch2 = (e2 + 1 / e2) / 2;
        const std::complex<double> s1(s2x * ch2, c2x * sh2);   // sin 2ζ
        const std::complex<double> c1(c2x * ch2, -s2x * sh2);  // cos 2ζ
        std::complex<double> prev(0.0, 0.0), cur = s1, sum = beta_[0] * s1;
        for (int j = 1; j < 6; ++j) {
            const std::complex<double> next = 2.0 * c1 * cur - prev;
            prev = cur;
            cur = next;
            sum += beta_[j] * cur;
        }
        const double xi1 = xi - sum.real(), eta1 = eta - sum.imag();
        const double e1 = std::exp(eta1), sh1 = (e1 - 1 / e1) / 2, ch1 = (e1 + 1 / e1) / 2;
        const double chi = std::asin(std::sin(xi1) / ch1);  // conformal latitude
        // φ = χ + Σ δ_j sin(2jχ), by the same recurrence on real numbers.
        const double s2c = std::sin(2 * chi), c2c = std::cos(2 * chi);
        double p = 0.0, c = s2c, phi = chi + delta_[0] * s2c;
        for (int j = 1; j < 6; ++j) {
            const double next = 2 * c2c * c - p;
            p = c;
            c = next;
            phi += delta_[j] * c;
        }
        x[i] = (lon0_ + std::atan2(sh1, std::cos(xi1))) * kDeg;
        y[i] = phi * kDeg;
    }
}

}  // namespace ecozone::geo
