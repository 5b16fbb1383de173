#include "analysis/screening.h"

#include "analysis/indicator_bases.h"
#include "analysis/zones.h"
#include "geo/box_index.h"
#include "geo/convex_clip.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace ecozone::analysis {

using layers::VectorRole;

namespace {

// One feature of a zone layer, prepared for repeated overlay.
struct ZoneFeature {
    const GEOSGeometry* geom = nullptr;
    std::string value;   // canonical value ("core", "level1", "school"), "" without a value map
    std::string name;
    std::string label;   // control units: "code name"
    geo::PreparedPtr prepared;
    geo::GeosContext::Bounds bounds;
    bool areal = true;
    // Large polygons (a red line, a control unit) are cut to the site's box before the overlay,
    // so that it nodes a few dozen vertices instead of thousands.
    bool large = false;
};

constexpr int kTileAbove = 256;  // vertices

struct ZoneLayer {
    VectorRole role;
    std::vector<ZoneFeature> features;
};

// What one site does to one feature: overlap piece (areal features) and distance.
struct Contact {
    geo::GeomPtr piece;  // site ∩ feature, null when disjoint
    double distance = -1;
};

double tiny_area(double site_area) { return std::max(1e-6, site_area * 1e-12); }

}  // namespace

struct Screener::Impl {
    const layers::Catalogue& cat;
    const layers::RuleList& rules;
    const geo::GeosContext& geos;
    ScreeningOptions options;
    geo::AreaCalculator calc;
    geo::GeomPtr district;
    geo::PreparedPtr district_prepared;
    std::map<VectorRole, ZoneLayer> layers;
    std::vector<geo::GeomPtr> owned;  // river belts
    std::vector<Belt> belt_list;
    // Land use: index and codes.  Read-only once built, so the screeners of one batch's threads
    // share them (prepared geometries and the area cache below are per screener).
    const layers::VectorLayer* landuse = nullptr;
    std::shared_ptr<const geo::BoxIndex> landuse_index;
    std::shared_ptr<const std::vector<std::string>> landuse_codes;
    // Areas of land-use polygons, measured on first use and reused by later sites (a Screener
    // belongs to one thread, like its GEOS context).
    mutable std::vector<Area2> landuse_area;

    Impl(const layers::Catalogue& c, const layers::RuleList& r, const geo::GeosContext& g, const ScreeningOptions& o,
         const Impl* share = nullptr)
        : cat(c),
          rules(r),
          geos(g),
          options(o),
          calc(g, c.working.definition),
          district(nullptr, geo::GeomDeleter{g.handle()}),
          district_prepared(nullptr, geo::PreparedDeleter{g.handle()}) {
        district = union_of(&c.require(VectorRole::District, "screening"), geos);
        district_prepared = geos.prepare(district.get());
        for (VectorRole role :
             {VectorRole::Redline, VectorRole::ReserveZones, VectorRole::WaterSources, VectorRole::Farmland,
              VectorRole::UrbanBoundary, VectorRole::IndustrialParks, VectorRole::ControlUnits, VectorRole::Receptors,
              VectorRole::Rivers, VectorRole::WetlandParks, VectorRole::ImportantWetlands, VectorRole::Townships,
              VectorRole::Villages}) {
            add_layer(role);
        }
        build_belts();
        landuse = c.vector(VectorRole::Landuse);
        if (landuse && share) {
            landuse_index = share->landuse_index;
            landuse_codes = share->landuse_codes;
            landuse_area.assign(landuse->features.size(), Area2{-1, -1});
        } else if (landuse) {
            const size_t code = landuse->require_field(*c.project.field(VectorRole::Landuse, "code_field"), "code_field");
            std::vector<geo::GeosContext::Bounds> boxes;
            boxes.reserve(landuse->features.size());
            auto codes = std::make_shared<std::vector<std::string>>();
            codes->reserve(landuse->features.size());
            std::map<std::string, std::string> canonical_of;  // a county has a few dozen codes
            for (const auto& f : landuse->features) {
                boxes.push_back(geos.bounds(f.geom.get()));
                const std::string raw = layers::to_text(f.attrs[code]);
                auto it = canonical_of.find(raw);
                if (it == canonical_of.end()) it = canonical_of.emplace(raw, canonical_code(raw)).first;
                codes->push_back(it->second);
            }
            landuse_codes = std::move(codes);
            landuse_index = std::make_shared<const geo::BoxIndex>(boxes);
            landuse_area.assign(boxes.size(), Area2{-1, -1});
        }
    }

