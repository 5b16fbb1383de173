#include "layers/project.h"

#include "geo/errors.h"
#include "layers/landuse_codes.h"
#include "layers/text_match.h"
#include "layers/toml_util.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

namespace fs = std::filesystem;

namespace ecozone::layers {

namespace {

struct RoleRow {
    VectorRole role;
    const char* key;
    const char* zh;
    const char* en;
};

constexpr RoleRow kRoles[] = {
    {VectorRole::District, "district", "行政区界", "district boundary"},
    {VectorRole::Townships, "townships", "乡镇（街道）", "townships"},
    {VectorRole::Villages, "villages", "行政村（社区）", "villages"},
    {VectorRole::Redline, "redline", "生态保护红线", "ecological protection red line"},
    {VectorRole::ReserveZones, "reserve_zones", "自然保护区功能区", "nature reserve zones"},
    {VectorRole::Rivers, "rivers", "河流", "rivers"},
    {VectorRole::WaterSources, "water_sources", "饮用水水源保护区", "drinking-water source zones"},
    {VectorRole::Farmland, "farmland", "永久基本农田", "permanent basic farmland"},
    {VectorRole::UrbanBoundary, "urban_boundary", "城镇开发边界", "urban development boundary"},
    {VectorRole::IndustrialParks, "industrial_parks", "工业园区", "industrial parks"},
    {VectorRole::ControlUnits, "control_units", "环境管控单元", "environmental control units"},
    {VectorRole::Receptors, "receptors", "环境敏感目标", "sensitive receptors"},
    {VectorRole::Landuse, "landuse", "土地利用现状图斑", "land-use polygons"},
    {VectorRole::Sites, "sites", "拟建项目选址", "proposed project sites"},
    {VectorRole::WetlandParks, "wetland_parks", "湿地公园", "wetland parks"},
    {VectorRole::WetlandSites, "wetland_sites", "小微湿地保护点", "small wetland protection sites"},
    {VectorRole::ImportantWetlands, "important_wetlands", "重要湿地", "important wetlands"},
    {VectorRole::RiverBuffers, "river_buffers", "河流生态缓冲带", "river buffer belts"},
    {VectorRole::SpecialShrubland, "special_shrubland", "国家特别规定灌木林地", "special shrubland"},
};

// Names counties reach for first, and the role each means: an unknown role is answered with
// the right key even when it is no typo of it ("river_belts" -> river_buffers).
constexpr std::pair<const char*, const char*> kRoleAliases[] = {
    {"river_belts", "river_buffers"},
    {"river_buffer", "river_buffers"},
    {"buffer_belts", "river_buffers"},
    {"belts", "river_buffers"},
    {"river_buffer_belts", "river_buffers"},
    {"red_line", "redline"},
    {"redlines", "redline"},
    {"ecological_redline", "redline"},
    {"reserve", "reserve_zones"},
    {"nature_reserve", "reserve_zones"},
    {"reserves", "reserve_zones"},
    {"parks", "industrial_parks"},
    {"industry_parks", "industrial_parks"},
    {"water_source", "water_sources"},
    {"drinking_water", "water_sources"},
    {"basic_farmland", "farmland"},
    {"urban", "urban_boundary"},
    {"units", "control_units"},
    {"environmental_control_units", "control_units"},
    {"land_use", "landuse"},
    {"dltb", "landuse"},
    {"town", "townships"},
    {"towns", "townships"},
    {"village", "villages"},
    {"site", "sites"},
    {"special_shrub", "special_shrubland"},
    {"shrubland", "special_shrubland"},
};

const RoleRow& row(VectorRole role) {
    for (const auto& r : kRoles) {
        if (r.role == role) return r;
    }
    throw std::logic_error("unlisted vector role");
}

const std::vector<RoleSpec>& specs() {
    static const std::vector<RoleSpec> table = {
        {VectorRole::District, {}, {"name_field", "code_field"}, {}, "", "polygon"},
        {VectorRole::Townships, {"name_field"}, {"code_field"}, {}, "", "polygon"},
        {VectorRole::Villages, {"name_field"}, {"code_field"}, {}, "", "polygon"},
        {VectorRole::Redline, {}, {"name_field", "code_field", "type_field"}, {}, "", "polygon"},
        {VectorRole::ReserveZones,
         {"zone_field"},
         {"name_field"},
         {"core", "buffer", "experimental", "core_protection", "general_control"},
         "zone_field",
         "polygon"},
        {VectorRole::Rivers, {}, {"name_field", "code_field", "width_field"}, {}, "", "line"},
        {VectorRole::WaterSources,
         {"level_field"},
         {"name_field"},
         {"level1", "level2", "quasi"},
         "level_field",
         "polygon"},
        {VectorRole::Farmland, {}, {"code_field"}, {}, "", "polygon"},
        {VectorRole::UrbanBoundary, {}, {"name_field"}, {}, "", "polygon"},
        {VectorRole::IndustrialParks, {}, {"name_field"}, {}, "", "polygon"},
        {VectorRole::ControlUnits,
         {"type_field"},
         {"name_field", "code_field"},
         {"priority", "key", "general"},
         "type_field",
         "polygon"},
        {VectorRole::Receptors,
         {"kind_field"},
         {"name_field"},
         {"home", "school", "hospital", "elderly_care"},
         "kind_field",
         "any"},
        {VectorRole::Landuse,
         {"code_field"},
         {"name_field", "unit_field", "unit_code_field", "area_field", "special_shrub_field", "shrub_cover_field"},
         {},
         "",
         "polygon"},
        {VectorRole::Sites,
         {},
         {"id_field", "name_field", "industry_field", "type_field"},
         {},
         "industry_field",
         "any",
         true},
        {VectorRole::WetlandParks, {}, {"name_field"}, {}, "", "polygon"},
        {VectorRole::WetlandSites, {}, {"name_field"}, {}, "", "polygon"},
        {VectorRole::ImportantWetlands, {}, {"name_field"}, {}, "", "polygon"},
        {VectorRole::RiverBuffers, {}, {"name_field", "width_field"}, {}, "", "polygon"},
        {VectorRole::SpecialShrubland, {}, {"name_field"}, {}, "", "polygon"},
    };
    return table;
}

[[noreturn]] void fail(const std::string& file, const toml::source_region& where, const Note& message) {
    toml_fail(file, where, message);
}

std::string string_of(const std::string& file, const toml::node& node, const std::string& key) {
    if (auto v = node.value<std::string>()) return *v;
    fail(file, node.source(), make_note("“{}”须是加引号的文本", "'{}' must be a text in quotes", key));
}

// A number within [lo, hi] (TOML also writes inf and nan: never a valid setting).  The error
// names the file, the line, the key and the range.
double number_in(const std::string& file, const toml::node& node, const std::string& key, double lo, double hi,
                 const Note& what) {
    const auto v = node.value<double>();
    if (!v)
        fail(file, node.source(),
             make_note("“{0}”须是数值（{1}）", "'{0}' must be a number ({2})", key, what.zh, what.en));
    if (!std::isfinite(*v)) {
        fail(file, node.source(),
             make_note("“{0}” = {1} 不是有限的数；请给出{2}", "'{0}' = {1} is not a finite number; give {3}", key, *v,
                       what.zh, what.en));
    }
    if (*v < lo || *v > hi) {
        fail(file, node.source(),
             make_note("“{0}” = {1:g} 超出范围；请给出{2}", "'{0}' = {1:g} is out of range; give {3}", key, *v, what.zh,
                       what.en));
    }
    return *v;
}

// What the numbers of the project file must be, for number_in's message.
const Note kBeltWidth{"以米为单位、大于 0 且不超过 10000 的缓冲带宽度",
                      "a belt width in metres, > 0 and at most 10000"};
const Note kAreaM2{"以平方米为单位、不小于 0 的面积", "an area in m², ≥ 0"};

// The ranges of the project file's numbers.
constexpr double kMaxBufferM = 10000;  // a river belt of more than 10 km is a unit error
constexpr double kMaxAreaM2 = 1e12;    // no mapping unit or tolerance reaches 1 million km²
double percent_of(const std::string& file, const toml::node& node, const std::string& key) {
    return number_in(file, node, key, 0, 100, {"0 到 100 之间的百分数", "a percentage from 0 to 100"});
}

std::string resolve(const std::string& dir, const std::string& path) {
    // Database connections and GDAL virtual paths are not files relative to the project.
    if (path.rfind("PG:", 0) == 0 || path.rfind("/vsi", 0) == 0) return path;
    fs::path p(path);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (fs::path(dir) / p).lexically_normal().string();
}

VectorLayerSpec parse_vector(const std::string& file, const std::string& dir, VectorRole role, const toml::table& t) {
    const RoleSpec& spec = role_spec(role);
    VectorLayerSpec out;
    bool optional = false;
    out.role = role;
    std::vector<std::string> allowed = {"path", "layer", "encoding", "optional"};
    allowed.insert(allowed.end(), spec.required_field_keys.begin(), spec.required_field_keys.end());
    allowed.insert(allowed.end(), spec.optional_field_keys.begin(), spec.optional_field_keys.end());
    if (!spec.canonical_values.empty() || spec.open_values) allowed.push_back("values");
    if (role == VectorRole::Rivers) {
        allowed.push_back("buffer_m");
        allowed.push_back("default_buffer_m");
    }
    const std::string where = fmt::format("[layers.{}]", role_key(role));
    for (const auto& [k, v] : t) {
        const std::string key(k.str());
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            const Note s = suggestion(key, allowed);
            fail(file, v.source(),
                 make_note("{0}：未知的键“{1}”；{2}允许的键：{4}", "{0}: unknown key '{1}'; {3}allowed keys are: {4}",
                           where, key, s.zh, s.en, joined(allowed)));
        }
        if (key == "path") {
            out.path_as_written = string_of(file, v, key);
            out.path = resolve(dir, out.path_as_written);
        } else if (key == "layer") {
            out.layer_name = string_of(file, v, key);
        } else if (key == "encoding") {
            out.encoding = string_of(file, v, key);
        } else if (key == "optional") {
            auto b = v.value<bool>();
            if (!b)
                fail(file, v.source(),
                     make_note("{}：optional 须为 true 或 false", "{}: optional must be true or false", where));
            optional = *b;
        } else if (key == "default_buffer_m") {
            out.default_buffer_m = number_in(file, v, key, 1e-3, kMaxBufferM, kBeltWidth);
        } else if (key == "values" || key == "buffer_m") {
            const toml::table* map = v.as_table();
            if (!map) fail(file, v.source(), make_note("{}：“{}”须是一个表", "{}: '{}' must be a table", where, key));
            for (const auto& [mk, mv] : *map) {
                const std::string data_value(mk.str());
                if (key == "buffer_m") {
                    const double w = number_in(file, mv, data_value, 1e-3, kMaxBufferM, kBeltWidth);
                    out.buffer_m[data_value] = w;
                    continue;
                }
                const std::string canonical = string_of(file, mv, data_value);
                const auto& known = spec.canonical_values;
                if (!spec.open_values && std::find(known.begin(), known.end(), canonical) == known.end()) {
                    const Note s = suggestion(canonical, known);
                    fail(file, mv.source(),
                         make_note("{0}：“{1}”对应到未知的值“{2}”；{3}可用的值：{5}",
                                   "{0}: '{1}' maps to unknown value '{2}'; {4}use one of: {5}", where, data_value,
                                   canonical, s.zh, s.en, joined(known)));
                }
                out.values[data_value] = canonical;
            }
        } else {
            out.fields[key] = string_of(file, v, key);
        }
    }
    if (optional && out.path.empty()) {
        // Declared absent: nothing else to read (the caller records the role).
        out.optional = true;
        return out;
    }
    if (optional) {
        fail(file, t.source(),
             make_note(
                 "{}：optional = true 表示本县没有这个图层；要声明缺少该图层请删去 path，要使用该文件请删去 optional",
                 "{}: optional = true declares that the county has no such layer; remove 'path' to "
                 "declare it absent, or remove 'optional' to use the file",
                 where));
    }
    if (out.path.empty()) {
        fail(file, t.source(),
             make_note("{0}：缺少 path（如果本县没有{1}，请写 optional = true 声明）",
                       "{0}: 'path' is missing (or write optional = true to declare that the county has no {2})", where,
                       role_label(role, "zh"), role_label(role, "en")));
    }
    for (const auto& req : spec.required_field_keys) {
        if (!out.fields.count(req)) {
            const Note holds = req == "zone_field"    ? Note{"功能分区，如 GNFQ", "functional zone, e.g. GNFQ"}
                               : req == "level_field" ? Note{"保护级别，如 BHJB", "protection level, e.g. BHJB"}
                               : req == "type_field"  ? Note{"管控单元类型，如 GKLX", "unit type, e.g. GKLX"}
                               : req == "kind_field"  ? Note{"敏感目标类别，如 LX", "receptor kind, e.g. LX"}
                               : req == "code_field"  ? Note{"地类编码，如 DLBM", "land-use code, e.g. DLBM"}
                                                      : Note{"名称，如 XZQMC", "name, e.g. XZQMC"};
            fail(file, t.source(),
                 make_note("{0}：必须写明 {1}（存放{2}的字段）", "{0}: '{1}' is required (the field holding the {3})",
                           where, req, holds.zh, holds.en));
        }
    }
    return out;
}

void parse_indicators(const std::string& file, const toml::table& t, IndicatorSettings& out) {
    const std::vector<std::string> known = {"forest_basis",         "forest_target_pct",   "legacy_shrub_cover_min_pct",
                                            "wetland_basis",        "wetland_target_pct",  "wetland_protection",
                                            "redline_baseline_pct", "redline_baseline_ha", "route_tolerance_pct",
                                            "special_shrubland", "min_landuse_coverage_pct"};
    auto one_of = [&](const toml::node& v, const std::string& key, const std::vector<std::string>& allowed) {
        const std::string value = string_of(file, v, key);
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            const Note s = suggestion(value, allowed);
            fail(file, v.source(),
                 make_note("[indicators]：{0} = \"{1}\" 无法识别；{2}可用的值：{4}",
                           "[indicators]: {0} = \"{1}\" is unknown; {3}use one of: {4}", key, value, s.zh, s.en,
                           joined(allowed)));
        }
        return value;
    };
    for (const auto& [k, v] : t) {
        const std::string key(k.str());
        if (key == "forest_basis")
            out.forest_basis = one_of(v, key, {"post_sandiao", "legacy"});
        else if (key == "wetland_basis")
            out.wetland_basis = one_of(v, key, {"legal", "sandiao00", "gbt21010b"});
        else if (key == "forest_target_pct")
            out.forest_target_pct = percent_of(file, v, key);
        else if (key == "wetland_target_pct")
            out.wetland_target_pct = percent_of(file, v, key);
        else if (key == "legacy_shrub_cover_min_pct")
            out.legacy_shrub_cover_min_pct = percent_of(file, v, key);
        else if (key == "redline_baseline_pct")
            out.redline_baseline_pct = percent_of(file, v, key);
        else if (key == "redline_baseline_ha") {
            out.redline_baseline_ha = number_in(file, v, key, 0, kMaxAreaM2 / 1e4,
                                                {"以公顷为单位、不小于 0 的面积", "an area in hectares, ≥ 0"});
        } else if (key == "route_tolerance_pct")
            out.route_tolerance_pct = percent_of(file, v, key);
        else if (key == "min_landuse_coverage_pct") out.min_landuse_coverage_pct = percent_of(file, v, key);
        else if (key == "special_shrubland")
            out.special_shrubland = one_of(v, key, {"none", "field", "layer"});
        else if (key == "wetland_protection") {
            const toml::array* a = v.as_array();
            if (!a) {
                fail(file, v.source(),
                     {"[indicators]：wetland_protection 须是图层角色的列表",
                      "[indicators]: wetland_protection must be a list of layer roles"});
            }
            const std::vector<std::string> allowed = {"reserve_zones", "wetland_parks", "wetland_sites",
                                                      "important_wetlands", "redline"};
            out.wetland_protection.clear();
            for (const auto& item : *a) out.wetland_protection.push_back(one_of(item, key, allowed));
        } else {
            const Note s = suggestion(key, known);
            fail(file, v.source(),
                 make_note("[indicators]：未知的键“{0}”；{1}可用的键：{3}",
                           "[indicators]: unknown key '{0}'; {2}keys are: {3}", key, s.zh, s.en, joined(known)));
        }
    }
}

