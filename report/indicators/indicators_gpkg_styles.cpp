#include "report/indicators/indicators_gpkg_styles.h"

#include "report/common/qml.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::report {

namespace {

// ColorBrewer RdYlGn: warm below the target (palest just under it), green from it up.
constexpr const char* kBelow[] = {"#ffffbf", "#fdae61", "#d7191c", "#a50026", "#67001f"};
constexpr const char* kAbove[] = {"#a6d96a", "#1a9641", "#006837", "#00441b"};

std::string units_style(const Lang& t, double target) {
    std::vector<double> bounds = {0, 5, 10, 15, 20, 100};
    if (target > 0 && target < 100) bounds.push_back(target);
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

    std::vector<qml::Range> ranges;
    // Classes below the target (the target is a bound, so none straddles it).
    const size_t below =
        static_cast<size_t>(std::count_if(bounds.begin() + 1, bounds.end(), [&](double b) { return b <= target; }));
    for (size_t i = 0; i + 1 < bounds.size(); ++i) {
        const double lo = bounds[i], hi = bounds[i + 1];
        const bool met = lo >= target;
        std::string label = i == 0                   ? fmt::format("< {:g} %", hi)
                            : i + 2 == bounds.size() ? fmt::format("≥ {:g} %", lo)
                                                     : fmt::format("{:g}–{:g} %", lo, hi);
        label += met ? t("（达标）", " (target met)") : t("（未达标）", " (below target)");
        // Distance from the target in classes picks the colour: the classes next to it are the palest.
        const size_t k = met ? i - below : below - 1 - i;
        const char* colour =
            met ? kAbove[std::min(k, std::size(kAbove) - 1)] : kBelow[std::min(k, std::size(kBelow) - 1)];
        ranges.push_back({lo, hi, label, {qml::hex(colour), qml::hex("#4d4d4d"), 0.3, "solid"}});
    }
    // Highest first: QGIS gives a value on a shared bound to the first class listed that holds
    // it, so 15.0 falls in "15–20 %（达标）" and never in the class below the target.
    std::reverse(ranges.begin(), ranges.end());

    qml::Options o;
    // Each township's name and coverage; the district's only when it is alone (its label would
    // otherwise sit over a township's).
    o.labels = qml::Labels{
        "CASE WHEN \"level\" = 'district' AND aggregate(@layer, 'count', \"name\", \"level\" = 'township') > 0 "
        "THEN NULL ELSE \"name\" || coalesce('\\n' || format_number(\"forest_pct\", 1) || ' %', '') END",
        true};
    // The district row covers its townships: drawn first, so that they lie over it (and it shows
    // alone in a project without townships).
    o.draw_order = "\"level\" = 'township'";
    return qml::graduated_fill("forest_pct", ranges, o);
}

}  // namespace

std::vector<LayerStyle> indicators_gpkg_styles(const Lang& t, double forest_target_pct) {
    return {
        {"units",
         t("全区及各乡镇的森林覆盖率、湿地保护率和生态保护红线占比，按森林覆盖率分级着色",
           "The district and its townships: forest coverage, wetland protection rate and red-line share, coloured "
           "by forest coverage"),
         units_style(t, forest_target_pct), t("森林覆盖率", "forest coverage")},
        {"forest", t("计入森林覆盖率的林地图斑", "Land-use polygons counted as forest"),
         qml::single_fill({qml::hex("#006d2c", 200), qml::hex("#00441b"), 0.1, "solid"}), t("森林", "forest")},
        {"protected_wetland",
         t("受保护的湿地：湿地图斑在保护地内的部分",
           "Protected wetland: the parts of wetland polygons inside the "
           "protected areas"),
         qml::single_fill({qml::hex("#2c7fb8", 200), qml::hex("#08519c"), 0.2, "solid"}),
         t("受保护湿地", "protected wetland")},
    };
}

}  // namespace ecozone::report
