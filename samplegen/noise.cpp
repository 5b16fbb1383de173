#include "samplegen/noise.h"

#include "samplegen/rng.h"

#include <cmath>

namespace ecozone::samplegen {

NoiseField::NoiseField(uint64_t seed, uint64_t tag, double wavelength_m, int octaves,
                       double persistence)
    : key_(hash_mix(seed, 0x4E6F697365ull, tag)),
      wavelength_(wavelength_m),
      octaves_(octaves),
      persistence_(persistence) {
    double amplitude = 1.0, sum = 0.0;
    for (int o = 0; o < octaves_; ++o) {
        sum += amplitude;
        amplitude *= persistence_;
    }
    norm_ = 1.0 / sum;
}

double NoiseField::lattice(int octave, int64_t i, int64_t j) const {
    const uint64_t h = hash_mix(key_, static_cast<uint64_t>(octave), static_cast<uint64_t>(i),
                                static_cast<uint64_t>(j));
    return unit_from_bits(h) * 2.0 - 1.0;
}

// Quintic fade: continuous second derivative, so thresholded contours have no kinks at
// lattice lines.
static double fade(double t) { return t * t * t * (t * (t * 6.0 - 15.0) + 10.0); }

double NoiseField::octave_value(int octave, double x, double y) const {
    const double fx = std::floor(x), fy = std::floor(y);
    const auto i = static_cast<int64_t>(fx), j = static_cast<int64_t>(fy);
    const double tx = fade(x - fx), ty = fade(y - fy);
    const double v00 = lattice(octave, i, j), v10 = lattice(octave, i + 1, j);
    const double v01 = lattice(octave, i, j + 1), v11 = lattice(octave, i + 1, j + 1);
    const double a = v00 + (v10 - v00) * tx;
    const double b = v01 + (v11 - v01) * tx;
    return a + (b - a) * ty;
}

double NoiseField::operator()(double x, double y) const {
    double sum = 0.0, amplitude = 1.0, frequency = 1.0 / wavelength_;
    for (int o = 0; o < octaves_; ++o) {
        sum += amplitude * octave_value(o, x * frequency, y * frequency);
        amplitude *= persistence_;
        frequency *= 2.0;
    }
    return sum * norm_;
}

}  // namespace ecozone::samplegen
