// Screening a batch on several threads gives the same result, site by site and field by field,
// as screening it on one.
#include "analysis/screen_batch.h"
#include "geo/errors.h"
#include "mini_screening.h"
#include "test_config.h"

#include <catch2/catch.hpp>

using namespace ecozone;

namespace {

bool same(const analysis::SiteResult& a, const analysis::SiteResult& b) {
    if (a.screened != b.screened || a.error != b.error || a.verdict != b.verdict || a.township != b.township ||
        a.village != b.village || a.area.ellipsoidal_m2 != b.area.ellipsoidal_m2 ||
        a.area.planar_m2 != b.area.planar_m2 || a.zones.size() != b.zones.size() || a.land.size() != b.land.size() ||
        a.rules.size() != b.rules.size() || a.distances.size() != b.distances.size() || !(a.notes == b.notes)) {
        return false;
    }
    for (size_t i = 0; i < a.zones.size(); ++i) {
        if (a.zones[i].role != b.zones[i].role || a.zones[i].value != b.zones[i].value ||
            a.zones[i].area.ellipsoidal_m2 != b.zones[i].area.ellipsoidal_m2 || a.zones[i].share != b.zones[i].share) {
            return false;
        }
    }
    for (size_t i = 0; i < a.land.size(); ++i) {
        if (a.land[i].code != b.land[i].code || a.land[i].area.planar_m2 != b.land[i].area.planar_m2) return false;
    }
    for (size_t i = 0; i < a.rules.size(); ++i) {
        if (a.rules[i].rule != b.rules[i].rule || a.rules[i].deciding != b.rules[i].deciding ||
            a.rules[i].part.planar_m2 != b.rules[i].part.planar_m2) {
            return false;
        }
    }
    for (size_t i = 0; i < a.distances.size(); ++i) {
        if (a.distances[i].what != b.distances[i].what || a.distances[i].metres != b.distances[i].metres ||
            a.distances[i].nearest_name != b.distances[i].nearest_name) {
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("a batch screened on 1, 2 or 3 threads gives identical results in the same order", "[screening][batch]") {
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini_audit.toml"), geos);
    const auto rules = layers::load_rules(test::kSampleRules);
    const analysis::ScreeningOptions options;
    const analysis::Screener screener(cat, rules, geos, options);
    // 120 squares of 300 m on a lattice over the mini county (and a few past its edge), every category.
    const std::vector<std::string> categories = {
        "pv_wind", "mining", "housing", "tourism", "polluting_industry", "linear_infrastructure", "eco_restoration"};
    std::vector<geo::GeomPtr> geoms;
    std::vector<analysis::SiteSpec> specs;
    for (int i = 0; i < 120; ++i) {
        const double x = 519500 + (i % 12) * 900.0, y = 4129500 + (i / 12) * 1100.0;
        geoms.push_back(geos.from_wkt(test::square(x, y, x + 300, y + 300)));
        analysis::SiteSpec s;
        s.id = std::to_string(i);
        s.category = categories[static_cast<size_t>(i) % categories.size()];
        s.geom = geoms.back().get();
        specs.push_back(s);
    }
    analysis::BatchOptions one;
    one.threads = 1;
    const auto ref = analysis::screen_sites(screener, specs, one);
    REQUIRE(ref.size() == specs.size());
    int prohibited = 0, unscreened = 0;
    for (size_t i = 0; i < ref.size(); ++i) {
        CHECK(ref[i].spec.id == specs[i].id);
        prohibited += ref[i].screened && ref[i].verdict == layers::Verdict::Prohibited;
        unscreened += !ref[i].screened;
    }
    CHECK(prohibited > 5);  // the lattice crosses the reserve and the red line
    CHECK(unscreened > 0);  // and leaves the county
    for (int threads : {2, 3}) {
        analysis::BatchOptions b;
        b.threads = threads;
        b.min_sites_per_worker = 1;  // every worker takes part, even on this small batch
        const auto got = analysis::screen_sites(screener, specs, b);
        REQUIRE(got.size() == ref.size());
        for (size_t i = 0; i < ref.size(); ++i) {
            INFO("threads " << threads << ", site " << i);
            CHECK(same(got[i], ref[i]));
        }
    }
    analysis::BatchOptions bad;
    bad.threads = -1;
    CHECK_THROWS_AS(analysis::screen_sites(screener, specs, bad), UsageError);
}
