#include "cli/screening_html.h"

#include "cli/html_util.h"
#include "cli/provenance_html.h"
#include "cli/svg_map.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace ecozone::cli {

namespace {

using analysis::FiredRule;
using analysis::SiteResult;
using layers::VectorRole;
using layers::Verdict;

std::string lang_of(const Lang& t) { return t.en ? "en" : "zh"; }

// Site-level areas are small (a buffered point is ~0.03 ha): four decimals.
std::string ha(double m2) { return format_number(m2 / 1e4, 4); }
std::string pct(double share) { return format_number(100.0 * share, 2) + "%"; }
double share_of(double part, double whole) { return whole > 0 ? std::clamp(part / whole, 0.0, 1.0) : 0.0; }

std::string paragraph(const std::string& text) { return "<p>" + html_escape(text) + "</p>\n"; }
std::string note(const std::string& text) { return "<p class=\"note\">" + html_escape(text) + "</p>\n"; }

std::string area_mode_label(geo::AreaMode mode, const Lang& t) {
    return mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal area") : t("平面面积", "planar area");
}

// The verdict as a coloured badge; the label stays readable when printed in black and white.
std::string badge(Verdict v, const Lang& t) {
    const char* bg = v == Verdict::Prohibited ? "#c62828" : v == Verdict::Restricted ? "#ffb300" : "#2e7d32";
    const char* fg = v == Verdict::Restricted ? "#000" : "#fff";
    return fmt::format(
        "<span class=\"badge {}\" style=\"display:inline-block;padding:0 2mm;border-radius:2px;background:{};"
        "color:{};font-weight:bold;white-space:nowrap\">{}</span>",
        layers::verdict_key(v), bg, fg, html_escape(layers::verdict_label(v, lang_of(t))));
}

std::string not_screened_badge(const Lang& t) {
    return "<span class=\"badge not-screened\" style=\"display:inline-block;padding:0 2mm;border-radius:2px;"
           "background:#757575;color:#fff;font-weight:bold;white-space:nowrap\">" +
           html_escape(t("未能筛查", "not screened")) + "</span>";
}

// A table whose cells are HTML already (escaped by the caller): for badges.  `numeric` marks the
// right-aligned columns, as html_table does by itself for plain text.
std::string rich_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric, const std::string& css_class) {
    auto num = [&](size_t c) { return c < numeric.size() && numeric[c]; };
    std::string out = "<table class=\"" + html_escape(css_class) + "\">\n<thead><tr>";
    for (size_t c = 0; c < header.size(); ++c) out += (num(c) ? "<th class=\"num\">" : "<th>") + html_escape(header[c]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : rows) {
        out += "<tr>";
        for (size_t c = 0; c < r.size(); ++c) out += (num(c) ? "<td class=\"num\">" : "<td>") + r[c] + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

std::string district_name(const layers::Catalogue& c) {
    const layers::VectorLayer* d = c.vector(VectorRole::District);
    const auto field = c.project.field(VectorRole::District, "name_field");
    if (d && field && !d->features.empty()) {
        if (auto i = d->field_index(*field)) {
            std::string name = layers::to_text(d->features.front().attrs[*i]);
            if (!name.empty()) return name;
        }
    }
    return c.project.name;
}

std::string category_label(const layers::RuleList& rules, const std::string& id, const Lang& t) {
    const layers::Category* cat = rules.category(id);
    if (!cat) return id;
    return t.en ? cat->name_en : cat->name;
}

std::string message_of(const layers::Rule& r, const Lang& t) {
    return t.en && !r.message_en.empty() ? r.message_en : r.message;
}
std::string requirement_of(const layers::Rule& r, const Lang& t) {
    return t.en && !r.requirement_en.empty() ? r.requirement_en : r.requirement;
}

std::string citation_text(const layers::Rule& r, const Lang& t) {
    auto one = [](const layers::Citation& c) { return c.article.empty() ? c.document : c.document + " " + c.article; };
    std::string s = one(r.citation);
    for (const auto& c : r.see_also) s += t("；另见 ", "; see also ") + one(c);
    return s;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}

// The deciding rules (not set aside by a prevailing special law) whose verdict is `v`.
std::vector<std::string> deciding_ids(const SiteResult& r, layers::Verdict v) {
    std::vector<std::string> ids;
    for (const auto& f : r.rules) {
        if (f.deciding && f.rule->verdict == v) ids.push_back(f.rule->id);
    }
    return ids;
}


bool polygonal(const geo::GeosContext& geos, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(geos.handle(), g);
    return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

// ---------------------------------------------------------------------------------------------
// The map of one site.

// Styles of the map layers (also their legend swatches).
const Style kRedlineFill{"#e53935", "none", 0.0, 0.15, ""};
const Style kRedline{"#e53935", "#d32f2f", 1.4, 0.15, ""};
const Style kRedlineOutline{"none", "#d32f2f", 1.4, 1.0, ""};
const Style kReserveCore{"#1b5e20", "#1b5e20", 0.8, 0.7, ""};
const Style kReserveBuffer{"#4caf50", "#2e7d32", 0.8, 0.55, ""};
const Style kReserveExperimental{"#c5e1a5", "#558b2f", 0.8, 0.6, ""};
const Style kWaterLevel1{"#1565c0", "#0d47a1", 0.8, 0.45, ""};
const Style kWaterLevel2{"#64b5f6", "#1565c0", 0.8, 0.35, ""};
const Style kWaterQuasi{"#bbdefb", "#1976d2", 0.8, 0.35, ""};
const Style kFarmland{"#fff176", "#c9b037", 0.5, 0.45, ""};
const Style kBelt{"#81d4fa", "#0288d1", 0.9, 0.35, "4 3"};
const Style kRiver{"none", "#0277bd", 1.6, 1.0, ""};
const Style kPark{"none", "#7b1fa2", 1.6, 1.0, ""};
const Style kUrban{"none", "#616161", 1.2, 1.0, "6 3"};
const Style kSite{"#ff9800", "#000", 2.6, 0.35, ""};
const Style kSiteHatch{"none", "#e65100", 0.9, 1.0, ""};
const Style kSiteInput{"#000", "#000", 1.6, 1.0, ""};
const Style kReceptor{"#d81b60", "#880e4f", 1.4, 1.0, ""};
const Style kReceptorFar{"#f8bbd0", "#ad1457", 0.9, 1.0, ""};
const Style kLeader{"none", "#424242", 1.0, 1.0, "5 3"};
const Style kVillage{"none", "#9e9e9e", 0.6, 1.0, "2 2"};
const Style kTownship{"none", "#757575", 1.0, 1.0, "6 2 1 2"};

// A dashed leader from the site's edge to the nearest feature of a protected zone nearby.
struct Leader {
    std::array<double, 4> points;  // site x, y; feature x, y
    std::string label;
};

// Drawing order of the reserve and water-source values: light (outer) zones first.
int reserve_rank(const std::string& v) {
    if (v == "core" || v == "core_protection") return 2;
    if (v == "buffer") return 1;
    return 0;
}
const Style& reserve_style(const std::string& v) {
    const int r = reserve_rank(v);
    return r == 2 ? kReserveCore : r == 1 ? kReserveBuffer : kReserveExperimental;
}
int water_rank(const std::string& v) { return v == "level1" ? 2 : v == "level2" ? 1 : 0; }
const Style& water_style(const std::string& v) {
    const int r = water_rank(v);
    return r == 2 ? kWaterLevel1 : r == 1 ? kWaterLevel2 : kWaterQuasi;
}

// Diagonal hatch lines over a polygon, `spacing` metres apart (clipped to it): a hatched fill
// without SVG patterns, which would need ids.
geo::GeomPtr hatch_lines(const geo::GeosContext& geos, const GEOSGeometry* poly, double spacing) {
    GEOSContextHandle_t h = geos.handle();
    const auto b = geos.bounds(poly);
    if (b.empty || !(spacing > 0)) return geo::GeomPtr(nullptr, geo::GeomDeleter{h});
    const double k0 = b.minx - b.maxy, k1 = b.maxx - b.miny;  // lines y = x - k
    spacing = std::max(spacing, (k1 - k0) / 400.0);            // at most ~400 lines
    std::vector<geo::GeomPtr> lines;
    for (double k = k0 + spacing / 2; k < k1; k += spacing) {
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, 2, 2);
        if (!seq) break;
        GEOSCoordSeq_setXY_r(h, seq, 0, b.minx, b.minx - k);
        GEOSCoordSeq_setXY_r(h, seq, 1, b.maxx, b.maxx - k);
        lines.push_back(geos.own(GEOSGeom_createLineString_r(h, seq), "hatch line"));
    }
    if (lines.empty()) return geo::GeomPtr(nullptr, geo::GeomDeleter{h});
    geo::GeomPtr all = geos.collect(std::move(lines), GEOS_MULTILINESTRING);
    return geos.intersection(all.get(), poly);
}

class SiteMap {
public:
    SiteMap(const geo::GeosContext& geos, const GEOSGeometry* frame, int width, int height)
        : geos_(geos), map_(SvgMap::around(geos, frame, 0.6, width, height)) {
        // The visible extent (plus a margin, so clipped edges stay outside the frame).
        const auto [px0, py0] = map_.to_px(0, 0);
        const double s = map_.scale();
        minx_ = -px0 / s;
        maxx_ = (width - px0) / s;
        maxy_ = py0 / s;
        miny_ = (py0 - height) / s;
        view_ = rectangle(minx_, miny_, maxx_, maxy_);
        view_prepared_ = geos_.prepare(view_.get());
        const double m = 0.1 * std::max(maxx_ - minx_, maxy_ - miny_);
        minx_ -= m;
        miny_ -= m;
        maxx_ += m;
        maxy_ += m;
    }

    // Draws g (clipped to the view); whether any of it is visible (for the legend).
    bool draw(const GEOSGeometry* g, const Style& s, const std::string& title = "") {
        if (!g || geos_.is_empty(g)) return false;
        const auto b = geos_.bounds(g);
        if (b.empty || b.maxx < minx_ || b.minx > maxx_ || b.maxy < miny_ || b.miny > maxy_) return false;
        if (b.minx >= minx_ && b.maxx <= maxx_ && b.miny >= miny_ && b.maxy <= maxy_) {
            map_.add(g, s, title);
            return visible(g);
        }
        GEOSGeometry* clipped = GEOSClipByRect_r(geos_.handle(), g, minx_, miny_, maxx_, maxy_);
        if (!clipped) {  // GEOS refused (an odd geometry): let the SVG clip it
            map_.add(g, s, title);
            return visible(g);
        }
        geo::GeomPtr owned = geos_.own(clipped, "clip to the map");
        if (geos_.is_empty(owned.get())) return false;
        map_.add(owned.get(), s, title);
        return visible(owned.get());
    }

    // A name placed inside the visible part of polygon g (nothing when g is out of view).
    void label_inside(const GEOSGeometry* g, const std::string& text, const std::string& color) {
        if (!g || geos_.is_empty(g) || !visible(g)) return;
        geo::GeomPtr part = geos_.intersection(g, view_.get());
        if (geos_.is_empty(part.get())) return;
        geo::GeomPtr at = geos_.own(GEOSPointOnSurface_r(geos_.handle(), part.get()), "label point");
        double x = 0, y = 0;
        GEOSGeomGetX_r(geos_.handle(), at.get(), &x);
        GEOSGeomGetY_r(geos_.handle(), at.get(), &y);
        map_.add_label(x, y, text, 10, color);
    }

    SvgMap& map() { return map_; }

private:
    geo::GeomPtr rectangle(double x0, double y0, double x1, double y1) const {
        return geos_.from_wkt(fmt::format("POLYGON(({0:.3f} {1:.3f},{2:.3f} {1:.3f},{2:.3f} {3:.3f},{0:.3f} {3:.3f},{0:.3f} {1:.3f}))",
                                          x0, y0, x1, y1));
    }
    bool visible(const GEOSGeometry* g) const {
        const char r = GEOSPreparedIntersects_r(geos_.handle(), view_prepared_.get(), g);
        return r == 2 ? true : r == 1;  // on a GEOS exception, list it rather than hide it
    }

    const geo::GeosContext& geos_;
    SvgMap map_;
    double minx_ = 0, miny_ = 0, maxx_ = 0, maxy_ = 0;
    geo::GeomPtr view_{nullptr, geo::GeomDeleter{geos_.handle()}};
    geo::PreparedPtr view_prepared_{nullptr, geo::PreparedDeleter{geos_.handle()}};
};

struct Receptor {
    std::string kind, name;
    const GEOSGeometry* geom = nullptr;
    double distance = -1;
};

// Village and township boundaries (as lines) with the villages' names, computed once per report:
// every site map draws the ones in its view.
struct AdminOutlines {
    std::vector<std::pair<geo::GeomPtr, std::string>> villages;  // boundary, name
    std::vector<const GEOSGeometry*> village_areas;              // for the labels, same order
    std::vector<geo::GeomPtr> townships;

    AdminOutlines(const analysis::Screener& screener, const layers::Catalogue& c, const geo::GeosContext& geos) {
        const auto names = feature_names(c, VectorRole::Villages);
        for (const auto& [v, g] : screener.zone_geometries(VectorRole::Villages)) {
            auto it = names.find(g);
            villages.emplace_back(geos.own(GEOSBoundary_r(geos.handle(), g), "village boundary"),
                                  it == names.end() ? std::string() : it->second);
            village_areas.push_back(g);
        }
        for (const auto& [v, g] : screener.zone_geometries(VectorRole::Townships)) {
            townships.push_back(geos.own(GEOSBoundary_r(geos.handle(), g), "township boundary"));
        }
    }
};

std::string site_map(const SiteResult& r, const analysis::Screener& screener, const AdminOutlines& admin, const layers::Catalogue& c,
                     const layers::RuleList& rules, const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    const GEOSGeometry* given = r.spec.geom;
    if (!given || geos.is_empty(given)) return note(t("无选址图形，不绘制地图。", "No site geometry: no map."));
    const std::string lang = lang_of(t);
    const bool buffered = site_is_buffered(geos, given);
    geo::GeomPtr footprint = site_footprint(geos, given, footprint_m);
    const GEOSGeometry* site = footprint && !geos.is_empty(footprint.get()) ? footprint.get() : given;

    // The nearest receptor of each kind, shown (and the frame widened to it) when it is within
    // the largest distance a receptor rule asks about.
    double reach = 0;
    for (const auto& rule : rules.rules) {
        if (rule.zone == VectorRole::Receptors && rule.distance_m) reach = std::max(reach, *rule.distance_m);
    }
    if (!(reach > 0)) reach = 1000.0;
    const auto receptor_names = feature_names(c, VectorRole::Receptors);
    std::vector<Receptor> receptors;
    std::map<std::string, size_t> nearest_of_kind;
    for (const auto& [value, g] : screener.zone_geometries(VectorRole::Receptors)) {
        Receptor rc{value, "", g, geos.distance(site, g)};
        if (auto it = receptor_names.find(g); it != receptor_names.end()) rc.name = it->second;
        receptors.push_back(rc);
        auto n = nearest_of_kind.find(value);
        if (n == nearest_of_kind.end() || rc.distance < receptors[n->second].distance) {
            nearest_of_kind[value] = receptors.size() - 1;
        }
    }
    std::set<size_t> labelled;
    std::vector<geo::GeomPtr> frame_parts;
    frame_parts.push_back(geos.clone(given));
    frame_parts.push_back(geos.clone(site));
    // The nearest red line, reserve, water source and river the site does not touch, when within
    // 3 km (or the receptor reach): the frame widens to show it, a leader gives the distance.
    std::vector<Leader> leaders;
    const double leader_reach = std::max(3000.0, reach);
    for (VectorRole v : {VectorRole::Redline, VectorRole::ReserveZones, VectorRole::WaterSources, VectorRole::Rivers}) {
        const GEOSGeometry* best = nullptr;
        double best_d = leader_reach;
        for (const auto& [value, g] : screener.zone_geometries(v)) {
            if (geos.is_empty(g)) continue;
            const double d = geos.distance(site, g);
            if (d <= best_d) {
                best_d = d;
                best = g;
            }
        }
        if (!best || best_d <= 0) continue;
        Leader l{geos.nearest_points(site, best),
                 fmt::format(t("距{} {} 米", "{} {} m"), layers::role_label(v, lang), format_number(best_d, 0))};
        frame_parts.push_back(geos.from_wkt(fmt::format("POINT({:.3f} {:.3f})", l.points[2], l.points[3])));
        leaders.push_back(std::move(l));
    }
    for (const auto& [kind, i] : nearest_of_kind) {
        if (receptors[i].distance <= reach) {
            labelled.insert(i);
            frame_parts.push_back(geos.clone(receptors[i].geom));
        }
    }
    const geo::GeomPtr frame = geos.collect(std::move(frame_parts));

    SiteMap m(geos, frame.get(), 760, 560);
    SvgMap& map = m.map();
    map.set_title(fmt::format(t("{} {}：选址及周边分区", "{} {}: site and zones around it"), r.spec.id, r.spec.name));
    std::vector<std::pair<Style, std::string>> legend;
    auto role = [&](VectorRole v) { return layers::role_label(v, lang); };

    // Where the site is: village and township boundaries underneath, villages named.
    bool villages = false, townships = false;
    for (const auto& [edge, name] : admin.villages) villages |= m.draw(edge.get(), kVillage);
    for (const auto& edge : admin.townships) townships |= m.draw(edge.get(), kTownship);

    bool any = false;
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Farmland)) any |= m.draw(g, kFarmland);
    if (any) legend.emplace_back(kFarmland, role(VectorRole::Farmland));

    bool redline = false;
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Redline)) redline |= m.draw(g, kRedlineFill);

    auto reserves = screener.zone_geometries(VectorRole::ReserveZones);
    std::stable_sort(reserves.begin(), reserves.end(),
                     [](const auto& a, const auto& b) { return reserve_rank(a.first) < reserve_rank(b.first); });
    std::map<std::string, bool> reserve_drawn;
    for (const auto& [v, g] : reserves) {
        if (m.draw(g, reserve_style(v), role(VectorRole::ReserveZones) + " " + zone_value_label(v, t))) reserve_drawn[v] = true;
    }
    for (const char* v : {"core", "core_protection", "buffer", "experimental", "general_control"}) {
        if (reserve_drawn.count(v)) legend.emplace_back(reserve_style(v), t("自然保护区", "reserve") + std::string(" ") + zone_value_label(v, t));
    }
    for (const auto& [v, d] : reserve_drawn) {  // values outside the two schemes
        if (v != "core" && v != "core_protection" && v != "buffer" && v != "experimental" && v != "general_control") {
            legend.emplace_back(reserve_style(v), t("自然保护区", "reserve") + std::string(" ") + zone_value_label(v, t));
        }
    }

    auto waters = screener.zone_geometries(VectorRole::WaterSources);
    std::stable_sort(waters.begin(), waters.end(),
                     [](const auto& a, const auto& b) { return water_rank(a.first) < water_rank(b.first); });
    std::set<int> water_drawn;
    for (const auto& [v, g] : waters) {
        if (m.draw(g, water_style(v), role(VectorRole::WaterSources) + " " + zone_value_label(v, t))) water_drawn.insert(water_rank(v));
    }
    for (int rank : {2, 1, 0}) {
        if (!water_drawn.count(rank)) continue;
        const char* v = rank == 2 ? "level1" : rank == 1 ? "level2" : "quasi";
        legend.emplace_back(water_style(v), t("水源保护区", "water source") + std::string(" ") + zone_value_label(v, t));
    }

    any = false;
    for (const auto& b : screener.belts()) {
        any |= m.draw(b.geom, kBelt, fmt::format(t("{} 生态缓冲带 {:g} 米", "{} buffer belt {:g} m"), b.river, b.width_m));
    }
    if (any) legend.emplace_back(kBelt, t("河流生态缓冲带", "river buffer belt"));
    any = false;
    const auto river_names = feature_names(c, VectorRole::Rivers);
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Rivers)) {
        auto it = river_names.find(g);
        any |= m.draw(g, kRiver, it == river_names.end() ? "" : it->second);
    }
    if (any) legend.emplace_back(kRiver, role(VectorRole::Rivers));

    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Redline)) m.draw(g, kRedlineOutline);
    if (redline) legend.emplace_back(kRedline, role(VectorRole::Redline));

    any = false;
    const auto park_names = feature_names(c, VectorRole::IndustrialParks);
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::IndustrialParks)) {
        auto it = park_names.find(g);
        any |= m.draw(g, kPark, it == park_names.end() ? "" : it->second);
    }
    if (any) legend.emplace_back(kPark, role(VectorRole::IndustrialParks));
    any = false;
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::UrbanBoundary)) any |= m.draw(g, kUrban);
    if (any) legend.emplace_back(kUrban, role(VectorRole::UrbanBoundary));

    // The site on top: a semi-transparent orange footprint, hatched, with a thick black outline.
    const std::string site_title = r.spec.id + " " + r.spec.name;
    m.draw(site, Style{kSite.fill, "none", 0.0, kSite.fill_opacity, ""}, site_title);
    if (polygonal(geos, site) || GEOSGeomTypeId_r(geos.handle(), site) == GEOS_GEOMETRYCOLLECTION) {
        try {
            geo::GeomPtr hatch = hatch_lines(geos, site, 7.0 / map.scale());
            if (hatch) m.draw(hatch.get(), kSiteHatch);
        } catch (const ecozone::Error&) {
            // an odd footprint keeps its plain fill
        }
    }
    m.draw(site, Style{"none", kSite.stroke, kSite.stroke_width, 1.0, ""}, site_title);
    legend.emplace_back(kSite, buffered ? fmt::format(t("拟建项目占地（缓冲 {:g} 米）", "site footprint ({:g} m buffer)"), footprint_m)
                                        : t("拟建项目选址", "proposed site"));
    if (buffered) {
        m.draw(given, kSiteInput, site_title);
        legend.emplace_back(kSiteInput, t("选址（点/线，按原样）", "site as given (point/line)"));
    }

    for (size_t i = 0; i < admin.villages.size(); ++i) {
        if (!admin.villages[i].second.empty()) m.label_inside(admin.village_areas[i], admin.villages[i].second, "#616161");
    }
    if (villages) legend.emplace_back(kVillage, t("村界", "village boundary"));
    if (townships) legend.emplace_back(kTownship, t("乡镇界", "township boundary"));

    for (const auto& l : leaders) {
        const geo::GeomPtr line = geos.from_wkt(
            fmt::format("LINESTRING({:.3f} {:.3f},{:.3f} {:.3f})", l.points[0], l.points[1], l.points[2], l.points[3]));
        m.draw(line.get(), kLeader, l.label);
        map.add_label((l.points[0] + l.points[2]) / 2, (l.points[1] + l.points[3]) / 2 + 8.0 / map.scale(), l.label, 11);
    }
    if (!leaders.empty()) legend.emplace_back(kLeader, t("至最近保护对象的距离", "distance to the nearest protected zone"));

    // Receptors: every one in view as a small point, the nearest of each kind labelled.
    bool far_drawn = false, near_drawn = false;
    for (size_t i = 0; i < receptors.size(); ++i) {
        const Receptor& rc = receptors[i];
        const std::string label = (rc.name.empty() ? "" : rc.name + " ") + zone_value_label(rc.kind, t);
        if (labelled.count(i)) {
            near_drawn |= m.draw(rc.geom, kReceptor, label);
            const auto b = geos.bounds(rc.geom);  // label 14 px above the point
            map.add_label((b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2 + 14.0 / map.scale(),
                          label + " " + format_number(rc.distance, 0) + t(" 米", " m"), 11);
        } else {
            far_drawn |= m.draw(rc.geom, kReceptorFar, label);
        }
    }
    if (near_drawn) legend.emplace_back(kReceptor, t("最近的环境敏感目标", "nearest sensitive receptors"));
    if (far_drawn) legend.emplace_back(kReceptorFar, t("其他环境敏感目标", "other sensitive receptors"));

    for (const auto& [s, label] : legend) map.add_legend_item(s, label);
    map.set_legend_title(t("图例", "Legend"));
    map.set_north_label(t("北", "N"));
    map.scale_bar();
    map.north_arrow();

    std::string caption = fmt::format(t("坐标系 EPSG:{}；距离自项目占地边界量算。", "EPSG:{}; distances measured from the footprint's edge."),
                                      c.working.epsg);
    if (buffered) {
        caption += fmt::format(t("选址以点或线给出，已按 {:g} 米缓冲为占地范围后筛查。",
                                 " The site was given as a point or line and was buffered by {:g} m into a footprint for the screening."),
                               footprint_m);
    }
    return "<figure>" + map.str() + "<figcaption>" + html_escape(caption) + "</figcaption></figure>\n";
}