void parse_audit(const std::string& file, const toml::table& t, AuditSettings& out) {
    out.configured = true;
    const std::vector<std::string> known = {"id_prefix", "year",  "batch",      "natural",
                                            "activity",  "pairs", "min_area_m2"};
    static const std::set<std::string> activities = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"};
    for (const auto& [k, v] : t) {
        const std::string key(k.str());
        if (key == "id_prefix") {
            out.id_prefix = string_of(file, v, key);
        } else if (key == "year" || key == "batch") {
            auto n = v.value<int64_t>();
            if (!n)
                fail(file, v.source(), make_note("[audit]：{} 须是整数", "[audit]: {} must be a whole number", key));
            // The year goes into every patch id: a monitoring year, not 0 or 20250.
            if (key == "year" && (*n < 1980 || *n > 2100)) {
                fail(file, v.source(),
                     make_note("[audit]：year = {} 不是监测年度；请写如 year = 2025",
                               "[audit]: year = {} is not a monitoring year; give e.g. year = 2025", *n));
            }
            if (key == "batch" && (*n < 1 || *n > 99)) {
                fail(file, v.source(),
                     make_note("[audit]：batch = {} 超出范围；请写 1 到 99",
                               "[audit]: batch = {} is out of range; give 1 to 99", *n));
            }
            (key == "year" ? out.year : out.batch) = static_cast<int>(*n);
        } else if (key == "natural") {
            const toml::array* a = v.as_array();
            if (!a) {
                fail(file, v.source(),
                     {"[audit]：natural 须是栅格类别值的列表，如 [3, 4, 5]",
                      "[audit]: natural must be a list of raster class values, e.g. [3, 4, 5]"});
            }
            for (const auto& item : *a) {
                auto n = item.value<int64_t>();
                if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max()) {
                    fail(file, item.source(),
                         {"[audit]：natural 中应为栅格类别值（整数）",
                          "[audit]: natural holds raster class values (whole numbers)"});
                }
                out.natural.push_back(static_cast<int>(*n));
            }
        } else if (key == "pairs") {
            const toml::table* m = v.as_table();
            if (!m) {
                fail(file, v.source(),
                     {"[audit]：pairs 须是 \"前->后\" = \"活动类型\" 形式的表",
                      "[audit]: pairs must be a table of \"FROM->TO\" = \"activity\""});
            }
            for (const auto& [mk, mv] : *m) {
                const std::string name(mk.str());
                const auto arrow = name.find("->");
                int from = 0, to = 0;
                try {
                    if (arrow == std::string::npos) throw std::invalid_argument(name);
                    from = std::stoi(name.substr(0, arrow));
                    to = std::stoi(name.substr(arrow + 2));
                } catch (const std::exception&) {
                    fail(file, mv.source(),
                         make_note("[audit.pairs]：“{}”不是用栅格类别值写的 \"前->后\"",
                                   "[audit.pairs]: '{}' is not \"FROM->TO\" with raster class values", name));
                }
                const std::string code = string_of(file, mv, name);
                if (!code.empty() && !activities.count(code)) {
                    fail(file, mv.source(),
                         make_note("[audit.pairs]：“{}”不是活动类型（01–10）",
                                   "[audit.pairs]: '{}' is not an activity type (01–10)", code));
                }
                out.pairs[{from, to}] = code;
            }
        } else if (key == "activity" || key == "min_area_m2") {
            const toml::table* m = v.as_table();
            if (!m) fail(file, v.source(), make_note("[audit]：{} 须是一个表", "[audit]: {} must be a table", key));
            for (const auto& [mk, mv] : *m) {
                const std::string name(mk.str());
                if (key == "activity") {
                    int value = 0;
                    try {
                        value = std::stoi(name);
                    } catch (const std::exception&) {
                        fail(file, mv.source(),
                             make_note("[audit.activity]：“{}”不是栅格类别值",
                                       "[audit.activity]: '{}' is not a raster class value", name));
                    }
                    const std::string code = string_of(file, mv, name);
                    if (!activities.count(code)) {
                        fail(file, mv.source(),
                             make_note("[audit.activity]：“{}”不是 01–10 中的活动类型（01 农业用地、02 居民点、"
                                       "03 工矿用地、04 采石场、05 能源设施、06 旅游设施、07 交通设施、08 养殖场、"
                                       "09 道路、10 其他人工设施；见 docs/audit.md）",
                                       "[audit.activity]: '{}' is not an activity type 01–10 "
                                       "(01 agriculture, 02 settlement, 03 industry/mining, "
                                       "04 quarry, 05 energy, 06 tourism, 07 transport, 08 "
                                       "livestock farm, 09 road, 10 other; see docs/audit.md)",
                                       code));
                    }
                    out.activity_of_after[value] = code;
                } else {
                    if (name != "*" && !activities.count(name)) {
                        fail(file, mv.source(),
                             make_note("[audit.min_area_m2]：“{}”既不是活动类型也不是 \"*\"",
                                       "[audit.min_area_m2]: '{}' is not an activity type or \"*\"", name));
                    }
                    out.min_area_m2[name] = number_in(file, mv, name, 0, kMaxAreaM2, kAreaM2);
                }
            }
        } else {
            const Note s = suggestion(key, known);
            fail(file, v.source(),
                 make_note("[audit]：未知的键“{0}”；{1}可用的键：{3}", "[audit]: unknown key '{0}'; {2}keys are: {3}",
                           key, s.zh, s.en, joined(known)));
        }
    }
}