    std::string canonical(const layers::VectorLayerSpec& spec, const std::string& raw) const {
        if (spec.values.empty()) return raw;
        auto it = spec.values.find(raw);
        return it == spec.values.end() ? raw : it->second;
    }

    void add_layer(VectorRole role) {
        const layers::VectorLayer* layer = cat.vector(role);
        if (!layer) return;
        const layers::VectorLayerSpec& spec = *cat.project.vector(role);
        const layers::RoleSpec& rs = layers::role_spec(role);
        std::optional<size_t> value_idx, name_idx, code_idx;
        if (!rs.value_field_key.empty() && spec.fields.count(rs.value_field_key)) {
            value_idx = layer->require_field(spec.fields.at(rs.value_field_key), rs.value_field_key);
        }
        if (spec.fields.count("name_field")) name_idx = layer->require_field(spec.fields.at("name_field"), "name_field");
        if (spec.fields.count("code_field")) code_idx = layer->require_field(spec.fields.at("code_field"), "code_field");
        ZoneLayer zl{role, {}};
        for (const auto& f : layer->features) {
            ZoneFeature z;
            z.geom = f.geom.get();
            if (value_idx) z.value = canonical(spec, layers::to_text(f.attrs[*value_idx]));
            z.name = name_idx ? layers::to_text(f.attrs[*name_idx]) : fmt::format("#{}", f.fid);
            z.label = code_idx ? layers::to_text(f.attrs[*code_idx]) + " " + z.name : z.name;
            const int t = GEOSGeomTypeId_r(geos.handle(), z.geom);
            z.areal = t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
            z.prepared = geos.prepare(z.geom);
            z.bounds = geos.bounds(z.geom);
            z.large = z.areal && GEOSGetNumCoordinates_r(geos.handle(), z.geom) > kTileAbove;
            zl.features.push_back(std::move(z));
        }
        layers.emplace(role, std::move(zl));
    }

    // River ecological buffer belts: each river line buffered by its configured width.
    void build_belts() {
        auto it = layers.find(VectorRole::Rivers);
        if (it == layers.end()) return;
        const layers::VectorLayerSpec& spec = *cat.project.vector(VectorRole::Rivers);
        ZoneLayer belts{VectorRole::Rivers, {}};
        for (const auto& river : it->second.features) {
            double width = spec.default_buffer_m.value_or(0.0);
            if (auto w = spec.buffer_m.find(river.name); w != spec.buffer_m.end()) width = w->second;
            if (!(width > 0)) continue;
            owned.push_back(geos.own(GEOSBuffer_r(geos.handle(), river.geom, width, 16), "river belt"));
            ZoneFeature z;
            z.geom = owned.back().get();
            z.name = river.name;
            z.label = fmt::format("{} ({:g} m)", river.name, width);
            z.prepared = geos.prepare(z.geom);
            z.bounds = geos.bounds(z.geom);
            z.large = GEOSGetNumCoordinates_r(geos.handle(), z.geom) > kTileAbove;
            belts.features.push_back(std::move(z));
            belt_list.push_back({river.name, width, z.geom});
        }
        // The river role in rules means the belt (rules.h); the lines stay for distances.
        river_lines = std::move(it->second);
        layers.erase(it);
        if (!belts.features.empty()) layers.emplace(VectorRole::Rivers, std::move(belts));
    }
    ZoneLayer river_lines{VectorRole::Rivers, {}};

