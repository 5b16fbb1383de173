#include "samplegen/generate.h"

#include "geo/area.h"
#include "geo/crs.h"
#include "geo/errors.h"
#include "samplegen/classifier_noise.h"
#include "samplegen/control_units.h"
#include "samplegen/farmland.h"
#include "samplegen/landuse.h"
#include "samplegen/layer_files.h"
#include "samplegen/linear.h"
#include "samplegen/outline.h"
#include "samplegen/patches.h"
#include "samplegen/places.h"
#include "samplegen/project_file.h"
#include "samplegen/random_sites.h"
#include "samplegen/raster_writer.h"
#include "samplegen/rasterizer.h"
#include "samplegen/receptors.h"
#include "samplegen/redline.h"
#include "samplegen/reserve.h"
#include "samplegen/river_belts.h"
#include "samplegen/settlements.h"
#include "samplegen/sites.h"
#include "samplegen/terrain.h"
#include "samplegen/tessellation.h"
#include "samplegen/townships.h"
#include "samplegen/wetlands.h"

#include <cpl_error.h>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <filesystem>

namespace ecozone::samplegen {

namespace {

// Progress on stdout: stage name and elapsed time, so a slow stage is visible in benchmarks.
class Progress {
public:
    Progress() : start_(std::chrono::steady_clock::now()) {}
    void operator()(const std::string& what) const {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        fmt::print("[{:7.2f} s] {}\n", s, what);
        std::fflush(stdout);
    }

private:
    std::chrono::steady_clock::time_point start_;
};

// Every polygon we write must be valid and non-empty, and lie in the district.
void check_geometry(const GeosContext& geos, const PointTester& district, const GEOSGeometry* g,
                    const std::string& what) {
    if (geos.is_empty(g)) throw Error("internal: empty geometry in " + what);
    if (!geos.is_valid(g)) throw Error("internal: invalid geometry in " + what + ": " + geos.invalid_reason(g));
    if (!district.covers(g)) throw Error("internal: " + what + " leaves the district");
}

void validate(const GeosContext& geos, const Model& m) {
    // A hair of tolerance: clipped layers share the outline's vertices up to rounding.
    const GeomPtr loose = buffer(geos, m.district.get(), 0.01);
    const PointTester d(geos, loose.get());
    for (const auto& t : m.townships) check_geometry(geos, d, t.geom.get(), "townships " + t.name);
    for (const auto& v : m.village_areas) check_geometry(geos, d, v.geom.get(), "villages " + v.name);
    for (const auto& u : m.redline) check_geometry(geos, d, u.geom.get(), "redline " + u.name);
    check_geometry(geos, d, m.reserve.core.get(), "reserve core");
    check_geometry(geos, d, m.reserve.buffer.get(), "reserve buffer");
    check_geometry(geos, d, m.reserve.experimental.get(), "reserve experimental");
    for (const auto& r : m.rivers) {
        if (!geos.is_empty(r.line.get()) && !d.covers(r.line.get())) throw Error("internal: river leaves the district");
    }
    for (const auto& w : m.water_sources) check_geometry(geos, d, w.geom.get(), "water source");
    for (size_t i = 0; i < m.farmland.size(); ++i) check_geometry(geos, d, m.farmland[i].get(), "farmland");
    for (const auto& u : m.urban) check_geometry(geos, d, u.geom.get(), "urban boundary");
    for (const auto& p : m.parks) check_geometry(geos, d, p.geom.get(), "park " + p.name);
    for (const auto& w : m.wetland_parks) check_geometry(geos, d, w.geom.get(), "wetland park " + w.name);
    for (const auto& w : m.important_wetlands) check_geometry(geos, d, w.geom.get(), "important wetland " + w.name);
    for (const auto& u : m.control_units) check_geometry(geos, d, u.geom.get(), "control unit " + u.code);
    for (const auto& s : m.sites) check_geometry(geos, d, s.geom.get(), "site " + s.name);
    for (const auto& b : m.river_belts) check_geometry(geos, d, b.geom.get(), "river belt " + b.name);
    for (const auto& s : m.random_sites) check_geometry(geos, d, s.geom.get(), "random site " + s.id);
    for (const auto& r : m.receptors) {
        if (!d.contains(r.at)) throw Error("internal: receptor " + r.name + " outside the district");
    }
    for (size_t i = 0; i < m.landuse.size(); ++i) {
        check_geometry(geos, d, m.landuse[i].geom.get(), fmt::format("land-use polygon {}", i + 1));
    }
}

// GDAL's messages go here instead of stderr.  Failures are reported by the calls that fail
// (with CPLGetLastErrorMsg); warnings — a truncated field, a geometry type mismatch — mean the
// generator wrote something other than it meant to, so they fail the run at the end.
struct GdalMessages {
    std::vector<std::string> warnings;
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
        if (self && level == CE_Warning) self->warnings.emplace_back(message ? message : "");
    }
};

double percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

// The profiles leave working_epsg out when it is the zone ecozone would pick itself: the
// CGCS2000 3-degree zone nearest the district's centroid.  The generator works in kWorkingEpsg,
// so that zone must be it.
void check_working_zone(const GeosContext& geos, const GEOSGeometry* district, const Profile& profile) {
    GeomPtr centroid = geos.own(GEOSGetCentroid_r(geos.handle(), district), "centroid");
    double x = 0, y = 0;
    GEOSGeomGetX_r(geos.handle(), centroid.get(), &x);
    GEOSGeomGetY_r(geos.handle(), centroid.get(), &y);
    geo::Transform(kWorkingCrs, "EPSG:4490").forward(x, y);
    const int nearest = geo::gk3_epsg_for_longitude(x);
    if (!profile.write_working_epsg && nearest != kWorkingEpsg) {
        throw Error(
            fmt::format("internal: the {} outline's centroid ({:.3f}°E) is nearest EPSG:{}, not the "
                        "generator's EPSG:{}",
                        profile.key, x, nearest, kWorkingEpsg));
    }
}

// What each classifier-noise model changed on each date, in pixels and % of the district.
void print_noise_summary(const RasterStats& rs, const NoiseSpec& spec, uint64_t seed) {
    const auto d = static_cast<double>(rs.district_pixels);
    fmt::print("  rasters                 {} district pixels, {} gap pixels filled, {} patch pixels (exact)\n",
               rs.district_pixels, rs.gap_pixels, rs.patch_pixels);
    fmt::print("  classifier noise        {}{}\n", spec.describe(),
               spec.strength(NoiseModel::Kind::Shift) > 0
                   ? fmt::format(" (before date's classes taken toward {})", shift_direction(seed).name)
                   : "");
    for (const auto& m : spec.models) {
        const bool before_only = m.kind == NoiseModel::Kind::Shift;
        const uint64_t b = rs.noise_before[m.kind], a = rs.noise_after[m.kind];
        fmt::print("    {:<6} {:<6}  before {:>9} px ({:5.2f} %), after {:>9} px ({:5.2f} %){}\n", kind_name(m.kind),
                   m.strength, b, percent(static_cast<double>(b), d), a, percent(static_cast<double>(a), d),
                   before_only ? "  [before date only]" : "");
    }
}

}  // namespace