// [[raster_classes]]: value and what it stands for — code, codes or group (at least one).
RasterClass parse_raster_class(const std::string& file, const toml::table& t) {
    static const std::vector<std::string> known = {"value", "code", "codes", "group", "name"};
    for (const auto& [k, v] : t) {
        const std::string key(k.str());
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            const Note s = suggestion(key, known);
            fail(file, v.source(),
                 make_note("[[raster_classes]]：未知的键“{0}”；{1}可用的键：{3}",
                           "[[raster_classes]]: unknown key '{0}'; {2}keys are: {3}", key, s.zh, s.en, joined(known)));
        }
    }
    RasterClass c;
    auto value = t["value"].value<int64_t>();
    if (!value) {
        fail(file, t.source(),
             {"[[raster_classes]] 需要写 value = <像元值>", "[[raster_classes]] needs value = <pixel value>"});
    }
    if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
        fail(file, t.source(),
             make_note("[[raster_classes]]：value = {} 不是分类栅格的像元值",
                       "[[raster_classes]]: value = {} is not a pixel value of a classified raster", *value));
    }
    c.value = static_cast<int>(*value);
    if (const toml::node* code = t.get("code")) c.codes.push_back(string_of(file, *code, "code"));
    if (const toml::node* codes = t.get("codes")) {
        const toml::array* a = codes->as_array();
        if (!a || a->empty()) {
            fail(file, codes->source(),
                 {"[[raster_classes]]：codes 须是三调地类编码的列表，如 [\"0301\", \"0305\"]",
                  "[[raster_classes]]: codes must be a list of 三调 codes, e.g. [\"0301\", \"0305\"]"});
        }
        for (const auto& item : *a) c.codes.push_back(string_of(file, item, "codes"));
    }
    if (const toml::node* group = t.get("group")) {
        const std::string g = string_of(file, *group, "group");
        std::vector<std::string> groups;
        for (LandGroup lg : all_land_groups()) groups.push_back(group_key(lg));
        if (std::find(groups.begin(), groups.end(), g) == groups.end()) {
            const Note s = suggestion(g, groups);
            fail(file, group->source(),
                 make_note("[[raster_classes]] value {0}：地类组“{1}”无法识别；{2}可用的地类组：{4}",
                           "[[raster_classes]] value {0}: group '{1}' is unknown; {3}groups are: {4}", c.value, g, s.zh,
                           s.en, joined(groups)));
        }
        c.group = g;
    }
    if (c.codes.empty() && !c.group) {
        fail(file, t.source(),
             make_note("[[raster_classes]] value {}：请用 code = \"<地类编码>\"、codes = [\"0301\", \"0305\"] 或 "
                       "group = \"forest\" 说明该类别代表什么",
                       "[[raster_classes]] value {}: say what the class stands for with code = \"<DLBM>\", "
                       "codes = [\"0301\", \"0305\"] or group = \"forest\"",
                       c.value));
    }
    // A class folding codes of several land groups must say which group it counts as.  (Codes
    // outside the classification are reported by `check` and refused by `indicators`.)
    if (!c.group && c.codes.size() > 1) {
        const auto first = find_land_class(c.codes.front());
        for (const auto& code : c.codes) {
            const auto lc = find_land_class(code);
            if (first && lc && lc->group != first->group) {
                fail(file, t.source(),
                     make_note("[[raster_classes]] value {}：编码 {} 和 {} 属于不同的地类组；请加上 group = \"...\" "
                               "说明该类别计入哪一组",
                               "[[raster_classes]] value {}: codes {} and {} are in different land groups; add "
                               "group = \"...\" to say which group the class counts as",
                               c.value, c.codes.front(), code));
            }
        }
    }
    if (!c.codes.empty()) c.code = c.codes.front();
    c.name = t["name"].value_or(std::string());
    return c;
}

