#include "analysis/project_check.h"

#include "analysis/check_gaps.h"

#include "analysis/unit_codes.h"
#include "geo/errors.h"
#include "layers/landuse_codes.h"
#include "layers/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace ecozone::analysis {

using layers::make_note;
using layers::Note;
using layers::VectorRole;

const char* to_string(Severity s) {
    switch (s) {
        case Severity::Info: return "info";
        case Severity::Warning: return "warning";
        case Severity::Problem: break;
    }
    return "problem";
}

Severity LayerCheck::worst() const {
    Severity w = Severity::Info;
    for (const auto& f : findings) w = std::max(w, f.severity);
    return w;
}

bool CoverageCheck::ok() const {
    return result.gap_area_m2 <= tolerance_m2 && result.overlap_area_m2 <= tolerance_m2;
}

int CheckReport::count(Severity s) const {
    int n = 0;
    for (const auto& f : findings) n += f.severity == s;
    for (const auto& l : layers) {
        for (const auto& f : l.findings) n += f.severity == s;
    }
    for (const auto& c : coverage) n += (s == Severity::Problem && !c.ok());
    return n;
}

namespace {

// The first ten fids, and how many more there are.
Note fid_list(const std::vector<std::int64_t>& fids) {
    std::string shown_fids;
    const size_t shown = std::min<size_t>(fids.size(), 10);
    for (size_t i = 0; i < shown; ++i) shown_fids += (i ? ", " : "") + std::to_string(fids[i]);
    if (fids.size() == shown) return {shown_fids, shown_fids};
    return make_note("{} …（另有 {} 个）", "{} … ({} more)", shown_fids, fids.size() - shown);
}

// "<file>: <sentence>" — every finding on a layer starts with the file as the project names it.
Note about(const std::string& path, const Note& what) {
    return {path + "：" + what.zh, path + ": " + what.en};
}

// 坐落单位 against the village boundaries, when the project names both codes: one finding.
std::optional<Finding> unit_code_finding(const layers::Project& project, const layers::VectorLayer* landuse,
                                         const layers::VectorLayer* villages, const geo::GeosContext& geos) {
    const auto unit_field = project.field(VectorRole::Landuse, "unit_code_field");
    const auto code_field = project.field(VectorRole::Villages, "code_field");
    const auto name_field = project.field(VectorRole::Villages, "name_field");
    if (!landuse || !villages || !unit_field || !code_field || !name_field) return std::nullopt;
    const auto unit = landuse->field_index(*unit_field);
    const auto code = villages->field_index(*code_field);
    const auto name = villages->field_index(*name_field);
    if (!unit || !code || !name) return std::nullopt;  // a missing field is reported on its layer
    const UnitCodeCheck c = check_unit_codes(*landuse, *unit, *villages, *code, *name, geos);
    const std::string& path = project.vector(VectorRole::Landuse)->path_as_written;
    if (c.checked == c.outside) return std::nullopt;  // no polygon lies in a village: nothing to compare
    // Polygons in no village are the coverage check's business; here they are only counted.
    const layers::Note outside =
        c.outside == 0 ? layers::Note{}
                       : make_note("（另有 {} 个图斑不在任何村界内）", " ({} more lie in no village)", c.outside);
    if (c.mismatched == 0) {
        const layers::Note ok =
            make_note("{} 个图斑的坐落单位代码（{}）均与所在村界一致",
                      "the location-unit code ({1}) of all {0} polygons names the village they lie in",
                      c.checked - c.outside, *unit_field);
        return Finding{Severity::Info, about(path, {ok.zh + outside.zh, ok.en + outside.en})};
    }
    const UnitCodeMismatch& e = c.examples.front();
    const layers::Note bad = make_note(
        "{} 个图斑的坐落单位代码（{}）与所在村界不一致，如 fid {}：{}，却位于 {} {}；"
        "请核对坐落单位或村界",
        "{} polygons have a location-unit code ({}) that is not the village they lie "
        "in, e.g. fid {}: {} lies in {} {}; check the codes or the village boundaries",
        c.mismatched, *unit_field, e.fid, e.unit_code, e.village_code, e.village_name);
    return Finding{Severity::Warning, about(path, {bad.zh + outside.zh, bad.en + outside.en})};
}

// The geometry family as Chinese GIS users name it.
const char* family_zh(const std::string& family) {
    if (family == "polygon") return "面";
    if (family == "line") return "线";
    if (family == "point") return "点";
    return "任意几何";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

bool geometry_fits(int geos_type, const std::string& family) {
    if (family == "any") return true;
    if (family == "polygon") return geos_type == GEOS_POLYGON || geos_type == GEOS_MULTIPOLYGON;
    if (family == "line") return geos_type == GEOS_LINESTRING || geos_type == GEOS_MULTILINESTRING;
    if (family == "point") return geos_type == GEOS_POINT || geos_type == GEOS_MULTIPOINT;
    return true;
}

// Every mapped field exists; every value of a coded field maps to a canonical value.
void check_fields(const layers::VectorLayerSpec& spec, const layers::VectorLayer& layer,
                  LayerCheck& out) {
    const layers::RoleSpec& role = layers::role_spec(spec.role);
    bool fields_ok = true;
    for (const auto& [key, name] : spec.fields) {
        try {
            layer.require_field(name, key);
        } catch (const DataError& e) {
            out.findings.push_back({Severity::Problem, layers::Note{e.text(false), e.text(true)}});
            fields_ok = false;
        }
    }
    // Open value maps (sites' industries) are checked against the rules file by check_site_categories.
    if (!fields_ok || role.value_field_key.empty() || role.open_values || !spec.fields.count(role.value_field_key)) return;
    const size_t idx = *layer.field_index(spec.fields.at(role.value_field_key));
    std::map<std::string, int> unmapped;
    for (const auto& f : layer.features) {
        const std::string v = layers::to_text(f.attrs[idx]);
        const bool known = spec.values.empty()
                               ? std::find(role.canonical_values.begin(), role.canonical_values.end(), v) !=
                                     role.canonical_values.end()
                               : spec.values.count(v) > 0;
        if (!known) ++unmapped[v];
    }
    if (unmapped.empty()) return;
    std::string list;
    for (const auto& [v, n] : unmapped) list += fmt::format("{}'{}' ×{}", list.empty() ? "" : ", ", v, n);
    out.findings.push_back(
        {Severity::Problem,
         about(spec.path_as_written, make_note("字段 {} 有项目未映射的取值：{}；请逐一加入 [layers.{}.values]，写作 "
                                               "\"取值\" = \"<{} 之一>\"",
                                               "field {} has values that the project does not map: {}; add each to "
                                               "[layers.{}.values] as \"value\" = \"<one of: {}>\"",
                                               spec.fields.at(role.value_field_key), list, layers::role_key(spec.role),
                                               joined(role.canonical_values)))});
}

// Land-use codes must belong to the 三调 classification, or no indicator can group them.
void check_landuse_codes(const layers::VectorLayerSpec& spec, const layers::VectorLayer& layer, LayerCheck& out) {
    auto idx = layer.field_index(spec.fields.at("code_field"));
    if (!idx) return;  // reported by check_fields
    std::map<std::string, int> unknown;
    for (const auto& f : layer.features) {
        const std::string code = layers::to_text(f.attrs[*idx]);
        if (!layers::find_land_class(code)) ++unknown[code];
    }
    if (unknown.empty()) return;
    std::string list;
    for (const auto& [c, n] : unknown) list += fmt::format("{}'{}' ×{}", list.empty() ? "" : ", ", c, n);
    out.findings.push_back(
        {Severity::Problem,
         about(spec.path_as_written, make_note("{} 中有不属于三调工作分类的地类编码：{}；计算指标前请改正"
                                               "（如 0301、0305、0404、1106）",
                                               "{} codes outside the 三调 classification: {}; correct them "
                                               "(e.g. 0301, 0305, 0404, 1106) before computing indicators",
                                               spec.fields.at("code_field"), list))});
}

// Widths for every river when some are given (a river left out would have no belt).  Rivers
// without any width, or with the county's own belt polygons, are not this check's business: the
// belts are then [layers.river_buffers], or absent (check_gaps says what that leaves unassessed).
void check_rivers(const layers::Project& project, const layers::VectorLayerSpec& spec, const layers::VectorLayer& layer,
                  LayerCheck& out) {
    if (project.vector(VectorRole::RiverBuffers)) return;
    auto name_field = spec.fields.find("name_field");
    if (spec.default_buffer_m || spec.fields.count("width_field") || name_field == spec.fields.end() ||
        spec.buffer_m.empty()) {
        return;
    }
    auto idx = layer.field_index(name_field->second);
    if (!idx) return;  // reported by check_fields
    std::set<std::string> missing;
    for (const auto& f : layer.features) {
        const std::string name = layers::to_text(f.attrs[*idx]);
        if (!spec.buffer_m.count(name)) missing.insert(name);
    }
    for (const auto& name : missing) {
        out.findings.push_back(
            {Severity::Problem,
             about(spec.path_as_written, make_note("河流“{0}”没有缓冲宽度；请在 [layers.rivers.buffer_m] 中加入 "
                                                   "\"{0}\" = <米数>，或设置 default_buffer_m",
                                                   "river '{0}' has no buffer width; add \"{0}\" = <metres> to "
                                                   "[layers.rivers.buffer_m] or set default_buffer_m",
                                                   name))});
    }
}

void check_geometry(const layers::VectorLayerSpec& spec, const layers::VectorLayer& layer,
                    const geo::GeosContext& geos, LayerCheck& out) {
    const layers::RoleSpec& role = layers::role_spec(spec.role);
    std::vector<std::int64_t> wrong;
    for (const auto& f : layer.features) {
        if (!geometry_fits(GEOSGeomTypeId_r(geos.handle(), f.geom.get()), role.geometry)) wrong.push_back(f.fid);
    }
    const std::string& path = spec.path_as_written;
    if (!wrong.empty()) {
        const Note fids = fid_list(wrong);
        out.findings.push_back(
            {Severity::Problem,
             about(path, {fmt::format("{} 个要素不是{}要素（fid {}）；{}图层只能包含{}要素", wrong.size(),
                                      family_zh(role.geometry), fids.zh, layers::role_label(spec.role, "zh"),
                                      family_zh(role.geometry)),
                          fmt::format("{} features are not {}s (fids {}); the {} layer must hold {}s", wrong.size(),
                                      role.geometry, fids.en, layers::role_key(spec.role), role.geometry)})});
    }
    if (layer.features.empty()) {
        const bool had_empty = !layer.validity.empty.empty();  // every feature had an empty geometry
        const char* key = layers::role_key(spec.role);
        out.findings.push_back(
            {Severity::Problem, about(path, {fmt::format("图层中没有{}要素；请重新导出，或从项目文件中删除 [layers.{}]",
                                                         had_empty ? "带几何的" : "", key),
                                             fmt::format("the layer has no features{}; export it again or remove "
                                                         "[layers.{}] from the project",
                                                         had_empty ? " with a geometry" : "", key)})});
    }
    const auto& v = layer.validity;
    if (!v.repaired.empty()) {
        std::vector<std::int64_t> fids;
        for (const auto& r : v.repaired) fids.push_back(r.fid);
        const Note list = fid_list(fids);
        out.findings.push_back(
            {Severity::Warning, about(path, {fmt::format("{} 个无效几何已用 make-valid 修复（fid {}；第一个：{}）；"
                                                         "在源数据中改正后此警告即消失",
                                                         v.repaired.size(), list.zh, v.repaired.front().reason),
                                             fmt::format("{} invalid geometries repaired with make-valid (fids {}; "
                                                         "first: {}); fix them at the source to silence this",
                                                         v.repaired.size(), list.en, v.repaired.front().reason)})});
    }
    if (!v.empty.empty()) {
        const Note list = fid_list(v.empty);
        out.findings.push_back(
            {Severity::Warning, about(path, {fmt::format("已跳过 {} 个空几何要素（fid {}）", v.empty.size(), list.zh),
                                             fmt::format("{} features with an empty geometry skipped (fids {})",
                                                         v.empty.size(), list.en)})});
    }
    if (!v.collapsed.empty()) {
        const Note list = fid_list(v.collapsed);
        out.findings.push_back(
            {Severity::Warning,
             about(path, {fmt::format("{} 个无效面修复后退化为空，已跳过（fid {}）", v.collapsed.size(), list.zh),
                          fmt::format("{} invalid polygons collapsed to nothing when repaired and "
                                      "were skipped (fids {})",
                                      v.collapsed.size(), list.en)})});
    }
}

// Layers belong to the district: a layer wholly outside it is the wrong file or the wrong
// CRS; features outside it are worth a warning.
void check_within(const layers::VectorLayerSpec& spec, const layers::VectorLayer& layer,
                  const geo::GeosContext& geos, const GEOSGeometry* district, LayerCheck& out) {
    if (layer.features.empty()) return;
    geo::PreparedPtr prepared = geos.prepare(district);
    std::vector<std::int64_t> outside;
    for (const auto& f : layer.features) {
        if (!geos.predicate(GEOSPreparedIntersects_r(geos.handle(), prepared.get(), f.geom.get()),
                            "intersects")) {
            outside.push_back(f.fid);
        }
    }
    if (outside.size() == layer.features.size()) {
        double nearest = -1;
        for (const auto& f : layer.features) {
            const double d = geos.distance(f.geom.get(), district);
            nearest = nearest < 0 ? d : std::min(nearest, d);
        }
        out.findings.push_back(
            {Severity::Problem,
             about(spec.path_as_written,
                   make_note("所有要素都在行政区之外（最近的相距 {:.1f} 千米）；文件有误，或其 .prj 中的坐标系有误",
                             "every feature lies outside the district (nearest {:.1f} km away); wrong "
                             "file, or a wrong CRS in its .prj",
                             nearest / 1000.0))});
    } else if (!outside.empty()) {
        const Note list = fid_list(outside);
        out.findings.push_back(
            {Severity::Warning,
             about(spec.path_as_written,
                   {fmt::format("{} 个要素位于行政区之外（fid {}）", outside.size(), list.zh),
                    fmt::format("{} features lie outside the district (fids {})", outside.size(), list.en)})});
    }
}

LayerCheck check_vector(const layers::Project& project, const layers::VectorLayerSpec& spec,
                        const geo::GeosContext& geos, const layers::WorkingCrs& working,
                        const GEOSGeometry* district, std::map<VectorRole, layers::VectorLayer>& kept) {
    LayerCheck out;
    out.role = layers::role_key(spec.role);
    out.label_zh = layers::role_label(spec.role, "zh");
    out.label_en = layers::role_label(spec.role, "en");
    out.path = spec.path_as_written;
    layers::VectorLayer layer;
    try {
        layer = layers::read_role(project, spec.role, geos, working);
    } catch (const ecozone::Error& e) {
        out.findings.push_back({Severity::Problem, layers::Note{e.text(false), e.text(true)}});
        return out;
    }
    out.readable = true;
    out.driver = layer.driver;
    out.crs_name = layer.source_crs.name;
    out.epsg = layer.source_crs.epsg;
    out.geometry_type = layer.geometry_type;
    out.features = static_cast<std::int64_t>(layer.features.size());
    out.encoding = layer.encoding.encoding;
    out.encoding_source = layer.encoding.source;
    for (const auto& r : layer.validity.repaired) out.repaired_fids.push_back(r.fid);
    out.empty_fids = layer.validity.empty;
    out.collapsed_fids = layer.validity.collapsed;
    if (!layer.encoding.determined()) {
        out.findings.push_back({Severity::Problem, about(spec.path_as_written, layer.encoding.note)});
    } else if (layer.encoding.source == "detected" && layer.encoding.encoding != "UTF-8") {
        out.findings.push_back({Severity::Info, about(spec.path_as_written, layer.encoding.note)});
    }
    if (!layer.source_crs.epsg) {
        out.findings.push_back({Severity::Warning, about(spec.path_as_written,
                                                         make_note("坐标系“{}”没有对应的 EPSG 代码；请检查 .prj 文件",
                                                                   "CRS '{}' matches no EPSG code; check the .prj",
                                                                   layer.source_crs.name))});
    } else if (*layer.source_crs.epsg != working.epsg) {
        out.findings.push_back(
            {Severity::Info, about(spec.path_as_written,
                                   make_note("已从 EPSG:{} 重投影到 EPSG:{}", "reprojected from EPSG:{} to EPSG:{}",
                                             *layer.source_crs.epsg, working.epsg))});
    }
    // An empty layer has nothing to check beyond its emptiness (reported below).
    if (!layer.features.empty()) check_fields(spec, layer, out);
    if (spec.role == VectorRole::Rivers) check_rivers(project, spec, layer, out);
    if (spec.role == VectorRole::Landuse && !layer.features.empty()) check_landuse_codes(spec, layer, out);
    check_geometry(spec, layer, geos, out);
    if (district && spec.role != VectorRole::District) check_within(spec, layer, geos, district, out);
    kept.emplace(spec.role, std::move(layer));
    return out;
}

LayerCheck check_raster(const layers::Project& project, const layers::RasterLayerSpec& spec,
                        const layers::WorkingCrs& working, const geo::GeosContext& geos,
                        const GEOSGeometry* district) {
    LayerCheck out;
    out.role = std::string(layers::role_key(spec.role)) + "_raster";
    out.label_zh = spec.role == layers::RasterRole::Landuse ? "土地利用分类栅格" : "土地利用分类栅格（后期）";
    out.label_en = spec.role == layers::RasterRole::Landuse ? "land-use raster" : "land-use raster (later date)";
    out.path = spec.path_as_written;
    out.raster = true;
    try {
        const layers::RasterInfo info = layers::read_raster_info(spec.path);
        out.readable = true;
        out.driver = info.driver;
        out.crs_name = info.crs.name;
        out.epsg = info.crs.epsg;
        out.geometry_type = fmt::format("{} {}×{} px, {:g} m", info.data_type, info.width, info.height,
                                        info.pixel_width());
        out.features = static_cast<std::int64_t>(info.width) * info.height;
        if (!info.crs.projected) {
            out.findings.push_back(
                {Severity::Info, about(spec.path_as_written,
                                       {"地理坐标系栅格；像元面积逐行按椭球面计算",
                                        "geographic raster; pixel areas are computed per row on the ellipsoid"})});
        }
        if (district) {
            const layers::Extent e = layers::extent_in(info, working.definition);
            const auto b = geos.bounds(district);
            if (e.maxx < b.minx || e.minx > b.maxx || e.maxy < b.miny || e.miny > b.maxy) {
                out.findings.push_back(
                    {Severity::Problem,
                     about(spec.path_as_written, {"栅格完全位于行政区之外；文件或坐标系有误",
                                                  "the raster lies entirely outside the district; wrong file or "
                                                  "wrong CRS"})});
            } else if (e.minx > b.minx + info.pixel_width() || e.maxx < b.maxx - info.pixel_width() ||
                       e.miny > b.miny + info.pixel_height() || e.maxy < b.maxy - info.pixel_height()) {
                out.findings.push_back(
                    {Severity::Warning, about(spec.path_as_written, {"栅格未覆盖整个行政区",
                                                                     "the raster does not cover the whole district"})});
            }
        }
        std::set<long long> known;
        for (const auto& c : project.raster_classes) known.insert(c.value);
        Note unknown;
        for (const auto& [value, n] : layers::value_counts(info)) {
            if (known.count(value)) continue;
            const char* sep = unknown.en.empty() ? "" : ", ";
            unknown.zh += fmt::format("{}{}（{} 个像元）", unknown.zh.empty() ? "" : "、", value, n);
            unknown.en += fmt::format("{}{} ({} px)", sep, value, n);
        }
        if (!unknown.en.empty()) {
            out.findings.push_back(
                {Severity::Problem,
                 about(spec.path_as_written,
                       {fmt::format("像元值不在 [[raster_classes]] 中：{}；请将其加入分类表，或设为无效值（nodata）",
                                    unknown.zh),
                        fmt::format("pixel values not in [[raster_classes]]: {}; add them to the class table or "
                                    "set them as nodata",
                                    unknown.en)})});
        }
    } catch (const ecozone::Error& e) {
        out.findings.push_back({Severity::Problem, layers::Note{e.text(false), e.text(true)}});
    }
    return out;
}

std::optional<CoverageCheck> coverage_of(const std::string& what, const layers::VectorLayer* layer,
                                         const geo::GeosContext& geos, const geo::AreaCalculator& calc,
                                         geo::AreaMode mode, const GEOSGeometry* district, double tolerance) {
    if (!layer || layer->features.empty() || !district) return std::nullopt;
    std::vector<const GEOSGeometry*> pieces;
    for (const auto& f : layer->features) {
        const int t = GEOSGeomTypeId_r(geos.handle(), f.geom.get());
        if (t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON) pieces.push_back(f.geom.get());
    }
    CoverageCheck c;
    c.what = what;
    c.tolerance_m2 = tolerance;
    c.result = measure_coverage(geos, calc, mode, district, pieces);
    return c;
}

}  // namespace

CheckReport check_project(const layers::Project& project, const geo::GeosContext& geos) {
    CheckReport report;
    report.project_file = project.file;
    report.project_name = project.name;
    report.area_mode = project.area_mode;

    // The district first: it fixes the working CRS and the frame for every other check.
    const layers::VectorLayerSpec& dspec = *project.vector(VectorRole::District);
    geo::GeomPtr district;
    try {
        layers::ReadOptions o;
        o.layer_name = dspec.layer_name;
        o.encoding = dspec.encoding;
        const layers::VectorLayer native = layers::read_vector(geos, dspec.path, o);
        report.working = layers::choose_working_crs(project, geos, native);
    } catch (const ecozone::Error& e) {
        report.findings.push_back({Severity::Problem, layers::Note{e.text(false), e.text(true)}});
        LayerCheck failed;
        failed.role = "district";
        failed.label_zh = layers::role_label(VectorRole::District, "zh");
        failed.label_en = layers::role_label(VectorRole::District, "en");
        failed.path = dspec.path_as_written;
        report.layers.push_back(failed);
        return report;  // nothing else can be placed without the district
    }

    std::map<VectorRole, layers::VectorLayer> kept;
    report.layers.push_back(check_vector(project, dspec, geos, report.working, nullptr, kept));
    if (const layers::VectorLayer* d = kept.count(VectorRole::District) ? &kept.at(VectorRole::District) : nullptr) {
        std::vector<geo::GeomPtr> parts;
        for (const auto& f : d->features) parts.push_back(geos.clone(f.geom.get()));
        if (!parts.empty()) district = geos.union_all(std::move(parts));
    }
    for (const auto& [role, spec] : project.vectors) {
        if (role == VectorRole::District) continue;
        report.layers.push_back(check_vector(project, spec, geos, report.working, district.get(), kept));
    }
    for (const auto& [role, spec] : project.rasters) {
        report.layers.push_back(check_raster(project, spec, report.working, geos, district.get()));
    }
    std::optional<layers::RuleList> rules;
    if (project.rules_path) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(*project.rules_path, ec)) {
            report.findings.push_back(
                {Severity::Problem, about(*project.rules_path, {"[rules] 中指定的规则文件不存在",
                                                                "the rules file named in [rules] does not exist"})});
        } else {
            try {
                rules = layers::load_rules(*project.rules_path);  // validated as `screen` would
            } catch (const ecozone::Error& e) {
                report.findings.push_back({Severity::Problem, layers::Note{e.text(false), e.text(true)}});
            }
        }
    }
    // What the project lacks, and what goes unassessed without it.
    const layers::RuleList* loaded_rules = rules ? &*rules : nullptr;
    for (auto& f : absent_role_findings(project, loaded_rules)) report.findings.push_back(std::move(f));
    for (auto& f : river_belt_findings(project)) report.findings.push_back(std::move(f));
    auto kept_layer = [&](VectorRole r) { return kept.count(r) ? &kept.at(r) : nullptr; };
    for (auto& f : site_category_findings(project, kept_layer(VectorRole::Sites), loaded_rules)) {
        report.findings.push_back(std::move(f));
    }

    for (const auto& c : project.raster_classes) {
        for (const auto& code : c.codes) {
            if (layers::find_land_class(code)) continue;
            report.findings.push_back(
                {Severity::Problem,
                 about(project.file, make_note("[[raster_classes]] 中像元值 {} 的编码“{}”不是三调地类编码",
                                               "[[raster_classes]] value {} has code '{}', which is not a 三调 "
                                               "land-use code",
                                               c.value, code))});
        }
    }

    const geo::AreaMode mode = geo::parse_area_mode(project.area_mode);
    const geo::AreaCalculator calc(geos, report.working.definition);
    for (auto& f : special_shrubland_findings(project, kept_layer(VectorRole::Landuse), calc, mode)) {
        report.findings.push_back(std::move(f));
    }
    auto find = [&](VectorRole r) { return kept.count(r) ? &kept.at(r) : nullptr; };
    if (auto c = coverage_of("townships", find(VectorRole::Townships), geos, calc, mode, district.get(),
                             project.coverage_tolerance_m2)) {
        report.coverage.push_back(*c);
    }
    // Villages name the patches of an audit: a gap would leave a patch without its village.
    if (auto c = coverage_of("villages", find(VectorRole::Villages), geos, calc, mode, district.get(),
                             project.coverage_tolerance_m2)) {
        report.coverage.push_back(*c);
    }
    if (auto c = coverage_of("landuse", find(VectorRole::Landuse), geos, calc, mode, district.get(),
                             project.coverage_tolerance_m2)) {
        report.coverage.push_back(*c);
    }
    if (auto f = unit_code_finding(project, find(VectorRole::Landuse), find(VectorRole::Villages), geos)) {
        report.findings.push_back(*f);
    }
    return report;
}

}  // namespace ecozone::analysis
