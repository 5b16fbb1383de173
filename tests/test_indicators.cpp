// Indicators on the mini county against hand computations (planar mode: squares of known area).
#include "analysis/indicators.h"
#include "geo/errors.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace ecozone;
using analysis::IndicatorOptions;

namespace {
const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

analysis::IndicatorResult run(const std::string& file, IndicatorOptions o = {}) {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(layers::load_project(kMini + file), geos);
    return analysis::compute_indicators(cat, geos, o);
}

IndicatorOptions planar() {
    IndicatorOptions o;
    o.mode = geo::AreaMode::Planar;
    return o;
}
}  // namespace

TEST_CASE("forest coverage and its target per district and township", "[indicators]") {
    const auto r = run("mini_indicators.toml", planar());
    REQUIRE(r.zones.size() == 3);
    const auto& d = r.zones[0];
    // Forest (0301) is the south-west quadrant: 25 km² of 100.
    CHECK(d.forest.value_pct == Approx(25.0));
    CHECK(d.forest.met);
    CHECK(d.forest.margin_pp == Approx(10.0));
    CHECK(d.forest.margin_ha == Approx(-1000.0));  // 1000 ha above the 15 % target
    const auto& west = r.zones[1];
    const auto& east = r.zones[2];
    CHECK(west.forest.value_pct == Approx(50.0));
    CHECK_FALSE(east.forest.met);
    CHECK(east.forest.margin_ha == Approx(750.0));  // 15 % of 50 km² must be planted
    CHECK(r.forest_fids.size() == 1);
}

TEST_CASE("red-line share and the not-decreasing rule against a baseline", "[indicators]") {
    const auto r = run("mini_indicators.toml", planar());
    // 3 km × 8 km minus a 1 km² hole = 23 km² of the 100 km² district, all in the west township.
    CHECK(r.zones[0].redline_pct == Approx(23.0));
    CHECK(r.zones[1].redline_pct == Approx(46.0));
    CHECK(r.zones[2].redline_pct == Approx(0.0));
    REQUIRE(r.redline.defined);
    CHECK_FALSE(r.redline.not_fallen);  // baseline 25 %
    CHECK(r.redline.change_pp == Approx(-2.0));
    CHECK(r.redline.change_ha == Approx(-200.0));
    // The red line's land-class table: 11 km² forest, 12 km² cropland.
    CHECK(r.zones[0].group_redline_m2.at(layers::LandGroup::Forest) == Approx(11e6));
    CHECK(r.zones[0].group_redline_m2.at(layers::LandGroup::Cropland) == Approx(12e6));
}

TEST_CASE("wetland protection: overlapping protection layers are unioned, never summed", "[indicators]") {
    const auto r = run("mini_indicators.toml", planar());
    // Wetland on the GB/T 21010 appendix-B basis: the river quadrant (1101), 25 km².
    // Reserve 3×3 km and wetland park 3×3 km overlap by 2×2 km: union 14 km² (a sum would be 18).
    const auto& d = r.zones[0];
    CHECK(d.wetland_m2 == Approx(25e6));
    CHECK(d.wetland_protected_m2 == Approx(14e6));
    CHECK(d.wetland.value_pct == Approx(56.0));
    CHECK_FALSE(d.wetland.met);
    CHECK(d.wetland.margin_ha == Approx(350.0));  // 70 % of 25 km² = 17.5 km²; 3.5 km² more
    CHECK(r.protection_layers == std::vector<std::string>{"reserve_zones", "wetland_parks"});
}

TEST_CASE("the wetland basis switch changes the answer as expected", "[indicators]") {
    IndicatorOptions o = planar();
    o.wetland_basis = "sandiao00";  // class 00 only: the mini county has none of it
    const auto r = run("mini_indicators.toml", o);
    CHECK(r.zones[0].wetland_m2 == 0.0);
    CHECK_FALSE(r.zones[0].wetland.defined);
    o.wetland_basis = "legal";  // rivers count in law
    CHECK(run("mini_indicators.toml", o).zones[0].wetland_m2 == Approx(25e6));
}

TEST_CASE("vector and raster routes agree on the aligned mini raster", "[indicators]") {
    const auto r = run("mini_indicators.toml", planar());
    REQUIRE(r.has_raster);
    for (const auto& z : r.zones) {
        REQUIRE(z.raster);
        CHECK(z.raster->max_diff_pp == Approx(0.0).margin(1e-9));
        CHECK_FALSE(z.raster->flagged);
        CHECK(z.raster->forest.value_pct == Approx(z.forest.value_pct));
        CHECK(z.raster->wetland_protected_m2 == Approx(z.wetland_protected_m2));
    }
}

