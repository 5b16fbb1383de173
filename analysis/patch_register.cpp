#include "analysis/patch_register.h"

#include "analysis/road_length.h"
#include "analysis/zones.h"
#include "geo/crs.h"
#include "geo/errors.h"
#include "geo/pixel_polygon.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ecozone::analysis {

namespace {

// The patch as one polygon: its pixel outline, traced (geo/pixel_polygon.h).  A coverage union of
// the pixel squares refused patches whose pixels touch only at corners around holes.  The outline
// keeps every pixel corner, as the union did, so ellipsoidal areas stay the sum of the pixels'.
geo::GeomPtr patch_polygon(const ChangePatch& p, const geo::Grid& g, const geo::GeosContext& geos) {
    return geo::pixel_polygon(p.cells, g, geos);
}

// Rank of a functional zone: higher is more protective.
int zone_rank(const std::string& z) {
    if (z == "core" || z == "core_protection") return 3;
    if (z == "buffer") return 2;
    if (z == "experimental" || z == "general_control") return 1;
    return 0;
}

}  // namespace

namespace {

// Zones, red line, townships and villages prepared once, to attribute any number of patch polygons.
class Attributor {
public:
    Attributor(const layers::Catalogue& c, const geo::GeosContext& geos)
        : geos_(geos), calc_(geos, c.working.definition), to_lonlat_(c.working.definition, "EPSG:4490"),
          redline_(union_of(c.vector(layers::VectorRole::Redline), geos)),
          redline_prepared_(redline_ ? geos.prepare(redline_.get()) : geo::PreparedPtr(nullptr, geo::PreparedDeleter{geos.handle()})) {
        // Reserve zones by canonical value (three-zone scheme; the two-zone names follow from them).
        if (const layers::VectorLayer* rz = c.vector(layers::VectorRole::ReserveZones)) {
            const layers::VectorLayerSpec& spec = *c.project.vector(layers::VectorRole::ReserveZones);
            const size_t field = rz->require_field(spec.fields.at("zone_field"), "zone_field");
            for (const auto& f : rz->features) {
                std::string v = layers::to_text(f.attrs[field]);
                if (auto it = spec.values.find(v); it != spec.values.end()) v = it->second;
                zones_.push_back({v, f.geom.get(), geos.prepare(f.geom.get())});
            }
        }
        named_parts(c, layers::VectorRole::Townships, towns_);
        named_parts(c, layers::VectorRole::Villages, villages_);
    }

    // Zones, red line, areas, centre lon/lat and township of a record whose polygon and GK centre
    // (gk_x = northing, gk_y = easting) are set.  False, with only zones and red line filled, for
    // a record `protected_only` leaves out: most candidates a stage rejects lie outside the
    // protected areas, and their areas and townships would be measured only to be thrown away.
    bool attribute(PatchRecord& r, bool protected_only) const {
        // The whole patch's ellipsoidal area, measured once and only when needed: a patch inside
        // a zone takes it as its area there, and every kept patch as its own.
        std::optional<double> whole;
        auto whole_m2 = [&] {
            if (!whole) whole = calc_.ellipsoidal(r.polygon.get());
            return *whole;
        };
        std::optional<double> planar;
        auto planar_m2 = [&] {
            if (!planar) planar = calc_.planar(r.polygon.get());
            return *planar;
        };
        // Area of the patch inside a prepared polygon: the whole patch when it lies inside (the
        // common case), an overlay only on the polygon's edge.
        auto inside_m2 = [&](const geo::PreparedPtr& prepared, const GEOSGeometry* target, bool ellipsoidal) {
            GEOSContextHandle_t h = geos_.handle();
            if (!geos_.predicate(GEOSPreparedIntersects_r(h, prepared.get(), r.polygon.get()), "intersects"))
                return 0.0;
            if (geos_.predicate(GEOSPreparedContainsProperly_r(h, prepared.get(), r.polygon.get()), "containsProperly")) {
                return ellipsoidal ? whole_m2() : planar_m2();
            }
            geo::GeomPtr part = geos_.intersection(r.polygon.get(), target);
            return ellipsoidal ? calc_.ellipsoidal(part.get()) : geos_.planar_area(part.get());
        };
        if (!attribute_protection(r, inside_m2, protected_only)) return false;
        r.area_hm2 = std::round(whole_m2() / 1e4 * 1e4) / 1e4;
        r.planar_m2 = planar_m2();
        attribute_place(r, inside_m2, planar_m2());
        return true;
    }

