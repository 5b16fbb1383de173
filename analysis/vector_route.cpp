#include "analysis/vector_route.h"

#include "analysis/indicator_bases.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::analysis {

namespace {

bool truthy(const std::string& v) {
    return v == "1" || v == "是" || v == "Y" || v == "y" || v == "true" || v == "TRUE" || v == "T";
}

double number(const layers::AttrValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* s = std::get_if<std::string>(&v)) {
        try {
            return std::stod(*s);
        } catch (const std::exception&) {
            return 0.0;
        }
    }
    return 0.0;
}

// A polygonal area and a prepared overlay target: how much of the piece lies inside it.
class Overlay {
public:
    Overlay(const geo::GeosContext& geos, const geo::AreaCalculator& calc, geo::AreaMode mode,
            const GEOSGeometry* target)
        : geos_(geos), calc_(calc), mode_(mode), target_(target),
          prepared_(target ? geos.prepare(target) : geo::PreparedPtr(nullptr, geo::PreparedDeleter{geos.handle()})) {
        if (target) bounds_ = geos.bounds(target);
    }
    bool present() const { return target_ != nullptr; }

    // Area of `piece ∩ target`; `piece_area` is the piece's own area (reused when inside).
    double inside(const GEOSGeometry* piece, const geo::GeosContext::Bounds& b, double piece_area) const {
        if (!target_ || b.maxx < bounds_.minx || b.minx > bounds_.maxx || b.maxy < bounds_.miny ||
            b.miny > bounds_.maxy) {
            return 0.0;
        }
        GEOSContextHandle_t h = geos_.handle();
        if (geos_.predicate(GEOSPreparedContainsProperly_r(h, prepared_.get(), piece), "containsProperly")) {
            return piece_area;
        }
        if (!geos_.predicate(GEOSPreparedIntersects_r(h, prepared_.get(), piece), "intersects")) return 0.0;
        return calc_.area(geos_.intersection(piece, target_).get(), mode_);
    }

private:
    const geo::GeosContext& geos_;
    const geo::AreaCalculator& calc_;
    geo::AreaMode mode_;
    const GEOSGeometry* target_;
    geo::PreparedPtr prepared_;
    geo::GeosContext::Bounds bounds_;
};

}  // namespace

bool is_wetland_candidate(const std::string& code) {
    for (const char* basis : {"legal", "sandiao00", "gbt21010b"}) {
        if (WetlandBasis{basis}.counts(code)) return true;
    }
    return false;
}

VectorRouteResult run_vector_route(const layers::Catalogue& c, const geo::GeosContext& geos,
                                   const geo::AreaCalculator& calc, geo::AreaMode mode,
                                   const std::vector<Zone>& zones, const GEOSGeometry* redline,
                                   const GEOSGeometry* protection) {
    using layers::VectorRole;
    const layers::VectorLayer& landuse = c.require(VectorRole::Landuse, "the vector route of the indicators");
    const layers::Project& p = c.project;
    const size_t code_idx = landuse.require_field(*p.field(VectorRole::Landuse, "code_field"), "code_field");
    auto optional_field = [&](const char* key) -> std::optional<size_t> {
        if (auto name = p.field(VectorRole::Landuse, key)) return landuse.require_field(*name, key);
        return std::nullopt;
    };
    const auto area_idx = optional_field("area_field");
    const auto special_idx = optional_field("special_shrub_field");
    const auto cover_idx = optional_field("shrub_cover_field");

    VectorRouteResult out;
    out.has_attr_area = area_idx.has_value();
    if (area_idx) out.attr_area_field = landuse.fields[*area_idx].name;

    std::vector<geo::PreparedPtr> prepared;
    std::vector<geo::GeosContext::Bounds> zone_bounds;
    for (const auto& z : zones) {
        prepared.push_back(geos.prepare(z.geom.get()));
        zone_bounds.push_back(geos.bounds(z.geom.get()));
    }
    const Overlay red(geos, calc, mode, redline);
    const Overlay prot(geos, calc, mode, protection);
    GEOSContextHandle_t h = geos.handle();

    for (size_t i = 0; i < landuse.features.size(); ++i) {
        const layers::Feature& f = landuse.features[i];
        const std::string raw = layers::to_text(f.attrs[code_idx]);
        if (!layers::find_land_class(raw)) {
            throw DataError(fmt::format("{}: feature {} has {} '{}', which is not a 三调 land-use code; correct "
                                        "it (e.g. 0301, 0404, 1106) and run again",
                                        landuse.source, f.fid, landuse.fields[code_idx].name, raw));
        }
        LandusePiece base;
        base.feature = i;
        base.fid = f.fid;
        base.code = canonical_code(raw);
        base.special_shrub = special_idx && truthy(layers::to_text(f.attrs[*special_idx]));
        base.shrub_cover_pct = cover_idx ? number(f.attrs[*cover_idx]) : 0.0;
        const bool wetland = is_wetland_candidate(base.code);
        const double attr_total = area_idx ? number(f.attrs[*area_idx]) : NAN;
        const auto fb = geos.bounds(f.geom.get());
        double whole_area = -1;  // computed once, on first need
        auto feature_area = [&] {
            if (whole_area < 0) whole_area = calc.area(f.geom.get(), mode);
            return whole_area;
        };

        for (size_t z = 0; z < zones.size(); ++z) {
            const auto& zb = zone_bounds[z];
            if (fb.maxx < zb.minx || fb.minx > zb.maxx || fb.maxy < zb.miny || fb.miny > zb.maxy) continue;
            LandusePiece piece = base;
            piece.zone = static_cast<int>(z);
            geo::GeomPtr clipped(nullptr, geo::GeomDeleter{h});
            const GEOSGeometry* g = f.geom.get();
            auto gb = fb;
            if (geos.predicate(GEOSPreparedContainsProperly_r(h, prepared[z].get(), g), "containsProperly")) {
                piece.area_m2 = feature_area();
            } else if (!geos.predicate(GEOSPreparedIntersects_r(h, prepared[z].get(), g), "intersects")) {
                continue;
            } else {
                clipped = geos.polygonal_part(geos.intersection(g, zones[z].geom.get()).get());
                piece.area_m2 = calc.area(clipped.get(), mode);
                if (piece.area_m2 <= 0) continue;  // touches the zone only along its edge
                g = clipped.get();
                gb = geos.bounds(g);
            }
            if (area_idx) {
                const double whole = feature_area();
                piece.attr_area_m2 = whole > 0 ? attr_total * piece.area_m2 / whole : 0.0;
            }
            piece.redline_m2 = red.inside(g, gb, piece.area_m2);
            if (wetland) piece.protected_m2 = prot.inside(g, gb, piece.area_m2);
            out.pieces.push_back(std::move(piece));
        }
    }
    return out;
}

}  // namespace ecozone::analysis
