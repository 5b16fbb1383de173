#pragma once
// The filter stages of `ecozone audit` after the patches are labelled (docs/audit.md §3): each
// candidate's evidence and confidence, then boundary shifts, core pixels, noisy transitions, the
// minimum mapping unit and the minimum confidence — in that order, the first stage that removes
// a candidate naming it.  Apart from the pixel pipeline (change_patches.cpp) so that each rule
// can be tested on hand-made candidates.
#include "analysis/change_patches.h"

#include <vector>

namespace ecozone::analysis {

// The MMU of an activity: its [audit.min_area_m2] entry, else "*", else 0.
double mmu_for(const std::map<std::string, double>& min_area_m2, const std::string& activity);

// Fill each candidate's evidence (PatchEvidence) and confidence, decide which are kept, and put
// them in `result.patches` (spatial order kept) and — with options.keep_rejected — the others in
// `result.rejected` with stage and reason; counts into result.stats.  Candidates must carry
// pixels, core_pixels, evidence.explained_pixels, transitions and activity.  Throws UsageError for
// shares or a confidence outside 0–1.
void filter_patches(std::vector<ChangePatch> candidates, const PatchOptions& options, double pixel_area_m2,
                    PatchResult& result);

}  // namespace ecozone::analysis
