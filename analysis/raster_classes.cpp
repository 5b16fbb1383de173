#include "analysis/raster_classes.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::analysis {

namespace {

// How a single code counts as forest on the raster route.
Counts forest_of_code(const std::string& code, const ForestBasis& forest, const std::string& special_shrubland) {
    if (code == "0301" || code == "0302") return Counts::Yes;
    if (code != "0305") return Counts::No;
    // A shrub class represents shrubland above the cover threshold (the legacy rule).
    if (forest.name == "legacy") return Counts::Yes;
    // Post-三调: only the special shrubland counts, which a classifier cannot see — unless the
    // county has none, or gives none (then the vector route counts none either, and warns).
    return special_shrubland == "field" || special_shrubland == "layer" ? Counts::Partly : Counts::No;
}

Counts combine(const std::vector<Counts>& parts) {
    if (parts.empty()) return Counts::No;
    const bool all_yes = std::all_of(parts.begin(), parts.end(), [](Counts c) { return c == Counts::Yes; });
    const bool all_no = std::all_of(parts.begin(), parts.end(), [](Counts c) { return c == Counts::No; });
    return all_yes ? Counts::Yes : all_no ? Counts::No : Counts::Partly;
}

layers::Note counts_note(Counts c, const char* zh_what, const char* en_what) {
    switch (c) {
        case Counts::Yes:
            return {fmt::format("计入{}", zh_what), fmt::format("counts as {}", en_what)};
        case Counts::No:
            return {fmt::format("不计入{}", zh_what), fmt::format("not {}", en_what)};
        case Counts::Partly:
            return {fmt::format("部分属于{}，栅格无法区分（不可比）", zh_what),
                    fmt::format("partly {}, which the raster cannot tell apart (not comparable)", en_what)};
    }
    return {};
}

// `zh_what` / `en_what`: the land ("森林"); `zh_indicator` / `en_indicator`: the indicator ("森林覆盖率").
Comparability comparability(const std::vector<RasterClassMeaning>& classes, const std::vector<int>& present,
                            Counts RasterClassMeaning::*which, const char* zh_what, const char* en_what,
                            const char* zh_indicator, const char* en_indicator) {
    std::string zh, en;
    for (const auto& c : classes) {
        if (c.*which != Counts::Partly) continue;
        if (std::find(present.begin(), present.end(), c.value) == present.end()) continue;
        std::string codes;
        for (const auto& code : c.codes) codes += (codes.empty() ? "" : " ") + code;
        zh += fmt::format("{}{} {}（{}）", zh.empty() ? "" : "、", c.value, c.name, codes);
        en += fmt::format("{}{} {} ({})", en.empty() ? "" : ", ", c.value, c.name, codes);
    }
    if (zh.empty()) return {};
    return {
        false,
        {fmt::format("栅格类别 {} 只有一部分属于{}，分类栅格无法区分，栅格法{}不可比", zh, zh_what, zh_indicator),
         fmt::format("raster classes {} are only partly {}, which a classified raster cannot tell apart: the raster "
                     "route's {} is not comparable",
                     en, en_what, en_indicator)}};
}

}  // namespace

std::vector<RasterClassMeaning> interpret_raster_classes(const std::vector<layers::RasterClass>& classes,
                                                         const ForestBasis& forest, const WetlandBasis& wetland,
                                                         const std::string& special_shrubland) {
    std::vector<RasterClassMeaning> out;
    for (const auto& rc : classes) {
        RasterClassMeaning m;
        m.value = rc.value;
        m.name = rc.name;
        for (const auto& code : rc.codes) m.codes.push_back(canonical_code(code));
        if (rc.group) {
            for (layers::LandGroup g : layers::all_land_groups()) {
                if (*rc.group == layers::group_key(g)) m.group = g;
            }
            // A group-only class stands for every code of its group.
            if (m.codes.empty()) {
                for (const auto& lc : layers::all_land_classes()) {
                    if (lc.group == m.group) m.codes.push_back(lc.code);
                }
            }
        } else if (!m.codes.empty()) {
            if (auto lc = layers::find_land_class(m.codes.front())) m.group = lc->group;
        }
        std::vector<Counts> f, w;
        for (const auto& code : m.codes) {
            f.push_back(forest_of_code(code, forest, special_shrubland));
            w.push_back(wetland.counts(code) ? Counts::Yes : Counts::No);
        }
        m.forest = combine(f);
        m.wetland = combine(w);
        const layers::Note fn = counts_note(m.forest, "森林", "forest");
        const layers::Note wn = counts_note(m.wetland, "湿地", "wetland");
        const std::string group_zh = layers::group_label(m.group, "zh"), group_en = layers::group_label(m.group, "en");
        m.counts_as = {fmt::format("{}；{}；{}", group_zh, fn.zh, wn.zh),
                       fmt::format("{}; {}; {}", group_en, fn.en, wn.en)};
        out.push_back(std::move(m));
    }
    return out;
}

Comparability forest_comparability(const std::vector<RasterClassMeaning>& classes, const std::vector<int>& present) {
    return comparability(classes, present, &RasterClassMeaning::forest, "森林", "forest", "森林覆盖率",
                         "forest coverage");
}

Comparability wetland_comparability(const std::vector<RasterClassMeaning>& classes, const std::vector<int>& present) {
    return comparability(classes, present, &RasterClassMeaning::wetland, "湿地", "wetland", "湿地保护率",
                         "wetland protection rate");
}

}  // namespace ecozone::analysis
