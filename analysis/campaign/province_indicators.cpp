#include "analysis/campaign/province_indicators.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace ecozone::analysis::campaign {

using layers::make_note;

double round_ha(double ha) {
    return std::round(ha * 1e4) / 1e4;
}
double round_pct(double pct) {
    return std::round(pct * 1e6) / 1e6;
}

namespace {

// Hectares to 4 decimals are whole square metres: summed as integers, the province's total is
// exact and does not depend on the order of the counties.
std::int64_t m2(double ha) {
    return std::llround(ha * 1e4);
}
double ha_of(std::int64_t square_metres) {
    return static_cast<double>(square_metres) / 1e4;
}

std::string label(const CountyFigures& c) {
    return c.code.empty() ? c.name : fmt::format("{} ({})", c.name, c.code);
}

template <typename T>
T field(const nlohmann::json& j, const nlohmann::json::json_pointer& p, const std::string& source) {
    try {
        return j.at(p).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw make_error<DataError>("{0}：缺少 {1}；这不是 ecozone indicators 写出的 indicators.json，请重新运行该县的任务",
                                    "{0}: no {1}; this is not an indicators.json written by ecozone indicators: run the "
                                    "county's task again",
                                    source, p.to_string());
    }
}

using P = nlohmann::json::json_pointer;

}  // namespace

CountyFigures read_county_figures(const nlohmann::json& j, const std::string& source, int task) {
    CountyFigures c;
    c.task = task;
    c.source = source;
    c.name = field<std::string>(j, P("/project/name"), source);
    c.code = field<std::string>(j, P("/project/admin_code"), source);
    c.area_mode = field<std::string>(j, P("/method/area_mode"), source);
    c.forest_basis = field<std::string>(j, P("/method/forest_basis/name"), source);
    c.wetland_basis = field<std::string>(j, P("/method/wetland_basis/name"), source);
    const auto& zones = field<nlohmann::json>(j, P("/zones"), source);
    const nlohmann::json* district = nullptr;
    for (const auto& z : zones)
        if (z.value("level", "") == "district") district = &z;
    if (!district) {
        throw make_error<DataError>("{}：没有 level 为 district 的单元；请重新运行该县的任务",
                                    "{}: no zone of level district; run the county's task again", source);
    }
    const nlohmann::json& d = *district;
    c.area_ha = field<double>(d, P("/area_ha"), source);
    c.forest_ha = field<double>(d, P("/forest/area_ha"), source);
    c.forest_pct = d.at(P("/forest/coverage")).value("value_pct", 0.0);
    c.forest_target_pct = field<double>(d, P("/forest/coverage/target_pct"), source);
    c.wetland_ha = field<double>(d, P("/wetland/area_ha"), source);
    c.wetland_protected_ha = field<double>(d, P("/wetland/protected_ha"), source);
    const auto& rate = field<nlohmann::json>(d, P("/wetland/protection_rate"), source);
    c.wetland_assessed = rate.value("assessed", true);
    if (c.wetland_assessed && rate.value("defined", false)) c.wetland_pct = rate.at("value_pct").get<double>();
    // a rate not assessed carries no target; the target is the same for every county reading it
    c.wetland_target_pct = rate.value("target_pct", j.value(P("/targets/wetland_protection_rate/target_pct"), 0.0));
    const auto& red = field<nlohmann::json>(d, P("/redline"), source);
    c.redline_assessed = red.value("assessed", false);
    if (c.redline_assessed) {
        c.redline_ha = field<double>(red, P("/area_ha"), source);
        c.redline_pct = field<double>(red, P("/share_pct"), source);
    }
    const auto& share = field<nlohmann::json>(j, P("/targets/redline_share"), source);
    if (share.contains("baseline_ha") && share["baseline_ha"].is_number()) {
        c.redline_baseline_ha = share["baseline_ha"].get<double>();
    } else if (share.contains("baseline_pct") && share["baseline_pct"].is_number()) {
        // the county's own conversion (docs/indicators.md §3): the share of its own area
        c.redline_baseline_ha = round_ha(share["baseline_pct"].get<double>() * c.area_ha / 100.0);
    }
    const nlohmann::json groups = field<nlohmann::json>(d, P("/groups_ha"), source);
    for (const auto& [g, a] : groups.items()) c.groups_ha[g] = a.get<double>();
    return c;
}

