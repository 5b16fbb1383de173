#pragma once
// A county profile: everything that makes a generated project one county's rather than another's
// — the outline, the anchor places, the names and codes, the rivers and roads, the field names and
// value words of every layer, which layers exist, the raster class table and how noisy the
// classified rasters are.  The stages of generate.cpp are the same for every profile.
//
//   hongsibu  the committed sample project (sample_shapefiles/, 红寺堡区), seed 20211
//   county2   a second, differently shaped county (同心县) generated at test time, seed 7301:
//             other field names and words, no industrial-parks layer, no special-shrubland flag,
//             the county's own river buffer belts as polygons, speckled rasters with a class
//             table of several-code and land-group classes, sites with ids and industry words,
//             and 300 random sites for differential tests (docs/county2.md)
#include "samplegen/classes.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ecozone::samplegen {

// A place in CGCS2000 longitude / latitude (degrees).
struct GeoPoint {
    double lon = 0, lat = 0;
};

struct TownshipSpec {
    std::string name;
    GeoPoint seat;
    double weight = 1.0;  // larger = claims more land in the weighted nearest-seat rule
    int code = 0;         // last three digits of the 9-digit township code
};

// A river, canal or road: waypoints (upstream / start first) and how it meanders.
struct LineSpec {
    std::string name, code;
    Lc landuse;
    double half_width_m;  // water surface / road strip carved from land use
    double corridor_m;    // red-line corridor half width (rivers only)
    double buffer_m;      // regulatory buffer belt (rivers only)
    double meander_m;     // amplitude of the long bends
    double wiggle_m;      // amplitude of the short meanders
    std::vector<std::pair<double, double>> lonlat;
};

struct UrbanSpec {
    std::string name;      // 城镇开发边界 name
    std::string key_unit;  // its key control unit (重点管控单元)
    double radius_m;
    double roughness;
};

// An industrial park: a rotated rectangle and an annex offset from it (a range is drawn, an
// equal lo/hi is taken as is).
struct ParkSpec {
    std::string name;
    GeoPoint at;
    double w, h;
    double annex_dx_lo, annex_dx_hi, annex_dy_lo, annex_dy_hi;
    double annex_w, annex_h;
};

struct SandUnitSpec {
    std::string name, type;  // type: 防风固沙 / 水土保持
    double lon, lat;
    double radius_m;
    uint64_t tag;
};

struct WetlandSpec {
    std::string river;  // the corridor within half_width_m of this river
    double half_width_m;
    std::string name;
    bool important;  // important wetland (重要湿地) rather than wetland park
};

// Receptor kinds (canonical; a profile's words are in Schema::receptor_words).
enum class ReceptorKind { Home, School, Hospital, ElderlyCare };

struct InstitutionSpec {
    std::string name;
    ReceptorKind kind;
    int township;  // index into the townships (its seat is the anchor)
    double max_offset_m;
};

// The ten screening situations of sites.cpp, in order: name, rules category, the county's word.
struct SiteSpec {
    std::string name, category, word;
};

// The land-use columns a profile may write, in its own order and names.
enum class LuColumn {
    SerialInt,      // 1, 2, ... (BSM)
    SerialText,     // "0000001" (图斑编号 as text)
    Code,           // 三调 code
    Name,           // 三调 name
    UnitCode,       // 坐落单位代码: village code padded to 19 digits
    UnitName,       // 坐落 / 权属单位名称: the village
    Area,           // TBMJ, ellipsoidal m²
    Deduction,      // KCMJ
    DeductionRate,  // KCXS, KCMJ / TBMJ with 4 decimals
    NetArea,        // TBDLMJ
    ShrubCover,     // shrub cover %, 0305 only
    SpecialShrub,   // 国家特别规定灌木林地 flag
};

struct LuField {
    std::string name;
    LuColumn column;
};

// File names (basenames without extension), field names and value words of every layer.
// An empty file name means the layer is not written.
struct Schema {
    std::string district_file, townships_file, villages_file, redline_file, reserve_file, rivers_file, river_belts_file,
        water_file, farmland_file, urban_file, parks_file, wetland_parks_file, important_wetlands_file,
        control_units_file, receptors_file, sites_file, landuse_file;
    std::array<std::string, 2> district_fields;    // code, name
    std::array<std::string, 2> township_fields;    // code, name
    std::array<std::string, 3> village_fields;     // code, name, township name
    std::array<std::string, 3> redline_fields;     // code, name, type
    std::array<std::string, 3> reserve_fields;     // reserve name, zone, two-zone scheme ("" = none)
    std::array<std::string, 2> river_fields;       // name, code
    std::array<std::string, 3> river_belt_fields;  // name, code, width
    std::array<std::string, 2> water_fields;       // name, level
    std::string farmland_field;                    // block code: prefix + zero-padded sequence
    std::string farmland_code_prefix;
    int farmland_code_digits = 5;
    std::string urban_field, park_field, wetland_park_field, important_wetland_field;
    std::array<std::string, 3> control_unit_fields;  // code, name, type
    std::array<std::string, 2> receptor_fields;      // name, kind
    std::array<std::string, 4> site_fields;          // id ("" = none), name, category ("" = none), word
    std::vector<LuField> landuse_fields;
    bool map_all_fields = true;  // the project file maps every optional field too (code, type, ...)
    bool landuse_gbk = false;    // GBK without .cpg (else UTF-8 with .cpg)
    bool landuse_gpkg = false;   // also write <landuse_file>.gpkg (UTF-8)
    // Value words, in canonical order.
    std::array<std::string, 3> reserve_words;      // core, buffer, experimental
    std::array<std::string, 2> reserve_two_words;  // core protection, general control
    std::array<std::string, 3> water_words;        // level 1, level 2, quasi
    std::array<std::string, 3> control_words;      // priority, key, general
    std::array<std::string, 4> receptor_words;     // home, school, hospital, elderly care
};

