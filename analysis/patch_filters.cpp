#include "analysis/patch_filters.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ecozone::analysis {

namespace {

constexpr const char* kRoads = "09";

using Transition = std::pair<std::int32_t, std::int32_t>;

Transition dominant_transition(const ChangePatch& p) {
    Transition best{0, 0};
    std::int64_t n = -1;
    for (const auto& [t, count] : p.transitions) {  // ascending: ties go to the smaller pair
        if (count > n) {
            n = count;
            best = t;
        }
    }
    return best;
}

bool cored(const ChangePatch& p) {
    return p.core_pixels > 0;
}

// Per activity (the kind of land the change made) and size class of the coreless candidates:
// how many the raster holds, against the activity's cored candidates, and the share estimated to
// be the classifier's noise.  Counted by activity rather than by exact class pair, because a
// classifier's confusions spread over many pairs (grassland, bare land and shrub to dry and
// irrigated cropland), each too rare alone; and by size class (2, 3–4, 5–8, 9–16, 17+ pixels),
// because noise comes in specks and blobs of a few pixels while real small patches spread over
// every size: a flood of two-pixel specks must not take a real twelve-pixel field with it.
struct NoiseKey {
    std::string activity;
    int size_class = 0;
    bool operator<(const NoiseKey& o) const {
        return std::tie(activity, size_class) < std::tie(o.activity, o.size_class);
    }
};

int size_class(std::int64_t pixels) {
    int k = 0;
    for (std::int64_t limit = 2; pixels > limit && k < 4; limit *= 2) ++k;
    return k;  // 0: ≤ 2, 1: 3–4, 2: 5–8, 3: 9–16, 4: 17+
}

struct TransitionNoise {
    std::int64_t coreless = 0, cored = 0;
    double noise = 0;
};

std::map<NoiseKey, TransitionNoise> transition_noise(const std::vector<ChangePatch>& candidates,
                                                     const std::vector<bool>& shifted, const NoiseOptions& o) {
    std::map<std::string, std::int64_t> cored_of;
    std::map<NoiseKey, TransitionNoise> out;
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (shifted[i]) continue;  // edge noise is counted by its own stage
        const ChangePatch& p = candidates[i];
        if (cored(p)) {
            ++cored_of[p.activity];
        } else {
            ++out[{p.activity, size_class(p.pixels)}].coreless;
        }
    }
    for (auto& [key, t] : out) {
        t.cored = cored_of[key.activity];
        if (t.coreless < o.noisy_min_candidates) continue;  // too few to tell noise from activity
        const double expected_real = o.noise_ratio * static_cast<double>(t.cored);
        t.noise = std::max(0.0, (static_cast<double>(t.coreless) - expected_real) / static_cast<double>(t.coreless));
    }
    return out;
}

bool is_boundary_shift(const ChangePatch& p, const NoiseOptions& o) {
    if (o.max_shift_pixels > 0 && p.pixels > o.max_shift_pixels) return false;
    const std::int64_t explained = p.evidence.explained_pixels;
    if (explained == p.pixels) return true;
    if (cored(p)) return false;
    return static_cast<double>(explained) >= o.min_shift_share * static_cast<double>(p.pixels);
}

void fill_confidence(ChangePatch& p) {
    PatchEvidence& e = p.evidence;
    const bool road = p.activity == kRoads;
    const double explained =
        static_cast<double>(e.explained_pixels) / static_cast<double>(std::max<std::int64_t>(1, p.pixels));
    e.shape = cored(p) || road ? 1.0 : 0.65;
    e.boundary = 1.0 - explained * (cored(p) ? 0.3 : 0.9);
    e.transition = cored(p) ? 1.0 : 1.0 - e.transition_noise;
    e.size = 0.7 + 0.3 * std::min(1.0, static_cast<double>(p.pixels) / 9.0);
    p.confidence = std::clamp(e.shape * e.boundary * e.transition * e.size, 0.0, 1.0);
}

void check_share(double v, const char* what_zh, const char* what) {
    if (!(v >= 0 && v <= 1)) {
        throw make_error<UsageError>("{0}须在 0 到 1 之间，而不是 {2}", "{1} must be between 0 and 1, not {2}", what_zh,
                                     what, v);
    }
}

}  // namespace

