#pragma once
// Smooth seeded noise fields: the source of spatial coherence.  Land-use classes, township
// boundaries and blob outlines are decided by thresholding smooth fields rather than by
// independent draws, so that neighbouring polygons tend to share a class, as on a real map.
#include <cstdint>

namespace ecozone::samplegen {

// Fractal value noise: a pure function of (seed, x, y), roughly in [-1, 1] with a standard
// deviation near 0.3.  `wavelength_m` is the size of the largest features.
class NoiseField {
public:
    NoiseField(uint64_t seed, uint64_t tag, double wavelength_m, int octaves = 4,
               double persistence = 0.5);
    double operator()(double x, double y) const;

private:
    double lattice(int octave, int64_t i, int64_t j) const;
    double octave_value(int octave, double x, double y) const;
    uint64_t key_;
    double wavelength_;
    int octaves_;
    double persistence_;
    double norm_;
};

}  // namespace ecozone::samplegen