    Area2 area2(const GEOSGeometry* g) const {
        return {calc.area(g, geo::AreaMode::Ellipsoidal), calc.area(g, geo::AreaMode::Planar)};
    }
};

Screener::Screener(const layers::Catalogue& c, const layers::RuleList& r, const geo::GeosContext& g,
                   const ScreeningOptions& o)
    : impl_(std::make_unique<Impl>(c, r, g, o)) {}

Screener::Screener(const Screener& sibling, const geo::GeosContext& geos)
    : impl_(std::make_unique<Impl>(sibling.impl_->cat, sibling.impl_->rules, geos, sibling.impl_->options,
                                   sibling.impl_.get())) {}

Screener::~Screener() = default;

std::vector<Screener::Belt> Screener::belts() const { return impl_->belt_list; }

std::vector<std::pair<std::string, const GEOSGeometry*>> Screener::zone_geometries(VectorRole role) const {
    std::vector<std::pair<std::string, const GEOSGeometry*>> out;
    const ZoneLayer* zl = nullptr;
    if (role == VectorRole::Rivers) {
        zl = &impl_->river_lines;
    } else if (auto it = impl_->layers.find(role); it != impl_->layers.end()) {
        zl = &it->second;
    }
    if (zl) {
        for (const auto& f : zl->features) out.emplace_back(f.value, f.geom);
    }
    return out;
}

namespace {

bool overlaps_bounds(const geo::GeosContext::Bounds& a, const geo::GeosContext::Bounds& b) {
    return !(a.empty || b.empty || a.maxx < b.minx || a.minx > b.maxx || a.maxy < b.miny || a.miny > b.maxy);
}

// Bounds grown by d on every side (for "within distance" candidates).
geo::GeosContext::Bounds grown(geo::GeosContext::Bounds b, double d) {
    b.minx -= d;
    b.miny -= d;
    b.maxx += d;
    b.maxy += d;
    return b;
}

}  // namespace