    // The same figures for a record without a polygon, from its pixels (row, col) on `g`: the area
    // is the pixel count times the pixel area, and each pixel counts in the zones, red line,
    // township and village that contain its centre.  Pixel areas differ by less than 1e-7 across
    // a patch, so one pixel at its centre stands for all.
    bool attribute_by_pixels(PatchRecord& r, const std::vector<std::pair<int, int>>& cells, const geo::Grid& g,
                             bool protected_only) const {
        const double x = r.gk_y - g.dx / 2, y = r.gk_x - g.dy / 2;
        const double pixel_m2 = calc_.ellipsoidal_ring({x, x + g.dx, x + g.dx, x}, {y, y, y + g.dy, y + g.dy});
        const auto n = static_cast<double>(cells.size());
        std::vector<geo::GeomPtr> centres;
        for (const auto& [row, col] : cells) {
            centres.push_back(geos_.own(
                GEOSGeom_createPointFromXY_r(geos_.handle(), g.x_of(col + 0.5), g.y_of(row + 0.5)), "pixel centre"));
        }
        auto inside_m2 = [&](const geo::PreparedPtr& prepared, const GEOSGeometry*, bool ellipsoidal) {
            double inside = 0;
            for (const auto& c : centres) {
                if (geos_.predicate(GEOSPreparedContains_r(geos_.handle(), prepared.get(), c.get()), "contains"))
                    ++inside;
            }
            return inside * (ellipsoidal ? pixel_m2 : g.dx * g.dy);
        };
        if (!attribute_protection(r, inside_m2, protected_only)) return false;
        r.area_hm2 = std::round(n * pixel_m2 / 1e4 * 1e4) / 1e4;
        r.planar_m2 = n * g.dx * g.dy;
        attribute_place(r, inside_m2, r.planar_m2);
        return true;
    }

private:
    // Functional zones (the area in each, the most protective touched) and red line, given the
    // area (m²) of the record inside a prepared polygon: inside_m2(prepared, polygon,
    // ellipsoidal).  False when `protected_only` and the record touches neither.
    template <typename InsideM2>
    bool attribute_protection(PatchRecord& r, InsideM2&& inside_m2, bool protected_only) const {
        int rank = 0;
        r.zone = "outside";
        for (const auto& z : zones_) {
            const double a = inside_m2(z.prepared, z.geom, true);
            if (a <= 0) continue;
            r.zone_hm2[z.value] += a / 1e4;
            if (zone_rank(z.value) > rank) {
                rank = zone_rank(z.value);
                r.zone = z.value;
            }
        }
        r.zone_two = r.zone == "core" || r.zone == "buffer" || r.zone == "core_protection" ? "core_protection"
                     : r.zone == "experimental" || r.zone == "general_control"          ? "general_control"
                                                                                         : "outside";
        if (redline_prepared_) {
            r.redline_hm2 = inside_m2(redline_prepared_, redline_.get(), true) / 1e4;
            r.in_redline = r.redline_hm2 > 0;
        }
        return !protected_only || touches_protected_area(r);
    }

    // Centre lon/lat, township and village (the one holding the most of the record, planar m²;
    // `whole_m2`, the record's own area, ends the search: no other part can hold more).
    template <typename InsideM2>
    void attribute_place(PatchRecord& r, InsideM2&& inside_m2, double whole_m2) const {
        double lon = r.gk_y, lat = r.gk_x;
        to_lonlat_.forward(lon, lat);
        r.lon = lon;
        r.lat = lat;
        auto holding_most = [&](const std::vector<Part>& parts) {
            std::string name;
            double most = 0;
            for (const auto& p : parts) {
                const double a = inside_m2(p.prepared, p.geom, false);
                if (a > most) {
                    most = a;
                    name = p.value;
                    if (a >= whole_m2) break;
                }
            }
            return name;
        };
        r.township = holding_most(towns_);
        r.village = holding_most(villages_);
    }

