#include "report/indicators/indicators_view.h"

#include "report/common/html_util.h"
#include "report/common/provenance_html.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::report {

namespace {

using analysis::TargetCheck;

std::string ha(double m2) {
    return format_number(m2 / 1e4, 2);
}
std::string pct(double v) {
    return format_number(v, 2) + "%";
}
std::string pct(const TargetCheck& c) {
    return c.defined ? pct(c.value_pct) : "—";
}

std::string status(const TargetCheck& c, const Lang& t) {
    if (!c.defined) return t("无数据", "no data");
    return c.met ? t("✔ 达标", "✔ met") : t("✘ 未达标", "✘ not met");
}

TableView targets_table(const analysis::IndicatorResult& r, const Lang& t) {
    const auto& d = r.zones.front();
    std::vector<std::vector<std::string>> rows;
    std::string forest_note;
    if (d.forest.defined) {
        forest_note =
            d.forest.met
                ? fmt::format(t("高于目标 {} 公顷", "{} ha above the target"), format_number(-d.forest.margin_ha, 1))
                : fmt::format(t("森林还需增加 {} 公顷方可达到 {:g}%", "forest must grow by {} ha to reach {:g} %"),
                              format_number(d.forest.margin_ha, 1), d.forest.target_pct);
    }
    rows.push_back({t("森林覆盖率", "forest coverage"), pct(d.forest), "≥ " + pct(d.forest.target_pct),
                    status(d.forest, t), d.forest.defined ? format_number(d.forest.margin_pp, 2) : "—", forest_note});
    std::string wet_note = t("所选口径下无湿地", "no wetland on the chosen basis");
    if (d.wetland.defined) {
        wet_note = d.wetland.met ? fmt::format(t("高于目标 {} 公顷", "{} ha above the target"),
                                               format_number(-d.wetland.margin_ha, 1))
                                 : fmt::format(t("还需将 {} 公顷湿地纳入保护", "{} ha more wetland must be protected"),
                                               format_number(d.wetland.margin_ha, 1));
    }
    if (r.wetland_assessed) {
        rows.push_back({t("湿地保护率", "wetland protection rate"), pct(d.wetland), "≥ " + pct(d.wetland.target_pct),
                        status(d.wetland, t), d.wetland.defined ? format_number(d.wetland.margin_pp, 2) : "—",
                        wet_note});
    } else {
        rows.push_back({t("湿地保护率", "wetland protection rate"), "—", "≥ " + pct(d.wetland.target_pct),
                        t("未评估", "not assessed"), "—",
                        t("项目没有任何湿地保护图层（自然保护区、湿地公园、重要湿地等）",
                          "the project has none of the wetland protection layers (reserve, wetland parks, important "
                          "wetlands …)")});
    }
    if (r.redline_assessed) {
        std::string red_status = t("无基期数据", "no baseline"), red_margin = "—", red_note;
        if (r.redline.defined) {
            red_status = r.redline.not_fallen ? t("✔ 未减少", "✔ not decreased") : t("✘ 已减少", "✘ decreased");
            red_margin = signed_number(r.redline.change_pp, 2);
            red_note =
                fmt::format(t("较基期 {} 公顷", "{} ha against the baseline"), signed_number(r.redline.change_ha, 1));
        }
        rows.push_back({t("生态保护红线占比", "red-line share"), pct(d.redline_pct),
                        r.redline.baseline_pct ? "≥ " + pct(*r.redline.baseline_pct) : t("不减少", "must not fall"),
                        red_status, red_margin, red_note});
    } else {
        rows.push_back({t("生态保护红线占比", "red-line share"), "—", t("不减少", "must not fall"),
                        t("未评估", "not assessed"), "—",
                        t("缺少图层：生态保护红线（项目声明 optional = true）",
                          "missing layer: ecological protection red line (declared optional)")});
    }
    return text_table({t("指标", "indicator"), t("现状值", "value"), t("目标", "target"), t("评价", "status"),
                       t("差距（百分点）", "margin (pp)"), t("说明", "note")},
                      rows, "targets");
}

TableView townships_table(const analysis::IndicatorResult& r, const Lang& t) {
    std::vector<std::vector<std::string>> rows;
    const std::string na = t("未评估", "not assessed");
    for (const auto& z : r.zones) {
        std::vector<std::string> row = {z.name,
                                        ha(z.area_m2),
                                        ha(z.forest_m2),
                                        pct(z.forest),
                                        status(z.forest, t),
                                        ha(z.wetland_m2),
                                        r.wetland_assessed ? pct(z.wetland) : na,
                                        r.wetland_assessed ? status(z.wetland, t) : na,
                                        r.redline_assessed ? ha(z.redline_m2) : na,
                                        r.redline_assessed ? pct(z.redline_pct) : na};
        rows.push_back(row);
    }
    std::vector<std::string> header = {t("单位", "unit"),
                                       t("面积（公顷）", "area (ha)"),
                                       t("森林（公顷）", "forest (ha)"),
                                       t("森林覆盖率", "forest coverage"),
                                       t("森林评价", "forest target"),
                                       t("湿地（公顷）", "wetland (ha)"),
                                       t("湿地保护率", "wetland protection"),
                                       t("湿地评价", "wetland target"),
                                       t("红线（公顷）", "red line (ha)"),
                                       t("红线占比", "red-line share")};
    // The raster route's figures per unit are in the route comparison table (section 4), not
    // here: eleven columns do not fit an A4 page.
    return text_table(header, rows, "units wide");
}

TableView class_table(const analysis::ZoneResult& z, const analysis::IndicatorResult& r, const Lang& t) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : z.classes) {
        std::vector<std::string> row = {c.code, c.name, layers::group_label(c.group, t.en ? "en" : "zh"),
                                        ha(c.area_m2)};
        if (r.has_attr_area) row.push_back(ha(c.attr_area_m2));
        row.push_back(ha(c.redline_m2));
        row.push_back(pct(z.area_m2 > 0 ? 100.0 * c.area_m2 / z.area_m2 : 0.0));
        rows.push_back(row);
    }
    std::vector<std::string> header = {t("地类编码", "code"), t("地类名称", "class"), t("大类", "group"),
                                       t("图斑面积（公顷）", "area (ha)")};
    if (r.has_attr_area)
        header.push_back(t("属性面积（公顷）", "attribute area (ha)") + std::string(" ") + r.attr_area_field);
    header.push_back(t("红线内（公顷）", "in red line (ha)"));
    header.push_back(t("占比", "share"));
    return text_table(header, rows, "classes");
}

