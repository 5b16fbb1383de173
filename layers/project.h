#pragma once
// The project file (TOML): which file plays which role, and how its fields are named.
//
// Every county names its fields differently; the project file maps them onto our roles so
// that analyses never hard-code a field name.  Paths are relative to the project file.
//
//   [project]
//   name = "红寺堡区生态分区样例"      # shown in reports
//   admin_code = "640303"
//   working_epsg = 4544               # optional: default = nearest CGCS2000 3° GK zone
//   area_mode = "ellipsoidal"         # or "planar"
//   coverage_tolerance_m2 = 1.0       # land-use gaps/overlaps at or below this are ignored
//
//   [layers.district]        path = "district.shp"     name_field = "XZQMC"
//   [layers.townships]       path = "townships.shp"    name_field = "XZQMC"  code_field = "XZQDM"
//   [layers.villages]        path = "villages.shp"     name_field = "XZQMC"  code_field = "XZQDM"  (村级调查区 /
//   行政村) [layers.redline]         path = "redline.shp"      name_field = "HXMC" [layers.reserve_zones]   path =
//   "luoshan_zones.shp" zone_field = "GNFQ"  name_field = "BHQMC"
//     [layers.reserve_zones.values]  "核心区" = "core"  "缓冲区" = "buffer" ...
//   [layers.rivers]          path = "rivers.shp"  name_field = "HLMC"  default_buffer_m = 50
//     [layers.rivers.buffer_m] "苦水河" = 100  "红柳沟" = 50  "清水河" = 100
//   [layers.water_sources]   path = ...  level_field = "BHJB"  name_field = "SYMC"
//     [layers.water_sources.values]  "一级" = "level1"  "二级" = "level2"
//   [layers.farmland]        path = ...
//   [layers.urban_boundary]  path = ...
//   [layers.industrial_parks] path = ...  name_field = "YQMC"
//   [layers.control_units]   path = ...  type_field = "GKLX"  name_field = "DYMC"  code_field = "DYBM"
//     [layers.control_units.values] "优先保护单元" = "priority" "重点管控单元" = "key" "一般管控单元" = "general"
//   [layers.receptors]       path = ...  kind_field = "LX"  name_field = "MC"
//     [layers.receptors.values] "居民点" = "home" "学校" = "school" "医院" = "hospital" "养老院" = "elderly_care"
//   [layers.landuse]         path = "landuse_dltb.shp"  code_field = "DLBM"  name_field = "DLMC"
//                            unit_field = "ZLDWMC"  area_field = "TBDLMJ"   (area_field optional)
//                            unit_code_field = "ZLDWDM"  (坐落单位代码: `check` tests it names the village)
//   [layers.river_buffers]   path = "river_belts.shp"  name_field = "HLMC"  width_field = "KD"
//                            (a county's own belt polygons; then no widths on [layers.rivers])
//   [layers.special_shrubland] path = ...   (areas of 国家特别规定灌木林地, if not a land-use flag)
//   [layers.sites]           path = ...  id_field = "XMBH"  name_field = "XMMC"  industry_field = "HYLB"
//     [layers.sites.values]  "光伏发电" = "pv_wind"   (the county's words -> rules-file categories)
//   [layers.redline]         optional = true   (no path: the county has no such layer; figures
//                                               that need it are marked "not assessed")
//   [rasters.landuse]        path = "landuse_2020_30m.tif"  date = "2020-09-01"
//   [rasters.landuse_after]  path = "landuse_2025_30m.tif"  date = "2025-09-01"
//   [[raster_classes]]       value = 1  code = "0103"  name = "旱地"      (shared class table)
//                            or codes = ["0301", "0305", "0307"], or group = "water"
//   [layers.wetland_parks] / [layers.wetland_sites] / [layers.important_wetlands]   path = ...
//   [rules]                  path = "rules.toml"
//   [audit]                  (human-activity audits; docs/audit.md)
//     id_prefix = "640303"            # reserve or district code: patch ids are PREFIX-YEAR-BATCH-SEQ
//     year = 2025                     # monitoring year;  batch = 1
//     natural = [3, 4, 5]             # raster class values counted as natural land
//     [audit.activity]  "9" = "02"    # after-class value -> activity type (natural -> that class)
//     [audit.pairs]  "2->9" = "02"    # explicit before->after transitions (any classes), overriding
//     [audit.min_area_m2] "*" = 400  "02" = 100   # minimum mapping unit per activity type
//   [indicators]             (all optional; defaults shown)
//     forest_basis = "post_sandiao"   # or "legacy" (adds 0305 with shrub cover > legacy_shrub_cover_min_pct)
//     forest_target_pct = 15.0
//     legacy_shrub_cover_min_pct = 30.0
//     wetland_basis = "sandiao00"     # or "legal", "gbt21010b"
//     wetland_target_pct = 70.0
//     wetland_protection = ["reserve_zones", "wetland_parks", "wetland_sites", "important_wetlands"]
//     redline_baseline_pct = 29.5     # and/or redline_baseline_ha; the share must not fall below it
//     route_tolerance_pct = 1.0       # vector vs raster route difference flagged above this
//     special_shrubland = "none"      # the county has no special shrubland ("field" / "layer" follow
//                                     # from special_shrub_field / [layers.special_shrubland])
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::layers {

// Vector roles a project can name.  Only `district` is mandatory.
enum class VectorRole {
    District,
    Townships,
    Villages,
    Redline,
    ReserveZones,
    Rivers,
    WaterSources,
    Farmland,
    UrbanBoundary,
    IndustrialParks,
    ControlUnits,
    Receptors,
    Landuse,
    Sites,
    WetlandParks,
    WetlandSites,
    ImportantWetlands,
    RiverBuffers,       // a county's ready-made river buffer belts (instead of widths on rivers)
    SpecialShrubland    // areas of nationally specified special shrubland (国家特别规定灌木林地)
};
enum class RasterRole { Landuse, LanduseAfter };

// Stable key used in the TOML file and in JSON output ("district", "reserve_zones", ...).
const char* role_key(VectorRole role);
const char* role_key(RasterRole role);
// Planner-facing name of a role in Chinese or English ("生态保护红线" / "ecological red line").
std::string role_label(VectorRole role, const std::string& lang);
const std::vector<VectorRole>& all_vector_roles();
// The planner-facing name of a role key as reports and provenance tables show it: a vector role
// ("wetland_parks" -> 湿地公园), a raster role with "_raster" ("landuse_after_raster" -> 土地利用分类栅格（后时相）);
// any other key comes back unchanged.
std::string role_label_of_key(const std::string& key, const std::string& lang);

// Which fields of a role are required, and the canonical values a value map must produce.
struct RoleSpec {
    VectorRole role;
    std::vector<std::string> required_field_keys;   // e.g. {"zone_field"}
    std::vector<std::string> optional_field_keys;   // e.g. {"name_field"}
    std::vector<std::string> canonical_values;      // for `values` maps; empty = no map
    std::string value_field_key;                    // the field the map applies to
    // Geometry family the role must hold: "polygon", "line", "point", "any".
    std::string geometry;
    // A `values` map whose targets are not a fixed list (sites: the rules file's categories,
    // checked against it when screening).
    bool open_values = false;
};
const RoleSpec& role_spec(VectorRole role);

struct VectorLayerSpec {
    VectorRole role;
    std::string path;                              // absolute (resolved against the project dir)
    std::string path_as_written;                   // as in the project file
    std::optional<std::string> layer_name;         // for multi-layer sources (GeoPackage, PG:)
    std::map<std::string, std::string> fields;     // "name_field" -> "XZQMC"
    std::map<std::string, std::string> values;     // data value -> canonical value
    std::map<std::string, double> buffer_m;        // rivers: name -> buffer width (m)
    std::optional<double> default_buffer_m;        // rivers
    std::optional<std::string> encoding;           // override attribute encoding ("GBK")
    bool optional = false;  // `optional = true` without a path (then listed in Project::declared_absent)
};

// One pixel value of the classified rasters and what it stands for: one 三调 code (`code`),
// several (`codes`, a classifier's 林地 covering 0301/0305/0307), or a whole land group
// (`group`).  Indicators count a class towards forest or wetland only where every code it
// stands for counts.
struct RasterClass {
    int value = 0;
    std::string code;                  // the first (or only) code; empty for a group-only class
    std::vector<std::string> codes;    // every code it stands for (`code` included)
    std::optional<std::string> group;  // land group key (landuse_codes.h group_key), if given
    std::string name;
};

struct RasterLayerSpec {
    RasterRole role;
    std::string path;
    std::string path_as_written;
    std::optional<std::string> date;
};

// Settings of `ecozone indicators` (docs/indicators.md); every county sets its own.
struct IndicatorSettings {
    std::string forest_basis = "post_sandiao";
    double forest_target_pct = 15.0;
    double legacy_shrub_cover_min_pct = 30.0;
    std::string wetland_basis = "sandiao00";
    double wetland_target_pct = 70.0;
    std::vector<std::string> wetland_protection = {"reserve_zones", "wetland_parks", "wetland_sites",
                                                   "important_wetlands"};
    std::optional<double> redline_baseline_pct;
    std::optional<double> redline_baseline_ha;
    double route_tolerance_pct = 1.0;
    // The share of the district the land use must cover for indicators to be computed at all.
    double min_landuse_coverage_pct = 95.0;
    // Where the nationally specified special shrubland (国家特别规定灌木林地, counted as forest on
    // the post_sandiao basis) comes from: "field" = the land use's special_shrub_field, "layer" =
    // [layers.special_shrubland], "none" = the county declares it has none, "" = not said (then
    // every 0305 is left out of forest, and `check` and the report say so).  Set by load_project.
    std::string special_shrubland;
};

// Settings of `ecozone audit` (docs/audit.md).
struct AuditSettings {
    std::string id_prefix;
    int year = 0;
    int batch = 1;
    std::vector<int> natural;                       // class values
    std::map<int, std::string> activity_of_after;   // class value -> activity type "01".."10"
    std::map<std::pair<int, int>, std::string> pairs;  // explicit (before, after) -> activity, e.g. cropland -> built
    std::map<std::string, double> min_area_m2 = {{"*", 400.0}};
    bool configured = false;                        // an [audit] section was given
};

struct Project {
    std::string file;                // absolute path of the project file
    std::string dir;                 // its directory
    std::string name;
    std::string admin_code;
    std::optional<int> working_epsg; // as written; resolve with resolve_working_epsg()
    std::string area_mode = "ellipsoidal";
    double coverage_tolerance_m2 = 1.0;
    std::map<VectorRole, VectorLayerSpec> vectors;
    std::map<RasterRole, RasterLayerSpec> rasters;
    std::vector<RasterClass> raster_classes;
    std::optional<std::string> rules_path;
    std::string rules_path_as_written;  // as in the project file (reports cite this, not a machine's path)
    // Roles declared absent with `[layers.<role>] optional = true` and no path: the county has (or
    // gives) no such layer, so commands that need it run and mark what they could not assess.
    std::vector<VectorRole> declared_absent;
    IndicatorSettings indicators;
    AuditSettings audit;

    const VectorLayerSpec* vector(VectorRole role) const;
    bool is_declared_absent(VectorRole role) const;
    // Field name for a key ("name_field"), or nullopt if the project does not map it.
    std::optional<std::string> field(VectorRole role, const std::string& key) const;
};

// Parse and validate the project file (syntax, roles, keys, value maps).  Files are not
// opened here.  Throws DataError naming the file, the line and the fix, e.g. for a typo'd
// role: "hongsibu.toml:12: unknown layer role 'redlines'; did you mean 'redline'? ...".
Project load_project(const std::string& path);

}  // namespace ecozone::layers