    struct Part {
        std::string value;  // canonical zone value, or the township's / village's name
        const GEOSGeometry* geom;
        geo::PreparedPtr prepared;
    };
    const geo::GeosContext& geos_;
    geo::AreaCalculator calc_;
    geo::Transform to_lonlat_;
    geo::GeomPtr redline_;
    geo::PreparedPtr redline_prepared_;
    // The features of an administrative layer (townships, villages) by name, prepared.
    void named_parts(const layers::Catalogue& c, layers::VectorRole role, std::vector<Part>& out) const {
        const layers::VectorLayer* layer = c.vector(role);
        if (!layer) return;
        const size_t name = layer->require_field(*c.project.field(role, "name_field"), "name_field");
        for (const auto& f : layer->features)
            out.push_back({layers::to_text(f.attrs[name]), f.geom.get(), geos_.prepare(f.geom.get())});
    }

    std::vector<Part> zones_, towns_, villages_;
};

std::string patch_id(const RegisterOptions& o, size_t i) {
    return fmt::format("{}-{}-{}-{:04d}", o.id_prefix, o.year, o.batch, i + 1);
}

// The common end of both registers: leave the attributed record out if the scope says so, else
// number it in turn, measure it if it is a road, and keep it.
template <typename RoadLength>
void register_record(PatchRecord r, const RegisterOptions& options, RoadLength&& road_length,
                     std::vector<PatchRecord>& out) {
    if (options.protected_only && !touches_protected_area(r)) return;
    r.id = patch_id(options, out.size());
    if (r.activity == "09") r.road_length_m = road_length(r);
    out.push_back(std::move(r));
}

// What a detected patch's pixels say before any geometry: activity, dominant transition, pixel
// count and centre.
PatchRecord pixel_record(const ChangePatch& p, const geo::Grid& grid) {
    PatchRecord r;
    r.activity = p.activity;
    r.pixels = p.pixels;
    r.confidence = p.confidence;
    r.evidence = p.evidence;
    r.core_pixels = p.core_pixels;
    r.stage = p.stage;
    r.reason = p.reason;
    // The dominant transition, as the filter stages found it (analysis/patch_filters.cpp).
    r.before_class = p.evidence.main_before;
    r.after_class = p.evidence.main_after;
    // Centre of the pixels (not of the outline: a patch may be U-shaped).
    r.gk_y = grid.x_of(p.sum_col / static_cast<double>(p.pixels));  // easting
    r.gk_x = grid.y_of(p.sum_row / static_cast<double>(p.pixels));  // northing
    return r;
}

}  // namespace

std::vector<PatchRecord> build_register(const std::vector<ChangePatch>& patches, const geo::Grid& grid,
                                        const layers::Catalogue& c, const geo::GeosContext& geos,
                                        const RegisterOptions& options) {
    const Attributor attributor(c, geos);
    std::vector<PatchRecord> out;
    out.reserve(patches.size());
    for (const ChangePatch& p : patches) {
        PatchRecord r = pixel_record(p, grid);
        try {
            r.polygon = patch_polygon(p, grid, geos);
            if (!attributor.attribute(r, options.protected_only)) continue;
        } catch (const GeometryError&) {
            // One patch GEOS cannot draw or overlay (never seen since the outline is traced, see
            // geo/pixel_polygon.h) must not abort the register, nor be dropped: the audit would
            // count it among the patches outside the protected area (cmd_audit counts those as
            // found minus registered).  Its pixels still give its area, centre, zones and
            // township; it is registered without a polygon, like a restored record, so the tables
            // list it and the maps and vector layers leave it out.
            r = pixel_record(p, grid);
            if (!attributor.attribute_by_pixels(r, p.cells, grid, options.protected_only)) continue;
        }
        register_record(
            std::move(r), options, [&](const PatchRecord&) { return road_length_m(p.cells, grid.dx, grid.dy); }, out);
    }
    return out;
}