void generate(const Options& options, const Profile& profile) {
    namespace fs = std::filesystem;
    const ScalePlan plan = plan_for(options, profile);
    const uint64_t seed = options.seed;
    fs::create_directories(options.out_dir);
    const std::string dir = options.out_dir;
    const Progress progress;
    GdalMessages gdal_messages;
    const CPLErrorHandlerPusher scoped_handler(&GdalMessages::handler, &gdal_messages);

    GeosContext geos;
    const geo::AreaCalculator area(geos, kWorkingCrs);
    Model m;
    m.profile = &profile;
    m.district = read_district(geos, options.boundary, options.boundary_name);
    m.district_area_m2 = area.ellipsoidal(m.district.get());
    check_working_zone(geos, m.district.get(), profile);
    progress(fmt::format("district {}: {:.1f} km² (ellipsoidal)", options.boundary_name, m.district_area_m2 / 1e6));

    m.places = make_places(geos, m.district.get(), profile);
    const Terrain terrain(seed, m.places);
    m.reserve = make_reserve(geos, area, m.district.get(), m.places.reserve, profile.reserve_ha, seed);
    LinearNetwork net = make_linear_features(geos, m.district.get(), profile, seed);
    m.rivers = std::move(net.rivers);
    m.canals = std::move(net.canals);
    m.roads = std::move(net.roads);
    m.townships = township_seeds(m.places, profile);
    make_settlements(geos, terrain, seed, m);
    make_receptors(geos, seed, m);
    make_redline(geos, area, seed, m);
    make_wetland_protection(geos, m);
    if (!profile.schema.river_belts_file.empty()) make_river_belts(geos, m);
    progress("zones: reserve, rivers, towns, parks, water sources, red line, wetland protection");

    const TessellationStats ts = make_tessellation(geos, terrain, seed, plan.seed_points, m);
    progress(fmt::format("tessellation: {} seeds, {} cells, {} pieces ({} carved strips, {} slivers merged)",
                         ts.seeds, ts.cells, ts.pieces, ts.carved, ts.dust_merged));
    order_pieces(m.landuse);
    measure_pieces(area, m.landuse);
    classify_pieces(geos, terrain, seed, m);
    progress("land-use areas (TBMJ) and classes");
    make_farmland(geos, terrain, plan.min_farmland_block_m2, m);
    make_control_units(geos, m);
    progress("farmland, control units");

    const Grid grid = Grid::covering(geos.bounds(m.district.get()), plan.raster_res_m);
    Rasterizer truth(grid);
    const ClassScheme& classes = *profile.raster.classes;
    for (const auto& p : m.landuse) truth.add(geos, p.geom.get(), classes.value(p.lc));
    truth.finish();
    Rasterizer district_mask(grid);
    district_mask.add(geos, m.district.get(), 1);
    district_mask.finish();
    make_sites(geos, truth, grid, seed, m);
    if (profile.random_sites > 0) make_random_sites(geos, seed, profile.random_sites, m);
    validate(geos, m);
    progress(
        fmt::format("sites placed ({} random); all geometry valid and inside the district", m.random_sites.size()));

    const auto written = write_vector_layers(geos, m, dir);
    progress(fmt::format("vector layers written ({} land-use polygons)", m.landuse.size()));

    // Summary figures before the polygons are released.
    const LanduseFigures lf = landuse_figures(m.landuse);
    const double redline_m2 = area.ellipsoidal(m.redline_union.get());
    const double core_ha = area.ellipsoidal(m.reserve.core.get()) / 1e4;
    const double buffer_ha = area.ellipsoidal(m.reserve.buffer.get()) / 1e4;
    const double exp_ha = area.ellipsoidal(m.reserve.experimental.get()) / 1e4;
    for (auto& p : m.landuse) p.geom.reset();  // the rasters only need the rasterizer now

    const PatchSet patches = inject_patches(geos, m, truth, grid, plan.patch_count, seed);
    RasterJob job;
    const RasterLook& look = profile.raster;
    auto raster_name = [&](const std::string& file, const std::string& date) {
        return file.empty() ? fmt::format("landuse_{}_{}.tif", date.substr(0, 4), plan.res_label) : file;
    };
    job.before_path = (fs::path(dir) / raster_name(look.before_file, look.before_date)).string();
    job.after_path = (fs::path(dir) / raster_name(look.after_file, look.after_date)).string();
    job.before_date = look.before_date;
    job.after_date = look.after_date;
    job.look = &look;
    job.noise = options.noise ? &*options.noise : nullptr;
    const RasterStats rs = write_rasters(truth, district_mask, grid, patches, seed, job);
    write_patch_csv((fs::path(dir) / "injected_patches.csv").string(), patches, grid, classes);
    write_patch_gpkg((fs::path(dir) / "injected_patches.gpkg").string(), patches, grid, geos);
    progress(fmt::format("rasters {} x {} at {} m written{}; {} patches injected", grid.cols, grid.rows, grid.res,
                         options.noise ? ", classifier noise " + options.noise->describe() : "",
                         patches.patches.size()));

    ProjectFileInfo info;
    info.profile = &profile;
    info.project_name = options.scale == 0 ? profile.project_name
                                           : fmt::format("{}（规模 {}）", profile.benchmark_name_prefix, options.scale);
    info.has_random_sites = !m.random_sites.empty();
    info.seed = seed;
    info.scale = options.scale;
    if (options.noise) info.noise = options.noise->describe();
    info.raster_before = fs::path(job.before_path).filename().string();
    info.raster_after = fs::path(job.after_path).filename().string();
    info.date_before = job.before_date;
    info.date_after = job.after_date;
    // The approved red-line area the share must not fall below: here the generated area rounded
    // down to a hectare, as a county would enter its delineation result.
    info.redline_baseline_ha = std::floor(redline_m2 / 1e4);
    write_project_file((fs::path(dir) / profile.project_file).string(), info);
    if (profile.copy_rules) {
        // The project names the sample's rules file; the county gets its own copy.
        std::error_code ec;
        fs::copy_file(options.rules, fs::path(dir) / "rules.toml", fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw IoError(
                fmt::format("cannot copy the rules file '{}' (pass --rules): {}", options.rules, ec.message()));
    }
    if (!gdal_messages.warnings.empty()) {
        throw Error(fmt::format("GDAL warned {} time(s) while writing, first: {}",
                                gdal_messages.warnings.size(), gdal_messages.warnings.front()));
    }

    fmt::print("\nsummary ({}, seed {}, scale {}{})\n", profile.key, seed, options.scale,
               options.noise ? ", noise " + options.noise->describe() : "");
    for (const auto& w : written) fmt::print("  {:<24} {:>8} features\n", w.file, w.features);
    fmt::print("  district area           {:>12.2f} km²; land-use TBMJ sum {:.2f} km² (diff {:.1f} m²)\n",
               m.district_area_m2 / 1e6, lf.total_m2 / 1e6, lf.total_m2 - m.district_area_m2);
    fmt::print("  forest coverage         {:.2f} % post-三调, {:.2f} % legacy\n",
               percent(lf.forest_post_m2, m.district_area_m2), percent(lf.forest_legacy_m2, m.district_area_m2));
    fmt::print("  red line                {:.2f} %\n", percent(redline_m2, m.district_area_m2));
    fmt::print("  reserve (in district)   core {:.0f} ha, buffer {:.0f} ha, experimental {:.0f} ha "
               "(unclipped {:.0f} / {:.0f} / {:.0f})\n", core_ha, buffer_ha, exp_ha,
               m.reserve.unclipped_ha[0], m.reserve.unclipped_ha[1], m.reserve.unclipped_ha[2]);
    fmt::print("  classes (% of district) cropland {:.1f}, grassland {:.1f}, water {:.1f}, flats {:.1f}, "
               "built {:.1f}, PV {:.1f}, bare {:.1f}\n",
               percent(lf.cropland_m2, lf.total_m2), percent(lf.grassland_m2, lf.total_m2),
               percent(lf.water_m2, lf.total_m2), percent(lf.wetland_m2, lf.total_m2),
               percent(lf.built_m2, lf.total_m2), percent(lf.pv_m2, lf.total_m2), percent(lf.bare_m2, lf.total_m2));
    if (options.noise) {
        print_noise_summary(rs, *options.noise, seed);
    } else {
        fmt::print(
            "  rasters                 {} district pixels, {} gap pixels filled, {:.2f} % edge-mixed, "
            "speckle {:.2f} % / {:.2f} %, {} patch pixels\n",
            rs.district_pixels, rs.gap_pixels,
            percent(static_cast<double>(rs.edge_mixed), static_cast<double>(rs.district_pixels)),
            percent(static_cast<double>(rs.speckle_before), static_cast<double>(rs.district_pixels)),
            percent(static_cast<double>(rs.speckle_after), static_cast<double>(rs.district_pixels)), rs.patch_pixels);
    }
    fmt::print("  rasterizer index        {:.1f} MB\n", static_cast<double>(truth.memory_bytes()) / 1e6);
}

}  // namespace ecozone::samplegen
