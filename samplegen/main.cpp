// ecozone-samplegen: writes the synthetic sample project modelled on Hongsibu District
// (scale 0, committed as sample_shapefiles/), a county-scale benchmark set (scale >= 1), or with
// --profile county2 a second, differently shaped county for tests (同心县, docs/county2.md).
#include "geo/errors.h"
#include "samplegen/generate.h"
#include "samplegen/options.h"
#include "samplegen/profile.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <CLI/CLI.hpp>

#include <exception>
#include <stdexcept>
#include <string>

#ifndef ECOZONE_SAMPLEGEN_DEFAULT_BOUNDARY
#define ECOZONE_SAMPLEGEN_DEFAULT_BOUNDARY "sample_shapefiles/source/wuzhong_counties.geojson"
#endif
#ifndef ECOZONE_SAMPLEGEN_DEFAULT_RULES
#define ECOZONE_SAMPLEGEN_DEFAULT_RULES "sample_shapefiles/rules.toml"
#endif

int main(int argc, char** argv) {
    using namespace ecozone;
    samplegen::Options options;
    options.boundary = ECOZONE_SAMPLEGEN_DEFAULT_BOUNDARY;
    options.rules = ECOZONE_SAMPLEGEN_DEFAULT_RULES;
    CLI::App app{
        "ecozone-samplegen: deterministic synthetic sample project modelled on "
        "Hongsibu District (红寺堡区), or a second county for tests (--profile county2)"};
    app.add_option("--out", options.out_dir, "output directory (created if missing)")->required();
    app.add_option("--profile", options.profile,
                   "hongsibu = the committed sample (hongsibu.toml); county2 = a second, differently shaped "
                   "county (同心县, county2.toml) with its own field names, layers and class table")
        ->capture_default_str()
        ->check(CLI::IsMember({"hongsibu", "county2"}));
    app.add_option("--seed", options.seed,
                   "random seed; the same seed gives byte-identical files (default: the profile's, "
                   "20211 for hongsibu, 7301 for county2)");
    app.add_option("--scale", options.scale,
                   "0 = sample project (~4,000 polygons, 30 m rasters); N >= 1 = benchmark set "
                   "(~N x 150,000 polygons, 10/sqrt(N) m rasters)")
        ->capture_default_str()
        ->check(CLI::Range(0, 64));
    app.add_option("--raster-res", options.raster_res, "raster resolution in metres (overrides the scale)")
        ->check(CLI::PositiveNumber);
    app.add_option("--boundary", options.boundary, "GeoJSON of county outlines in lon/lat")->capture_default_str();
    app.add_option("--boundary-name", options.boundary_name,
                   "value of the 'name' field of the county (default: the profile's county)");
    std::string noise;
    app.add_option("--noise", noise,
                   "classifier noise instead of the profile's look, each date on its own: a comma list of "
                   "salt:F (salt-and-pepper by class confusion), edges:P (mixed edge pixels), shift:D "
                   "(before date misregistered by D <= 1.5 px), blobs:F (2-6 px clusters), or none (clean: "
                   "before = truth, after = truth + patches); e.g. salt:0.03,edges:0.3");
    app.add_option("--rules", options.rules, "rules file copied into the output by profiles that name one (county2)")
        ->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help exits 0; a usage error exits 2, like every ecozone tool.
        return app.exit(e) == 0 ? 0 : 2;
    }

    GDALAllRegister();
    // Rasters are written in tile-row bands and flushed; a small block cache is all they need,
    // and it bounds memory at any scale.
    GDALSetCacheMax64(static_cast<GIntBig>(256) << 20);
    try {
        const samplegen::Profile& profile = samplegen::profile_named(options.profile);
        if (app.count("--seed") == 0) options.seed = profile.default_seed;
        if (options.boundary_name.empty()) options.boundary_name = profile.outline_name;
        if (app.count("--noise") > 0) {
            try {
                options.noise = samplegen::NoiseSpec::parse(noise);
            } catch (const std::invalid_argument& e) {
                throw UsageError(fmt::format("--noise: {}", e.what()));
            }
        }
        samplegen::generate(options, profile);
    } catch (const UsageError& e) {
        fmt::print(stderr, "ecozone-samplegen: {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "ecozone-samplegen: {}\n", e.what());
        return 1;
    }
    return 0;
}