// ---------------------------------------------------------------------------------------------
std::string control_unit_type(const std::string& type, const Lang& t) {
    if (type == "priority") return t("优先保护单元", "priority protection unit");
    if (type == "key") return t("重点管控单元", "key control unit");
    if (type == "general") return t("一般管控单元", "general control unit");
    return type;
}

// Tables.

std::string summary_table(const std::vector<SiteResult>& results, const layers::RuleList& rules, const Lang& t) {
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < results.size(); ++i) {
        const SiteResult& r = results[i];
        std::string verdict, deciding;
        if (r.screened) {
            verdict = badge(r.verdict, t);
            // The rules that set the verdict; under a prohibition the restrictions beside it
            // still matter (they apply if the project moves), so they follow.
            const auto ids = analysis::verdict_rule_ids(r);
            deciding = ids.empty() ? html_escape(t("无（按一般环评程序办理）", "none (ordinary EIA)")) : html_escape(join(ids, ", "));
            const auto also = deciding_ids(r, layers::Verdict::Restricted);
            if (r.verdict == layers::Verdict::Prohibited && !also.empty()) {
                deciding += "<br><span class=\"note\">" + html_escape(t("另有限制：", "also restricted by: ") + join(also, ", ")) + "</span>";
            }
        } else {
            verdict = not_screened_badge(t) + " " + html_escape(r.error);
            deciding = "—";
        }
        rows.push_back({fmt::format("<a href=\"#site-{}\" style=\"white-space:nowrap\">{}</a>", i + 1, html_escape(r.spec.id)), html_escape(r.spec.name),
                        html_escape(category_label(rules, r.spec.category, t)), verdict, deciding});
    }
    return rich_table({t("编号", "id"), t("项目名称", "name"), t("项目类别", "category"), t("筛查结论", "verdict"),
                       t("决定性规则", "deciding rules")},
                      rows, {}, "summary");
}

