#pragma once
// The physical geography as smooth fields: where the irrigated plain lies, where sand, rock,
// pasture and wet ground are.  Land-use classes, villages and seed density all read these, so
// that they agree with each other.
#include "samplegen/model.h"
#include "samplegen/noise.h"

#include <cstdint>
#include <vector>

namespace ecozone::samplegen {

class Terrain {
public:
    Terrain(uint64_t seed, const Places& places);

    // > 0 on the irrigated plain around the seat (扬黄灌区), about 1 at its centre.
    double plain(XY p) const;
    // Roughly in [-1, 1]; larger = more of it.
    double sand(XY p) const;
    double rock(XY p) const;
    double pasture(XY p) const;
    double wet(XY p) const;
    double crop(XY p) const;
    double forest(XY p) const;
    double canopy(XY p) const;   // 0301 vs 0305 inside forest areas
    double dry_farming(XY p) const;
    double bare(XY p) const;
    // Smooth displacement (m) used to make township boundaries organic.
    XY warp(XY p) const;
    // Per-location uniform in [0, 1): independent of visiting order (no spatial coherence).
    double hash01(XY p, uint64_t tag) const;
    // Spatially coherent "uniform" in [0, 1): a smooth field mapped through its own
    // distribution, so thresholds give class shares while neighbours tend to agree.  `fine`
    // picks ~600 m features (mix inside towns), otherwise ~1.5 km (mix on the plain); `field`
    // (0..kPatchyFields-1) picks one of several independent fields, one per minor class, so
    // that minor classes do not nest inside each other.
    static constexpr int kPatchyFields = 6;
    double patchy(XY p, bool fine, int field) const;

private:
    uint64_t seed_;
    XY plain_centre_, luoshan_;  // luoshan_: the reserve's centre (the range's high ground)
    double plain_along_, plain_across_, plain_angle_;
    NoiseField plain_, sand_, rock_, pasture_, wet_, crop_, forest_, canopy_, dry_, bare_,
        warp_x_, warp_y_;
    std::vector<NoiseField> mix_fine_, mix_coarse_;
    double mix_sigma_ = 0.3;  // standard deviation of the mix fields, measured once
};

}  // namespace ecozone::samplegen