SiteResult Screener::screen(const SiteSpec& spec) const {
    const Impl& m = *impl_;
    const geo::GeosContext& geos = m.geos;
    GEOSContextHandle_t h = geos.handle();
    SiteResult out;
    out.spec = spec;
    out.notes = spec.notes;
    try {
        if (!spec.geom || geos.is_empty(spec.geom)) throw DataError("the site has no geometry");
        if (!m.rules.category(spec.category)) {
            throw UsageError(fmt::format("unknown project category '{}'; known categories: {}", spec.category,
                                         m.rules.known_categories()));
        }
        // The footprint: polygons as drawn (repaired if self-intersecting), points and lines buffered.
        geo::GeomPtr site(nullptr, geo::GeomDeleter{h});
        const int type = GEOSGeomTypeId_r(h, spec.geom);
        if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
            if (!geos.is_valid(spec.geom)) {
                const std::string reason = geos.invalid_reason(spec.geom);
                site = geos.polygonal_part(geos.make_valid(spec.geom).get());
                out.notes.push_back(layers::make_note("边界自相交，已用 make-valid 修复（{}）",
                                                      "self-intersecting boundary repaired with make-valid ({})",
                                                      reason));
            } else {
                site = geos.clone(spec.geom);
            }
        } else {
            site = geos.own(GEOSBuffer_r(h, spec.geom, m.options.footprint_m, 16), "footprint");
            const bool point = type == GEOS_POINT || type == GEOS_MULTIPOINT;
            out.notes.push_back({fmt::format("{}选址：已按 {:g} 米足迹缓冲作为占地范围", point ? "点状" : "线状",
                                             m.options.footprint_m),
                                 fmt::format("{} site: footprint = buffer of {:g} m", point ? "point" : "line",
                                             m.options.footprint_m)});
        }
        out.area = m.area2(site.get());
        if (out.area.planar_m2 <= 0) {
            throw DataError("the site has zero area (all its points on a line?); check the coordinates");
        }
        const double site_area = out.area.in(m.options.mode);
        const auto sb = geos.bounds(site.get());

        // Inside the district?
        const Area2 inside =
            geos.predicate(GEOSPreparedContainsProperly_r(h, m.district_prepared.get(), site.get()), "containsProperly")
                ? out.area
                : m.area2(geos.intersection(site.get(), m.district.get()).get());
        out.outside_district_share = std::clamp(1.0 - inside.in(m.options.mode) / site_area, 0.0, 1.0);
        if (out.outside_district_share > 1.0 - 1e-9) {
            const double d = geos.distance(site.get(), m.district.get());
            throw DataError(fmt::format("the site lies entirely outside the district ({:.1f} km away); check its "
                                        "coordinates and CRS (zone, axis order)", d / 1000.0));
        }
        if (out.outside_district_share > 1e-6) {
            const double outside = 100.0 * out.outside_district_share;
            out.notes.push_back(layers::make_note("选址有 {:.1f} % 位于本区域范围之外，该部分不按本区域图层判定",
                                                  "{:.1f} % of the site lies outside the district and is not judged by "
                                                  "this district's layers",
                                                  outside));
        }

        // Contacts with every zone feature: the overlap piece and (lazily) the distance.
        const geo::PreparedPtr site_prepared = geos.prepare(site.get());
        std::map<std::pair<VectorRole, size_t>, Contact> contacts;
        auto contact = [&](VectorRole role, size_t i, const ZoneFeature& f) -> Contact& {
            auto key = std::make_pair(role, i);
            auto it = contacts.find(key);
            if (it != contacts.end()) return it->second;
            Contact c;
            // The feature's prepared index is built once and reused by every site.
            if (overlaps_bounds(sb, f.bounds) &&
                geos.predicate(GEOSPreparedIntersects_r(h, f.prepared.get(), site.get()), "intersects")) {
                c.distance = 0;
                if (f.areal) {
                    if (geos.predicate(GEOSPreparedContainsProperly_r(h, f.prepared.get(), site.get()), "containsProperly")) {
                        c.piece = geos.clone(site.get());
                    } else if (f.large) {
                        // Cut the large feature down to the site's box first (linear, no noding);
                        // should the cut be degenerate, fall back to the robust full overlay.
                        try {
                            geo::GeomPtr near = geos.own(GEOSClipByRect_r(h, f.geom, sb.minx - 1, sb.miny - 1, sb.maxx + 1,
                                                                         sb.maxy + 1), "clip by rectangle");
                            c.piece = geos.polygonal_part(geos.intersection(site.get(), near.get()).get());
                        } catch (const GeometryError&) {
                            c.piece = geos.polygonal_part(geos.intersection(site.get(), f.geom).get());
                        }
                    } else {
                        c.piece = geos.polygonal_part(geos.intersection(site.get(), f.geom).get());
                    }
                }
            }
            return contacts.emplace(key, std::move(c)).first->second;
        };
        auto distance_to = [&](VectorRole role, size_t i, const ZoneFeature& f) {
            Contact& c = contact(role, i, f);
            if (c.distance < 0) {
                // Indexed facet distance on the feature's prepared geometry: the red line's
                // thousands of vertices are not compared one by one with the site's.
                if (!GEOSPreparedDistance_r(h, f.prepared.get(), site.get(), &c.distance)) {
                    throw GeometryError("GEOS distance failed: " + geos.last_error());
                }
            }
            return c.distance;
        };
        // The union of the overlap pieces of a set of features (features of one layer may overlap).
        auto part_of_uncached = [&](VectorRole role, const ZoneLayer& zl, const std::function<bool(const ZoneFeature&)>& pick,
                                    std::string* names) {
            std::vector<const GEOSGeometry*> pieces;
            std::set<std::string> seen;
            for (size_t i = 0; i < zl.features.size(); ++i) {
                const ZoneFeature& f = zl.features[i];
                if (!pick(f)) continue;
                Contact& c = contact(role, i, f);
                if (!c.piece || geos.is_empty(c.piece.get())) continue;
                pieces.push_back(c.piece.get());
                if (names && seen.insert(f.label).second) *names += (names->empty() ? "" : "; ") + f.label;
            }
            if (pieces.empty()) return Area2{};
            if (pieces.size() == 1) return m.area2(pieces.front());
            std::vector<geo::GeomPtr> copies;  // features of one layer may overlap: union, never sum
            for (const auto* p : pieces) copies.push_back(geos.clone(p));
            return m.area2(geos.union_all(std::move(copies)).get());
        };
        // Many rules share a zone and its values: measure each combination once per site.
        std::map<std::string, Area2> part_cache;
        auto rule_part = [&](const layers::Rule& rule, const ZoneLayer& zl) {
            std::string key = rule.zone_key();
            for (const auto& v : rule.zone_values) key += "|" + v;
            auto it = part_cache.find(key);
            if (it != part_cache.end()) return it->second;
            const Area2 a = part_of_uncached(rule.zone, zl, [&](const ZoneFeature& f) { return rule.applies_to_value(f.value); },
                                             nullptr);
            part_cache.emplace(key, a);
            return a;
        };
        auto part_of = part_of_uncached;

        // Where it is: the township and village holding the most of it (administrative units
        // locate a site; no rule applies to them).
        for (auto [role, name] :
             {std::pair{VectorRole::Townships, &out.township}, std::pair{VectorRole::Villages, &out.village}}) {
            auto it = m.layers.find(role);
            if (it == m.layers.end()) continue;
            double most = 0;
            for (size_t i = 0; i < it->second.features.size(); ++i) {
                const ZoneFeature& f = it->second.features[i];
                const Contact& c = contact(role, i, f);
                if (!c.piece) continue;
                const double a = geos.planar_area(c.piece.get());
                if (a > most) {
                    most = a;
                    *name = f.name;
                }
            }
        }

        // Every zone the site touches, per canonical value.
        for (const auto& [role, zl] : m.layers) {
            if (role == VectorRole::Receptors || role == VectorRole::Townships || role == VectorRole::Villages)
                continue;
            std::set<std::string> values;
            for (size_t i = 0; i < zl.features.size(); ++i) {
                if (zl.features[i].areal && contact(role, i, zl.features[i]).piece) {
                    values.insert(role == VectorRole::Rivers ? zl.features[i].name : zl.features[i].value);
                }
            }
            for (const auto& v : values) {
                ZoneOverlap z;
                z.role = layers::role_key(role);
                z.value = v;
                z.area = part_of(role, zl, [&](const ZoneFeature& f) {
                    return (role == VectorRole::Rivers ? f.name : f.value) == v;
                }, &z.feature_names);
                if (z.area.planar_m2 <= tiny_area(out.area.planar_m2)) continue;  // touching along an edge only
                z.share = std::clamp(z.area.in(m.options.mode) / site_area, 0.0, 1.0);
                out.zones.push_back(z);
                if (role == VectorRole::ControlUnits) {
                    for (size_t i = 0; i < zl.features.size(); ++i) {
                        if (zl.features[i].value == v && contact(role, i, zl.features[i]).piece) {
                            out.control_units.push_back({zl.features[i].label, v});
                        }
                    }
                }
            }
        }

        // The land it would occupy.
        if (m.landuse) {
            std::map<std::string, LandOccupied> by_code;
            // Convex sites (most) clip land-use polygons by Sutherland–Hodgman; others by GEOS.
            const auto convex = geo::ConvexClipper::from(geos, site.get());
            for (size_t i : m.landuse_index->query(sb)) {
                const GEOSGeometry* lg = m.landuse->features[i].geom.get();
                // Polygons wholly inside the site count whole (their area measured once); the rest
                // are clipped — by the convex site directly (a polygon outside clips to nothing),
                // otherwise by GEOS after an intersects test.
                Area2 a;
                if (geos.predicate(GEOSPreparedContainsProperly_r(h, site_prepared.get(), lg), "containsProperly")) {
                    if (m.landuse_area[i].planar_m2 < 0) m.landuse_area[i] = m.area2(lg);
                    a = m.landuse_area[i];
                } else if (convex) {
                    const auto c = convex->clipped_area(geos, lg, m.calc);
                    a = {c.ellipsoidal_m2, c.planar_m2};
                } else if (geos.predicate(GEOSPreparedIntersects_r(h, site_prepared.get(), lg), "intersects")) {
                    a = m.area2(geos.polygonal_part(geos.intersection(site.get(), lg).get()).get());
                }
                if (a.planar_m2 <= 0) continue;
                LandOccupied& row = by_code[(*m.landuse_codes)[i]];
                if (row.code.empty()) {
                    row.code = (*m.landuse_codes)[i];
                    if (auto lc = layers::find_land_class(row.code)) {
                        row.name = lc->name;
                        row.group = lc->group;
                    }
                }
                row.area.ellipsoidal_m2 += a.ellipsoidal_m2;
                row.area.planar_m2 += a.planar_m2;
            }
            for (auto& [code, row] : by_code) {
                Area2& g = out.land_groups[row.group];
                g.ellipsoidal_m2 += row.area.ellipsoidal_m2;
                g.planar_m2 += row.area.planar_m2;
                out.land.push_back(row);
            }
        }

        // Distances to the nearest sensitive features.
        auto nearest = [&](const std::string& what, VectorRole role, const ZoneLayer& zl,
                           const std::function<bool(const ZoneFeature&)>& pick) {
            Distance d;
            d.what = what;
            // Candidates in order of their bounding-box distance; stop once that exceeds the best.
            std::vector<std::pair<double, size_t>> order;
            for (size_t i = 0; i < zl.features.size(); ++i) {
                if (!pick(zl.features[i])) continue;
                const auto& b = zl.features[i].bounds;
                const double dx = std::max({0.0, b.minx - sb.maxx, sb.minx - b.maxx});
                const double dy = std::max({0.0, b.miny - sb.maxy, sb.miny - b.maxy});
                order.emplace_back(std::hypot(dx, dy), i);
            }
            std::sort(order.begin(), order.end());
            double best = std::numeric_limits<double>::infinity();
            for (const auto& [box_d, i] : order) {
                if (box_d > best) break;
                const double dist = distance_to(role, i, zl.features[i]);
                if (dist < best) {
                    best = dist;
                    d.nearest_name = zl.features[i].name;
                }
            }
            if (std::isfinite(best)) {
                d.metres = best;
                d.inside = best == 0.0;
            }
            out.distances.push_back(d);
        };
        auto all = [](const ZoneFeature&) { return true; };
        if (!m.river_lines.features.empty()) nearest("river", VectorRole::Rivers, m.river_lines, all);
        for (auto [what, role] : {std::pair{"water_source", VectorRole::WaterSources},
                                  std::pair{"reserve", VectorRole::ReserveZones},
                                  std::pair{"redline", VectorRole::Redline}}) {
            if (auto it = m.layers.find(role); it != m.layers.end()) nearest(what, role, it->second, all);
        }
        if (auto it = m.layers.find(VectorRole::Receptors); it != m.layers.end()) {
            for (const char* kind : {"home", "school", "hospital", "elderly_care"}) {
                nearest(std::string("receptor:") + kind, VectorRole::Receptors, it->second,
                        [&](const ZoneFeature& f) { return f.value == kind; });
            }
        }

        // The rules that fire, and which decide.
        std::vector<const layers::Rule*> matched;
        std::map<const layers::Rule*, FiredRule> fired;
        for (const auto& rule : m.rules.rules) {
            if (!rule.applies_to(spec.category)) continue;
            auto it = m.layers.find(rule.zone);
            const bool have_layer = it != m.layers.end();
            auto pick = [&](const ZoneFeature& f) { return rule.applies_to_value(f.value); };
            FiredRule fr;
            fr.rule = &rule;
            bool fires = false;
            switch (rule.condition) {
                case layers::Condition::Intersects: {
                    if (!have_layer) break;
                    const ZoneLayer& zl = it->second;
                    bool touches = false;
                    for (size_t i = 0; i < zl.features.size() && !touches; ++i) {
                        if (!pick(zl.features[i])) continue;
                        touches = contact(rule.zone, i, zl.features[i]).distance == 0;
                    }
                    if (!touches) break;
                    fr.part = rule_part(rule, zl);
                    // Areal zones must really overlap; point/line zones (receptors) just touch.
                    const bool areal = std::any_of(zl.features.begin(), zl.features.end(),
                                                   [](const ZoneFeature& f) { return f.areal; });
                    fires = !areal || fr.part.planar_m2 > tiny_area(out.area.planar_m2);
                    fr.share = std::clamp(fr.part.in(m.options.mode) / site_area, 0.0, 1.0);
                    break;
                }
                case layers::Condition::WithinDistance: {
                    const ZoneLayer* zl = have_layer ? &it->second
                                                     : (rule.zone == VectorRole::Rivers ? &m.river_lines : nullptr);
                    if (!zl || zl->features.empty()) break;
                    double best = std::numeric_limits<double>::infinity();
                    const auto reach = grown(sb, *rule.distance_m);
                    for (size_t i = 0; i < zl->features.size(); ++i) {
                        if (!pick(zl->features[i]) || !overlaps_bounds(reach, zl->features[i].bounds)) continue;
                        best = std::min(best, distance_to(rule.zone, i, zl->features[i]));
                    }
                    if (best <= *rule.distance_m) {
                        fires = true;
                        fr.distance_m = best;
                    }
                    break;
                }
                case layers::Condition::Outside: {
                    // Fires unless the site lies wholly inside the zone's features (e.g. inside a park).
                    Area2 in;
                    if (have_layer) in = rule_part(rule, it->second);
                    const double outside = out.area.planar_m2 - in.planar_m2;
                    fires = outside > tiny_area(out.area.planar_m2) && outside > 1e-9 * out.area.planar_m2;
                    fr.part = {out.area.ellipsoidal_m2 - in.ellipsoidal_m2, outside};
                    fr.share = std::clamp(fr.part.in(m.options.mode) / site_area, 0.0, 1.0);
                    break;
                }
            }
            if (!fires) continue;
            matched.push_back(&rule);
            fired.emplace(&rule, fr);
        }
        auto wholly_inside = [&](const layers::Rule& rule) {
            auto it = m.layers.find(rule.zone);
            if (it == m.layers.end()) return false;
            const Area2 in = rule_part(rule, it->second);
            return in.planar_m2 >= out.area.planar_m2 * (1 - 1e-9);
        };
        const auto deciding = layers::deciding_rules(matched, wholly_inside);
        out.verdict = layers::strictest(deciding);
        const std::set<const layers::Rule*> deciding_set(deciding.begin(), deciding.end());
        for (const auto* r : matched) {
            FiredRule fr = fired.at(r);
            fr.deciding = deciding_set.count(r) > 0;
            out.rules.push_back(fr);
        }
        // Deciding rules first, strictest first, then in the list's order.
        std::stable_sort(out.rules.begin(), out.rules.end(), [](const FiredRule& a, const FiredRule& b) {
            if (a.deciding != b.deciding) return a.deciding;
            return a.rule->verdict > b.rule->verdict;
        });
        out.screened = true;
    } catch (const UsageError&) {
        throw;  // an unknown category is the user's command line, not the site
    } catch (const ecozone::Error& e) {
        out.screened = false;
        out.error = e.what();
    }
    return out;
}

std::vector<std::string> deciding_rule_ids(const SiteResult& r, layers::Verdict v) {
    std::vector<std::string> ids;
    for (const auto& f : r.rules) {
        if (f.deciding && f.rule->verdict == v) ids.push_back(f.rule->id);
    }
    return ids;
}

std::vector<std::string> verdict_rule_ids(const SiteResult& r) { return deciding_rule_ids(r, r.verdict); }

}  // namespace ecozone::analysis