const char* confidence_grade(double confidence) {
    return confidence >= kGradeHigh ? "high" : confidence >= kGradeMedium ? "medium" : "low";
}

double mmu_for(const std::map<std::string, double>& min_area_m2, const std::string& activity) {
    if (auto it = min_area_m2.find(activity); it != min_area_m2.end()) return it->second;
    if (auto it = min_area_m2.find("*"); it != min_area_m2.end()) return it->second;
    return 0.0;
}

void filter_patches(std::vector<ChangePatch> candidates, const PatchOptions& options, double pixel_area_m2,
                    PatchResult& result) {
    const NoiseOptions& o = options.noise;
    check_share(o.min_shift_share, "边缘位移比例", "the boundary-shift share");
    check_share(o.noisy_drop_share, "易混淆地类剔除比例", "the noisy-transition share");
    check_share(o.min_confidence, "最低置信度", "the minimum confidence");
    if (!(o.noise_ratio >= 0) || !std::isfinite(o.noise_ratio)) {
        throw make_error<UsageError>("噪声比例须 ≥ 0，而不是 {}", "the noise ratio must be ≥ 0, not {}", o.noise_ratio);
    }
    PatchStats& stats = result.stats;
    std::vector<bool> shifted(candidates.size(), false);
    for (size_t i = 0; i < candidates.size(); ++i) {
        ChangePatch& p = candidates[i];
        const Transition t = dominant_transition(p);
        p.evidence.main_before = t.first;
        p.evidence.main_after = t.second;
        shifted[i] = o.drop_boundary_shifts && is_boundary_shift(p, o);
    }
    const auto noise = transition_noise(candidates, shifted, o);
    for (size_t i = 0; i < candidates.size(); ++i) {
        ChangePatch& p = candidates[i];
        PatchEvidence& e = p.evidence;
        if (auto it = noise.find({p.activity, size_class(p.pixels)}); !cored(p) && it != noise.end()) {
            e.transition_coreless = it->second.coreless;
            e.transition_cored = it->second.cored;
            e.transition_noise = it->second.noise;
        }
        fill_confidence(p);

        const double area = static_cast<double>(p.pixels) * pixel_area_m2;
        const double mmu = mmu_for(options.min_area_m2, p.activity);
        std::int64_t* counter = nullptr;
        if (shifted[i]) {
            p.stage = kStageBoundaryShift;
            p.reason = fmt::format("{} of {} pixels lay next to the same land on the before date{}", e.explained_pixels,
                                   p.pixels, cored(p) ? "" : ", nowhere 3 pixels wide");
            counter = &stats.removed_as_boundary_shift;
        } else if (o.min_core_pixels > 0 && p.core_pixels < o.min_core_pixels) {
            p.stage = kStageCore;
            p.reason = fmt::format("{} core pixels, fewer than {}", p.core_pixels, o.min_core_pixels);
            counter = &stats.removed_by_core;
        } else if (o.drop_noisy_transitions && !cored(p) && p.activity != kRoads &&
                   e.transition_noise > o.noisy_drop_share) {
            p.stage = kStageNoisyTransition;
            p.reason = fmt::format(
                "no interior; activity {} has {} coreless candidates of this size class and {} with an "
                "interior in the raster ({:.0f} % estimated noise)",
                p.activity, e.transition_coreless, e.transition_cored, 100 * e.transition_noise);
            counter = &stats.removed_as_noisy_transition;
        } else if (area < mmu * (1 - 1e-12)) {  // a patch exactly at the MMU is kept
            p.stage = kStageMmu;
            p.reason = fmt::format("{:.1f} m² below the minimum mapping unit of {:g} m²", area, mmu);
            counter = &stats.removed_by_mmu;
        } else if (p.confidence < o.min_confidence) {
            p.stage = kStageConfidence;
            p.reason = fmt::format("confidence {:.2f} below {:.2f}", p.confidence, o.min_confidence);
            counter = &stats.removed_by_confidence;
        }
        if (!counter) {
            result.patches.push_back(std::move(p));
            continue;
        }
        ++*counter;
        if (options.keep_rejected) result.rejected.push_back(std::move(p));
    }
    stats.patches = static_cast<std::int64_t>(result.patches.size());
}

}  // namespace ecozone::analysis
