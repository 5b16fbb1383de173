#include "analysis/vector_route.h"

#include "analysis/indicator_bases.h"
#include "analysis/parallel.h"
#include "geo/errors.h"
#include "geo/tiled_polygon.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <thread>

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

struct FieldIndexes {
    size_t code = 0;
    bool has_area = false, has_special = false, has_cover = false;
    size_t area = 0, special = 0, cover = 0;
};

// The geometries every worker overlays with, as WKB: each worker parses its own copy in its own
// GEOS context, since GEOS contexts (and the geometries they create) are not shared by threads.
struct SharedTargets {
    std::vector<std::vector<unsigned char>> zones;
    std::vector<unsigned char> redline, protection, special;  // empty: absent
};

// One worker: its own GEOS context, area calculator and tiled targets, over a range of features.
class Worker {
public:
    Worker(const SharedTargets& targets, const std::string& working_crs, geo::AreaMode mode)
        : calc_(geos_, working_crs), mode_(mode) {
        for (const auto& wkb : targets.zones) {
            zone_geoms_.push_back(geos_.from_wkb(wkb.data(), wkb.size()));
            zones_.emplace_back(geos_, zone_geoms_.back().get());
        }
        auto tiled = [&](const std::vector<unsigned char>& wkb) {
            if (wkb.empty()) return std::make_unique<geo::TiledPolygon>(geos_, nullptr);
            geo::GeomPtr g = geos_.from_wkb(wkb.data(), wkb.size());
            return std::make_unique<geo::TiledPolygon>(geos_, g.get());
        };
        redline_ = tiled(targets.redline);
        protection_ = tiled(targets.protection);
        special_ = tiled(targets.special);
        has_special_areas_ = !targets.special.empty();
    }

    void run(const layers::VectorLayer& landuse, const FieldIndexes& fx, size_t begin, size_t end,
             std::vector<LandusePiece>& out) {
        for (size_t i = begin; i < end; ++i) one_feature(landuse, fx, i, out);
    }

private:
    void one_feature(const layers::VectorLayer& landuse, const FieldIndexes& fx, size_t i,
                     std::vector<LandusePiece>& out) {
        const layers::Feature& f = landuse.features[i];
        const std::string raw = layers::to_text(f.attrs[fx.code]);
        if (!layers::find_land_class(raw)) {
            throw make_error<DataError>(
                "{}：要素 {} 的 {} 为 '{}'，不是三调地类编码；请改正（如 0301、0404、1106）后重新运行",
                "{}: feature {} has {} '{}', which is not a 三调 land-use code; correct "
                "it (e.g. 0301, 0404, 1106) and run again",
                landuse.source, f.fid, landuse.fields[fx.code].name, raw);
        }
        LandusePiece base;
        base.feature = i;
        base.fid = f.fid;
        base.code = canonical_code(raw);
        base.special_shrub = fx.has_special && truthy(layers::to_text(f.attrs[fx.special]));
        base.shrub_cover_pct = fx.has_cover ? number(f.attrs[fx.cover]) : 0.0;
        const bool wetland = is_wetland_candidate(base.code);
        const bool shrub = base.code == "0305";
        const double attr_total = fx.has_area ? number(f.attrs[fx.area]) : NAN;
        const GEOSGeometry* whole = f.geom.get();
        const auto wb = geos_.bounds(whole);

        // Measures of the whole feature, computed once and shared by every zone that holds it
        // whole (the district and its township, typically).
        double whole_area = -1, whole_red = -1, whole_prot = -1, whole_special = -1;
        auto area_of_whole = [&] {
            if (whole_area < 0) whole_area = calc_.area(whole, mode_);
            return whole_area;
        };

        for (size_t z = 0; z < zones_.size(); ++z) {
            const auto rel = zones_[z].relate(whole, wb);
            if (rel == geo::TiledPolygon::Relation::Outside) continue;
            LandusePiece piece = base;
            piece.zone = static_cast<int>(z);
            if (rel == geo::TiledPolygon::Relation::Inside) {
                piece.area_m2 = area_of_whole();
                if (whole_red < 0) whole_red = redline_->area_inside(whole, wb, piece.area_m2, calc_, mode_);
                piece.redline_m2 = whole_red;
                if (wetland) {
                    if (whole_prot < 0) whole_prot = protection_->area_inside(whole, wb, piece.area_m2, calc_, mode_);
                    piece.protected_m2 = whole_prot;
                }
                if (shrub && has_special_areas_) {
                    if (whole_special < 0)
                        whole_special = special_->area_inside(whole, wb, piece.area_m2, calc_, mode_);
                    piece.special_m2 = whole_special;
                }
            } else {
                geo::GeomPtr clipped = zones_[z].intersection(whole, wb);
                if (!clipped) continue;
                piece.area_m2 = calc_.area(clipped.get(), mode_);
                if (piece.area_m2 <= 0) continue;  // touches the zone only along its edge
                const auto cb = geos_.bounds(clipped.get());
                piece.redline_m2 = redline_->area_inside(clipped.get(), cb, piece.area_m2, calc_, mode_);
                if (wetland)
                    piece.protected_m2 = protection_->area_inside(clipped.get(), cb, piece.area_m2, calc_, mode_);
                if (shrub && has_special_areas_) {
                    piece.special_m2 = special_->area_inside(clipped.get(), cb, piece.area_m2, calc_, mode_);
                }
            }
            // A flagged 0305 polygon is special shrubland as a whole.
            if (shrub && base.special_shrub) piece.special_m2 = piece.area_m2;
            if (fx.has_area) {
                const double w = area_of_whole();
                piece.attr_area_m2 = w > 0 ? attr_total * piece.area_m2 / w : 0.0;
            }
            out.push_back(std::move(piece));
        }
    }