std::string rule_zone_text(const layers::Rule& rule, const Lang& t) {
    std::string s = layers::role_label(rule.zone, lang_of(t));
    if (rule.zone == VectorRole::Rivers) s = t("河流生态缓冲带", "river buffer belt");
    std::vector<std::string> values;
    for (const auto& v : rule.zone_values) values.push_back(zone_value_label(v, t));
    if (!values.empty()) s += " " + join(values, t("、", ", "));
    switch (rule.condition) {
        case layers::Condition::Intersects: break;
        case layers::Condition::WithinDistance:
            s += fmt::format(t(" 周边 {} 米内", " within {} m"), format_number(*rule.distance_m, 0));
            break;
        case layers::Condition::Outside: s += t("以外", " (outside)"); break;
    }
    return s;
}

std::string fired_rules_table(const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (r.rules.empty()) {
        return paragraph(t("准入清单中没有适用于该项目类别和该选址的规则，按一般环评程序办理。",
                           "No rule of the list applies to this category at this site: the ordinary EIA applies."));
    }
    const double site = r.area.in(mode);
    std::vector<std::vector<std::string>> rows;
    for (const FiredRule& f : r.rules) {
        const layers::Rule& rule = *f.rule;
        std::string area = "—", share = "—", distance = "—";
        if (rule.condition == layers::Condition::WithinDistance) {
            if (f.distance_m >= 0) distance = format_number(f.distance_m, 0);
        } else {
            area = ha(f.part.in(mode));
            share = pct(share_of(f.part.in(mode), site));
        }
        std::string applies;
        if (f.deciding) {
            applies = t("决定结论", "decides");
        } else {
            // The deciding rules whose special law prevails over this rule's zone.
            std::vector<std::string> by;
            for (const FiredRule& d : r.rules) {
                if (!d.deciding) continue;
                const auto& po = d.rule->prevails_over;
                if (std::find(po.begin(), po.end(), rule.zone) != po.end()) by.push_back(d.rule->id);
            }
            applies = t("不适用（专门法优先）", "set aside: a special law prevails");
            if (!by.empty()) applies += fmt::format(t("（以 {} 为准）", " ({} applies)"), join(by, ", "));
        }
        std::string text = html_escape(message_of(rule, t));
        if (rule.verdict == Verdict::Restricted && !requirement_of(rule, t).empty()) {
            text += "<br><b>" + html_escape(t("准入要求：", "Requirement: ")) + "</b>" + html_escape(requirement_of(rule, t));
        }
        const std::string part = area == "—" ? area : area + "<br>" + share;
        rows.push_back({"<span style=\"white-space:nowrap\">" + html_escape(rule.id) + "</span><br>" + badge(rule.verdict, t),
                        html_escape(rule_zone_text(rule, t)), text, html_escape(citation_text(rule, t)), part, distance,
                        html_escape(applies)});
    }
    return rich_table({t("规则", "rule"), t("分区", "zone"), t("说明与准入要求", "message and requirement"),
                       t("依据", "citation"), t("面积（公顷）/占比", "part (ha) / share"), t("距离（米）", "distance (m)"),
                       t("作用", "decides")},
                      rows, {false, false, false, false, true, true, false}, "rules");
}