TEST_CASE("ellipsoidal and planar indicators differ only by the Gauss-Krüger distortion", "[indicators]") {
    const auto e = run("mini_indicators.toml");  // ellipsoidal by default
    const auto p = run("mini_indicators.toml", planar());
    // 20–30 km east of the central meridian the area scale is ~1 + 1.5e-5: areas shrink a little,
    // shares (ratios of nearby areas) hardly move.
    const double scale = e.zones[0].area_m2 / p.zones[0].area_m2;
    CHECK(scale < 1.0);
    CHECK(scale > 0.9999);
    CHECK(e.zones[0].forest.value_pct == Approx(p.zones[0].forest.value_pct).epsilon(1e-5));
}

TEST_CASE("indicator bad inputs: unknown land-use code, township outside the district", "[indicators][bad-input]") {
    CHECK_THROWS_WITH(run("unknown_code.toml"), Catch::Contains("landuse_badcode.geojson") &&
                                                    Catch::Contains("'0499'") && Catch::Contains("not a 三调"));
    CHECK_THROWS_WITH(run("township_outside.toml"), Catch::Contains("lies outside the district"));
}

TEST_CASE("sample project: vector and raster routes agree within the stated tolerance at 30 m",
          "[indicators][sample]") {
    geo::GeosContext geos;
    const auto cat =
        layers::load_catalogue(layers::load_project(std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml"), geos);
    const auto r = analysis::compute_indicators(cat, geos, {});
    const auto& d = r.zones.front();
    REQUIRE(d.raster);
    // District level: every land group within the project's 1 pp route tolerance.
    CHECK(d.raster->max_diff_pp < r.settings.route_tolerance_pct);
    CHECK_FALSE(d.raster->flagged);
    // Forest, wetland and red line as the generator built them (independent of the routes):
    // 14–15 % forest on the post-三调 basis, a 30 % red line, protection below the 70 % target.
    CHECK(d.forest.value_pct > 14.0);
    CHECK(d.forest.value_pct < 15.0);
    CHECK(d.redline_pct == Approx(30.0).margin(0.05));
    CHECK(d.wetland.defined);
    CHECK_FALSE(d.wetland.met);
    CHECK(r.redline.not_fallen);
    // Land-use polygons cover the district: the class table adds up to the district area.
    CHECK(d.landuse_m2 == Approx(d.area_m2).epsilon(1e-6));
}

TEST_CASE("sample project: forest bases match the generator's own land-use model", "[indicators][sample]") {
    // ecozone-samplegen reports 14.52 % (post-三调) and 16.16 % (legacy) from its model's TBMJ
    // sums — computed in the generator, not by the indicator code under test.
    geo::GeosContext geos;
    const auto cat =
        layers::load_catalogue(layers::load_project(std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml"), geos);
    IndicatorOptions o;
    o.raster = false;
    CHECK(analysis::compute_indicators(cat, geos, o).zones[0].forest.value_pct == Approx(14.52).margin(0.006));
    o.forest_basis = "legacy";
    CHECK(analysis::compute_indicators(cat, geos, o).zones[0].forest.value_pct == Approx(16.16).margin(0.006));
}

TEST_CASE("special shrubland enters forest coverage from a flag, a layer, or not at all", "[indicators][shrub]") {
    // The south-west quadrant (25 km² of the 100 km² district) is shrubland, 0305.
    SECTION("flag field: the whole flagged quadrant counts") {
        const auto r = run("shrub_field.toml", planar());
        CHECK(r.special_shrubland == "field");
        CHECK(r.zones[0].forest.value_pct == Approx(25.0));
        CHECK(r.shrub_left_out_m2 == 0.0);
    }
    SECTION("layer of areas: only the 2 km × 5 km inside it counts") {
        const auto r = run("shrub_layer.toml", planar());
        CHECK(r.special_shrubland == "layer");
        CHECK(r.zones[0].forest_m2 == Approx(10e6));
        CHECK(r.zones[0].forest.value_pct == Approx(10.0));
        CHECK(r.zones[1].forest.value_pct == Approx(20.0));  // the west township is 50 km²
        CHECK(r.forest_fids.size() == 1);
    }
    SECTION("declared none: no shrubland is forest, and the report says the county has none") {
        const auto r = run("shrub_none.toml", planar());
        CHECK(r.zones[0].forest_m2 == 0.0);
        CHECK_THAT(analysis::special_shrubland_note(r).en, Catch::Contains("no special shrubland"));
    }
    SECTION("not said: every 0305 is left out, and how much is written") {
        const auto r = run("shrub_unsaid.toml", planar());
        CHECK(r.special_shrubland.empty());
        CHECK(r.zones[0].forest_m2 == 0.0);
        CHECK(r.shrub_left_out_m2 == Approx(25e6));
        CHECK_THAT(analysis::special_shrubland_note(r).zh, Catch::Contains("2500.00 公顷未计入森林"));
    }
    SECTION("the legacy basis counts shrubland above the cover threshold, not by the flag alone") {
        IndicatorOptions o = planar();
        o.forest_basis = "legacy";
        CHECK(run("shrub_field.toml", o).zones[0].forest.value_pct == Approx(25.0));  // flagged
        CHECK(run("shrub_unsaid.toml", o).zones[0].forest.value_pct == Approx(0.0));  // no cover field: 0 %
    }
}

TEST_CASE("a project that says where special shrubland is twice, or contradicts itself, is refused",
          "[indicators][shrub]") {
    const std::string dir = std::string(ECOZONE_BINARY_DIR) + "/shrub_contradiction";
    std::filesystem::create_directories(dir);
    std::string text;
    {
        std::ifstream in(kMini + "shrub_field.toml");
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    // load_project reads no layer, so the copy needs no data beside it; [indicators] is its last table.
    {
        std::ofstream out(dir + "/none_and_field.toml");
        out << text << "special_shrubland = \"none\"\n";
    }
    CHECK_THROWS_WITH(
        layers::load_project(dir + "/none_and_field.toml"),
        Catch::Contains("special_shrubland = \"none\" contradicts") && Catch::Contains("special_shrub_field"));
}

TEST_CASE("raster classes standing for several codes or a group: what each counts as", "[indicators][raster]") {
    const auto r = run("raster_codes.toml", planar());
    REQUIRE(r.raster_meanings.size() == 4);
    // Class 1 林地 = 0301 + 0305: partly forest on the post-三调 basis (0305 counts only where special).
    CHECK(r.raster_meanings[0].forest == analysis::Counts::Partly);
    CHECK(r.raster_meanings[0].group == layers::LandGroup::Forest);
    // Class 4 is the whole water group; on the GB/T 21010 appendix-B basis 1101–1104 and 1107 are
    // wetland but 1110 (glaciers) is not: partly wetland.
    CHECK(r.raster_meanings[3].group == layers::LandGroup::Water);
    CHECK(r.raster_meanings[3].wetland == analysis::Counts::Partly);
    const auto& x = *r.zones[0].raster;
    // Neither raster indicator can be compared; each says why, naming the classes.
    CHECK_FALSE(x.forest_comparable.comparable);
    CHECK_THAT(x.forest_comparable.reason.zh, Catch::Contains("1 林地") && Catch::Contains("森林覆盖率不可比"));
    CHECK_FALSE(x.wetland_comparable.comparable);
    CHECK_THAT(x.wetland_comparable.reason.en, Catch::Contains("4 水域"));
    // The groups are still compared: class 1 counts as forest land, class 4 as water.
    CHECK(x.group_m2.at(layers::LandGroup::Forest) ==
          Approx(r.zones[0].group_m2.at(layers::LandGroup::Forest)).epsilon(0.02));
    // The plain classes of mini_indicators.toml compare the indicators themselves.
    const auto plain = run("mini_indicators.toml", planar());
    const auto& p = *plain.zones[0].raster;
    CHECK(p.forest_comparable.comparable);
    CHECK(p.forest_diff_pp == Approx(std::fabs(p.forest.value_pct - plain.zones[0].forest.value_pct)));
    CHECK(p.forest_diff_pp < 1.0);
}

TEST_CASE("without a red line its share is not assessed, never 0 %", "[indicators]") {
    const auto r = run("indicators_no_redline.toml", planar());
    CHECK_FALSE(r.redline_assessed);
    CHECK_FALSE(r.redline.defined);  // no "decreased!" against the baseline
    CHECK(r.wetland_assessed);
    // The rest is computed as usual.
    CHECK(r.zones[0].forest.value_pct == Approx(25.0));
}

TEST_CASE("a land-use layer covering a small part of the district is refused, with the covered share",
          "[indicators]") {
    IndicatorOptions o = planar();
    o.raster = false;
    CHECK_THROWS_WITH(run("landuse_partial.toml", o), Catch::Contains("landuse_partial.geojson") &&
                                                          Catch::Contains("covers only 25.00 % of the district") &&
                                                          Catch::Contains("2500.0 ha of 10000.0 ha"));
}