// The indicators themselves by both routes: the figure where the raster can support the basis,
// 不可比 and the reason where it cannot.
TableView route_indicator_table(const analysis::IndicatorResult& r, const Lang& t) {
    std::vector<std::vector<std::string>> rows;
    const double tol = r.settings.route_tolerance_pct;
    for (const auto& z : r.zones) {
        const auto& x = *z.raster;
        auto add = [&](const std::string& what, const TargetCheck& vec, const TargetCheck& ras,
                       const analysis::Comparability& cmp, double diff) {
            if (!cmp.comparable) {
                rows.push_back({z.name, what, pct(vec), t("不可比", "not comparable"), "—", t(cmp.reason)});
                return;
            }
            rows.push_back({z.name, what, pct(vec), pct(ras), format_number(diff, 2), diff > tol ? "⚠" : ""});
        };
        add(t("森林覆盖率", "forest coverage"), z.forest, x.forest, x.forest_comparable, x.forest_diff_pp);
        if (r.wetland_assessed) {
            add(t("湿地保护率", "wetland protection rate"), z.wetland, x.wetland, x.wetland_comparable,
                x.wetland_diff_pp);
        }
    }
    return text_table({t("单位", "unit"), t("指标", "indicator"), t("矢量法", "vector"), t("栅格法", "raster"),
                       t("差异（百分点）", "difference (pp)"), t("说明", "note")},
                      rows, "route-indicators");
}

// What each raster class stands for and counts as.
TableView raster_classes_table(const analysis::IndicatorResult& r, const Lang& t) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : r.raster_meanings) {
        std::string codes;
        for (const auto& c : m.codes) codes += (codes.empty() ? "" : " ") + c;
        rows.push_back({std::to_string(m.value), m.name, codes, t(m.counts_as)});
    }
    return text_table({t("像元值", "value"), t("类别名称", "class"), t("代表的三调地类", "三调 codes it stands for"),
                       t("计入方式", "counts as")},
                      rows, "raster-classes");
}

TableView route_table(const analysis::IndicatorResult& r, const Lang& t) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& z : r.zones) {
        for (auto g : layers::all_land_groups()) {
            const double v = z.group_m2.count(g) ? z.group_m2.at(g) : 0.0;
            const double x = z.raster->group_m2.count(g) ? z.raster->group_m2.at(g) : 0.0;
            if (v == 0 && x == 0) continue;
            const double diff = z.area_m2 > 0 ? 100.0 * (x - v) / z.area_m2 : 0.0;
            rows.push_back({z.name, layers::group_label(g, t.en ? "en" : "zh"), ha(v), ha(x), format_number(diff, 2),
                            std::fabs(diff) > r.settings.route_tolerance_pct ? "⚠" : ""});
        }
    }
    return text_table({t("单位", "unit"), t("大类", "group"), t("矢量法（公顷）", "vector (ha)"),
                       t("栅格法（公顷）", "raster (ha)"), t("差异（百分点）", "difference (pp)"), t("超限", "flag")},
                      rows, "routes");
}

