#include "analysis/check_gaps.h"

#include "analysis/indicator_bases.h"
#include "analysis/role_dependencies.h"

#include <fmt/format.h>

namespace ecozone::analysis {

using layers::Note;
using layers::VectorRole;

namespace {

std::string joined(const std::vector<std::string>& items, const char* sep) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
    return s;
}

}  // namespace

std::vector<Finding> absent_role_findings(const layers::Project& p, const layers::RuleList* rules) {
    std::vector<Finding> out;
    for (const AbsentRole& a : absent_roles(p, rules)) {
        const std::string key = layers::role_key(a.role);
        std::vector<std::string> zh, en;
        if (!a.rule_ids.empty()) {
            zh.push_back(fmt::format("规则 {} 将标为“未评估”", joined(a.rule_ids, "、")));
            en.push_back(fmt::format("rules {} will be marked \"not assessed\"", joined(a.rule_ids, ", ")));
        }
        for (const Note& f : a.figures) {
            zh.push_back(f.zh);
            en.push_back(f.en);
        }
        Note head;
        if (a.declared_absent) {
            head = {fmt::format("项目声明无 [layers.{}]（{}，optional = true）", key, layers::role_label(a.role, "zh")),
                    fmt::format("the project declares no [layers.{}] ({}, optional = true)", key,
                                layers::role_label(a.role, "en"))};
        } else if (a.role == VectorRole::RiverBuffers) {
            head = {
                "项目没有河流生态缓冲带（既无 [layers.river_buffers]，[layers.rivers] 也未设缓冲宽度）",
                "the project has no river buffer belts (no [layers.river_buffers] and no widths on [layers.rivers])"};
        } else {
            head = {fmt::format("项目没有 [layers.{}]（{}）", key, layers::role_label(a.role, "zh")),
                    fmt::format("the project has no [layers.{}] ({})", key, layers::role_label(a.role, "en"))};
        }
        Note tail;
        if (a.required && !a.declared_absent) {
            tail = {
                fmt::format(
                    "；screen 与 indicators 将拒绝运行：请补充该图层，或在确无该图层时写 [layers.{}] optional = true",
                    key),
                fmt::format("; screen and indicators will refuse to run: add the layer, or, if the county has none, "
                            "write [layers.{}] optional = true",
                            key)};
        }
        // Acknowledged gaps and gaps that only cost a site's village are information, not warnings.
        const bool minor = a.declared_absent || (a.rule_ids.empty() && a.role == VectorRole::Villages);
        out.push_back({minor ? Severity::Info : Severity::Warning,
                       {head.zh + "：" + joined(zh, "；") + tail.zh, head.en + ": " + joined(en, "; ") + tail.en}});
    }
    return out;
}

std::vector<Finding> special_shrubland_findings(const layers::Project& p, const layers::VectorLayer* landuse,
                                                const geo::AreaCalculator& calc, geo::AreaMode mode) {
    const std::string& source = p.indicators.special_shrubland;
    if (!source.empty() || !landuse) return {};
    // How much is at stake: every 0305 polygon of the land use.
    double shrub_m2 = 0;
    size_t n = 0;
    if (const auto code_field = p.field(VectorRole::Landuse, "code_field")) {
        if (const auto idx = landuse->field_index(*code_field)) {
            for (const auto& f : landuse->features) {
                if (canonical_code(layers::to_text(f.attrs[*idx])) != "0305") continue;
                shrub_m2 += calc.area(f.geom.get(), mode);
                ++n;
            }
        }
    }
    if (n == 0) return {};  // no shrubland, nothing left out
    const std::string ha = fmt::format("{:.2f}", shrub_m2 / 1e4);
    const Note what = layers::make_note(
        "土地利用图层没有国家特别规定灌木林地标记：按三调后口径计算森林覆盖率时，全部 {} 个灌木林地（0305）图斑共 {} "
        "公顷不计入森林；"
        "如本县有特别规定灌木林地，请在 [layers.landuse] 写 special_shrub_field，或以 [layers.special_shrubland] "
        "提供其范围；如确无，请在 [indicators] 写 special_shrubland = \"none\"",
        "the land use has no special-shrubland flag: on the post-三调 basis forest coverage leaves out all {} "
        "shrubland "
        "(0305) polygons, {} ha; if the county has nationally specified special shrubland, name special_shrub_field "
        "in [layers.landuse] or give its areas as [layers.special_shrubland]; if it has none, write "
        "special_shrubland = \"none\" in [indicators]",
        n, ha);
    return {{Severity::Warning,
             {p.vector(VectorRole::Landuse)->path_as_written + "：" + what.zh,
              p.vector(VectorRole::Landuse)->path_as_written + ": " + what.en}}};
}

std::vector<Finding> site_category_findings(const layers::Project& p, const layers::VectorLayer* sites,
                                            const layers::RuleList* rules) {
    const auto field = p.field(VectorRole::Sites, "industry_field");
    if (!sites || !rules || !field) return {};
    const auto idx = sites->field_index(*field);
    if (!idx) return {};  // reported on the layer
    const layers::VectorLayerSpec& spec = *p.vector(VectorRole::Sites);
    std::map<std::string, int> unknown;
    for (const auto& f : sites->features) {
        std::string v = layers::to_text(f.attrs[*idx]);
        if (auto it = spec.values.find(v); it != spec.values.end()) v = it->second;
        if (v.empty() || !rules->resolve_category(v)) ++unknown[layers::to_text(f.attrs[*idx])];
    }
    if (unknown.empty()) return {};
    std::string list;
    for (const auto& [v, n] : unknown) list += fmt::format("{}'{}' ×{}", list.empty() ? "" : ", ", v, n);
    const Note what = layers::make_note(
        "字段 {} 的取值不是准入清单的项目类别：{}；请在 [layers.sites.values] 中逐一映射为类别（{}）",
        "field {} has values that are not categories of the rules file: {}; map each in [layers.sites.values] to a "
        "category ({})",
        *field, list, rules->known_categories());
    return {{Severity::Problem, {spec.path_as_written + "：" + what.zh, spec.path_as_written + ": " + what.en}}};
}

std::vector<Finding> river_belt_findings(const layers::Project& p) {
    const layers::VectorLayerSpec* rivers = p.vector(VectorRole::Rivers);
    if (!p.vector(VectorRole::RiverBuffers) || !rivers) return {};
    if (rivers->buffer_m.empty() && !rivers->default_buffer_m) return {};
    return {
        {Severity::Warning,
         {"河流生态缓冲带同时以 [layers.river_buffers] 图层和 [layers.rivers] 的缓冲宽度给出：按图层计算，宽度不使用；"
          "请删去其一",
          "river buffer belts are given both as [layers.river_buffers] and as widths on [layers.rivers]: the layer "
          "is used and the widths are ignored; remove one of them"}}};
}

}  // namespace ecozone::analysis
