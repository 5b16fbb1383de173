#pragma once
// `ecozone screen`: may this project be built here?  For each proposed site: every zone it
// touches with overlap areas and shares, the land it would occupy, distances to the nearest
// sensitive features, and every rule of the "one list" that fires, with the strictest verdict
// and the citation.  DOMAIN.md §5; the rules file format is in layers/rules.h.
#include "geo/area.h"
#include "layers/catalogue.h"
#include "layers/landuse_codes.h"
#include "layers/note.h"
#include "layers/rules.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis {

// A site to screen, already in the working CRS (see layers/site_input.h for reading them).
struct SiteSpec {
    std::string id, name;
    std::string category;                 // rules-file category id
    std::string type_label;               // e.g. 光伏电站 (informative)
    const GEOSGeometry* geom = nullptr;   // owned by the caller
    std::vector<layers::Note> notes;      // assumptions made while reading it (both languages)
    std::string source;                   // "file:line" or "layer fid N"
};

struct ScreeningOptions {
    geo::AreaMode mode = geo::AreaMode::Ellipsoidal;  // the mode shares are computed in
    double footprint_m = 10.0;   // buffer radius that turns a point or line site into a footprint
};

// Both official areas of one piece, so every report can show either.
struct Area2 {
    double ellipsoidal_m2 = 0, planar_m2 = 0;
    double in(geo::AreaMode m) const { return m == geo::AreaMode::Ellipsoidal ? ellipsoidal_m2 : planar_m2; }
};

// The site's overlap with one zone (a layer role, optionally one canonical value of it, e.g.
// reserve_zones/core, water_sources/level1, control_units/priority, rivers/苦水河 belt).
struct ZoneOverlap {
    std::string role;            // "reserve_zones"
    std::string value;           // canonical value ("core") or "" for the whole layer
    std::string feature_names;   // names of the features touched, "; "-joined
    Area2 area;
    double share = 0;            // of the site's area, in [0, 1], in the options' mode
};

struct Distance {
    std::string what;            // "river", "water_sources", "reserve", "redline", "receptor:school", ...
    double metres = -1;          // -1: the layer is absent or empty
    std::string nearest_name;
    bool inside = false;         // distance 0 because the site overlaps it
};

struct LandOccupied {
    std::string code, name;
    layers::LandGroup group = layers::LandGroup::Other;
    Area2 area;
};

struct FiredRule {
    const layers::Rule* rule = nullptr;
    bool deciding = true;        // false: set aside by a special law that prevails (see rules.h)
    Area2 part;                  // the part of the site inside the rule's zone (0 for "outside"/distance rules)
    double share = 0;            // of the site
    double distance_m = -1;      // within_distance rules: the distance found
};

struct SiteResult {
    SiteSpec spec;               // copied (geom pointer stays the caller's)
    bool screened = false;       // false: could not be screened; `error` says why
    std::string error;
    std::vector<layers::Note> notes;  // reading notes + screening notes (repairs, footprint, outside part)
    Area2 area;
    double outside_district_share = 0;
    std::vector<ZoneOverlap> zones;
    std::vector<LandOccupied> land;
    std::map<layers::LandGroup, Area2> land_groups;
    std::vector<Distance> distances;
    std::vector<FiredRule> rules;        // every rule that fired, deciding ones first
    layers::Verdict verdict = layers::Verdict::Allowed;
    struct ControlUnit {
        std::string label;  // "DYBM DYMC"
        std::string type;   // canonical: priority / key / general
    };
    std::vector<ControlUnit> control_units;
    std::string township, village;  // holding the most of the site (empty without those layers)
};

// The rules that set the site's verdict: the deciding ones (not set aside by a prevailing special
// law) whose verdict is the site's, in the order they fired.  Every report's "deciding rules" is this.
std::vector<std::string> verdict_rule_ids(const SiteResult& r);
// The deciding rules whose verdict is `v` (e.g. the restrictions beside a prohibition).
std::vector<std::string> deciding_rule_ids(const SiteResult& r, layers::Verdict v);

// The zone geometries and indexes of a project, prepared once for any number of sites.
class Screener {
public:
    Screener(const layers::Catalogue& catalogue, const layers::RuleList& rules, const geo::GeosContext& geos,
             const ScreeningOptions& options);
    // A screener for another thread (its own GEOS context) on the same catalogue, rules and options,
    // sharing `sibling`'s read-only land-use index instead of building it again.
    Screener(const Screener& sibling, const geo::GeosContext& geos);
    ~Screener();
    Screener(const Screener&) = delete;
    Screener& operator=(const Screener&) = delete;

    SiteResult screen(const SiteSpec& site) const;

    // The river buffer belts built from the river lines and their configured widths
    // (name, width, geometry), for maps and the GeoPackage.
    struct Belt {
        std::string river;
        double width_m = 0;
        const GEOSGeometry* geom = nullptr;
    };
    std::vector<Belt> belts() const;
    // Zone features for the maps: role -> (canonical value, geometry).
    std::vector<std::pair<std::string, const GEOSGeometry*>> zone_geometries(layers::VectorRole role) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecozone::analysis
