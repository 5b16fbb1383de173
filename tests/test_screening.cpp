// Site screening on the mini county with the default Hongsibu rules: verdicts, areas and
// distances against hand-computed values.
#include "analysis/screening.h"
#include "analysis/screening/land_take.h"
#include "geo/errors.h"
#include "mini_screening.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

using namespace ecozone;
using layers::Verdict;

namespace {

const std::string kRules = test::kSampleRules;
using test::square;

struct Fixture : test::MiniScreening {
    analysis::SiteResult screen(const std::string& wkt, const std::string& category) {
        const analysis::Screener screener(cat, rules, geos, options);
        geo::GeomPtr g = geos.from_wkt(wkt);
        analysis::SiteSpec s;
        s.id = "t";
        s.name = "test";
        s.category = category;
        s.geom = g.get();
        analysis::SiteResult r = screener.screen(s);
        r.spec.geom = nullptr;  // g dies here
        return r;
    }
};

const analysis::FiredRule* fired(const analysis::SiteResult& r, const std::string& id) {
    for (const auto& f : r.rules) {
        if (f.rule->id == id) return &f;
    }
    return nullptr;
}

const analysis::ZoneOverlap* zone(const analysis::SiteResult& r, const std::string& role, const std::string& value = "") {
    for (const auto& z : r.zones) {
        if (z.role == role && z.value == value) return &z;
    }
    return nullptr;
}

bool any_deciding_in_zone(const analysis::SiteResult& r, const char* zone_key) {
    return std::any_of(r.rules.begin(), r.rules.end(),
                       [&](const auto& f) { return f.deciding && std::string(f.rule->zone_key()) == zone_key; });
}

}  // namespace

TEST_CASE("a quarry wholly inside the reserve core is prohibited by the reserve rule", "[screening]") {
    Fixture f;
    const auto r = f.screen(square(526200, 4136200, 526800, 4136800), "mining");
    REQUIRE(r.screened);
    CHECK(r.verdict == Verdict::Prohibited);
    CHECK(any_deciding_in_zone(r, "reserve_zones"));
    bool cites_reserve = false;
    for (const auto& fr : r.rules) cites_reserve |= fr.rule->citation.document.find("自然保护区") != std::string::npos;
    CHECK(cites_reserve);
    REQUIRE(zone(r, "reserve_zones", "core"));
    CHECK(
        zone(r, "reserve_zones", "core")->share ==
        Approx(1.0));  // The rules that set the verdict are the prohibiting ones; the restriction on mining outside the
    // parks (YQ-02) fired too but does not set it.
    const auto ids = analysis::verdict_rule_ids(r);
    CHECK(std::find(ids.begin(), ids.end(), "BH-03") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "YQ-02") == ids.end());
    CHECK(fired(r, "YQ-02") != nullptr);
}

TEST_CASE("a site straddling the red line: overlap equals the hand-computed area", "[screening]") {
    Fixture f;
    // Red line ends at x = 524000; the 1 km × 1 km site reaches 500 m into it: 0.5 km².
    const auto r = f.screen(square(523500, 4135000, 524500, 4136000), "pv_wind");
    REQUIRE(r.screened);
    REQUIRE(zone(r, "redline"));
    CHECK(zone(r, "redline")->area.planar_m2 == Approx(500000.0).epsilon(1e-9));
    CHECK(zone(r, "redline")->share == Approx(0.5));
    CHECK(r.verdict == Verdict::Prohibited);
    REQUIRE(fired(r, "HX-01"));
    CHECK(fired(r, "HX-01")->share == Approx(0.5));
    // Ellipsoidal figure reported beside: smaller by the Gauss-Krüger scale (~1.5e-5 here).
    CHECK(zone(r, "redline")->area.ellipsoidal_m2 < 500000.0);
    CHECK(zone(r, "redline")->area.ellipsoidal_m2 > 499900.0);
}