ProvinceFigures province_figures(const std::vector<CountyFigures>& counties) {
    if (counties.empty()) throw DataError("没有县的指标可汇总", "no county indicators to merge");
    const CountyFigures& first = counties.front();
    ProvinceFigures p;
    p.area_mode = first.area_mode;
    p.forest_basis = first.forest_basis;
    p.wetland_basis = first.wetland_basis;
    for (const auto& c : counties) {
        auto refuse = [&](const char* key, const std::string& a, const std::string& b) {
            throw make_error<DataError>(
                "县 {0} 的 {2} 是 {3}，县 {1} 的是 {4}：不同口径的面积不能相加；请让各县用同一口径重新运行（项目文件 [indicators] 或 [project] area_mode）",
                "county {0} has {2} {3} but county {1} has {4}: areas on different bases cannot be added; run every "
                "county on one basis ([indicators] or [project] area_mode of the project files)",
                label(first), label(c), key, a, b);
        };
        if (c.area_mode != first.area_mode) refuse("area_mode", first.area_mode, c.area_mode);
        if (c.forest_basis != first.forest_basis) refuse("forest_basis", first.forest_basis, c.forest_basis);
        if (c.wetland_basis != first.wetland_basis) refuse("wetland_basis", first.wetland_basis, c.wetland_basis);
    }

    std::int64_t area = 0, forest = 0, wetland = 0, protected_wetland = 0, redline = 0, baseline = 0;
    std::map<std::string, std::int64_t> groups;
    bool all_baselines = true;
    std::vector<std::string> no_baseline;
    for (const auto& c : counties) {
        area += m2(c.area_ha);
        forest += m2(c.forest_ha);
        if (c.wetland_assessed) {
            wetland += m2(c.wetland_ha);
            protected_wetland += m2(c.wetland_protected_ha);
        } else {
            p.wetland.assessed = false;
            p.wetland.lacking.push_back(label(c));
        }
        if (c.redline_assessed) {
            redline += m2(c.redline_ha);
        } else {
            p.redline.assessed = false;
            p.redline.lacking.push_back(label(c));
        }
        if (c.redline_baseline_ha) {
            baseline += m2(*c.redline_baseline_ha);
        } else {
            all_baselines = false;
            no_baseline.push_back(label(c));
        }
        for (const auto& [g, a] : c.groups_ha) groups[g] += m2(a);
    }
    p.area_ha = ha_of(area);
    for (const auto& [g, a] : groups) p.groups_ha[g] = ha_of(a);

    auto same_target = [&](auto get) -> std::optional<double> {
        for (const auto& c : counties)
            if (get(c) != get(first)) return std::nullopt;
        return get(first);
    };
    auto ratio = [](ProvinceRatio& r, std::int64_t num, std::int64_t den) {
        r.numerator_ha = ha_of(num);
        r.denominator_ha = ha_of(den);
        if (!r.assessed || den <= 0) return;
        r.value_pct = round_pct(100.0 * static_cast<double>(num) / static_cast<double>(den));
        if (r.target_pct) {
            r.met = *r.value_pct >= *r.target_pct;
            r.margin_ha = round_ha(*r.target_pct / 100.0 * r.denominator_ha - r.numerator_ha);
        }
    };
    p.forest.target_pct = same_target([](const CountyFigures& c) { return c.forest_target_pct; });
    p.wetland.target_pct = same_target([](const CountyFigures& c) { return c.wetland_target_pct; });
    ratio(p.forest, forest, area);
    ratio(p.wetland, protected_wetland, wetland);
    ratio(p.redline, redline, area);
    if (!p.forest.target_pct) {
        p.notes.push_back({"各县的森林覆盖率目标不同，全省不判断是否达标",
                           "the counties' forest coverage targets differ: the province is not judged against one"});
    }
    if (!p.wetland.target_pct) {
        p.notes.push_back({"各县的湿地保护率目标不同，全省不判断是否达标",
                           "the counties' wetland protection targets differ: the province is not judged against one"});
    }
    if (p.redline.assessed && all_baselines) {
        p.redline_baseline_ha = ha_of(baseline);
        p.redline_not_decreased = redline >= baseline;
    } else if (p.redline.assessed) {
        std::string names;
        for (const auto& n : no_baseline) names += (names.empty() ? "" : ", ") + n;
        p.notes.push_back(make_note("县 {} 没有红线基期面积，全省红线是否减少无法判断",
                                    "counties {} have no red-line baseline: whether the province's red line fell "
                                    "cannot be judged",
                                    names));
    }
    return p;
}

}  // namespace ecozone::analysis::campaign
