#include "samplegen/terrain.h"

#include "samplegen/rng.h"

#include <algorithm>
#include <cmath>

namespace ecozone::samplegen {

namespace {
uint64_t tag(Stream s, uint64_t k) { return static_cast<uint64_t>(s) * 1000 + k; }
}  // namespace

Terrain::Terrain(uint64_t seed, const Places& places)
    : seed_(seed),
      plain_centre_(places.plain_centre),
      luoshan_(places.reserve),
      plain_along_(places.plain_along_m),
      plain_across_(places.plain_across_m),
      plain_angle_(places.plain_angle_rad),
      plain_(seed, tag(Stream::Terrain, 1), 9000, 4),
      sand_(seed, tag(Stream::Terrain, 2), 7000, 4),
      rock_(seed, tag(Stream::Terrain, 3), 4000, 4),
      pasture_(seed, tag(Stream::Terrain, 4), 12000, 3),
      wet_(seed, tag(Stream::Terrain, 5), 2500, 3),
      crop_(seed, tag(Stream::Terrain, 6), 3000, 3),
      forest_(seed, tag(Stream::Terrain, 7), 3500, 4),
      canopy_(seed, tag(Stream::Terrain, 8), 2500, 3),
      dry_(seed, tag(Stream::Terrain, 9), 6000, 4),
      bare_(seed, tag(Stream::Terrain, 10), 2000, 3),
      warp_x_(seed, tag(Stream::Terrain, 11), 14000, 3),
      warp_y_(seed, tag(Stream::Terrain, 12), 14000, 3) {
    for (int k = 0; k < kPatchyFields; ++k) {
        mix_fine_.emplace_back(seed, tag(Stream::Terrain, 20 + static_cast<uint64_t>(k)), 600, 3);
        mix_coarse_.emplace_back(seed, tag(Stream::Terrain, 40 + static_cast<uint64_t>(k)), 1500, 3);
    }
    // Both mix fields share octaves and persistence, hence one distribution; measure its
    // spread on a fixed lattice so patchy() can map it to an even [0, 1).
    double sum = 0, sum2 = 0;
    const int n = 64;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            const double v = mix_coarse_[0](i * 977.0, j * 1013.0);
            sum += v;
            sum2 += v * v;
        }
    }
    const double mean = sum / (n * n);
    mix_sigma_ = std::sqrt(std::max(1e-6, sum2 / (n * n) - mean * mean));
}

double Terrain::plain(XY p) const {
    // An ellipse along the valley (the sample: SW-NE west of Luoshan), with a ragged edge.
    const double angle = plain_angle_;
    const XY d = p - plain_centre_;
    const double u = d.x * std::cos(angle) + d.y * std::sin(angle);
    const double v = -d.x * std::sin(angle) + d.y * std::cos(angle);
    const double r2 = (u / plain_along_) * (u / plain_along_) + (v / plain_across_) * (v / plain_across_);
    return 1.0 - r2 + 0.9 * plain_(p.x, p.y);
}

double Terrain::sand(XY p) const {
    // Sandy land grows towards the east and south-east (Mu Us margin).
    const double east = (p.x - luoshan_.x) / 40000.0;
    return sand_(p.x, p.y) + 0.25 * east;
}

double Terrain::rock(XY p) const {
    // Rocky ground on the reserve's foothills (Luoshan).
    const double d = dist(p, luoshan_);
    const double foothill = std::exp(-std::pow((d - 12000.0) / 6000.0, 2));
    return rock_(p.x, p.y) + 0.35 * foothill;
}

double Terrain::pasture(XY p) const {
    // Natural pasture is commoner in the south and west.
    return pasture_(p.x, p.y) - (p.y - luoshan_.y) / 60000.0;
}

double Terrain::wet(XY p) const { return wet_(p.x, p.y); }
double Terrain::crop(XY p) const { return crop_(p.x, p.y); }
double Terrain::forest(XY p) const { return forest_(p.x, p.y); }
double Terrain::canopy(XY p) const { return canopy_(p.x, p.y); }
double Terrain::dry_farming(XY p) const { return dry_(p.x, p.y); }
double Terrain::bare(XY p) const { return bare_(p.x, p.y); }

double Terrain::patchy(XY p, bool fine, int field) const {
    const auto k = static_cast<size_t>(field);
    const double v = fine ? mix_fine_.at(k)(p.x, p.y) : mix_coarse_.at(k)(p.x, p.y);
    const double u = 0.5 * (1.0 + std::erf(v / (mix_sigma_ * std::sqrt(2.0))));
    return std::min(std::max(u, 0.0), 0.999999);
}

XY Terrain::warp(XY p) const { return {4500.0 * warp_x_(p.x, p.y), 4500.0 * warp_y_(p.x, p.y)}; }

double Terrain::hash01(XY p, uint64_t t) const {
    // Quantised to 1 cm so that the same point always hashes the same way.
    const auto qx = static_cast<uint64_t>(std::llround(p.x * 100.0));
    const auto qy = static_cast<uint64_t>(std::llround(p.y * 100.0));
    return unit_from_bits(hash_mix(seed_, 0x7465727261ull + t, qx, qy));
}

}  // namespace ecozone::samplegen
