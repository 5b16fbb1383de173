// ecozone-bench: times one phase of an analysis on a project and prints one JSON line
// (wall seconds per phase and the process's peak memory), for bench/run_*.sh to compare
// with a peer on the same inputs.
//
//   ecozone-bench indicators-vector PROJECT [planar|ellipsoidal]
//   ecozone-bench indicators-raster PROJECT [planar|ellipsoidal]
#include "analysis/indicators.h"
#include "analysis/raster_route.h"
#include "analysis/vector_route.h"
#include "geo/errors.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
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
    const auto v = analysis::run_vector_route(c, geos, calc, mode, zones, redline.get(), protection.get());
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: ecozone-bench indicators-vector|indicators-raster PROJECT [planar|ellipsoidal]\n";
        return 2;
    }
    try {
        const std::string phase = argv[1];
        const layers::Project p = layers::load_project(argv[2]);
        const geo::AreaMode mode = geo::parse_area_mode(argc > 3 ? argv[3] : "ellipsoidal");
        if (phase == "indicators-vector") return indicators_vector(p, mode);
        if (phase == "indicators-raster") return indicators_raster(p, mode);
        std::cerr << "unknown phase " << phase << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "ecozone-bench: " << e.what() << "\n";
        return 1;
    }
}
