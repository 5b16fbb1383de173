#include "report/screening/site_map.h"

#include "report/common/display_width.h"
#include "report/common/html_util.h"
#include "report/screening/screening_html.h"
#include "report/common/svg_map.h"
#include "geo/errors.h"
#include "geo/ring_walker.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace ecozone::report {

namespace {

using analysis::SiteResult;
using layers::VectorRole;

bool polygonal(const geo::GeosContext& geos, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(geos.handle(), g);
    return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

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
int water_rank(const std::string& v) {
    return v == "level1" ? 2 : v == "level2" ? 1 : 0;
}
const Style& water_style(const std::string& v) {
    const int r = water_rank(v);
    return r == 2 ? kWaterLevel1 : r == 1 ? kWaterLevel2 : kWaterQuasi;
}

// Diagonal hatch lines over a polygon, `spacing` metres apart (clipped to it): a hatched fill
// without SVG patterns, which would need ids.  Each line y = x - k is cut by a scanline pass over
// the rings (crossings sorted along the line, inside between odd and even ones), which is exact
// for a valid polygon and much cheaper than a general overlay of the lines with the polygon.
geo::GeomPtr hatch_lines(const geo::GeosContext& geos, const GEOSGeometry* poly, double spacing) {
    GEOSContextHandle_t h = geos.handle();
    const auto b = geos.bounds(poly);
    if (b.empty || !(spacing > 0)) return geo::GeomPtr(nullptr, geo::GeomDeleter{h});
    // Every ring of the polygonal parts (polygons, multipolygons, collections at any depth).
    std::vector<std::pair<double, double>> edges_from, edges_to;  // every ring edge
    std::vector<double> rx, ry;
    geo::for_each_ring(geos, poly, [&](const GEOSGeometry* ring, bool) {
        geo::copy_xy(geos, ring, rx, ry);
        for (size_t i = 0; i + 1 < rx.size(); ++i) {
            edges_from.emplace_back(rx[i], ry[i]);
            edges_to.emplace_back(rx[i + 1], ry[i + 1]);
        }
    });
    const double k0 = b.minx - b.maxy, k1 = b.maxx - b.miny;  // lines y = x - k
    spacing = std::max(spacing, (k1 - k0) / 400.0);           // at most ~400 lines
    std::vector<geo::GeomPtr> lines;
    std::vector<double> xs;
    for (double k = k0 + spacing / 2; k < k1; k += spacing) {
        // f > 0 above the line; an edge crosses it where f changes side (half-open, so a vertex
        // on the line is counted once).
        xs.clear();
        for (size_t e = 0; e < edges_from.size(); ++e) {
            const auto [x0, y0] = edges_from[e];
            const auto [x1, y1] = edges_to[e];
            const double f0 = y0 - x0 + k, f1 = y1 - x1 + k;
            if ((f0 > 0) == (f1 > 0)) continue;
            xs.push_back(x0 + (x1 - x0) * f0 / (f0 - f1));
        }
        std::sort(xs.begin(), xs.end());
        for (size_t i = 0; i + 1 < xs.size(); i += 2) {
            if (!(xs[i + 1] > xs[i])) continue;
            GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, 2, 2);
            if (!seq) break;
            GEOSCoordSeq_setXY_r(h, seq, 0, xs[i], xs[i] - k);
            GEOSCoordSeq_setXY_r(h, seq, 1, xs[i + 1], xs[i + 1] - k);
            lines.push_back(geos.own(GEOSGeom_createLineString_r(h, seq), "hatch line"));
        }
    }
    if (lines.empty()) return geo::GeomPtr(nullptr, geo::GeomDeleter{h});
    return geos.collect(std::move(lines), GEOS_MULTILINESTRING);
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
        view_minx_ = minx_;
        view_miny_ = miny_;
        view_maxx_ = maxx_;
        view_maxy_ = maxy_;
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
        // A rectangle clip (fast, and exact enough to place a label) rather than a general overlay.
        GEOSGeometry* clipped = GEOSClipByRect_r(geos_.handle(), g, view_minx_, view_miny_, view_maxx_, view_maxy_);
        if (!clipped) return;  // GEOS refused (an odd geometry): no label rather than a wrong one
        geo::GeomPtr part = geos_.own(clipped, "clip to the map");
        if (geos_.is_empty(part.get())) return;
        geo::GeomPtr at = geos_.own(GEOSPointOnSurface_r(geos_.handle(), part.get()), "label point");
        double x = 0, y = 0;
        if (!GEOSGeomGetX_r(geos_.handle(), at.get(), &x) || !GEOSGeomGetY_r(geos_.handle(), at.get(), &y)) {
            throw GeometryError("GEOS could not read a label point: " + geos_.last_error());
        }
        map_.add_label(x, y, text, 10, color);
    }