TEST_CASE("a cement plant outside every industrial park is prohibited", "[screening]") {
    Fixture f;
    const auto r = f.screen(square(521000, 4139500, 521500, 4139900), "other_industry");
    REQUIRE(r.screened);
    CHECK(r.verdict == Verdict::Prohibited);
    REQUIRE(fired(r, "YQ-01"));
    CHECK(fired(r, "YQ-01")->deciding);
}

TEST_CASE("a coking plant 800 m from a school is prohibited by the 1000 m rule, at 1200 m not by it", "[screening]") {
    Fixture f;
    // The school is a point at (528000, 4132000).
    const auto near = f.screen(square(528800, 4131950, 528900, 4132050), "polluting_industry");
    REQUIRE(fired(near, "MG-01"));
    CHECK(fired(near, "MG-01")->distance_m == Approx(800.0));
    CHECK(near.verdict == Verdict::Prohibited);
    const auto far = f.screen(square(529200, 4131950, 529300, 4132050), "polluting_industry");
    CHECK_FALSE(fired(far, "MG-01"));
    for (const auto& d : far.distances) {
        if (d.what == "receptor:school") {
            CHECK(d.metres == Approx(1200.0));
            CHECK(d.nearest_name == "测试小学");
        }
    }
}

TEST_CASE("PV on grassland outside every zone is allowed; the layout rule fires as advice", "[screening]") {
    Fixture f;
    const std::string wkt = square(526000, 4130500, 526300, 4130800);
    const auto r = f.screen(wkt, "pv_wind");
    REQUIRE(r.screened);
    CHECK(r.verdict == Verdict::Allowed);
    // No protected zone is touched; the only rule is the renewable-energy layout one (outside the
    // parks), which the plan encourages and the list therefore marks allowed, with its citation.
    CHECK(r.zones.empty());
    REQUIRE(r.rules.size() == 1);
    CHECK(r.rules[0].rule->id == "YQ-03");
    CHECK(r.rules[0].rule->verdict == Verdict::Allowed);
    CHECK_THAT(r.rules[0].rule->citation.article, Catch::Contains("第三章第一节"));
    // The land it occupies is grassland: 300 m × 300 m, all 0404, reported for its own approval.
    REQUIRE(r.land.size() == 1);
    CHECK(r.land[0].code == "0404");
    CHECK(r.land[0].area.planar_m2 == Approx(90000.0).epsilon(1e-9));
}

TEST_CASE("a road through the red line is restricted with the unavoidable-infrastructure condition", "[screening]") {
    Fixture f;
    // A line site: buffered into a 20 m wide footprint, crossing the red line from west to east.
    const auto r = f.screen("LINESTRING(520500 4137000, 524800 4137000)", "linear_infrastructure");
    REQUIRE(r.screened);
    for (const auto& fr : r.rules) INFO(fr.rule->id << " " << layers::verdict_key(fr.rule->verdict) << " deciding " << fr.deciding);
    std::string fired_ids;
    for (const auto& fr : r.rules) fired_ids += fr.rule->id + (fr.deciding ? "* " : " ");
    INFO("fired: " << fired_ids);
    CHECK(r.verdict == Verdict::Restricted);
    REQUIRE(fired(r, "HX-02"));
    CHECK_THAT(fired(r, "HX-02")->rule->requirement, Catch::Contains("无法避让"));
    // The footprint note, in both languages with the same radius.
    const auto note = std::find_if(r.notes.begin(), r.notes.end(),
                                   [](const layers::Note& n) { return n.en.find("footprint") != std::string::npos; });
    REQUIRE(note != r.notes.end());
    CHECK(note->en == "line site: footprint = buffer of 10 m");
    CHECK(note->zh == "线状选址：已按 10 米足迹缓冲作为占地范围");
}

