// ecozone-bench: times one phase of an analysis on a project and prints one JSON line
// (wall seconds per phase and the process's peak memory), for bench/run_*.sh to compare
// with a peer on the same inputs.
//
//   ecozone-bench indicators-vector PROJECT [planar|ellipsoidal]
//   ecozone-bench indicators-raster PROJECT [planar|ellipsoidal]
//   ecozone-bench screen PROJECT N SITES_OUT.gpkg   (N generated sites, also written for the peer)
//   ecozone-bench audit PROJECT [plain|filtered]    (change patches and register of the two rasters)
#include "analysis/change_patches.h"
#include "analysis/indicators.h"
#include "analysis/patch_register.h"
#include "analysis/raster_route.h"
#include "analysis/screen_batch.h"
#include "analysis/screening.h"
#include "analysis/vector_route.h"
#include "geo/errors.h"
#include "layers/vector_writer.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <string>

using namespace ecozone;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double peak_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;  // kB on Linux
}

// Read only the roles a phase needs: the rest of a project is not part of its cost.
layers::Catalogue read_roles(const layers::Project& p, const geo::GeosContext& geos,
                             const std::vector<layers::VectorRole>& roles) {
    layers::Catalogue c;
    c.project = p;
    const auto* d = p.vector(layers::VectorRole::District);
    layers::ReadOptions o;
    const layers::VectorLayer district = layers::read_vector(geos, d->path, o);
    c.working = layers::choose_working_crs(p, geos, district);
    for (auto r : roles) {
        if (p.vector(r)) c.vectors.emplace(r, layers::read_role(p, r, geos, c.working));
    }
    return c;
}

int indicators_vector(const layers::Project& p, geo::AreaMode mode) {
    const auto t0 = Clock::now();
    geo::GeosContext geos;
    using R = layers::VectorRole;
    const auto c = read_roles(p, geos, {R::District, R::Townships, R::Redline, R::ReserveZones, R::WetlandParks,
                                        R::WetlandSites, R::ImportantWetlands, R::Landuse});
    const double read_s = since(t0);
    const auto t1 = Clock::now();
    const geo::AreaCalculator calc(geos, c.working.definition);
    const auto zones = analysis::build_zones(c, geos, calc, mode);
    auto redline = analysis::union_of(c.vector(R::Redline), geos);
    auto protection = analysis::union_of(c.vector(R::ReserveZones), geos);
    const auto v = analysis::run_vector_route(c, geos, calc, mode, zones, redline.get(), protection.get(), nullptr);
    const double overlay_s = since(t1);
    double forest = 0;
    for (const auto& piece : v.pieces) {
        if (piece.zone == 0 && (piece.code == "0301" || piece.code == "0302")) forest += piece.area_m2;
    }
    std::cout << fmt::format(
        "{{\"phase\":\"indicators-vector\",\"mode\":\"{}\",\"polygons\":{},\"pieces\":{},\"read_s\":{:.3f},"
        "\"overlay_s\":{:.3f},\"total_s\":{:.3f},\"peak_mb\":{:.1f},\"tree_forest_ha\":{:.4f}}}\n",
        geo::to_string(mode), c.vector(R::Landuse)->features.size(), v.pieces.size(), read_s, overlay_s, since(t0),
        peak_mb(), forest / 1e4);
    return 0;
}

int indicators_raster(const layers::Project& p, geo::AreaMode mode) {
    const auto t0 = Clock::now();
    geo::GeosContext geos;
    using R = layers::VectorRole;
    const auto c = read_roles(p, geos, {R::District, R::Townships});
    const geo::AreaCalculator calc(geos, c.working.definition);
    const auto zones = analysis::build_zones(c, geos, calc, mode);
    const auto& spec = p.rasters.at(layers::RasterRole::Landuse);
    const layers::ClassRaster raster(spec.path, c.working.definition);
    const double setup_s = since(t0);
    const auto t1 = Clock::now();
    const auto r = analysis::run_raster_route(raster, zones, p.raster_classes, geos, c.working.definition, mode);
    const double tally_s = since(t1);
    double total = 0;
    for (const auto& [v, a] : r.class_area_m2[0]) total += a + 0 * v;
    std::cout << fmt::format(
        "{{\"phase\":\"indicators-raster\",\"mode\":\"{}\",\"pixels\":{},\"zones\":{},\"setup_s\":{:.3f},"
        "\"tally_s\":{:.3f},\"total_s\":{:.3f},\"peak_mb\":{:.1f},\"district_classified_ha\":{:.4f}}}\n",
        geo::to_string(mode), raster.grid().size(), zones.size(), setup_s, tally_s, since(t0), peak_mb(), total / 1e4);
    return 0;
}

