#include "report/campaign/province_html.h"

#include "report/campaign/province_table.h"
#include "report/common/html_util.h"
#include "report/common/svg_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecozone::report {

namespace campaign = analysis::campaign;

namespace {

std::string ratio_text(const campaign::ProvinceRatio& r, const Lang& t) {
    if (!r.assessed) return not_assessed_text(r, t);
    if (!r.value_pct) return t("无数据", "no data");
    std::string s = format_number(*r.value_pct, 2) + "%";
    if (r.target_pct) {
        s += fmt::format(" ({} {}%) — {}", t("目标", "target"), format_number(*r.target_pct, 1),
                         r.met.value_or(false) ? t("达标", "met") : t("未达标", "NOT met"));
    }
    return s;
}

std::string choropleth(const std::vector<campaign::CountyFigures>& counties, const std::vector<const GEOSGeometry*>& outlines,
                       const campaign::ProvinceFigures& p, const geo::GeosContext& geos, const Lang& t) {
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (const GEOSGeometry* g : outlines) {
        if (!g) continue;
        const auto b = geos.bounds(g);
        minx = std::min(minx, b.minx);
        miny = std::min(miny, b.miny);
        maxx = std::max(maxx, b.maxx);
        maxy = std::max(maxy, b.maxy);
    }
    if (!(minx < maxx && miny < maxy)) return "";
    const double pad = 0.04 * std::max(maxx - minx, maxy - miny);
    SvgMap map(geos, minx - pad, miny - pad, maxx + pad, maxy + pad, 820, 560);
    map.set_title(t("各县森林覆盖率", "Forest coverage by county"));
    std::vector<double> values;
    for (const auto& c : counties) values.push_back(c.forest_pct);
    const double target = p.forest.target_pct.value_or(15.0);
    const auto breaks = breaks_with_target(
        class_breaks(values, std::min<int>(5, std::max<int>(1, static_cast<int>(values.size()))), false), target);
    const int classes = breaks.size() > 1 ? static_cast<int>(breaks.size()) - 1 : 1;
    auto color = [&](int k) { return ramp_color(classes > 1 ? static_cast<double>(k) / (classes - 1) : 0.5); };
    for (size_t i = 0; i < counties.size(); ++i) {
        if (!outlines[i]) continue;
        const auto& c = counties[i];
        map.add(outlines[i], Style{color(std::max(0, class_index(c.forest_pct, breaks))), "#333", 1.0, 1.0, ""},
                fmt::format("{}: {}%", c.name, format_number(c.forest_pct, 2)));
        GEOSGeometry* pt = GEOSPointOnSurface_r(geos.handle(), outlines[i]);
        if (!pt) continue;
        geo::GeomPtr owned = geos.own(pt, "point on surface");
        double x = 0, y = 0;
        GEOSGeomGetX_r(geos.handle(), owned.get(), &x);
        GEOSGeomGetY_r(geos.handle(), owned.get(), &y);
        map.add_label(x, y, c.name + " " + format_number(c.forest_pct, 2) + "%", 12);
    }
    for (int k = 0; k < classes && breaks.size() > 1; ++k) {
        const auto lo = breaks[static_cast<size_t>(k)], hi = breaks[static_cast<size_t>(k) + 1];
        map.add_legend_item(Style{color(k), "#333", 0.8, 1.0, ""},
                            format_number(lo, 1) + "–" + format_number(hi, 1) + "%" +
                                (lo >= target ? t("（达标）", " (meets target)") : t("（未达标）", " (below target)")));
    }
    map.set_legend_title(t("森林覆盖率", "forest coverage"));
    map.set_north_label(t("北", "N"));
    map.scale_bar();
    map.north_arrow();
    return map.str();
}

}  // namespace

