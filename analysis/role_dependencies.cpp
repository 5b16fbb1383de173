#include "analysis/role_dependencies.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::analysis {

using layers::Note;
using layers::VectorRole;

namespace {

// The red line and the reserve are what every screening and every indicator report is about:
// without them a site would read "allowed" and the red-line share 0 %.
bool is_core(VectorRole role) {
    return role == VectorRole::Redline || role == VectorRole::ReserveZones;
}

bool in_wetland_protection(const layers::Project& p, VectorRole role) {
    const auto& list = p.indicators.wetland_protection;
    return std::find(list.begin(), list.end(), layers::role_key(role)) != list.end();
}

// The figures other than rules that need `role`.
std::vector<Note> figures_needing(const layers::Project& p, VectorRole role) {
    std::vector<Note> out;
    switch (role) {
        case VectorRole::Redline:
            out.push_back(
                {"指标：生态保护红线占比及其变化", "indicator: red-line share of the territory and its change"});
            out.push_back({"指标：红线内地类面积", "indicator: land classes inside the red line"});
            out.push_back({"选址：与生态保护红线的重叠与距离", "screening: overlap with and distance to the red line"});
            out.push_back({"审计：图斑是否位于红线内", "audit: whether a patch lies in the red line"});
            break;
        case VectorRole::ReserveZones:
            out.push_back({"选址：与自然保护区各功能区的重叠与距离",
                           "screening: overlaps with and distance to the reserve's zones"});
            out.push_back({"审计：图斑所在功能区", "audit: the functional zone of each patch"});
            break;
        case VectorRole::Rivers:
            out.push_back({"选址：与河流中心线的距离", "screening: distance to the river centre lines"});
            break;
        case VectorRole::RiverBuffers:
            out.push_back({"选址：与河流生态缓冲带的重叠与距离",
                           "screening: overlap with and distance to the river buffer belts"});
            break;
        case VectorRole::WaterSources:
            out.push_back({"选址：与饮用水水源保护区的重叠与距离",
                           "screening: overlap with and distance to drinking-water source zones"});
            break;
        case VectorRole::Receptors:
            out.push_back({"选址：与居民点、学校、医院、养老院的距离",
                           "screening: distances to homes, schools, hospitals and elderly care"});
            break;
        case VectorRole::Landuse:
            out.push_back({"指标：无土地利用图层时 indicators 无法运行（森林覆盖率、湿地保护率、地类面积表）",
                           "indicators: cannot run without it (forest coverage, wetland protection rate, land-class "
                           "tables)"});
            out.push_back({"选址：占用土地现状", "screening: the land a site would occupy"});
            break;
        case VectorRole::Townships:
            out.push_back({"指标：分乡镇统计", "indicators: the per-township rows"});
            out.push_back({"选址、审计：所在乡镇", "screening and audit: the township of a site or patch"});
            break;
        case VectorRole::Villages:
            out.push_back({"选址、审计：所在村", "screening and audit: the village of a site or patch"});
            break;
        default:
            break;
    }
    if (in_wetland_protection(p, role)) {
        out.push_back({"指标：湿地保护率（受保护湿地不含该图层）",
                       "indicator: wetland protection rate (protected wetland leaves this layer out)"});
    }
    return out;
}

}  // namespace

bool has_river_belts(const layers::Project& p) {
    if (p.vector(VectorRole::RiverBuffers)) return true;
    const layers::VectorLayerSpec* rivers = p.vector(VectorRole::Rivers);
    if (!rivers) return false;
    if (rivers->default_buffer_m && *rivers->default_buffer_m > 0) return true;
    return !rivers->buffer_m.empty() || rivers->fields.count("width_field") > 0;
}

std::vector<AbsentRole> absent_roles(const layers::Project& p, const layers::RuleList* rules) {
    std::vector<AbsentRole> out;
    for (VectorRole role : layers::all_vector_roles()) {
        if (role == VectorRole::District || role == VectorRole::Sites || role == VectorRole::SpecialShrubland) continue;
        bool absent = p.vector(role) == nullptr;
        // Belts are there when the river lines carry widths, even without a belt layer.
        if (role == VectorRole::RiverBuffers) absent = !has_river_belts(p);
        if (!absent) continue;
        AbsentRole a;
        a.role = role;
        a.declared_absent = p.is_declared_absent(role);
        a.required = is_core(role);
        if (rules) {
            for (const auto& r : rules->rules) {
                // A rule on "rivers" means the belt (rules.h).
                const VectorRole needs = r.zone == VectorRole::Rivers ? VectorRole::RiverBuffers : r.zone;
                if (needs == role) a.rule_ids.push_back(r.id);
            }
        }
        a.figures = figures_needing(p, role);
        if (a.rule_ids.empty() && a.figures.empty() && !a.declared_absent) continue;
        out.push_back(std::move(a));
    }
    return out;
}

void require_core_roles(const layers::Project& p, const std::string& command) {
    for (VectorRole role : {VectorRole::Redline, VectorRole::ReserveZones}) {
        if (p.vector(role) || p.is_declared_absent(role)) continue;
        throw make_error<DataError>(
            "{0}：项目没有 `ecozone {3}` 需要的 [layers.{1}]（{2}）；请加上该图层，或者，如果本县确实没有，用 "
            "`[layers.{1}] optional = true` 声明缺少，需要它的各项结果都将标为“未评估”",
            "{0}: the project has no [layers.{1}] ({4}), which `ecozone {3}` needs; add the layer, or, if the county "
            "has "
            "none, declare it absent with `[layers.{1}] optional = true` and every figure that needs it is marked "
            "\"not assessed\"",
            p.file, layers::role_key(role), layers::role_label(role, "zh"), command, layers::role_label(role, "en"));
    }
}

Note not_assessed_note(const std::vector<VectorRole>& missing) {
    std::string zh, en;
    for (VectorRole r : missing) {
        zh += (zh.empty() ? "" : "、") + layers::role_label(r, "zh");
        en += (en.empty() ? "" : ", ") + layers::role_label(r, "en");
    }
    return {fmt::format("未评估（缺少图层：{}）", zh), fmt::format("not assessed (missing layer: {})", en)};
}

std::vector<layers::VectorRole> screening_roles() {
    using R = layers::VectorRole;
    return {R::District,      R::Townships,     R::Villages,        R::Redline,      R::ReserveZones,
            R::Rivers,        R::WaterSources,  R::Farmland,        R::UrbanBoundary, R::IndustrialParks,
            R::ControlUnits,  R::Receptors,     R::Landuse,         R::Sites,        R::WetlandParks,
            R::ImportantWetlands, R::RiverBuffers};
}

}  // namespace ecozone::analysis