TEST_CASE("screening bad inputs: unknown category, outside the district, zero area, self-intersection", "[screening]") {
    Fixture f;
    CHECK_THROWS_WITH(f.screen(square(526000, 4130500, 526300, 4130800), "nuclear"),
                      Catch::Contains("unknown project category 'nuclear'") && Catch::Contains("pv_wind"));
    const auto outside = f.screen(square(600000, 4130500, 600300, 4130800), "pv_wind");
    CHECK_FALSE(outside.screened);
    CHECK_THAT(outside.error, Catch::Contains("entirely outside the district"));
    const auto flat = f.screen("POLYGON((526000 4130500, 526300 4130500, 526600 4130500, 526000 4130500))", "pv_wind");
    CHECK_FALSE(flat.screened);
    const auto bowtie = f.screen("POLYGON((526000 4130500, 526300 4130800, 526300 4130500, 526000 4130800, 526000 4130500))",
                                 "pv_wind");
    REQUIRE(bowtie.screened);
    CHECK(bowtie.area.planar_m2 == Approx(45000.0));  // two triangles of 150 m × 300 m / 2
    REQUIRE_FALSE(bowtie.notes.empty());
    CHECK_THAT(bowtie.notes.front().en, Catch::Contains("self-intersecting"));
    CHECK_THAT(bowtie.notes.front().zh, Catch::Contains("自相交") && Catch::Contains("make-valid 修复"));
}

