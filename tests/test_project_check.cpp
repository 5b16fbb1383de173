// `check` on the mini county, whose gaps and overlaps are known by hand.
#include "analysis/coverage.h"
#include "analysis/project_check.h"
#include "test_config.h"

#include <catch2/catch.hpp>

using namespace ecozone;
using analysis::Severity;

namespace {
const std::string kMini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/";

analysis::CheckReport check(const std::string& file) {
    geo::GeosContext geos;
    return analysis::check_project(layers::load_project(kMini + file), geos);
}

bool mentions(const analysis::CheckReport& r, Severity s, const std::string& text) {
    auto in = [&](const std::vector<analysis::Finding>& fs) {
        for (const auto& f : fs) {
            if (f.severity == s && f.message.find(text) != std::string::npos) return true;
        }
        return false;
    };
    if (in(r.findings)) return true;
    for (const auto& l : r.layers) {
        if (in(l.findings)) return true;
    }
    return false;
}
}  // namespace

TEST_CASE("the mini project is clean", "[check]") {
    const auto r = check("mini.toml");
    CHECK(r.count(Severity::Problem) == 0);
    CHECK(r.count(Severity::Warning) == 0);
    CHECK(r.working.epsg == 4544);
    REQUIRE(r.coverage.size() == 2);
    for (const auto& c : r.coverage) {
        CHECK(c.result.gap_area_m2 == Approx(0.0).margin(1e-6));
        CHECK(c.result.overlap_area_m2 == Approx(0.0).margin(1e-3));
    }
}

TEST_CASE("coverage gaps and overlaps equal hand-computed areas", "[check][coverage]") {
    geo::GeosContext geos;
    geo::AreaCalculator calc(geos, "EPSG:4544");
    auto region = geos.from_wkt("POLYGON((500000 4130000, 504000 4130000, 504000 4134000, 500000 4134000, 500000 4130000))");
    // Left piece 2 km wide, right piece from 2.5 km: a 0.5 km × 4 km gap = 2 km².
    // A third piece overlapping the left one by 1 km × 1 km = 1 km².
    auto a = geos.from_wkt("POLYGON((500000 4130000, 502000 4130000, 502000 4134000, 500000 4134000, 500000 4130000))");
    auto b = geos.from_wkt("POLYGON((502500 4130000, 504000 4130000, 504000 4134000, 502500 4134000, 502500 4130000))");
    auto c = geos.from_wkt("POLYGON((501000 4130000, 502000 4130000, 502000 4131000, 501000 4131000, 501000 4130000))");
    const auto r = analysis::measure_coverage(geos, calc, geo::AreaMode::Planar, region.get(), {a.get(), b.get(), c.get()});
    CHECK(r.gap_area_m2 == Approx(2e6));
    CHECK(r.overlap_area_m2 == Approx(1e6));
    CHECK(r.region_area_m2 == Approx(16e6));
    CHECK(r.covered_area_m2 == Approx(14e6));
}

TEST_CASE("check reports each bad input as a problem naming the file and the fix", "[check][bad-input]") {
    SECTION("required field absent") {
        const auto r = check("missing_field.toml");
        CHECK(mentions(r, Severity::Problem, "field 'XZQMC_TYPO'"));
        CHECK(mentions(r, Severity::Problem, "fix name_field"));
    }
    SECTION("unknown working EPSG") {
        CHECK(mentions(check("unknown_epsg.toml"), Severity::Problem, "working_epsg = 99999 is not a known EPSG code"));
    }
    SECTION("layer far outside the district") {
        CHECK(mentions(check("far_layer.toml"), Severity::Problem, "every feature lies outside the district"));
    }
    SECTION("empty layer") {
        CHECK(mentions(check("empty_layer.toml"), Severity::Problem, "empty.geojson: the layer has no features"));
    }
    SECTION("missing .prj on the district") {
        CHECK(mentions(check("no_prj.toml"), Severity::Problem, ".prj file is missing"));
    }
    SECTION("truncated land-use shapefile") {
        const auto r = check("truncated.toml");
        CHECK(mentions(r, Severity::Problem, "truncated.shp: truncated"));
    }
    SECTION("a coded value the project does not map") {
        CHECK(mentions(check("unmapped_value.toml"), Severity::Problem, "'实验区' ×1"));
    }
}

TEST_CASE("land-use codes outside the 三调 classification are problems", "[check][landuse]") {
    CHECK(mentions(check("unknown_code.toml"), Severity::Problem, "'0499' ×1"));
}

TEST_CASE("check validates the rules file as screening would", "[check][rules]") {
    CHECK(mentions(check("bad_rules.toml"), Severity::Problem, "duplicate_id.toml"));
}