std::vector<PatchRecord> build_register(const std::vector<ExternalPatch>& patches, const layers::Catalogue& c,
                                        const geo::GeosContext& geos, const RegisterOptions& options) {
    const Attributor attributor(c, geos);
    std::vector<PatchRecord> out;
    out.reserve(patches.size());
    for (const ExternalPatch& p : patches) {
        PatchRecord r;
        r.previous_id = p.source_id;  // the provider's own id, kept beside ours
        r.activity = p.activity;
        r.polygon = geos.polygonal_part(p.geom);
        if (geos.is_empty(r.polygon.get())) continue;
        // A point guaranteed inside the patch, so that a U-shaped patch's centre is on it.
        geo::GeomPtr centre = geos.own(GEOSPointOnSurface_r(geos.handle(), r.polygon.get()), "point on surface");
        GEOSGeomGetX_r(geos.handle(), centre.get(), &r.gk_y);
        GEOSGeomGetY_r(geos.handle(), centre.get(), &r.gk_x);
        if (!attributor.attribute(r, options.protected_only)) continue;
        register_record(
            std::move(r), options,
            [&](const PatchRecord& kept) { return strip_length_m(kept.planar_m2, geos.length(kept.polygon.get())); },
            out);
    }
    return out;
}

bool touches_protected_area(const PatchRecord& r) { return r.zone != "outside" || r.in_redline; }

std::vector<PreviousPatch> previous_in_scope(const std::vector<PreviousPatch>& previous, const layers::Catalogue& c,
                                             const geo::GeosContext& geos, const RegisterOptions& options) {
    if (!options.protected_only) return previous;
    const Attributor attributor(c, geos);
    std::vector<PreviousPatch> out;
    for (const PreviousPatch& p : previous) {
        if (p.polygon && !geos.is_empty(p.polygon)) {
            PatchRecord r;
            r.polygon = geos.clone(p.polygon);
            geo::GeomPtr centre = geos.own(GEOSPointOnSurface_r(geos.handle(), r.polygon.get()), "point on surface");
            GEOSGeomGetX_r(geos.handle(), centre.get(), &r.gk_y);
            GEOSGeomGetY_r(geos.handle(), centre.get(), &r.gk_x);
            if (!attributor.attribute(r, /*protected_only=*/true)) continue;
        }
        out.push_back(p);
    }
    return out;
}

std::vector<PatchRecord> diff_with_previous(std::vector<PatchRecord> current, const std::vector<PreviousPatch>& previous,
                                            const geo::GeosContext& geos, double tolerance_hm2) {
    std::vector<bool> matched(previous.size(), false);
    for (auto& r : current) {
        r.change = "new";
        for (size_t j = 0; j < previous.size(); ++j) {
            const PreviousPatch& q = previous[j];
            bool same = false;
            if (q.polygon && r.polygon) {
                same = geos.intersects(r.polygon.get(), q.polygon);
            } else {
                same = std::hypot(q.gk_x - r.gk_x, q.gk_y - r.gk_y) < 1.0;
            }
            if (!same) continue;
            matched[j] = true;
            r.previous_id = q.id;
            const double d = r.area_hm2 - q.area_hm2;
            r.change = d > tolerance_hm2 ? "expanded" : d < -tolerance_hm2 ? "reduced" : "unchanged";
            r.added_hm2 = std::max(0.0, d);
            break;
        }
    }
    for (size_t j = 0; j < previous.size(); ++j) {
        if (matched[j]) continue;
        PatchRecord gone;
        gone.id = previous[j].id;
        gone.previous_id = previous[j].id;
        gone.change = "restored";
        gone.area_hm2 = 0;
        gone.gk_x = previous[j].gk_x;
        gone.gk_y = previous[j].gk_y;
        current.push_back(std::move(gone));
    }
    return current;
}

}  // namespace ecozone::analysis