std::string zones_table(const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (r.zones.empty()) return paragraph(t("选址不涉及项目文件中的任何分区图层。", "The site touches none of the project's zone layers."));
    std::vector<std::vector<std::string>> rows;
    for (const auto& z : r.zones) {
        rows.push_back({zone_overlap_label(z, t), z.feature_names.empty() ? "—" : z.feature_names, ha(z.area.ellipsoidal_m2),
                        ha(z.area.planar_m2), pct(share_of(z.area.in(mode), r.area.in(mode)))});
    }
    return html_table({t("分区", "zone"), t("涉及图斑", "features"), t("椭球面积（公顷）", "ellipsoidal (ha)"),
                       t("平面面积（公顷）", "planar (ha)"), t("占选址比例", "share of site")},
                      rows, "zones");
}

std::string land_table(const SiteResult& r, geo::AreaMode mode, const Lang& t) {
    if (r.land.empty()) return paragraph(t("项目未提供土地利用现状图层，或选址不与任何图斑相交。",
                                           "No land-use layer in the project, or the site touches no land-use polygon."));
    const std::string lang = lang_of(t);
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : r.land) {
        rows.push_back({l.code, l.name.empty() ? t("（未知地类）", "(unknown class)") : l.name, layers::group_label(l.group, lang),
                        ha(l.area.in(mode)), pct(share_of(l.area.in(mode), r.area.in(mode)))});
    }
    std::string out = html_table({t("地类编码", "code"), t("地类名称", "class"), t("大类", "group"),
                                  t("面积（公顷）", "area (ha)"), t("占比", "share")},
                                 rows, "land");
    std::vector<std::string> groups;
    double needs_approval = 0;
    for (auto g : {layers::LandGroup::Forest, layers::LandGroup::Grassland, layers::LandGroup::Cropland}) {
        auto it = r.land_groups.find(g);
        if (it == r.land_groups.end() || !(it->second.planar_m2 > 0)) continue;
        groups.push_back(layers::group_label(g, lang));
        needs_approval += it->second.in(mode);
    }
    if (!groups.empty()) {
        out += paragraph(fmt::format(t("选址占用{}共 {} 公顷。占用林地、草地、耕地需另行办理审批手续。",
                                       "The site occupies {} ({} ha in all). Occupying forest land, grassland or "
                                       "cropland needs its own approval (占用林地、草地、耕地需另行办理审批手续)."),
                                     join(groups, t("、", ", ")), ha(needs_approval)));
    }
    return out;
}