    // A label at map coordinates moved up or down in steps until it overlaps no label placed
    // before it (distance labels of several leaders meet near the site).
    void place_label(double x, double y, const std::string& text, double font_px) {
        const auto [cx, cy] = map_.to_px(x, y);
        const double w = 0.6 * font_px * static_cast<double>(display_width(text)) + 6.0, h = font_px + 4.0;
        double best_dy = 0;
        for (int step = 0; step < 12; ++step) {
            const double dy = (step % 2 ? -1.0 : 1.0) * h * static_cast<double>((step + 1) / 2);
            bool clear = true;
            for (const auto& b : placed_) {
                if (std::fabs(b[0] - cx) * 2 < b[2] + w && std::fabs(b[1] - (cy + dy)) * 2 < b[3] + h) {
                    clear = false;
                    break;
                }
            }
            if (clear) {
                best_dy = dy;
                break;
            }
        }
        placed_.push_back({cx, cy + best_dy, w, h});
        map_.add_label(x, y - best_dy / map_.scale(), text, font_px);
    }

    SvgMap& map() { return map_; }

private:
    std::vector<std::array<double, 4>> placed_;  // label boxes: centre x, y, width, height (px)

    geo::GeomPtr rectangle(double x0, double y0, double x1, double y1) const {
        return geos_.from_wkt(
            fmt::format("POLYGON(({0:.3f} {1:.3f},{2:.3f} {1:.3f},{2:.3f} {3:.3f},{0:.3f} {3:.3f},{0:.3f} {1:.3f}))",
                        x0, y0, x1, y1));
    }
    bool visible(const GEOSGeometry* g) const {
        // GEOS's 2 (an exception) is an error, never "visible".
        return geos_.predicate(GEOSPreparedIntersects_r(geos_.handle(), view_prepared_.get(), g), "intersects (map view)");
    }

    const geo::GeosContext& geos_;
    SvgMap map_;
    double minx_ = 0, miny_ = 0, maxx_ = 0, maxy_ = 0;  // the view and a margin: what draw() clips to
    double view_minx_ = 0, view_miny_ = 0, view_maxx_ = 0, view_maxy_ = 0;  // the view itself
    geo::GeomPtr view_{nullptr, geo::GeomDeleter{geos_.handle()}};
    geo::PreparedPtr view_prepared_{nullptr, geo::PreparedDeleter{geos_.handle()}};
};

// A site with many vertices simplified to a tenth of a metre per 200 m of its extent (about a
// thousandth of the map's width), topology kept; null when it is small enough as it is.
geo::GeomPtr for_the_map(const geo::GeosContext& geos, const GEOSGeometry* site) {
    const int vertices = GEOSGetNumCoordinates_r(geos.handle(), site);
    if (vertices < 0) throw GeometryError("GEOS could not count a site's vertices: " + geos.last_error());
    if (vertices <= 5000) return geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
    const auto b = geos.bounds(site);
    const double tolerance = std::max(b.maxx - b.minx, b.maxy - b.miny) / 2000.0;
    return geos.own(GEOSSimplify_r(geos.handle(), site, tolerance), "simplify for the map");
}

struct Receptor {
    std::string kind, name;
    const GEOSGeometry* geom = nullptr;
    double distance = -1;
};

}  // namespace

AdminOutlines::AdminOutlines(const analysis::Screener& screener, const layers::Catalogue& c,
                             const geo::GeosContext& geos) {
    const auto names = feature_names(c, VectorRole::Villages);
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Villages)) {
        auto it = names.find(g);
        villages.emplace_back(geos.own(GEOSBoundary_r(geos.handle(), g), "village boundary"),
                              it == names.end() ? std::string() : it->second);
        village_areas.push_back(g);
    }
    std::vector<geo::GeomPtr> outlines;
    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Townships)) {
        townships.push_back(geos.own(GEOSBoundary_r(geos.handle(), g), "township boundary"));
        outlines.push_back(geos.clone(townships.back().get()));
    }
    if (!outlines.empty()) {
        geo::GeomPtr all = geos.collect(std::move(outlines));
        const auto b = geos.bounds(all.get());
        // The inset is ~180 px wide: a vertex every half pixel is plenty.
        const double tolerance = std::max(b.maxx - b.minx, b.maxy - b.miny) / 400.0;
        locator_outline = geos.own(GEOSSimplify_r(geos.handle(), all.get(), tolerance), "locator outline");
    }
}

