#pragma once
// What the screening tests share: the mini county's catalogue and the sample's rules list, with
// planar areas (the hand values are planar), and the WKT of an axis-aligned rectangle.
#include "analysis/screening.h"
#include "test_config.h"

#include <fmt/format.h>

#include <string>

namespace ecozone::test {

inline const std::string kMiniProject = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini.toml";
inline const std::string kSampleRules = std::string(ECOZONE_SAMPLE_DIR) + "/rules.toml";

inline std::string square(double x0, double y0, double x1, double y1) {
    return fmt::format("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))", x0, y0, x1, y1);
}

struct MiniScreening {
    geo::GeosContext geos;
    layers::Catalogue cat = layers::load_catalogue(layers::load_project(kMiniProject), geos);
    layers::RuleList rules = layers::load_rules(kSampleRules);
    analysis::ScreeningOptions options = [] {
        analysis::ScreeningOptions o;
        o.mode = geo::AreaMode::Planar;  // hand values are planar
        return o;
    }();
};

}  // namespace ecozone::test