std::string distances_table(const SiteResult& r, const Lang& t) {
    static const std::pair<const char*, std::pair<const char*, const char*>> kWhat[] = {
        {"river", {"河流", "river"}},
        {"water_source", {"饮用水水源保护区", "drinking-water source zone"}},
        {"reserve", {"自然保护区", "nature reserve"}},
        {"redline", {"生态保护红线", "ecological red line"}},
        {"receptor:home", {"居民点", "home"}},
        {"receptor:school", {"学校", "school"}},
        {"receptor:hospital", {"医院", "hospital"}},
        {"receptor:elderly_care", {"养老院", "elderly care"}},
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& [key, label] : kWhat) {
        const analysis::Distance* d = nullptr;
        for (const auto& x : r.distances) {
            if (x.what == key) d = &x;
        }
        std::string metres = "—", name = "—", remark;
        if (!d) {
            remark = t("项目未提供该图层", "not in the project");
        } else if (d->metres < 0) {
            remark = t("图层中无此类要素", "none in the layer");
        } else {
            metres = format_number(d->metres, 0);
            if (!d->nearest_name.empty()) name = d->nearest_name;
            if (d->inside) remark = t("位于其内", "inside");
        }
        rows.push_back({t(label.first, label.second), metres, name, remark});
    }
    return html_table({t("对象", "nearest"), t("距离（米）", "distance (m)"), t("最近要素", "name"), t("说明", "remark")},
                      rows, "distances");
}