    geo::GeosContext geos_;
    geo::AreaCalculator calc_;
    geo::AreaMode mode_;
    std::vector<geo::GeomPtr> zone_geoms_;
    std::vector<geo::TiledPolygon> zones_;
    std::unique_ptr<geo::TiledPolygon> redline_, protection_, special_;
    bool has_special_areas_ = false;
};

}  // namespace

bool is_wetland_candidate(const std::string& code) {
    for (const char* basis : {"legal", "sandiao00", "gbt21010b"}) {
        if (WetlandBasis{basis}.counts(code)) return true;
    }
    return false;
}

VectorRouteResult run_vector_route(const layers::Catalogue& c, const geo::GeosContext& geos, const geo::AreaCalculator&,
                                   geo::AreaMode mode, const std::vector<Zone>& zones, const GEOSGeometry* redline,
                                   const GEOSGeometry* protection, const GEOSGeometry* special_shrubland, int threads) {
    using layers::VectorRole;
    const layers::VectorLayer& landuse = c.require(VectorRole::Landuse, "the vector route of the indicators");
    const layers::Project& p = c.project;
    FieldIndexes fx;
    fx.code = landuse.require_field(*p.field(VectorRole::Landuse, "code_field"), "code_field");
    auto optional_field = [&](const char* key, bool& has, size_t& idx) {
        if (auto name = p.field(VectorRole::Landuse, key)) {
            has = true;
            idx = landuse.require_field(*name, key);
        }
    };
    optional_field("area_field", fx.has_area, fx.area);
    optional_field("special_shrub_field", fx.has_special, fx.special);
    optional_field("shrub_cover_field", fx.has_cover, fx.cover);

    VectorRouteResult out;
    out.has_attr_area = fx.has_area;
    if (fx.has_area) out.attr_area_field = landuse.fields[fx.area].name;

    SharedTargets targets;
    for (const auto& z : zones) targets.zones.push_back(geos.to_wkb(z.geom.get()));
    if (redline) targets.redline = geos.to_wkb(redline);
    if (protection) targets.protection = geos.to_wkb(protection);
    if (special_shrubland) targets.special = geos.to_wkb(special_shrubland);

    // The features in chunks, taken by whichever core is free (the cost of a feature varies:
    // one on a township border is cut, one inside is not), each chunk's pieces kept apart and
    // handed over in chunk order, so that the pieces come in feature order whatever the timing.
    const size_t n = landuse.features.size();
    // A small county is not worth the threads.
    const size_t workers = n < 2000 ? 1 : static_cast<size_t>(worker_count(threads));
    constexpr size_t kChunk = 2048;
    ChunkQueue queue((n + kChunk - 1) / kChunk);
    std::vector<std::vector<LandusePiece>> results(queue.size());
    run_workers(static_cast<int>(workers), [&](int) {
        Worker worker(targets, c.working.definition, mode);
        queue.drain([&](size_t chunk) {
            const size_t begin = chunk * kChunk, end = std::min(n, begin + kChunk);
            // A feature usually gives two pieces (the district's and its township's): room for
            // them up front rather than moving every piece into fresh memory as the list grows.
            // Filled here and moved in whole: neighbouring chunks' lists share cache lines, and
            // two cores growing them at once would pass those lines to and fro.
            std::vector<LandusePiece> pieces;
            pieces.reserve(std::min(zones.size(), size_t{2}) * (end - begin));
            worker.run(landuse, fx, begin, end, pieces);
            results[chunk] = std::move(pieces);
        });
    });
    queue.rethrow_first();
    for (auto& r : results) out.pieces.add_chunk(std::move(r));
    return out;
}

}  // namespace ecozone::analysis
