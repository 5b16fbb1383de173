#pragma once
// What each class of a classified raster counts as in the indicators.
//
// A classifier's class may stand for one 三调 code, several (its 林地 covering 0301 / 0305 /
// 0307) or a whole land group.  The raster route can add a class to an indicator only when
// everything it stands for counts, or nothing does: a class that is partly forest (a shrub class
// on the post-三调 basis, where only the flagged special shrubland counts; a 林地 class holding
// 0307) makes the raster route's forest coverage not comparable with the vector route's, and the
// report says so, with the classes, instead of printing a contradicting figure.
#include "analysis/indicator_bases.h"
#include "layers/note.h"
#include "layers/project.h"

#include <string>
#include <vector>

namespace ecozone::analysis {

enum class Counts { No, Yes, Partly };

struct RasterClassMeaning {
    int value = 0;
    std::string name;
    std::vector<std::string> codes;  // what it stands for (every code of the group for a group-only class)
    layers::LandGroup group = layers::LandGroup::Other;
    Counts forest = Counts::No;
    Counts wetland = Counts::No;
    layers::Note counts_as;  // "林地；部分属于森林，栅格无法区分（不可比）；不计入湿地"
};

// `special_shrubland` is the project's source of special shrubland ("field", "layer", "none" or
// ""): on the post-三调 basis a shrub code counts only where the vector route can see the flag.
std::vector<RasterClassMeaning> interpret_raster_classes(const std::vector<layers::RasterClass>& classes,
                                                         const ForestBasis& forest, const WetlandBasis& wetland,
                                                         const std::string& special_shrubland);

// Whether an indicator of the raster route can be compared with the vector route's: no class
// with area counts partly.  `reason` names the classes otherwise, in both languages.
struct Comparability {
    bool comparable = true;
    layers::Note reason;
};
Comparability forest_comparability(const std::vector<RasterClassMeaning>& classes, const std::vector<int>& present);
Comparability wetland_comparability(const std::vector<RasterClassMeaning>& classes, const std::vector<int>& present);

}  // namespace ecozone::analysis