// Where the special shrubland comes from (IndicatorSettings::special_shrubland): a land-use
// flag, a layer, or "none" as the county declares; contradictions are errors.
void resolve_special_shrubland(const std::string& file, Project& p) {
    const bool field = p.field(VectorRole::Landuse, "special_shrub_field").has_value();
    const bool layer = p.vector(VectorRole::SpecialShrubland) != nullptr;
    std::string& s = p.indicators.special_shrubland;
    if (s == "none" && (field || layer)) {
        throw make_error<DataError>("{}：[indicators] special_shrubland = \"none\" 与 {} 矛盾；请删去其中之一",
                                    "{}: [indicators] special_shrubland = \"none\" contradicts {}; remove one of them",
                                    file,
                                    field ? "[layers.landuse] special_shrub_field" : "[layers.special_shrubland]");
    }
    if (field && layer) {
        throw make_error<DataError>(
            "{}：特别规定灌木林地给出了两次（[layers.landuse] special_shrub_field 和 "
            "[layers.special_shrubland]）；请只保留一个",
            "{}: the special shrubland is given twice ([layers.landuse] special_shrub_field and "
            "[layers.special_shrubland]); keep one",
            file);
    }
    if (s == "field" && !field) {
        throw make_error<DataError>(
            "{}：[indicators] special_shrubland = \"field\"，但 [layers.landuse] 中没有写 special_shrub_field",
            "{}: [indicators] special_shrubland = \"field\" but [layers.landuse] names no "
            "special_shrub_field",
            file);
    }
    if (s == "layer" && !layer) {
        throw make_error<DataError>("{}：[indicators] special_shrubland = \"layer\"，但没有 [layers.special_shrubland]",
                                    "{}: [indicators] special_shrubland = \"layer\" but there is no "
                                    "[layers.special_shrubland]",
                                    file);
    }
    if (field) s = "field";
    if (layer) s = "layer";
}

}  // namespace