// What the classified rasters look like.
struct RasterLook {
    const ClassScheme* classes = nullptr;
    double edge_mix = 0.35;               // probability that a pixel on a class edge takes a neighbour's class
    double speckle = 0.025;               // per pixel and date
    double corner_pairs = 0.0;            // share of speckled pixels whose diagonal neighbour flips with them
    std::string before_file, after_file;  // "" = landuse_<year>_<res>.tif
    std::string before_date, after_date;
    std::string description;  // TIFFTAG_IMAGEDESCRIPTION
};

// What the project file says about indicators and audits besides the layers (the county's plan
// targets and its audit conventions).
struct ProjectSettings {
    double forest_target_pct = 15.0;
    double wetland_target_pct = 70.0;
    double route_tolerance_pct = 1.0;
    int audit_year = 2025;
    int audit_batch = 1;
    std::vector<int> natural;  // raster class values counted as natural land
    struct Activity {
        int after;
        std::string type, comment;
    };
    std::vector<Activity> activity;  // [audit.activity]: after-class value -> activity type
    std::string pairs_comment;
    std::vector<std::pair<std::string, std::string>> pairs;  // [audit.pairs]: "1->9" = "02"
    std::vector<std::pair<std::string, int>> min_area_m2;    // [audit.min_area_m2]
    std::string mmu_comment;                                 // what the minimum mapping units are
};

struct Profile {
    std::string key;
    uint64_t default_seed = 0;
    std::string outline_name;  // the feature's name in the outline GeoJSON (= district name)
    std::string admin_code;
    std::string project_file;           // written into the output directory
    std::string project_name;           // at scale 0
    std::string benchmark_name_prefix;  // at scale N: "<prefix>（规模 N）"
    bool write_working_epsg = true;
    bool copy_rules = false;  // copy --rules into the output as rules.toml (the project names it)

    // Anchor places (pulled inside the district unless said otherwise).
    GeoPoint seat, town, reserve, plain_centre, water_source;
    bool reserve_pulled_inside = true;
    double plain_along_m = 17000, plain_across_m = 8500, plain_angle_deg = 40;
    std::vector<TownshipSpec> townships;
    bool first_township_is_urban_core = true;  // a 街道 made of the seat's urban core

    // Settlements and zones.
    std::vector<std::string> village_names;
    int village_count = 26;
    int villages_on_plain_per_10 = 7;  // of every ten villages, how many on the irrigated plain
    std::array<UrbanSpec, 2> urban;    // [0] around the seat, [1] around the town
    std::array<ParkSpec, 2> parks;
    int pv_count = 6;
    std::string water_source_name;
    bool water_source_quasi = false;  // a 准保护区 ring around the level-2 zone
    std::string reserve_name;
    std::array<double, 3> reserve_ha = {9645.0, 8787.0, 15278.0};
    std::vector<LineSpec> rivers, canals, roads;
    double redline_share = 0.30;
    std::string redline_code_prefix;  // + 3-digit sequence
    std::string reserve_redline_name, water_redline_name;
    std::vector<SandUnitSpec> sand_units;
    std::vector<WetlandSpec> wetlands;
    std::vector<InstitutionSpec> institutions;
    std::vector<SiteSpec> sites;
    std::string site_id_prefix;  // "TX-2025-" -> TX-2025-001 ("" = no ids)
    int random_sites = 0;        // random_sites.gpkg (0 = not written)
    // Words a random site's industry is drawn from (polygons, lines, points), each mapped to a
    // rules category in `industry_words`.
    std::vector<std::string> random_polygon_words, random_line_words, random_point_words;
    std::vector<std::pair<std::string, std::string>> industry_words;  // word -> category id

    // Land use.
    double forest_post_target = 0.145;    // 0301 + 0302 + 0305 with the special flag
    double forest_legacy_extra = 0.016;   // + 0305 with shrub cover > 30 %
    double shrub_sparse_extra = 0.008;    // 0305 with cover <= 30 % (or 0307, below)
    bool sparse_as_other_forest = false;  // the sparse part is 0307 其他林地 instead
    size_t seed_points_scale0 = 3400;

    Schema schema;
    RasterLook raster;
    ProjectSettings settings;
};

const Profile& hongsibu_profile();
const Profile& county2_profile();
// The profile named `key`; throws UsageError listing the known ones.
const Profile& profile_named(const std::string& key);

}  // namespace ecozone::samplegen