std::string notes_list(const SiteResult& r, const Lang& t) {
    std::vector<std::string> notes;
    if (!r.screened) notes.push_back(t("未能筛查：", "not screened: ") + r.error);
    if (!r.spec.source.empty()) notes.push_back(t("来源：", "source: ") + r.spec.source);
    for (const auto& n : r.notes) notes.push_back(t(n));
    if (notes.empty()) return paragraph(t("无。", "None."));
    std::string out = "<ul class=\"notes\">\n";
    for (const auto& n : notes) out += "<li>" + html_escape(n) + "</li>\n";
    return out + "</ul>\n";
}

std::string site_section(size_t index, const SiteResult& r, const analysis::Screener& screener, const AdminOutlines& admin,
                         const layers::Catalogue& c,
                         const layers::RuleList& rules, geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t,
                         double footprint_m) {
    std::string s = fmt::format("<section id=\"site-{}\" style=\"break-before:page;page-break-before:always\">\n", index + 1);
    s += "<h2>" + html_escape(fmt::format(t("选址 {}：{} {}", "Site {}: {} {}"), index + 1, r.spec.id, r.spec.name)) + "</h2>\n";
    std::string facts = html_escape(t("项目类别：", "category: ") + category_label(rules, r.spec.category, t));
    if (!r.spec.type_label.empty()) facts += html_escape(t("（", " (") + r.spec.type_label + t("）", ")"));
    if (r.screened) {
        if (!r.township.empty()) {
            facts += html_escape(t("；位于", "; in ") + r.township + (r.village.empty() ? "" : t("", ", ") + r.village));
        }
        facts += html_escape(fmt::format(t("；占地 {} 公顷（{}）", "; footprint {} ha ({})"), ha(r.area.in(mode)),
                                         area_mode_label(mode, t)));
        if (!r.control_units.empty()) {
            std::vector<std::string> units;
            for (const auto& u : r.control_units) units.push_back(u.label + t("（", " (") + control_unit_type(u.type, t) + t("）", ")"));
            facts += html_escape(t("；所在环境管控单元：", "; control units: ") + join(units, "; "));
        }
        facts += html_escape(t("；筛查结论：", "; verdict: ")) + badge(r.verdict, t);
    } else {
        facts += html_escape(t("；", "; ")) + not_screened_badge(t) + " " + html_escape(r.error);
    }
    s += "<p>" + facts + "</p>\n";
    if (r.screened) {
        try {
            s += site_map(r, screener, admin, c, rules, geos, t, footprint_m);
        } catch (const ecozone::Error& e) {
            s += note(t("地图无法绘制：", "The map could not be drawn: ") + std::string(e.what()));
        }
        s += "<h3>" + html_escape(t("（一）触发的准入规则", "(a) Rules that fired")) + "</h3>\n" + fired_rules_table(r, mode, t);
        s += "<h3>" + html_escape(t("（二）涉及的分区", "(b) Zones touched")) + "</h3>\n" + zones_table(r, mode, t);
        s += "<h3>" + html_escape(t("（三）占用土地现状", "(c) Land occupied")) + "</h3>\n" + land_table(r, mode, t);
        s += "<h3>" + html_escape(t("（四）与敏感对象的距离", "(d) Distances")) + "</h3>\n" + distances_table(r, t);
    }
    s += "<h3>" + html_escape(r.screened ? t("（五）说明", "(e) Notes") : t("说明", "Notes")) + "</h3>\n" + notes_list(r, t);
    return s + "</section>\n";
}


}  // namespace

