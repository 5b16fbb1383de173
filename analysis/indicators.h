#pragma once
// `ecozone indicators`: forest coverage, wetland protection rate and red-line share per
// district and township, by two independent routes (vector polygons, classified raster), with
// the plan's targets evaluated.  An indicator whose layer is missing is marked not assessed,
// never reported as 0 %.  docs/indicators.md.
#include "analysis/indicator_bases.h"
#include "analysis/raster_classes.h"
#include "analysis/raster_route.h"
#include "analysis/vector_route.h"
#include "analysis/zones.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis {

// A target evaluated: where we are, where we must be, and by how much we miss or pass it.
struct TargetCheck {
    bool defined = false;  // false when the denominator is zero (e.g. no wetland at all)
    double value_pct = 0;
    double target_pct = 0;
    bool met = false;
    double margin_pp = 0;  // value − target, percentage points (negative: short)
    double margin_ha = 0;  // area that must be added to meet it (≤ 0: surplus), hectares
};

struct ClassArea {
    std::string code, name;
    layers::LandGroup group = layers::LandGroup::Other;
    double area_m2 = 0;       // geometric
    double attr_area_m2 = 0;  // official attribute (e.g. TBDLMJ), apportioned
    double redline_m2 = 0;    // inside the red line
};

struct RasterZoneResult {
    std::map<int, double> class_m2;  // pixel value -> area
    std::map<layers::LandGroup, double> group_m2;
    double nodata_m2 = 0;
    double forest_m2 = 0;
    TargetCheck forest;
    double wetland_m2 = 0, wetland_protected_m2 = 0;
    TargetCheck wetland;
    // Whether the raster route can support each indicator on the chosen basis (no class with
    // area here is partly forest / partly wetland); when not, the report prints the reason
    // instead of a contradicting figure.
    Comparability forest_comparable, wetland_comparable;
    // |vector − raster| of the indicators themselves (percentage points), where comparable.
    double forest_diff_pp = 0, wetland_diff_pp = 0;
    // Largest |vector − raster| group share difference (percentage points of the zone).
    double max_diff_pp = 0;
    layers::LandGroup max_diff_group = layers::LandGroup::Other;
    bool flagged = false;  // a group or a comparable indicator differs by more than the tolerance
};

struct ZoneResult {
    std::string name, code;
    bool district = false;
    double area_m2 = 0;
    std::vector<ClassArea> classes;  // by code
    std::map<layers::LandGroup, double> group_m2, group_attr_m2, group_redline_m2;
    double landuse_m2 = 0;  // Σ pieces: the zone area the land-use layer covers
    double forest_m2 = 0, forest_attr_m2 = 0;
    TargetCheck forest;
    double wetland_m2 = 0, wetland_protected_m2 = 0;
    TargetCheck wetland;
    double redline_m2 = 0, redline_pct = 0;
    std::optional<RasterZoneResult> raster;
};

struct RedlineBaseline {
    std::optional<double> baseline_pct, baseline_ha;
    bool defined = false;
    bool not_fallen = true;  // the share has not decreased
    double change_pp = 0;    // share − baseline share
    double change_ha = 0;    // area − baseline area
};

struct IndicatorOptions {
    geo::AreaMode mode = geo::AreaMode::Ellipsoidal;
    std::optional<std::string> forest_basis;  // overrides the project
    std::optional<std::string> wetland_basis;
    bool raster = true;  // run the raster route if the project has a raster
    int threads = 0;     // worker threads; 0 = one per core (at most 8)
};

struct IndicatorResult {
    layers::IndicatorSettings settings;  // after overrides
    ForestBasis forest_basis;
    WetlandBasis wetland_basis;
    geo::AreaMode mode = geo::AreaMode::Ellipsoidal;
    std::vector<std::string> protection_layers;   // roles unioned into the protection area
    std::vector<std::string> protection_missing;  // configured roles the project does not have
    // Indicators that could not be computed: without a red line its share is not assessed (never
    // 0 %); without any protection layer the wetland protection rate is not assessed.
    bool redline_assessed = true;
    bool wetland_assessed = true;
    // Where the special shrubland comes from ("field", "layer", "none", "": not said), and, when
    // not said on the post-三调 basis, the 0305 area of the district left out of forest.
    std::string special_shrubland;
    double shrub_left_out_m2 = 0;
    std::vector<ZoneResult> zones;  // district first
    RedlineBaseline redline;
    bool has_attr_area = false;
    std::string attr_area_field;
    bool has_raster = false;
    std::string raster_path;
    layers::Note pixel_area_method;
    bool raster_warped = false;
    std::vector<layers::RasterClass> raster_classes;
    std::vector<RasterClassMeaning> raster_meanings;  // what each raster class counts as
    std::vector<std::int64_t> forest_fids;            // land-use features qualifying as forest
    std::vector<std::int64_t> protected_wetland_fids;
    // Geometries for the map and GeoPackage outputs (working CRS; owned by the caller's context).
    std::vector<geo::GeomPtr> zone_geoms;  // parallel to zones
    geo::GeomPtr redline_geom;             // may be null
    geo::GeomPtr protection_geom;          // may be null
};

// Every figure of the report.  Throws DataError on bad input (unknown code, township outside
// the district, raster value outside the class table), naming the file and the fix.
IndicatorResult compute_indicators(const layers::Catalogue& catalogue, const geo::GeosContext& geos,
                                   const IndicatorOptions& options);

// How the special shrubland entered forest coverage, in both languages, for every report: from the
// land use's flag, from the special-shrubland areas, declared absent, or — not said — left out
// (with the 0305 area that is therefore not counted).
layers::Note special_shrubland_note(const IndicatorResult& r);

// Evaluate value/denominator against a target (both in the same unit, areas in m²).
TargetCheck evaluate_target(double numerator_m2, double denominator_m2, double target_pct);

}  // namespace ecozone::analysis