const char* role_key(VectorRole role) {
    return row(role).key;
}

const char* role_key(RasterRole role) {
    return role == RasterRole::Landuse ? "landuse" : "landuse_after";
}

std::string role_label(VectorRole role, const std::string& lang) {
    return lang == "en" ? row(role).en : row(role).zh;
}

std::string role_label_of_key(const std::string& key, const std::string& lang) {
    for (const auto& r : kRoles) {
        if (key == r.key) return lang == "en" ? r.en : r.zh;
    }
    if (key == "landuse_raster") return lang == "en" ? "land-use raster (before)" : "土地利用分类栅格（前时相）";
    if (key == "landuse_after_raster") return lang == "en" ? "land-use raster (after)" : "土地利用分类栅格（后时相）";
    return key;
}

const std::vector<VectorRole>& all_vector_roles() {
    static const std::vector<VectorRole> roles = [] {
        std::vector<VectorRole> r;
        for (const auto& x : kRoles) r.push_back(x.role);
        return r;
    }();
    return roles;
}

const RoleSpec& role_spec(VectorRole role) {
    for (const auto& s : specs()) {
        if (s.role == role) return s;
    }
    throw std::logic_error("unlisted vector role");
}

bool Project::is_declared_absent(VectorRole role) const {
    return std::find(declared_absent.begin(), declared_absent.end(), role) != declared_absent.end();
}