std::string zone_value_label(const std::string& value, const Lang& t) {
    static const std::map<std::string, std::pair<const char*, const char*>> kLabels = {
        {"core", {"核心区", "core zone"}},
        {"buffer", {"缓冲区", "buffer zone"}},
        {"experimental", {"实验区", "experimental zone"}},
        {"core_protection", {"核心保护区", "core protection zone"}},
        {"general_control", {"一般控制区", "general control zone"}},
        {"level1", {"一级保护区", "level-1 zone"}},
        {"level2", {"二级保护区", "level-2 zone"}},
        {"quasi", {"准保护区", "quasi-protection zone"}},
        {"priority", {"优先保护单元", "priority protection unit"}},
        {"key", {"重点管控单元", "key control unit"}},
        {"general", {"一般管控单元", "general control unit"}},
        {"home", {"居民点", "home"}},
        {"school", {"学校", "school"}},
        {"hospital", {"医院", "hospital"}},
        {"elderly_care", {"养老院", "elderly care"}},
    };
    auto it = kLabels.find(value);
    return it == kLabels.end() ? value : t(it->second.first, it->second.second);
}

std::string zone_overlap_label(const analysis::ZoneOverlap& z, const Lang& t) {
    const std::string lang = lang_of(t);
    for (VectorRole role : layers::all_vector_roles()) {
        if (z.role != layers::role_key(role)) continue;
        if (role == VectorRole::Rivers) return t("河流生态缓冲带", "river buffer belt") + std::string(" ") + z.value;
        const std::string base = layers::role_label(role, lang);
        return z.value.empty() ? base : base + " " + zone_value_label(z.value, t);
    }
    return z.value.empty() ? z.role : z.role + " " + z.value;
}