TEST_CASE("sample project: zone overlaps and land occupied equal a direct GEOS overlay", "[screening][sample]") {
    // 40 seeded sites over the whole district (many straddle red-line, reserve and control-unit
    // boundaries): every reported overlap is recomputed by intersecting the site with the union
    // of the zone's features in one GEOS overlay, and the land occupied must add up to the site.
    geo::GeosContext geos;
    const auto cat = layers::load_catalogue(layers::load_project(std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml"), geos);
    const auto rules = layers::load_rules(kRules);
    analysis::ScreeningOptions o;
    o.mode = geo::AreaMode::Planar;
    const analysis::Screener screener(cat, rules, geos, o);
    const auto b = geos.bounds(cat.vector(layers::VectorRole::District)->features[0].geom.get());
    std::uint64_t state = 7;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    int checked = 0;
    for (int i = 0; i < 40; ++i) {
        const double x = b.minx + next() * (b.maxx - b.minx), y = b.miny + next() * (b.maxy - b.miny);
        geo::GeomPtr site = geos.from_wkt(square(x, y, x + 700 + 900 * next(), y + 500 + 900 * next()));
        analysis::SiteSpec s;
        s.id = std::to_string(i);
        s.category = "pv_wind";
        s.geom = site.get();
        const auto r = screener.screen(s);
        if (!r.screened) continue;
        for (const auto& z : r.zones) {
            if (z.role != "redline" && z.role != "control_units" && z.role != "reserve_zones") continue;
            const auto role = z.role == "redline" ? layers::VectorRole::Redline
                              : z.role == "reserve_zones" ? layers::VectorRole::ReserveZones : layers::VectorRole::ControlUnits;
            std::vector<geo::GeomPtr> parts;
            for (const auto& [value, g] : screener.zone_geometries(role)) {
                if (value == z.value) parts.push_back(geos.clone(g));
            }
            auto zone_union = geos.union_all(std::move(parts));
            const double direct = geos.planar_area(geos.intersection(site.get(), zone_union.get()).get());
            INFO("site " << i << " " << z.role << "/" << z.value);
            CHECK(z.area.planar_m2 == Approx(direct).epsilon(1e-9).margin(1e-6));
            ++checked;
        }
        double land = 0;
        for (const auto& l : r.land) land += l.area.planar_m2;
        CHECK(land == Approx(r.area.planar_m2 * (1 - r.outside_district_share)).epsilon(1e-6));
    }
    CHECK(checked >= 20);
}

TEST_CASE("land use read only under the sites (the screen command's read) gives the same land take",
          "[screening][sample][window]") {
    // `ecozone screen` reads the land use within screening::land_window of its sites; every
    // site's land take must equal the one measured over the whole layer, point and line sites
    // (footprint buffers) included.
    geo::GeosContext geos;
    const auto project = layers::load_project(std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml");
    const auto whole = layers::load_catalogue(project, geos);
    const auto rules = layers::load_rules(kRules);
    analysis::ScreeningOptions o;
    o.footprint_m = 60;
    const auto b = geos.bounds(whole.vector(layers::VectorRole::District)->features[0].geom.get());
    std::uint64_t state = 11;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    std::vector<geo::GeomPtr> geoms;
    std::vector<analysis::SiteSpec> specs;
    for (int i = 0; i < 24; ++i) {
        const double x = b.minx + next() * (b.maxx - b.minx), y = b.miny + next() * (b.maxy - b.miny);
        const std::string wkt = i % 3 == 0   ? fmt::format("POINT ({} {})", x, y)
                                : i % 3 == 1 ? fmt::format("LINESTRING ({} {}, {} {})", x, y, x + 900, y + 300)
                                             : square(x, y, x + 400 + 900 * next(), y + 300 + 900 * next());
        geoms.push_back(geos.from_wkt(wkt));
        analysis::SiteSpec s;
        s.id = std::to_string(i);
        s.category = "pv_wind";
        s.geom = geoms.back().get();
        specs.push_back(s);
    }
    std::vector<layers::VectorRole> roles;
    for (const auto& [role, spec] : project.vectors) {
        if (role != layers::VectorRole::Landuse) roles.push_back(role);
    }
    auto windowed = layers::load_catalogue(project, geos, roles);
    windowed.vectors.emplace(layers::VectorRole::Landuse,
                             layers::read_role(project, layers::VectorRole::Landuse, geos, windowed.working,
                                               analysis::screening::land_window(specs, o, geos)));
    CHECK(windowed.vector(layers::VectorRole::Landuse)->outside_window > 0);
    const analysis::Screener full_screener(whole, rules, geos, o), window_screener(windowed, rules, geos, o);
    int with_land = 0;
    for (const auto& s : specs) {
        const auto a = full_screener.screen(s), w = window_screener.screen(s);
        REQUIRE(a.screened == w.screened);
        INFO("site " << s.id);
        REQUIRE(a.land.size() == w.land.size());
        for (size_t k = 0; k < a.land.size(); ++k) {
            CHECK(a.land[k].code == w.land[k].code);
            CHECK(a.land[k].area.planar_m2 == w.land[k].area.planar_m2);
            CHECK(a.land[k].area.ellipsoidal_m2 == w.land[k].area.ellipsoidal_m2);
        }
        with_land += !a.land.empty();
    }
    CHECK(with_land >= 12);
}

TEST_CASE("a site is located in the township and village holding the most of it", "[screening]") {
    geo::GeosContext geos;
    // mini_audit.toml has villages: 西乡 = 西一村 (y < 4135000) + 西二村; 东镇 = 东一村 (x < 527500) + 东二村.
    const auto cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/mini_audit.toml"), geos);
    const auto rules = layers::load_rules(kRules);
    analysis::ScreeningOptions o;
    const analysis::Screener screener(cat, rules, geos, o);
    auto locate = [&](const std::string& wkt) {
        geo::GeomPtr g = geos.from_wkt(wkt);
        analysis::SiteSpec s;
        s.id = "t";
        s.category = "pv_wind";
        s.geom = g.get();
        const analysis::SiteResult r = screener.screen(s);
        return std::make_pair(r.township, r.village);
    };
    // 200 m in 西乡 (西一村), 600 m in 东镇 (东一村).
    CHECK(locate(square(524800, 4131000, 525600, 4131500)) ==
          std::make_pair(std::string("东镇"), std::string("东一村")));
    CHECK(locate(square(521000, 4138000, 521500, 4138500)) ==
          std::make_pair(std::string("西乡"), std::string("西二村")));
    // Without a villages layer (mini.toml) only the township is known.
    Fixture f;
    const auto r = f.screen(square(521000, 4138000, 521500, 4138500), "pv_wind");
    CHECK(r.township == "西乡");
    CHECK(r.village.empty());
}

// 苦水河 in the mini county runs from (520000, 4132500) to (530000, 4132600): y = 4132500 + 0.01 (x − 520000);
// its belt is 100 m wide on each side.  A point at vertical gap g above the line lies g / √1.0001 from it.
namespace {
constexpr double kSlopeFactor = 1.0000499987500625;  // √1.0001
double river_y(double x) { return 4132500.0 + 0.01 * (x - 520000.0); }

const analysis::Distance* distance_to(const analysis::SiteResult& r, const std::string& what) {
    for (const auto& d : r.distances) {
        if (d.what == what) return &d;
    }
    return nullptr;
}
}  // namespace

TEST_CASE("a site overlapping a river's belt 50 m from its line: belt distance 0, river distance 50 m", "[screening]") {
    Fixture f;
    // The square's bottom-right corner (526100, y0) is the point nearest the rising line: 50 m of vertical gap.
    const double y0 = river_y(526100) + 50.0;
    const auto r = f.screen(square(526000, y0, 526100, y0 + 100), "mining");
    REQUIRE(r.screened);
    REQUIRE(distance_to(r, "river"));
    REQUIRE(distance_to(r, "river_belt"));
    CHECK(distance_to(r, "river")->metres == Approx(50.0 / kSlopeFactor).epsilon(1e-9));
    CHECK_FALSE(distance_to(r, "river")->inside);
    CHECK(distance_to(r, "river_belt")->metres == 0.0);
    CHECK(distance_to(r, "river_belt")->inside);
    // The belt rule fires on the overlap; the overlap is reported under the belts, not the river.
    REQUIRE(fired(r, "HD-01"));
    CHECK(r.verdict == Verdict::Prohibited);
    REQUIRE(zone(r, "river_belts", "苦水河"));
    CHECK(zone(r, "rivers", "苦水河") == nullptr);
}

TEST_CASE("a rule within N m of the belt is measured to the belt, not to the line", "[screening]") {
    Fixture f;
    f.rules = layers::load_rules(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/rules/river_within.toml");
    // 220 m of vertical gap from the line: ~120 m from the 100 m belt, within the rule's 150 m.
    const double y0 = river_y(526100) + 220.0;
    const auto r = f.screen(square(526000, y0, 526100, y0 + 100), "polluting_industry");
    REQUIRE(r.screened);
    REQUIRE(fired(r, "T-01"));
    // The belt is the line buffered by 100 m (16 segments per quarter circle): along the straight
    // line it is exact.
    CHECK(fired(r, "T-01")->distance_m == Approx(220.0 / kSlopeFactor - 100.0).epsilon(1e-9));
    CHECK(distance_to(r, "river")->metres == Approx(220.0 / kSlopeFactor).epsilon(1e-9));
    CHECK(r.verdict == Verdict::Prohibited);
    // 260 m from the line, 160 m from the belt: outside the rule.
    const double y1 = river_y(526100) + 260.0;
    CHECK_FALSE(fired(f.screen(square(526000, y1, 526100, y1 + 100), "polluting_industry"), "T-01"));
}

TEST_CASE("rules whose layer is missing are not assessed, and the verdict says it is incomplete", "[screening]") {
    test::MiniScreening m;
    m.cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/no_redline.toml"), m.geos);
    const analysis::Screener screener(m.cat, m.rules, m.geos, m.options);
    auto screen = [&](const std::string& wkt, const std::string& category) {
        geo::GeomPtr g = m.geos.from_wkt(wkt);
        analysis::SiteSpec s;
        s.id = "t";
        s.category = category;
        s.geom = g.get();
        analysis::SiteResult r = screener.screen(s);
        r.spec.geom = nullptr;
        return r;
    };
    auto unassessed = [](const analysis::SiteResult& r, const std::string& id) -> const analysis::UnassessedRule* {
        for (const auto& u : r.not_assessed) {
            if (u.rule->id == id) return &u;
        }
        return nullptr;
    };
    // The straddling PV site reaches 500 m into where the red line is: with the red line it is
    // prohibited (HX-01); without it, HX-01 is not assessed — not fired, not passed — and the
    // verdict is incomplete instead of silently "allowed".
    const auto r = screen(square(523500, 4135000, 524500, 4136000), "pv_wind");
    REQUIRE(r.screened);
    CHECK_FALSE(r.complete());
    REQUIRE(unassessed(r, "HX-01"));
    CHECK(unassessed(r, "HX-01")->missing_role == "redline");
    CHECK_FALSE(fired(r, "HX-01"));
    CHECK(distance_to(r, "redline") == nullptr);
    // No parks layer: the outside-the-parks rules are not assessed either, never fired on every site.
    const auto cement = screen(square(521000, 4139500, 521500, 4139900), "other_industry");
    REQUIRE(unassessed(cement, "YQ-01"));
    CHECK(unassessed(cement, "YQ-01")->missing_role == "industrial_parks");
    CHECK_FALSE(fired(cement, "YQ-01"));
    // Rivers without belt widths: the belt rules are not assessed (missing river_buffers), while
    // the distance to the river line is still measured.
    const double y0 = river_y(526100) + 50.0;
    const auto near_river = screen(square(526000, y0, 526100, y0 + 100), "mining");
    REQUIRE(unassessed(near_river, "HD-01"));
    CHECK(unassessed(near_river, "HD-01")->missing_role == "river_buffers");
    REQUIRE(distance_to(near_river, "river"));
    CHECK(distance_to(near_river, "river")->metres == Approx(50.0 / kSlopeFactor).epsilon(1e-9));
    CHECK(distance_to(near_river, "river_belt") == nullptr);
    // The reserve is there: a quarry in its core is still prohibited, and the verdict's rules say so.
    const auto quarry = screen(square(526200, 4136200, 526800, 4136800), "mining");
    CHECK(quarry.verdict == Verdict::Prohibited);
    CHECK_FALSE(quarry.complete());
}

TEST_CASE("fired rules carry their part in the verdict", "[screening]") {
    Fixture f;
    // A quarry in the core: the reserve prohibits (decides); mining outside the parks restricts beside it.
    const auto q = f.screen(square(526200, 4136200, 526800, 4136800), "mining");
    REQUIRE(fired(q, "BH-03"));
    CHECK(fired(q, "BH-03")->role == analysis::RuleRole::Decides);
    REQUIRE(fired(q, "YQ-02"));
    CHECK(fired(q, "YQ-02")->role == analysis::RuleRole::AlsoRestricts);
    // PV outside every zone: the layout rule is allowed, so it advises and decides nothing.
    const auto pv = f.screen(square(526000, 4130500, 526300, 4130800), "pv_wind");
    REQUIRE(fired(pv, "YQ-03"));
    CHECK(fired(pv, "YQ-03")->role == analysis::RuleRole::Advises);
    CHECK(analysis::verdict_rule_ids(pv).empty());
}

TEST_CASE("a river's belt width can come from the river layer's own width field", "[screening]") {
    test::MiniScreening m;
    m.cat = layers::load_catalogue(
        layers::load_project(std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini/river_width.toml"), m.geos);
    const analysis::Screener screener(m.cat, m.rules, m.geos, m.options);
    REQUIRE(screener.belts().size() == 1);
    CHECK(screener.belts()[0].width_m == 100.0);
    const double y0 = river_y(526100) + 50.0;
    geo::GeomPtr g = m.geos.from_wkt(square(526000, y0, 526100, y0 + 100));
    analysis::SiteSpec s;
    s.id = "t";
    s.category = "mining";
    s.geom = g.get();
    const auto r = screener.screen(s);
    REQUIRE(fired(r, "HD-01"));
    CHECK(distance_to(r, "river_belt")->metres == 0.0);
}

TEST_CASE("a site reaching far beyond the district is a coordinate error, not a project", "[screening]") {
    Fixture f;
    // 165 km north from inside the mini county (a digit too many in a northing).
    const auto r = f.screen("LINESTRING(526000 4135000, 526000 4300000)", "linear_infrastructure");
    CHECK_FALSE(r.screened);
    CHECK_THAT(r.error, Catch::Contains("km beyond the district's extent"));
    // A road leaving the county by a few kilometres is screened, with the part outside noted.
    const auto road = f.screen("LINESTRING(526000 4135000, 526000 4145000)", "linear_infrastructure");
    CHECK(road.screened);
    CHECK(road.outside_district_share > 0.4);
}

TEST_CASE("a site of many vertices gives the same figures as a direct overlay (cut-to-box path)", "[screening]") {
    Fixture f;
    // A wavy, non-convex ring of 6 000 vertices around (524000, 4135500): straddles the red line's
    // east edge (x = 524000), lies across townships and several land-use polygons.
    std::string wkt = "POLYGON((";
    const int n = 6000;
    for (int i = 0; i <= n; ++i) {
        const double a = 2 * M_PI * (i % n) / n, r = 800 + 120 * std::sin(23 * a);
        wkt += fmt::format("{}{:.4f} {:.4f}", i ? "," : "", 524000 + r * std::cos(a), 4135500 + r * std::sin(a));
    }
    wkt += "))";
    const auto r = f.screen(wkt, "pv_wind");
    REQUIRE(r.screened);
    geo::GeomPtr site = f.geos.from_wkt(wkt);
    const auto redline = f.cat.vector(layers::VectorRole::Redline);
    const double direct = f.geos.planar_area(f.geos.intersection(site.get(), redline->features[0].geom.get()).get());
    REQUIRE(zone(r, "redline"));
    CHECK(zone(r, "redline")->area.planar_m2 == Approx(direct).epsilon(1e-9));
    double land = 0, land_direct = 0;
    for (const auto& l : r.land) land += l.area.planar_m2;
    for (const auto& feat : f.cat.vector(layers::VectorRole::Landuse)->features) {
        land_direct += f.geos.planar_area(f.geos.intersection(site.get(), feat.geom.get()).get());
    }
    CHECK(land == Approx(land_direct).epsilon(1e-9));
    CHECK(r.land.size() >= 2);
}

TEST_CASE("the footprint travels in the result: the polygon as drawn, a point's buffer, none when not screened",
          "[screening]") {
    Fixture f;
    auto footprint_area = [&](const analysis::SiteResult& r) {
        REQUIRE_FALSE(r.footprint_wkb.empty());
        const geo::GeomPtr g = f.geos.from_wkb(r.footprint_wkb.data(), r.footprint_wkb.size());
        double a = 0;
        REQUIRE(GEOSArea_r(f.geos.handle(), g.get(), &a) == 1);
        return a;
    };
    // A 1 km square: its footprint is the square, 1 km² (and the screening's own area).
    const auto square_site = f.screen(square(523500, 4135000, 524500, 4136000), "pv_wind");
    REQUIRE(square_site.screened);
    CHECK(footprint_area(square_site) == Approx(1e6).epsilon(1e-12));
    CHECK(footprint_area(square_site) == Approx(square_site.area.planar_m2).epsilon(1e-12));
    // A point: a disc of the footprint radius (16 segments a quarter: within 0.2 % of π r²).
    const auto point_site = f.screen("POINT (526500 4136500)", "mining");
    REQUIRE(point_site.screened);
    const double r = f.options.footprint_m;
    CHECK(footprint_area(point_site) == Approx(M_PI * r * r).epsilon(2e-3));
    CHECK(footprint_area(point_site) == Approx(point_site.area.planar_m2).epsilon(1e-12));
    // A site far outside the district is not screened and carries no footprint.
    const auto far_site = f.screen(square(723500, 4135000, 724500, 4136000), "pv_wind");
    CHECK_FALSE(far_site.screened);
    CHECK(far_site.footprint_wkb.empty());
}