const VectorLayerSpec* Project::vector(VectorRole role) const {
    auto it = vectors.find(role);
    return it == vectors.end() ? nullptr : &it->second;
}

std::optional<std::string> Project::field(VectorRole role, const std::string& key) const {
    const VectorLayerSpec* spec = vector(role);
    if (!spec) return std::nullopt;
    auto it = spec->fields.find(key);
    if (it == spec->fields.end()) return std::nullopt;
    return it->second;
}

Project load_project(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw make_error<IoError>(
            "{}：找不到项目文件；请给出 .toml 项目文件的路径（参见 sample_shapefiles/hongsibu.toml）",
            "{}: project file not found; give the path of a .toml project "
            "file (see sample_shapefiles/hongsibu.toml)",
            path);
    }
    Project p;
    p.file = fs::absolute(path).lexically_normal().string();
    p.dir = fs::path(p.file).parent_path().string();
    toml::table root;
    try {
        root = toml::parse_file(p.file);
    } catch (const toml::parse_error& e) {
        throw make_error<DataError>("{} 第 {} 行：TOML 语法错误：{}", "{}:{}: TOML syntax error: {}", path,
                                    e.source().begin.line, e.description());
    }

    const std::vector<std::string> sections = {"project", "layers",     "rasters", "raster_classes",
                                               "rules",   "indicators", "audit"};
    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (std::find(sections.begin(), sections.end(), key) == sections.end()) {
            const Note s = suggestion(key, sections);
            fail(path, v.source(),
                 make_note("未知的节“{0}”；{1}可用的节：{3}", "unknown section '{0}'; {2}sections are: {3}", key, s.zh,
                           s.en, joined(sections)));
        }
    }

    if (const toml::table* proj = root["project"].as_table()) {
        for (const auto& [k, v] : *proj) {
            const std::string key(k.str());
            if (key == "name")
                p.name = string_of(path, v, key);
            else if (key == "admin_code")
                p.admin_code = string_of(path, v, key);
            else if (key == "area_mode") {
                p.area_mode = string_of(path, v, key);
                if (p.area_mode != "ellipsoidal" && p.area_mode != "planar") {
                    fail(
                        path, v.source(),
                        make_note("无法识别的 area_mode“{}”：请用 \"ellipsoidal\"（椭球面积）或 \"planar\"（平面面积）",
                                  "area_mode '{}' is unknown: use \"ellipsoidal\" "
                                  "or \"planar\"",
                                  p.area_mode));
                }
            } else if (key == "working_epsg") {
                auto code = v.value<int64_t>();
                if (!code || *code < 1024 || *code > 999999) {
                    fail(path, v.source(),
                         {"working_epsg 须是 EPSG 代码，如 4544", "working_epsg must be an EPSG code such as 4544"});
                }
                p.working_epsg = static_cast<int>(*code);
            } else if (key == "coverage_tolerance_m2") {
                p.coverage_tolerance_m2 = number_in(path, v, key, 0, kMaxAreaM2, kAreaM2);
            } else {
                const std::vector<std::string> known = {"name", "admin_code", "working_epsg", "area_mode",
                                                        "coverage_tolerance_m2"};
                const Note s = suggestion(key, known);
                fail(path, v.source(),
                     make_note("[project]：未知的键“{0}”；{1}可用的键：{3}",
                               "[project]: unknown key '{0}'; {2}keys are: {3}", key, s.zh, s.en, joined(known)));
            }
        }
    }

    std::vector<std::string> role_keys;
    for (auto r : all_vector_roles()) role_keys.push_back(role_key(r));
    if (const toml::table* layers = root["layers"].as_table()) {
        for (const auto& [k, v] : *layers) {
            const std::string key(k.str());
            auto it = std::find(role_keys.begin(), role_keys.end(), key);
            if (it == role_keys.end()) {
                Note hint = suggestion(key, role_keys);
                for (const auto& [alias, meant] : kRoleAliases) {
                    if (hint.en.empty() && key == alias) {
                        hint = make_note("这类图层请写 [layers.{}]；", "for that use [layers.{}]; ", meant);
                    }
                }
                fail(path, v.source(),
                     make_note("未知的图层角色“{0}”；{1}可用的角色：{3}", "unknown layer role '{0}'; {2}roles are: {3}",
                               key, hint.zh, hint.en, joined(role_keys)));
            }
            const toml::table* t = v.as_table();
            if (!t) fail(path, v.source(), make_note("[layers.{}] 须是一个表", "[layers.{}] must be a table", key));
            const VectorRole role = all_vector_roles()[static_cast<size_t>(it - role_keys.begin())];
            VectorLayerSpec spec = parse_vector(path, p.dir, role, *t);
            if (spec.optional) {
                p.declared_absent.push_back(role);
            } else {
                p.vectors.emplace(role, std::move(spec));
            }
        }
    }
    if (!p.vector(VectorRole::District)) {
        throw make_error<DataError>("{}：没有 [layers.district]；每个项目都需要行政区边界（path = \"district.shp\"）",
                                    "{}: no [layers.district]; every project needs the district "
                                    "boundary (path = \"district.shp\")",
                                    path);
    }

    if (const toml::table* rasters = root["rasters"].as_table()) {
        const std::vector<std::string> known = {"landuse", "landuse_after"};
        for (const auto& [k, v] : *rasters) {
            const std::string key(k.str());
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                const Note s = suggestion(key, known);
                fail(path, v.source(),
                     make_note("未知的栅格角色“{0}”；{1}可用的角色：{3}",
                               "unknown raster role '{0}'; {2}roles are: {3}", key, s.zh, s.en, joined(known)));
            }
            const toml::table* t = v.as_table();
            if (!t) fail(path, v.source(), make_note("[rasters.{}] 须是一个表", "[rasters.{}] must be a table", key));
            RasterLayerSpec spec;
            spec.role = key == "landuse" ? RasterRole::Landuse : RasterRole::LanduseAfter;
            for (const auto& [rk, rv] : *t) {
                const std::string rkey(rk.str());
                if (rkey == "path") {
                    spec.path_as_written = string_of(path, rv, rkey);
                    spec.path = resolve(p.dir, spec.path_as_written);
                } else if (rkey == "date") {
                    spec.date = string_of(path, rv, rkey);
                } else {
                    fail(path, rv.source(),
                         make_note("[rasters.{}]：未知的键“{}”；可用的键：path、date",
                                   "[rasters.{}]: unknown key '{}'; keys are: path, date", key, rkey));
                }
            }
            if (spec.path.empty()) {
                fail(path, t->source(), make_note("[rasters.{}]：缺少 path", "[rasters.{}]: 'path' is missing", key));
            }
            p.rasters.emplace(spec.role, spec);
        }
    }

    if (const toml::array* classes = root["raster_classes"].as_array()) {
        std::set<int> seen;
        for (const auto& node : *classes) {
            const toml::table* t = node.as_table();
            if (!t)
                fail(path, node.source(),
                     {"[[raster_classes]] 的每一项须是一个表", "[[raster_classes]] entries must be tables"});
            p.raster_classes.push_back(parse_raster_class(path, *t));
            const RasterClass& c = p.raster_classes.back();
            if (!seen.insert(c.value).second) {
                fail(path, t->source(),
                     make_note("[[raster_classes]]：像元值 {} 出现了两次",
                               "[[raster_classes]]: pixel value {} is listed twice", c.value));
            }
        }
    }
    if (!p.rasters.empty() && p.raster_classes.empty()) {
        throw make_error<DataError>("{}：写了栅格，却没有说明每个像元值含义的 [[raster_classes]] 表",
                                    "{}: rasters are named but there is no [[raster_classes]] table "
                                    "saying what each pixel value means",
                                    path);
    }

    if (const toml::table* ind = root["indicators"].as_table()) parse_indicators(path, *ind, p.indicators);
    resolve_special_shrubland(path, p);
    if (const toml::table* audit = root["audit"].as_table()) parse_audit(path, *audit, p.audit);

    if (const toml::table* rules = root["rules"].as_table()) {
        for (const auto& [k, v] : *rules) {
            if (k.str() != "path") {
                fail(path, v.source(),
                     make_note("[rules]：未知的键“{}”；只能写 path", "[rules]: unknown key '{}'; the only key is path",
                               std::string(k.str())));
            }
        }
        auto rp = (*rules)["path"].value<std::string>();
        if (!rp)
            fail(path, rules->source(),
                 {"[rules] 需要写 path = \"rules.toml\"", "[rules] needs path = \"rules.toml\""});
        p.rules_path = resolve(p.dir, *rp);
        p.rules_path_as_written = *rp;
    }
    return p;
}

}  // namespace ecozone::layers