bool site_is_buffered(const geo::GeosContext& geos, const GEOSGeometry* g) {
    return g && !polygonal(geos, g);
}

geo::GeomPtr site_footprint(const geo::GeosContext& geos, const GEOSGeometry* g, double footprint_m) {
    if (!g || geos.is_empty(g)) return geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
    if (polygonal(geos, g)) {
        if (geos.is_valid(g)) return geos.clone(g);
        return geos.polygonal_part(geos.make_valid(g).get());
    }
    geo::GeomPtr b = geos.own(GEOSBuffer_r(geos.handle(), g, footprint_m, 16), "site footprint");
    return geos.polygonal_part(b.get());
}

std::string screening_html(const std::vector<analysis::SiteResult>& results, const analysis::Screener& screener,
                           const layers::Catalogue& c, const layers::RuleList& rules, const Provenance& p,
                           geo::AreaMode mode, const geo::GeosContext& geos, const Lang& t, double footprint_m) {
    const std::string district = district_name(c);
    const std::string title = district + t(" 建设项目选址“三线一单”符合性筛查", " — site screening against the “three lines, one list”");
    std::string body = "<h1>" + html_escape(title) + "</h1>\n";
    const std::string date = p.started_utc.size() >= 10 ? p.started_utc.substr(0, 10) : p.started_utc;
    const std::string list = rules.version.empty() ? rules.name : fmt::format(t("{}（版本 {}）", "{} (version {})"), rules.name, rules.version);
    body += paragraph(fmt::format(t("项目文件：{}；准入清单：{}；面积：{}；工具版本：ecozone {}；筛查编号：{}；日期：{}。",
                                    "project file: {}; access list: {}; areas: {}; tool version: ecozone {}; screening id: {}; date: {}."),
                                  p.project_file.empty() ? c.project.file : p.project_file, list, area_mode_label(mode, t),
                                  p.tool_version, p.run_id, date));
    body += note(t("结论取全部适用规则中最严格者（禁止 > 限制 > 允许）；项目完全位于自然保护区、饮用水水源保护区等专门法管理的区域内时，"
                   "以专门法的规定为准（自然资发〔2022〕142号）。清单未点名的类别按一般环评程序办理。本表为选址初步筛查，不代替主管部门的审批意见。",
                   "The strictest verdict of the rules that apply decides (prohibited > restricted > allowed); for a site wholly inside "
                   "a zone governed by a special law (reserve, water source) that law prevails (自然资发〔2022〕142号). A category the "
                   "list does not name is allowed subject to the ordinary EIA. This is a preliminary screening, not an approval."));
    body += "<section>\n<h2>" + html_escape(t("一、筛查结论汇总", "1. Summary")) + "</h2>\n" + summary_table(results, rules, t) +
            "</section>\n";
    const AdminOutlines admin(screener, c, geos);
    for (size_t i = 0; i < results.size(); ++i) {
        body += site_section(i, results[i], screener, admin, c, rules, mode, geos, t, footprint_m);
    }
    body += "<section>\n<h2>" + html_escape(t("数据来源与校验", "Provenance")) + "</h2>\n" + provenance_html(p, t, t("筛查编号", "screening id")) +
            "</section>\n";
    return html_page(title, body, t.en ? "en" : "zh-CN");
}

std::map<const GEOSGeometry*, std::string> feature_names(const layers::Catalogue& c, VectorRole role) {
    std::map<const GEOSGeometry*, std::string> out;
    const layers::VectorLayer* l = c.vector(role);
    const auto field = c.project.field(role, "name_field");
    if (!l || !field) return out;
    const auto i = l->field_index(*field);
    if (!i) return out;
    for (const auto& f : l->features) out[f.geom.get()] = layers::to_text(f.attrs[*i]);
    return out;
}

}  // namespace ecozone::cli