std::string province_html(const campaign::Plan& plan, const std::vector<campaign::CountyFigures>& counties,
                          const std::vector<const GEOSGeometry*>& outlines, const campaign::ProvinceFigures& p,
                          const Table& table, const geo::GeosContext& geos, const Lang& t, const std::string& merged_utc) {
    std::string body;
    const std::string title = fmt::format(t("{}：全省生态指标汇总", "{}: province indicators"), plan.name);
    body += "<h1>" + html_escape(title) + "</h1>\n";
    body += "<p>" +
            html_escape(fmt::format(t("{} 个县，汇总于 {}（UTC）。", "{} counties, merged {} (UTC)."), counties.size(),
                                    merged_utc)) +
            "</p>\n<table>\n";
    auto line = [&](const char* zh, const char* en, const std::string& value) {
        body += "<tr><th>" + html_escape(t(zh, en)) + "</th><td>" + html_escape(value) + "</td></tr>\n";
    };
    line("土地面积", "land area", format_number(p.area_ha, 4) + t(" 公顷", " ha"));
    line("森林覆盖率", "forest coverage", ratio_text(p.forest, t));
    line("湿地保护率", "wetland protection rate", ratio_text(p.wetland, t));
    std::string red = ratio_text(p.redline, t);
    if (p.redline.assessed) red += " (" + format_number(p.redline.numerator_ha, 4) + t(" 公顷", " ha") + ")";
    if (p.redline_not_decreased) {
        red += *p.redline_not_decreased ? t("，不低于各县基期之和", ", not below the sum of the counties' baselines")
                                        : t("，低于各县基期之和！", ", BELOW the sum of the counties' baselines");
    }
    line("生态保护红线占比", "red-line share", red);
    body += "</table>\n";
    for (const auto& n : p.notes) body += "<p>" + html_escape(t("注意：", "note: ") + t(n)) + "</p>\n";

    const std::string svg = choropleth(counties, outlines, p, geos, t);
    if (!svg.empty()) body += "<figure>" + svg + "</figure>\n";

    body += "<h2>" + html_escape(t("各县与全省", "Counties and province")) + "</h2>\n";
    std::vector<std::string> header;
    for (size_t i = 0; i < table.columns.size(); ++i) header.push_back(table.heading(i));
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : table.rows) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < r.size(); ++i) cells.push_back(cell_text(r[i], table.columns[i]));
        rows.push_back(std::move(cells));
    }
    body += html_table(header, rows, "wide");

    body += "<h2>" + html_escape(t("汇总方法", "How the province is computed")) + "</h2>\n<p>" +
            html_escape(t("全省面积为各县报告面积（公顷，保留 4 位小数）之和，按整平方米精确相加；全省森林覆盖率 = 各县森林面积之和 ÷ "
                          "各县土地面积之和，湿地保护率 = 各县受保护湿地之和 ÷ 各县湿地之和，红线占比 = 各县红线面积之和 ÷ "
                          "各县土地面积之和——不取各县百分比的平均。任一县未评估的指标，全省也标为未评估并列出这些县。各县输入数据及其 "
                          "SHA-256 见 provenance.json。",
                          "Province areas are the sums of the counties' reported areas (hectares to 4 decimals, added "
                          "exactly as whole square metres); the province's forest coverage = Σ forest / Σ land area, "
                          "wetland protection rate = Σ protected wetland / Σ wetland, red-line share = Σ red line / Σ "
                          "land area — never a mean of the counties' percentages. A figure any county could not assess "
                          "is not assessed for the province, naming those counties. Every county's inputs and their "
                          "SHA-256 are in provenance.json.")) +
            "</p>\n";
    body += "<p>" +
            html_escape(fmt::format(t("面积口径：{}；森林口径：{}；湿地口径：{}。", "Area mode: {}; forest basis: {}; wetland basis: {}."),
                                    p.area_mode, p.forest_basis, p.wetland_basis)) +
            "</p>\n";
    return html_page(title, body, t.en ? "en" : "zh-CN");
}

}  // namespace ecozone::report