// N square sites of 5–60 ha at seeded positions inside the district, with rotating categories.
std::vector<geo::GeomPtr> make_sites(const geo::GeosContext& geos, const GEOSGeometry* district, size_t n) {
    std::vector<geo::GeomPtr> out;
    const auto b = geos.bounds(district);
    const geo::PreparedPtr inside = geos.prepare(district);
    std::uint64_t state = 20211;
    auto next = [&] {  // splitmix64: the same sites on every machine
        state += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return static_cast<double>((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
    };
    while (out.size() < n) {
        const double x = b.minx + next() * (b.maxx - b.minx), y = b.miny + next() * (b.maxy - b.miny);
        const double half = std::sqrt((5 + 55 * next()) * 1e4) / 2;
        geo::GeomPtr sq = geos.own(GEOSGeom_createRectangle_r(geos.handle(), x - half, y - half, x + half, y + half), "site");
        if (geos.predicate(GEOSPreparedContains_r(geos.handle(), inside.get(), sq.get()), "contains")) out.push_back(std::move(sq));
    }
    return out;
}

int screen(const layers::Project& p, size_t n, const std::string& sites_out) {
    const auto t0 = Clock::now();
    geo::GeosContext geos;
    const auto c = layers::load_catalogue(p, geos);
    const layers::RuleList rules = layers::load_rules(*p.rules_path);
    const double read_s = since(t0);
    auto district = analysis::union_of(c.vector(layers::VectorRole::District), geos);
    const auto sites = make_sites(geos, district.get(), n);
    const std::vector<std::string> categories = {"pv_wind", "other_industry", "mining", "tourism", "housing",
                                                 "polluting_industry", "farming_grazing", "linear_infrastructure"};
    const auto t1 = Clock::now();
    analysis::ScreeningOptions o;
    const analysis::Screener screener(c, rules, geos, o);
    const double index_s = since(t1);
    std::vector<analysis::SiteSpec> specs(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) {
        specs[i].id = std::to_string(i + 1);
        specs[i].category = categories[i % categories.size()];
        specs[i].geom = sites[i].get();
    }
    // As `ecozone screen` does: the batch shared among the cores, each with its own screener.
    const auto results = analysis::screen_sites(screener, specs);
    size_t prohibited = 0;
    for (const auto& r : results) prohibited += r.verdict == layers::Verdict::Prohibited;
    const double screen_s = since(t1);
    const double total_s = since(t0);
    {
        layers::VectorWriter w(sites_out, "GPKG", c.working.epsg);
        std::vector<layers::OutputFeature> features;
        for (size_t i = 0; i < sites.size(); ++i) features.push_back({sites[i].get(), {std::int64_t(i + 1)}});
        w.add_layer("sites", wkbPolygon, {{"id", layers::FieldType::Integer, ""}}, features, geos);
        w.close();
    }
    std::cout << fmt::format(
        "{{\"phase\":\"screen\",\"sites\":{},\"read_s\":{:.3f},\"index_s\":{:.3f},\"screen_s\":{:.3f},\"total_s\":{:.3f},"
        "\"sites_per_s\":{:.0f},\"peak_mb\":{:.1f},\"prohibited\":{}}}\n",
        sites.size(), read_s, index_s, screen_s, total_s, sites.size() / screen_s, peak_mb(), prohibited);
    return 0;
}

int audit(const layers::Project& p, bool filtered) {
    const auto t0 = Clock::now();
    geo::GeosContext geos;
    using R = layers::VectorRole;
    const auto c = layers::load_catalogue(p, geos, {R::District, R::Townships, R::Redline, R::ReserveZones});
    const layers::ClassRaster before(p.rasters.at(layers::RasterRole::Landuse).path, c.working.definition);
    const layers::ClassRaster after(p.rasters.at(layers::RasterRole::LanduseAfter).path, c.working.definition);
    const auto rows = analysis::raster_pair_rows(before, after);
    analysis::TransitionTable table;
    table.natural.insert(p.audit.natural.begin(), p.audit.natural.end());
    for (const auto& [v, code] : p.audit.activity_of_after) table.activity_of_after[v] = code;
    for (const auto& [pair, code] : p.audit.pairs) table.pairs[pair] = code;
    analysis::PatchOptions o;
    o.min_area_m2 = p.audit.min_area_m2;
    o.noise.majority_filter = filtered;
    o.noise.confirm_neighbourhood = filtered;
    o.noise.drop_boundary_shifts = filtered;  // the unfiltered run does what the peer does
    const double setup_s = since(t0);
    const auto t1 = Clock::now();
    const auto found = analysis::find_change_patches(*rows, table, o, before.grid().dx * before.grid().dy);
    const double detect_s = since(t1);
    const auto t2 = Clock::now();
    analysis::RegisterOptions ro;
    ro.id_prefix = p.audit.id_prefix;
    ro.year = p.audit.year;
    const auto recs = analysis::build_register(found.patches, before.grid(), c, geos, ro);
    const double register_s = since(t2);
    std::cout << fmt::format(
        "{{\"phase\":\"audit\",\"filtered\":{},\"pixels\":{},\"setup_s\":{:.3f},\"detect_s\":{:.3f},"
        "\"register_s\":{:.3f},\"total_s\":{:.3f},\"peak_mb\":{:.1f},\"pieces\":{},\"patches\":{}}}\n",
        filtered, before.grid().size(), setup_s, detect_s, register_s, since(t0), peak_mb(), found.stats.components,
        recs.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: ecozone-bench indicators-vector|indicators-raster PROJECT [planar|ellipsoidal]\n";
        return 2;
    }
    try {
        const std::string phase = argv[1];
        const layers::Project p = layers::load_project(argv[2]);
        const geo::AreaMode mode =
            geo::parse_area_mode(argc > 3 && phase != "screen" && phase != "audit" ? argv[3] : "ellipsoidal");
        if (phase == "indicators-vector") return indicators_vector(p, mode);
        if (phase == "indicators-raster") return indicators_raster(p, mode);
        if (phase == "audit") return audit(p, argc > 3 && std::string(argv[3]) == "filtered");
        if (phase == "screen") {
            if (argc < 5) throw ecozone::UsageError("screen PROJECT N SITES_OUT.gpkg");
            return screen(p, static_cast<size_t>(std::stoul(argv[3])), argv[4]);
        }
        std::cerr << "unknown phase " << phase << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "ecozone-bench: " << e.what() << "\n";
        return 1;
    }
}
