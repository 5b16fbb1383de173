#pragma once
// Deterministic random numbers for the sample generator.
//
// "Same seed => byte-identical files" must hold on every standard library.  std::mt19937_64 is
// specified bit for bit by the C++ standard, but the std::*_distribution classes are not
// (libstdc++ and libc++ turn the same engine words into different numbers), so every
// derivation from raw 64-bit words to doubles and integers is written out here.
//
// Each part of the generator draws from its own stream, seeded from (seed, stream tag), so
// that drawing one more number in one part never shifts what another part generates.  Per-pixel
// and per-location randomness uses a stateless hash of the location instead, so that the order
// in which pixels or polygons are visited cannot change the result.
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace ecozone::samplegen {

// SplitMix64 finaliser: a fast bijection on 64-bit words with good avalanche.
constexpr uint64_t splitmix64(uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}
constexpr uint64_t hash_mix(uint64_t a, uint64_t b) noexcept {
    return splitmix64(a ^ (splitmix64(b) + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2)));
}
constexpr uint64_t hash_mix(uint64_t a, uint64_t b, uint64_t c) noexcept {
    return hash_mix(hash_mix(a, b), c);
}
constexpr uint64_t hash_mix(uint64_t a, uint64_t b, uint64_t c, uint64_t d) noexcept {
    return hash_mix(hash_mix(a, b, c), d);
}

// The top 53 bits of a word as a double in [0, 1): exact, no rounding up to 1.
constexpr double unit_from_bits(uint64_t w) noexcept {
    return static_cast<double>(w >> 11) * (1.0 / 9007199254740992.0);
}

// One tag per independent part of the generator.  Values are part of the output format: changing
// one changes what that part generates for a given seed.
enum class Stream : uint64_t {
    Places = 1,
    Reserve = 2,
    Rivers = 3,
    Settlements = 4,
    Redline = 5,
    Townships = 6,
    Tessellation = 7,
    Terrain = 8,
    Classes = 9,
    Attributes = 10,
    Receptors = 11,
    Sites = 12,
    Patches = 13,
    EdgeMix = 14,
    Speckle2020 = 15,
    Speckle2025 = 16,
    Farmland = 17,
    RandomSites = 18,
};

class Rng {
public:
    Rng(uint64_t seed, Stream stream)
        : engine_(hash_mix(seed, static_cast<uint64_t>(stream))) {}
    // A sub-stream, e.g. one per raster row: independent of how far this stream has advanced.
    Rng(uint64_t seed, Stream stream, uint64_t index)
        : engine_(hash_mix(seed, static_cast<uint64_t>(stream), index)) {}

    uint64_t bits() { return engine_(); }
    double uniform() { return unit_from_bits(engine_()); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool chance(double p) { return uniform() < p; }

    // Unbiased integer in [0, n): rejection of the short last bucket.
    uint64_t below(uint64_t n) {
        if (n <= 1) return 0;
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        uint64_t w = engine_();
        while (w >= limit) w = engine_();
        return w % n;
    }
    // Integer in [lo, hi], both inclusive.
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo) + 1));
    }
    // Standard normal by Box-Muller on our own uniforms.
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    // Log-uniform in [lo, hi]: small sizes as common as large ones per octave.
    double log_uniform(double lo, double hi) {
        return std::exp(uniform(std::log(lo), std::log(hi)));
    }
    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace ecozone::samplegen