TableView method_table(const analysis::IndicatorResult& r, const layers::Catalogue& c, const Lang& t) {
    const std::string lang = t.en ? "en" : "zh";
    std::vector<std::vector<std::string>> rows = {
        {t("面积计算", "area"), geo::describe_area_mode(r.mode, c.working.epsg, !t.en)},
        {t("工作坐标系", "working CRS"),
         fmt::format(t("EPSG:{} {}（{}）", "EPSG:{} {} ({})"), c.working.epsg, c.working.name, t(c.working.chosen_by))},
        {t("森林覆盖率", "forest coverage"),
         t("符合口径的森林面积 ÷ 单位土地面积；", "qualifying forest area ÷ land area of the unit; ") +
             r.forest_basis.describe(lang)},
        {t("国家特别规定灌木林地", "special shrubland"), t(analysis::special_shrubland_note(r))},
        {t("湿地保护率", "wetland protection rate"),
         t("保护范围（各保护图层求并，不重复计算）内湿地面积 ÷ 湿地总面积；",
           "wetland area inside the union of the protection layers (never summed) ÷ wetland area; ") +
             r.wetland_basis.describe(lang)},
        {t("保护图层", "protection layers"),
         [&] {
             std::string s;
             // Role keys as the planners name the layers (湿地公园, not wetland_parks).
             auto label = [&](const std::string& key) { return layers::role_label_of_key(key, lang); };
             const char* sep = t("、", ", ");
             for (const auto& l : r.protection_layers) s += (s.empty() ? "" : sep) + label(l);
             for (const auto& l : r.protection_missing)
                 s += (s.empty() ? "" : sep) + label(l) + t("（项目未提供）", " (not in the project)");
             return s.empty() ? std::string("—") : s;
         }()},
        {t("生态保护红线占比", "red-line share"),
         t("单位内红线（多边形求并）面积 ÷ 单位面积", "area of the red-line union inside the unit ÷ unit area")},
        {t("矢量法", "vector route"),
         t("土地利用图斑完全位于单位内的直接计入，跨界图斑按边界裁切（GEOS OverlayNG）",
           "land-use polygons wholly inside a unit counted whole, boundary polygons clipped (GEOS OverlayNG)")},
    };
    if (r.has_attr_area) {
        rows.push_back({t("属性面积", "attribute area"),
                        fmt::format(t("字段 {} 按裁切面积比例分摊，与图形面积并列报告",
                                      "field {} apportioned by clipped area, reported beside the geometric area"),
                                    r.attr_area_field)});
    }
    if (r.has_raster) {
        rows.push_back(
            {t("栅格法", "raster route"),
             t("分类栅格按像元被单位覆盖的精确面积比例加权（非中心点采样）；",
               "classified raster, each pixel weighted by the exact fraction inside the unit (not centre sampling); ") +
                 t(r.pixel_area_method) +
                 (r.raster_warped ? t("；栅格已按最邻近法重投影", "; raster warped (nearest neighbour)") : "")});
        rows.push_back({t("两法容差", "route tolerance"),
                        fmt::format(t("各大类面积占比差异超过 {:g} 个百分点时标注 ⚠",
                                      "a land group whose share differs by more than {:g} pp is flagged ⚠"),
                                    r.settings.route_tolerance_pct)});
        rows.push_back(
            {t("栅格分类表", "raster classes"), t("见上节“栅格类别计入方式”", "see “raster classes” above")});
    }
    return text_table({t("项目", "item"), t("方法", "method")}, rows, "method");
}

}  // namespace

IndicatorsPageView indicators_page_view(const analysis::IndicatorResult& r, const layers::Catalogue& c,
                                        const Provenance& p, const Lang& t) {
    const auto& d = r.zones.front();
    IndicatorsPageView v;
    v.lang = t.en ? "en" : "zh-CN";
    v.title = d.name + t(" 生态指标核算报告", " ecological indicators");
    v.heading = d.name + t(" 生态指标核算报告", " — ecological indicator evidence");
    v.summary = fmt::format(t("项目：{}；运行编号 {}；{}；面积：{}。", "project: {}; run {}; {}; areas: {}."),
                            c.project.name, p.run_id, p.started_utc,
                            r.mode == geo::AreaMode::Ellipsoidal ? t("椭球面积（CGCS2000）", "ellipsoidal (CGCS2000)")
                                                                 : t("高斯-克吕格平面面积", "planar Gauss-Krüger"));
    v.targets_heading = t("一、目标达成情况", "1. Targets");
    v.targets = targets_table(r, t);
    v.townships_heading = t("二、分乡镇指标", "2. By township");
    v.townships = townships_table(r, t);
    v.maps_heading = t("三、地图", "3. Maps");
    v.classes_heading = t("四、地类面积表（含红线内）", "4. Land-class tables (and inside the red line)");
    for (const auto& z : r.zones) v.unit_classes.push_back({z.name, class_table(z, r, t)});
    v.has_routes = r.has_raster;
    if (r.has_raster) {
        v.routes.heading = t("五、矢量法与栅格法对比", "5. Vector and raster routes compared");
        v.routes.indicators = route_indicator_table(r, t);
        v.routes.groups_heading = t("地类大类面积", "land groups");
        v.routes.groups = route_table(r, t);
        v.routes.raster_classes_heading = t("栅格类别计入方式", "raster classes");
        v.routes.raster_classes = raster_classes_table(r, t);
    }
    v.method_heading = t("六、计算方法", "6. Method");
    v.method = method_table(r, c, t);
    v.provenance_heading = t("七、数据来源与校验", "7. Provenance");
    v.provenance_html = provenance_html(p, t, t("运行编号", "run id"), "indicators.html");
    return v;
}

}  // namespace ecozone::report