std::string site_map(const SiteResult& r, const analysis::Screener& screener, const AdminOutlines& admin,
                     const layers::Catalogue& c, const layers::RuleList& rules, const geo::GeosContext& geos,
                     const Lang& t, double footprint_m) {
    const GEOSGeometry* given = r.spec.geom;
    if (!given || geos.is_empty(given)) {
        return "<p class=\"note\">" + html_escape(t("无选址图形，不绘制地图。", "No site geometry: no map.")) +
               "</p>\n";
    }
    const std::string lang = t.en ? "en" : "zh";
    const bool buffered = site_is_buffered(geos, given);
    geo::GeomPtr footprint = site_footprint(geos, r, footprint_m);
    const GEOSGeometry* full_site = footprint && !geos.is_empty(footprint.get()) ? footprint.get() : given;
    // Drawn at the map's resolution: a boundary of 200 000 vertices is 760 pixels wide on the page.
    // Every figure on the map (distances) comes from the screening, which measured the full site.
    geo::GeomPtr simplified = for_the_map(geos, full_site);
    const GEOSGeometry* site = simplified ? simplified.get() : full_site;
    // Distances from the site through its prepared (indexed) geometry: a 200 000-vertex boundary is
    // indexed once instead of being compared vertex by vertex with every feature around it.
    const geo::PreparedPtr prepared_site = geos.prepare(site);
    const auto site_box = geos.bounds(site);
    auto distance_to = [&](const GEOSGeometry* g) {
        double d = 0;
        if (!GEOSPreparedDistance_r(geos.handle(), prepared_site.get(), g, &d)) {
            throw GeometryError("GEOS distance failed: " + geos.last_error());
        }
        return d;
    };
    // Whether the boxes are apart (a zone whose box does not meet the site's cannot hold it).
    auto box_gap = [&](const GEOSGeometry* g) {
        const auto b = geos.bounds(g);
        const double dx = std::max({0.0, b.minx - site_box.maxx, site_box.minx - b.maxx});
        const double dy = std::max({0.0, b.miny - site_box.maxy, site_box.miny - b.maxy});
        return std::hypot(dx, dy);
    };

    // Every distance on the map is the screening's, to the feature the screening found nearest
    // (SiteResult::distances, with the feature's position in its layer): the map searches for
    // nothing again.  A site that could not be screened has no distances and no leaders.
    auto screened = [&](const std::string& what) -> const analysis::Distance* {
        for (const auto& d : r.distances) {
            if (d.what == what && d.metres > 0 && d.nearest_feature >= 0) return &d;
        }
        return nullptr;
    };
    // The nearest receptor of each kind, shown (and the frame widened to it) when it is within
    // the largest distance a receptor rule asks about.
    double reach = 0;
    for (const auto& rule : rules.rules) {
        if (rule.zone == VectorRole::Receptors && rule.distance_m) reach = std::max(reach, *rule.distance_m);
    }
    if (!(reach > 0)) reach = 1000.0;
    const auto receptor_names = feature_names(c, VectorRole::Receptors);
    std::vector<Receptor> receptors;
    for (const auto& [value, g] : screener.zone_geometries(VectorRole::Receptors)) {
        Receptor rc{value, "", g, -1};
        if (auto it = receptor_names.find(g); it != receptor_names.end()) rc.name = it->second;
        receptors.push_back(rc);
    }
    std::set<size_t> labelled;
    std::vector<geo::GeomPtr> frame_parts;
    frame_parts.push_back(geos.clone(given));
    frame_parts.push_back(geos.clone(site));
    for (const auto& d : r.distances) {
        if (d.what.rfind("receptor:", 0) != 0 || d.metres < 0 || d.metres > reach || d.nearest_feature < 0) continue;
        const auto i = static_cast<size_t>(d.nearest_feature);
        if (i >= receptors.size()) throw std::logic_error("site map: a receptor the screening found is not in its layer");
        receptors[i].distance = d.metres;
        labelled.insert(i);
        frame_parts.push_back(geos.clone(receptors[i].geom));
    }
    // The nearest red line, reserve, water source and river the site does not touch, when within
    // 3 km (or the receptor reach): the frame widens to show it, a leader gives the distance.
    std::vector<Leader> leaders;
    const double leader_reach = std::max(3000.0, reach);
    for (VectorRole v : {VectorRole::Redline, VectorRole::ReserveZones, VectorRole::WaterSources, VectorRole::Rivers}) {
        const char* what = v == VectorRole::Redline        ? "redline"
                           : v == VectorRole::ReserveZones ? "reserve"
                           : v == VectorRole::WaterSources ? "water_source"
                                                           : "river";
        const analysis::Distance* d = screened(what);
        if (!d || d->metres > leader_reach) continue;
        const auto zones = screener.zone_geometries(v);
        const auto i = static_cast<size_t>(d->nearest_feature);
        if (i >= zones.size()) throw std::logic_error("site map: a feature the screening found is not in its layer");
        // The leader is drawn to the map's site (the full site's at the map's resolution).
        Leader l{geos.nearest_points(prepared_site.get(), zones[i].second),
                 fmt::format(t("距{} {} 米", "{} {} m"), layers::role_label(v, lang), format_number(d->metres, 0))};
        frame_parts.push_back(geos.from_wkt(fmt::format("POINT({:.3f} {:.3f})", l.points[2], l.points[3])));
        leaders.push_back(std::move(l));
    }
    // Context: at least 2 km around the site's centre, and where the site lies inside a protected
    // zone, the nearest stretch of that zone's edge when within 3 km (a uniform fill says nothing).
    {
        const double cx = (site_box.minx + site_box.maxx) / 2, cy = (site_box.miny + site_box.maxy) / 2;
        frame_parts.push_back(geos.from_wkt(fmt::format("MULTIPOINT(({:.3f} {:.3f}),({:.3f} {:.3f}))", cx - 1000.0,
                                                        cy - 1000.0, cx + 1000.0, cy + 1000.0)));
        for (VectorRole v : {VectorRole::Redline, VectorRole::ReserveZones, VectorRole::WaterSources}) {
            for (const auto& [value, g] : screener.zone_geometries(v)) {
                if (geos.is_empty(g) || box_gap(g) > 0 || distance_to(g) > 0) continue;
                geo::GeomPtr edge = geos.own(GEOSBoundary_r(geos.handle(), g), "zone edge");
                if (distance_to(edge.get()) > leader_reach) continue;
                const auto pts = geos.nearest_points(prepared_site.get(), edge.get());
                frame_parts.push_back(geos.from_wkt(fmt::format("POINT({:.3f} {:.3f})", pts[2], pts[3])));
            }
        }
    }
    const geo::GeomPtr frame = geos.collect(std::move(frame_parts));

    // 560 px of map and a 200 px panel beside it: 760 px as before.
    SiteMap m(geos, frame.get(), 560, 560);
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
        if (m.draw(g, reserve_style(v), role(VectorRole::ReserveZones) + " " + zone_value_label(v, t)))
            reserve_drawn[v] = true;
    }
    for (const char* v : {"core", "core_protection", "buffer", "experimental", "general_control"}) {
        if (reserve_drawn.count(v))
            legend.emplace_back(reserve_style(v),
                                t("自然保护区", "reserve") + std::string(" ") + zone_value_label(v, t));
    }
    for (const auto& [v, d] : reserve_drawn) {  // values outside the two schemes
        if (v != "core" && v != "core_protection" && v != "buffer" && v != "experimental" && v != "general_control") {
            legend.emplace_back(reserve_style(v),
                                t("自然保护区", "reserve") + std::string(" ") + zone_value_label(v, t));
        }
    }

    auto waters = screener.zone_geometries(VectorRole::WaterSources);
    std::stable_sort(waters.begin(), waters.end(),
                     [](const auto& a, const auto& b) { return water_rank(a.first) < water_rank(b.first); });
    std::set<int> water_drawn;
    for (const auto& [v, g] : waters) {
        if (m.draw(g, water_style(v), role(VectorRole::WaterSources) + " " + zone_value_label(v, t)))
            water_drawn.insert(water_rank(v));
    }
    for (int rank : {2, 1, 0}) {
        if (!water_drawn.count(rank)) continue;
        const char* v = rank == 2 ? "level1" : rank == 1 ? "level2" : "quasi";
        legend.emplace_back(water_style(v),
                            t("水源保护区", "water source") + std::string(" ") + zone_value_label(v, t));
    }

    // Zone edges over every fill, so that a zone boundary stays visible under the next layer.
    for (const auto& [v, g] : reserves) m.draw(g, Style{"none", reserve_style(v).stroke, 1.2, 1.0, ""});
    for (const auto& [v, g] : waters) m.draw(g, Style{"none", water_style(v).stroke, 1.2, 1.0, ""});

    any = false;
    for (const auto& b : screener.belts()) {
        any |=
            m.draw(b.geom, kBelt, fmt::format(t("{} 生态缓冲带 {:g} 米", "{} buffer belt {:g} m"), b.river, b.width_m));
    }
    if (any) legend.emplace_back(kBelt, t("河流生态缓冲带", "river buffer belt"));
    // Every feature of a role, titled with its name; whether any is in view (for the legend).
    auto draw_named = [&](VectorRole v, const Style& style) {
        const auto names = feature_names(c, v);
        bool drawn = false;
        for (const auto& [value, g] : screener.zone_geometries(v)) {
            auto it = names.find(g);
            drawn |= m.draw(g, style, it == names.end() ? "" : it->second);
        }
        return drawn;
    };
    if (draw_named(VectorRole::Rivers, kRiver)) legend.emplace_back(kRiver, role(VectorRole::Rivers));

    for (const auto& [v, g] : screener.zone_geometries(VectorRole::Redline)) m.draw(g, kRedlineOutline);
    if (redline) legend.emplace_back(kRedline, role(VectorRole::Redline));

    if (draw_named(VectorRole::IndustrialParks, kPark)) legend.emplace_back(kPark, role(VectorRole::IndustrialParks));
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
    legend.emplace_back(
        kSite, buffered ? fmt::format(t("拟建项目占地（缓冲 {:g} 米）", "site footprint ({:g} m buffer)"), footprint_m)
                        : t("拟建项目选址", "proposed site"));
    if (buffered) {
        m.draw(given, kSiteInput, site_title);
        legend.emplace_back(kSiteInput, t("选址（点/线，按原样）", "site as given (point/line)"));
    }

    for (size_t i = 0; i < admin.villages.size(); ++i) {
        if (!admin.villages[i].second.empty())
            m.label_inside(admin.village_areas[i], admin.villages[i].second, "#616161");
    }
    if (villages) legend.emplace_back(kVillage, t("村界", "village boundary"));
    if (townships) legend.emplace_back(kTownship, t("乡镇界", "township boundary"));

    for (const auto& l : leaders) {
        const geo::GeomPtr line = geos.from_wkt(
            fmt::format("LINESTRING({:.3f} {:.3f},{:.3f} {:.3f})", l.points[0], l.points[1], l.points[2], l.points[3]));
        m.draw(line.get(), kLeader, l.label);
        m.place_label((l.points[0] + l.points[2]) / 2, (l.points[1] + l.points[3]) / 2 + 8.0 / map.scale(), l.label,
                      11);
    }
    if (!leaders.empty())
        legend.emplace_back(kLeader, t("至最近保护对象的距离", "distance to the nearest protected zone"));

    // Receptors: every one in view as a small point, the nearest of each kind labelled.
    bool far_drawn = false, near_drawn = false;
    for (size_t i = 0; i < receptors.size(); ++i) {
        const Receptor& rc = receptors[i];
        const std::string label = (rc.name.empty() ? "" : rc.name + " ") + zone_value_label(rc.kind, t);
        if (labelled.count(i)) {
            near_drawn |= m.draw(rc.geom, kReceptor, label);
            const auto b = geos.bounds(rc.geom);  // label 14 px above the point
            m.place_label((b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2 + 14.0 / map.scale(),
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
    map.set_side_panel(200);
    if (admin.locator_outline) {
        // Where in the district: the townships' outlines and the site as a red square.
        SvgMap locator = SvgMap::around(geos, admin.locator_outline.get(), 0.04, 180, 140);
        locator.add(admin.locator_outline.get(), Style{"#f5f5f5", "#757575", 0.7, 1.0, ""});
        const double cx = (site_box.minx + site_box.maxx) / 2, cy = (site_box.miny + site_box.maxy) / 2;
        const double half = std::max(4.0 / locator.scale(), (site_box.maxx - site_box.minx) / 2);
        const geo::GeomPtr marker = geos.from_wkt(fmt::format(
            "POLYGON(({0:.3f} {1:.3f},{2:.3f} {1:.3f},{2:.3f} {3:.3f},{0:.3f} {3:.3f},{0:.3f} {1:.3f}))", cx - half,
            cy - half, cx + half, cy + half));
        locator.add(marker.get(), Style{"#e53935", "#b71c1c", 1.0, 1.0, ""});
        map.set_locator(locator.str(), 140);
    }

    std::string caption = fmt::format(
        t("坐标系 EPSG:{}；距离自项目占地边界量算。", "EPSG:{}; distances measured from the footprint's edge."),
        c.working.epsg);
    if (buffered) {
        caption += fmt::format(
            t("选址以点或线给出，已按 {:g} 米缓冲为占地范围后筛查。",
              " The site was given as a point or line and was buffered by {:g} m into a footprint for the screening."),
            footprint_m);
    }
    return "<figure>" + map.str() + "<figcaption>" + html_escape(caption) + "</figcaption></figure>\n";
}

}  // namespace ecozone::report
