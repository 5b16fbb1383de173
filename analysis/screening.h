#pragma once
// `ecozone screen`: may this project be built here?  For each proposed site: every zone it
// touches with overlap areas and shares, the land it would occupy, distances to the nearest
// sensitive features, and every rule of the "one list" that fires, with the strictest verdict
// and the citation; rules whose layer the project lacks are "not assessed", never silently
// passed.  The rules file format is in layers/rules.h and docs/rules-file.md.
//
// The pipeline (screening.cpp) calls one stage per file of analysis/screening/: footprint,
// location and zones touched, land take, distances, rules.
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
    layers::Note unusable;                // set by the reader: why the site cannot be screened (empty: it can)
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
    // "river" (to the centre line), "river_belt" (to the buffer belt), "water_source", "reserve",
    // "redline", "receptor:home" / "receptor:school" / "receptor:hospital" / "receptor:elderly_care".
    // A quantity whose layer the project lacks has no entry (not assessed).
    std::string what;
    double metres = -1;          // -1: the layer is absent or empty
    std::string nearest_name;
    bool inside = false;         // distance 0 because the site overlaps it
    // The nearest feature's position in its layer (Screener::zone_geometries order, the same
    // for every screener of a catalogue), so that a map draws the leader to the feature the
    // screening measured instead of searching again; -1 when none.
    long nearest_feature = -1;
};

struct LandOccupied {
    std::string code, name;
    layers::LandGroup group = layers::LandGroup::Other;
    Area2 area;
};

// The part a fired rule plays in the site's verdict.
enum class RuleRole {
    Decides,        // 决定结论: a prohibition or restriction whose verdict is the site's
    AlsoRestricts,  // 另有限制: a restriction beside a prohibition (it applies if the project moves)
    Advises,        // 条件/提示: an allowed rule, bringing its conditions and advice
    SetAside        // 专门法优先: set aside by a special law that prevails (rules.h "Precedence")
};
const char* rule_role_key(RuleRole role);  // "decides", "also_restricts", "advises", "set_aside"

struct FiredRule {
    const layers::Rule* rule = nullptr;
    bool deciding = true;        // false: set aside by a special law that prevails (see rules.h)
    RuleRole role = RuleRole::Decides;
    Area2 part;                  // the part of the site inside the rule's zone (0 for "outside"/distance rules)
    double share = 0;            // of the site
    double distance_m = -1;      // within_distance rules: the distance found
};

// A rule for the site's category that could not be assessed: its zone's layer is not in the
// project (or declared absent), so it can neither fire nor be ruled out.
struct UnassessedRule {
    const layers::Rule* rule = nullptr;
    std::string missing_role;    // role key of the missing layer, e.g. "industrial_parks", "river_buffers"
};

// One zone feature's part of the site's footprint, as the screening cut it: the overlaps layer
// of screening.gpkg draws and measures these pieces, never cutting them again.
struct OverlapPiece {
    layers::VectorRole role;         // Rivers: a river's buffer belt (Screener::belts() order)
    size_t feature = 0;              // position in Screener::zone_geometries(role), or in belts()
    std::vector<unsigned char> wkb;  // polygonal, working CRS (WKB: it belongs to no GEOS context)
    Area2 area;
};

struct SiteResult {
    SiteSpec spec;               // copied (geom pointer stays the caller's)
    bool screened = false;       // false: could not be screened; `error` says why
    std::string error;           // in English (logs, JSON "error")
    layers::Note error_text;     // the same in both languages, for the reports
    std::vector<layers::Note> notes;  // reading notes + screening notes (repairs, footprint, outside part)
    Area2 area;
    // The ground the site takes as it was screened (polygons as drawn or repaired, points and
    // lines buffered), as WKB in the working CRS so that it belongs to no GEOS context: every
    // report draws and lists this footprint, never one rebuilt on its own.  Empty when not screened.
    std::vector<unsigned char> footprint_wkb;
    double outside_district_share = 0;
    std::vector<ZoneOverlap> zones;
    // Per feature, in the order of kOverlapPieceRoles, then the belts; empty when not screened.
    std::vector<OverlapPiece> overlap_pieces;
    std::vector<LandOccupied> land;
    std::map<layers::LandGroup, Area2> land_groups;
    std::vector<Distance> distances;
    std::vector<FiredRule> rules;        // every rule that fired, deciding ones first
    std::vector<UnassessedRule> not_assessed;  // rules of the category whose layer is missing
    layers::Verdict verdict = layers::Verdict::Allowed;
    // false when some rule could not be assessed: the verdict is then only as strict as the
    // rules that could be (结论不完整).
    bool complete() const { return not_assessed.empty(); }
    struct ControlUnit {
        std::string label;  // "DYBM DYMC"
        std::string type;   // canonical: priority / key / general
    };
    std::vector<ControlUnit> control_units;
    std::string township, village;  // holding the most of the site (empty without those layers)
};

// The rules that set the site's verdict (role Decides: a prohibition or restriction, not set
// aside, whose verdict is the site's), in the order they fired.  Every report's "deciding rules"
// is this; an allowed site has none (allowed rules only advise).
std::vector<std::string> verdict_rule_ids(const SiteResult& r);
// The fired rules playing `role` (e.g. the restrictions beside a prohibition).
std::vector<std::string> rule_ids_in_role(const SiteResult& r, RuleRole role);

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

    // The river buffer belts — built from the river lines and their configured widths, or the
    // county's own ([layers.river_buffers]) — for maps and the GeoPackage.
    struct Belt {
        std::string river;
        double width_m = 0;  // 0: supplied without a width
        const GEOSGeometry* geom = nullptr;
    };
    std::vector<Belt> belts() const;
    // Zone features for the maps: role -> (canonical value, geometry); rivers -> the lines.
    std::vector<std::pair<std::string, const GEOSGeometry*>> zone_geometries(layers::VectorRole role) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecozone::analysis
