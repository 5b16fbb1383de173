// Proposed sites as planners receive them: boundary-point files, WKT CSV, typed coordinates.
#include "geo/crs.h"
#include "geo/errors.h"
#include "geo/geos_handle.h"
#include "layers/site_input.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <algorithm>
#include <string>

using namespace ecozone;
using namespace ecozone::layers;

namespace {

const std::string kDir = ECOZONE_SOURCE_DIR "/tests/data/sites/";

// Whether an English note contains `part`.
bool has_note(const SiteInput& s, const std::string& part) {
    return std::any_of(s.notes.begin(), s.notes.end(),
                       [&](const Note& n) { return n.en.find(part) != std::string::npos; });
}

// The note whose English sentence contains `en_part` (nullptr if none).
const Note* note_with(const SiteInput& s, const std::string& en_part) {
    const auto it = std::find_if(s.notes.begin(), s.notes.end(),
                                 [&](const Note& n) { return n.en.find(en_part) != std::string::npos; });
    return it == s.notes.end() ? nullptr : &*it;
}

// The Chinese sentence of the note whose English contains `en_part` ("" if there is none).
std::string zh_of(const SiteInput& s, const std::string& en_part) {
    const Note* n = note_with(s, en_part);
    return n ? n->zh : std::string();
}

std::string all_notes(const SiteInput& s) {
    std::string out;
    for (const auto& n : s.notes) out += n.zh + " | " + n.en + "\n";
    return out;
}

bool mentions(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The message of the error `f` throws as E ("" if it throws nothing).
template <typename E, typename F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

int geom_type(const geo::GeosContext& geos, const SiteInput& s) { return GEOSGeomTypeId_r(geos.handle(), s.geom.get()); }

// Vertex i of the exterior ring of a polygon.
std::pair<double, double> vertex(const geo::GeosContext& geos, const GEOSGeometry* poly, unsigned i) {
    const GEOSGeometry* ring = GEOSGetExteriorRing_r(geos.handle(), poly);
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.handle(), ring);
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(geos.handle(), seq, i, &x, &y);
    return {x, y};
}

}  // namespace

TEST_CASE("boundary-point file in UTF-8: zone prefix, hole, multipolygon, declared areas", "[sites-input]") {
    geo::GeosContext geos;
    const std::string path = kDir + "boundary_utf8.txt";
    const auto sites = read_boundary_point_file(geos, path, SiteParseOptions{});
    REQUIRE(sites.size() == 3);

    SECTION("zone prefix 35 -> EPSG:4523, transformed to EPSG:4544 by a pure false-easting shift") {
        const SiteInput& s = sites[0];
        CHECK(s.id == "1");
        CHECK(s.name == "红寺堡光伏项目");
        CHECK(s.category.empty());
        CHECK(s.source == path + ":13");
        CHECK(has_note(s, "Y values carry the zone prefix 35; read as EPSG:4523 (CM 105°E)"));
        REQUIRE(geom_type(geos, s) == GEOS_POLYGON);
        // J1: X = 4140000 (northing), Y = 35512345.678 in EPSG:4523.
        const auto [x, y] = vertex(geos, s.geom.get(), 0);
        CHECK(x == Approx(512345.678).margin(1e-6));
        CHECK(y == Approx(4140000.0).margin(1e-6));
        // Independently through PROJ.
        geo::Transform t("EPSG:4523", "EPSG:4544");
        double px = 35512345.678, py = 4140000.0;
        t.forward(px, py);
        CHECK(x == Approx(px).margin(1e-6));
        CHECK(y == Approx(py).margin(1e-6));
        CHECK(geos.planar_area(s.geom.get()) == Approx(1'000'000.0).margin(1e-3));
        // Declared 1000000.00 m² matches: no area note; the ring was closed: no closing note.
        CHECK_FALSE(has_note(s, "地块面积"));
        CHECK_FALSE(has_note(s, "not closed"));
    }

    SECTION("a second ring inside the first is a hole: area = outer − hole") {
        const SiteInput& s = sites[1];
        CHECK(s.name == "第二地块");
        REQUIRE(geom_type(geos, s) == GEOS_POLYGON);
        CHECK(GEOSGetNumInteriorRings_r(geos.handle(), s.geom.get()) == 1);
        // 1000 m × 1000 m − 200 m × 300 m.
        CHECK(geos.planar_area(s.geom.get()) == Approx(1'000'000.0 - 60'000.0).margin(1e-3));
        CHECK(has_note(s, "ring 2 lies inside ring 1: read as a hole"));
        // Declared 94.0: hectares.
        CHECK(has_note(s, "declared 地块面积 94 is in 公顷"));
    }

    SECTION("a second ring outside the first is another part; full-width commas and digits; open ring closed") {
        const SiteInput& s = sites[2];
        CHECK(s.id == "3");
        CHECK(s.name == "第三地块（两部分）");  // full-width parentheses kept as written
        REQUIRE(geom_type(geos, s) == GEOS_MULTIPOLYGON);
        CHECK(GEOSGetNumGeometries_r(geos.handle(), s.geom.get()) == 2);
        CHECK(geos.planar_area(s.geom.get()) == Approx(500.0 * 500.0 + 200.0 * 100.0).margin(1e-3));
        CHECK(has_note(s, "ring 2 is not inside ring 1: read as another part of a multipolygon"));
        CHECK(has_note(s, "ring 2 was not closed (its last point J8 differs from J5); closed by repeating J5"));
        // 405 亩 = 270 000 m²; the header's 9 points = the 9 rows (the closing point not counted).
        CHECK(has_note(s, "is in 亩"));
        CHECK_FALSE(has_note(s, "界址点 but"));
    }
}

TEST_CASE("boundary-point file in GBK: unprefixed zone, swapped axes, bow-tie, stale count", "[sites-input]") {
    geo::GeosContext geos;
    const std::string path = kDir + "boundary_gbk.txt";
    const auto sites = read_boundary_point_file(geos, path, SiteParseOptions{});
    REQUIRE(sites.size() == 4);

    CHECK(sites[0].id == "A-01");
    CHECK(sites[0].name == "大河乡养殖场");  // decoded from GB18030
    CHECK(has_note(sites[0], "Y values have no zone prefix; read as EPSG:4544 (3-degree zone 35, CM 105°E)"));
    const auto [x, y] = vertex(geos, sites[0].geom.get(), 0);
    CHECK(x == 512345.678);  // same CRS as the working one: untouched
    CHECK(y == 4140000.0);

    SECTION("swapped X/Y detected and swapped back") {
        const SiteInput& s = sites[1];
        CHECK(has_note(s, "X and Y are swapped (X=512000 looks like an easting, Y=4138000 like a northing)"));
        const geo::GeosContext::Bounds b = geos.bounds(s.geom.get());
        CHECK(b.minx == 512000.0);
        CHECK(b.maxx == 512200.0);
        CHECK(b.miny == 4138000.0);
        CHECK(b.maxy == 4138200.0);
        CHECK(geos.planar_area(s.geom.get()) == Approx(40'000.0));
    }

    SECTION("a bow-tie boundary is repaired into its two triangles, with a note") {
        const SiteInput& s = sites[2];
        INFO(all_notes(s));
        CHECK(has_note(s, "self-intersecting boundary repaired (GEOS: "));
        CHECK(geos.is_valid(s.geom.get()));
        CHECK(GEOSGetNumGeometries_r(geos.handle(), s.geom.get()) == 2);
        CHECK(geos.planar_area(s.geom.get()) == Approx(2 * 100.0 * 50.0 / 2));
        CHECK_FALSE(has_note(s, "地块面积"));  // declared 5000 m² matches the repaired area
    }

    SECTION("a point count that disagrees with the rows is a note") {
        CHECK(has_note(sites[3], "the header says 7 界址点 but 5 point rows follow"));
        CHECK(geos.planar_area(sites[3].geom.get()) == Approx(10'000.0));
    }
}

TEST_CASE("every note reads in Chinese and in English, with the same figures", "[sites-input]") {
    // Reports are Chinese by default, English with --lang en: each note carries both sentences.
    geo::GeosContext geos;
    const auto utf8 = read_boundary_point_file(geos, kDir + "boundary_utf8.txt", SiteParseOptions{});
    const auto gbk = read_boundary_point_file(geos, kDir + "boundary_gbk.txt", SiteParseOptions{});
    const auto six = read_boundary_point_file(geos, kDir + "six_degree.txt", SiteParseOptions{});
    REQUIRE(utf8.size() == 3);
    REQUIRE(gbk.size() == 4);
    REQUIRE(six.size() == 1);

    SECTION("the zone prefix of the Y values") {
        const Note* n = note_with(utf8[0], "zone prefix 35");
        REQUIRE(n);
        INFO(n->zh);
        CHECK(mentions(n->zh, "带号前缀 35"));
        CHECK(mentions(n->zh, "EPSG:4523"));
        CHECK(mentions(n->zh, "中央经线 105°E"));
        // 带号 taken from the prefix, and the 6-degree zone named in Chinese.
        const Note* zone = note_with(six[0], "taken from the prefix");
        REQUIRE(zone);
        CHECK(mentions(zone->zh, "未注明带号"));
        CHECK(mentions(zone->zh, "第 18 带"));
        const Note* band = note_with(six[0], "6-degree zone, CM 105°E");
        REQUIRE(band);
        CHECK(mentions(band->zh, "6 度分带"));
    }
    SECTION("X and Y swapped") {
        const Note* n = note_with(gbk[1], "X and Y are swapped");
        REQUIRE(n);
        INFO(n->zh);
        CHECK(mentions(n->zh, "互换"));
        CHECK(mentions(n->zh, "X=512000"));
        CHECK(mentions(n->zh, "Y=4138000"));
        CHECK(mentions(n->zh, "东坐标"));
    }
    SECTION("an unclosed ring") {
        const Note* n = note_with(utf8[2], "ring 2 was not closed");
        REQUIRE(n);
        INFO(n->zh);
        CHECK(mentions(n->zh, "第 2 圈未闭合"));
        CHECK(mentions(n->zh, "J8"));
        CHECK(mentions(n->zh, "J5"));
        const Note* part = note_with(utf8[2], "another part of a multipolygon");
        REQUIRE(part);
        CHECK(mentions(part->zh, "第 2 圈不在第 1 圈之内"));
    }
    SECTION("a repaired self-intersection") {
        const Note* n = note_with(gbk[2], "self-intersecting boundary repaired");
        REQUIRE(n);
        INFO(n->zh << "\n" << n->en);
        CHECK(mentions(n->zh, "自相交"));
        CHECK(mentions(n->zh, "make-valid 修复"));
        CHECK(mentions(n->zh, "保留 2 个面"));
        CHECK(mentions(n->en, "make-valid kept 2 polygons, 5 000.00 m²"));
        CHECK(mentions(n->zh, "5 000.00 m²"));
    }
    SECTION("declared areas in 公顷 and 亩, a stale 界址点 count") {
        CHECK(mentions(zh_of(utf8[1], "is in 公顷"), "以公顷为单位"));
        CHECK(mentions(zh_of(utf8[2], "is in 亩"), "以亩为单位"));
        const Note* count = note_with(gbk[3], "the header says 7 界址点");
        REQUIRE(count);
        CHECK(mentions(count->zh, "7 个界址点"));
        CHECK(mentions(count->zh, "5 行点"));
    }
    SECTION("no note is left in one language only") {
        for (const auto* sites : {&utf8, &gbk, &six}) {
            for (const SiteInput& s : *sites) {
                INFO(all_notes(s));
                for (const Note& n : s.notes) {
                    CHECK_FALSE(n.zh.empty());
                    CHECK_FALSE(n.en.empty());
                    CHECK(n.zh != n.en);
                }
            }
        }
    }
}

TEST_CASE("6-degree zones; 带号 inferred from the Y prefix", "[sites-input]") {
    geo::GeosContext geos;
    const auto sites = read_boundary_point_file(geos, kDir + "six_degree.txt", SiteParseOptions{});
    REQUIRE(sites.size() == 1);
    const SiteInput& s = sites[0];
    INFO(all_notes(s));
    CHECK(has_note(s, "带号 is not stated; zone 18 taken from the prefix of the Y values"));
    CHECK(has_note(s, "read as EPSG:4496 (6-degree zone, CM 105°E)"));
    CHECK(has_note(s, "ring 1 was not closed"));
    CHECK(geo::describe_crs("EPSG:4496").name.find("zone 18") != std::string::npos);
    // 6-degree zone 18 and 3-degree CM 105°E share the meridian: again a pure shift.
    const auto [x, y] = vertex(geos, s.geom.get(), 0);
    CHECK(x == Approx(512345.678).margin(1e-6));
    CHECK(y == Approx(4140000.0).margin(1e-6));
}

TEST_CASE("a zone that nothing names: error, or the default CRS with a note", "[sites-input]") {
    geo::GeosContext geos;
    const std::string path = kDir + "no_zone.txt";
    const std::string msg = message_of<CrsError>([&] { read_boundary_point_file(geos, path, SiteParseOptions{}); });
    CHECK(msg.find("no_zone.txt:5: parcel 1 (无带号地块)") != std::string::npos);
    CHECK(msg.find("add 带号=35") != std::string::npos);

    SiteParseOptions options;
    options.default_epsg = 4544;
    const auto sites = read_boundary_point_file(geos, path, options);
    REQUIRE(sites.size() == 1);
    CHECK(has_note(sites[0], "read as EPSG:4544 (the default CRS given)"));
}

TEST_CASE("bad boundary-point files name the file, the line, the parcel and the fix", "[sites-input]") {
    geo::GeosContext geos;
    const auto error = [&](const std::string& file) {
        return message_of<DataError>([&] { read_boundary_point_file(geos, kDir + file, SiteParseOptions{}); });
    };
    const auto contains = [](const std::string& msg, const std::string& part) {
        INFO(msg);
        return msg.find(part) != std::string::npos;
    };

    const std::string empty = error("bad_empty.txt");
    CHECK(contains(empty, "bad_empty.txt: the file is empty"));
    CHECK(contains(empty, "export"));

    const std::string no_section = error("bad_no_section.txt");
    CHECK(contains(no_section, "bad_no_section.txt:12: no [地块坐标] section"));
    CHECK(contains(no_section, "add [地块坐标] above"));

    const std::string first = error("bad_point_first.txt");
    CHECK(contains(first, "bad_point_first.txt:13: point row 'J1,1,4140000,35512345.678' comes before any parcel header"));
    CHECK(contains(first, "add the parcel's header line"));

    const std::string nan = error("bad_non_numeric.txt");
    CHECK(contains(nan, "bad_non_numeric.txt:15: parcel 1 (地块) point J2: X '41400O0' is not a number"));
    CHECK(contains(nan, "correct the coordinate"));

    const std::string short_ring = error("bad_short_ring.txt");
    CHECK(contains(short_ring, "bad_short_ring.txt:14: parcel 1 (短地块): ring 1 has only 2 distinct points"));
    CHECK(contains(short_ring, "unclosed or too short ring"));
    CHECK(contains(short_ring, "add the missing rows"));

    const std::string beijing = error("bad_beijing54.txt");
    CHECK(contains(beijing, "bad_beijing54.txt:5: 坐标系=1954北京坐标系 (Beijing 1954) is not CGCS2000"));
    CHECK(contains(beijing, "convert the coordinates to CGCS2000"));

    const std::string degrees = error("bad_degrees.txt");
    CHECK(contains(degrees, "bad_degrees.txt:14: parcel 1 (度数地块) point J1: X=37.32 Y=106.21 look like degrees"));
    CHECK(contains(degrees, "计量单位=米"));
    CHECK(contains(degrees, "re-export the boundary in Gauss-Krüger metres"));

    const std::string prefix = error("bad_wrong_prefix.txt");
    CHECK(contains(prefix, "bad_wrong_prefix.txt:14: parcel 7 (错带地块): the Y values carry the zone prefix 36"));
    CHECK(contains(prefix, "带号=35 (line 9)"));
    CHECK(contains(prefix, "correct 带号 or the Y values"));

    const std::string zero = error("bad_zero_area.txt");
    CHECK(contains(zero, "bad_zero_area.txt:13: parcel 8 (共线地块): the boundary has zero area"));
    CHECK(contains(zero, "check the coordinates"));

    // The CRS problems are CrsErrors (a DataError), the rest plain DataErrors.
    CHECK_THROWS_AS(read_boundary_point_file(geos, kDir + "bad_beijing54.txt", SiteParseOptions{}), CrsError);
    CHECK_THROWS_AS(read_boundary_point_file(geos, kDir + "missing.txt", SiteParseOptions{}), IoError);
}

TEST_CASE("WKT CSV with a BOM, Chinese names, per-row CRS and axis checks", "[sites-input]") {
    geo::GeosContext geos;
    const std::string path = kDir + "sites_bom.csv";
    const auto sites = read_wkt_csv(geos, path, SiteParseOptions{});
    REQUIRE(sites.size() == 4);

    CHECK(sites[0].id == "S1");  // the BOM did not stick to the first header
    CHECK(sites[0].name == "红寺堡光伏电站");
    CHECK(sites[0].category == "pv");
    CHECK(sites[0].source == path + ":2");
    {
        geo::Transform t("EPSG:4490", "EPSG:4544");
        double x = 106.21, y = 37.32;
        t.forward(x, y);
        const auto [vx, vy] = vertex(geos, sites[0].geom.get(), 0);
        CHECK(vx == Approx(x).margin(1e-6));
        CHECK(vy == Approx(y).margin(1e-6));
    }
    CHECK(sites[1].category == "eco_restoration");
    CHECK(geos.planar_area(sites[1].geom.get()) == Approx(1'000'000.0));
    CHECK(sites[1].notes.empty());

    // No CRS on the row: degrees → EPSG:4490, and latitude first → swapped.
    CHECK(has_note(sites[2], "read as CGCS2000 longitude/latitude (EPSG:4490)"));
    CHECK(has_note(sites[2], "the WKT gives latitude before longitude"));
    CHECK(geom_type(geos, sites[2]) == GEOS_POINT);
    CHECK(geos.bounds(sites[2].geom.get()).minx > 500000.0);

    CHECK(mentions(zh_of(sites[2], "read as CGCS2000 longitude/latitude"), "未给出坐标系"));
    CHECK(mentions(zh_of(sites[2], "latitude before longitude"), "纬度在前"));

    // Northing first in EPSG:4544 → swapped back; the same square as S2.
    CHECK(has_note(sites[3], "the WKT gives the northing before the easting"));
    CHECK(mentions(zh_of(sites[3], "northing before the easting"), "已互换为东坐标、北坐标"));
    const geo::GeosContext::Bounds b = geos.bounds(sites[3].geom.get());
    CHECK(b.minx == 512000.0);
    CHECK(b.miny == 4139000.0);
}

TEST_CASE("bad WKT CSVs name the file, the line and the fix", "[sites-input]") {
    geo::GeosContext geos;
    const std::string no_wkt = message_of<DataError>(
        [&] { read_wkt_csv(geos, kDir + "bad_no_wkt.csv", SiteParseOptions{}); });
    INFO(no_wkt);
    CHECK(no_wkt.find("bad_no_wkt.csv:1: no WKT column") != std::string::npos);
    CHECK(no_wkt.find("columns found are: id, name, x, y") != std::string::npos);
    CHECK(no_wkt.find("add a WKT column") != std::string::npos);

    // A row that cannot be read is a site that cannot be screened: listed with the reason, while
    // the other rows are read.
    const auto sites = read_wkt_csv(geos, kDir + "bad_wkt.csv", SiteParseOptions{});
    REQUIRE(sites.size() == 2);
    CHECK(sites[0].unusable.en.empty());
    CHECK(sites[0].geom);
    const std::string& bad = sites[1].unusable.en;
    INFO(bad);
    CHECK_FALSE(sites[1].geom);
    CHECK(bad.find("bad_wkt.csv:3: site 'S2': the WKT could not be parsed") != std::string::npos);
    CHECK(bad.find("fix it") != std::string::npos);
}

TEST_CASE("absurd coordinates are refused before anything is computed from them", "[sites-input]") {
    geo::GeosContext geos;
    const std::string dir = std::string(ECOZONE_BINARY_DIR) + "/absurd_sites";
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir + "/absurd.csv");
        out << "id,name,category,WKT,crs\n"
            << "A,huge,linear_infrastructure,\"LINESTRING(-1e308 4135000, 596000 4135500)\",EPSG:4544\n"
            << "B,far,linear_infrastructure,\"LINESTRING(-1e20 4135000, 596000 4135500)\",EPSG:4544\n"
            << "C,other zone,pv_wind,\"POINT(596000 4135000)\",EPSG:32650\n"
            << "D,fine,pv_wind,\"POINT(596000 4135000)\",EPSG:4544\n"
            << "E,not a number,pv_wind,\"POINT(nan 4135000)\",EPSG:4544\n";
    }
    SiteParseOptions o;
    o.working_crs = "EPSG:4544";
    const auto sites = read_wkt_csv(geos, dir + "/absurd.csv", o);
    REQUIRE(sites.size() == 5);
    CHECK_THAT(sites[0].unusable.en, Catch::Contains("absurd.csv:2: site 'A': coordinate (-1e+308, 4.135e+06)") &&
                                      Catch::Contains("check the coordinates"));
    CHECK(sites[0].unusable.en.size() < 300);  // one short line, not 300-digit numbers
    CHECK_THAT(sites[1].unusable.en, Catch::Contains("coordinate (-1e+20, 4.135e+06)"));
    // UTM 50N at x 596 km is a real place (near 117°E): the reader takes it, the screening then
    // finds it far from the district.
    CHECK(sites[2].unusable.en.empty());
    CHECK(sites[3].unusable.en.empty());
    CHECK_FALSE(sites[4].unusable.en.empty());
}

TEST_CASE("angles: decimal degrees and DMS in the ways they are typed", "[sites-input]") {
    CHECK(*parse_angle("106.21") == Approx(106.21));
    CHECK(*parse_angle("106°12'36\"") == Approx(106.21));
    CHECK(*parse_angle("106d12m36s") == Approx(106.21));
    CHECK(*parse_angle("106°12′36″") == Approx(106.21));
    CHECK(*parse_angle("106° 12′ 36″") == Approx(106.21));
    CHECK(*parse_angle("106度12分36秒") == Approx(106.21));
    CHECK(*parse_angle("１０６°１２′３６″") == Approx(106.21));  // full-width digits
    CHECK(*parse_angle("37°19'12\"N") == Approx(37.32));
    CHECK(*parse_angle("37°21'") == Approx(37.35));
    CHECK(*parse_angle("37.5S") == Approx(-37.5));
    CHECK(*parse_angle("北纬37°19′12″") == Approx(37.32));
    char axis = 0;
    CHECK(*parse_angle("106°12'36\"E", &axis) == Approx(106.21));
    CHECK(axis == 'E');
    CHECK(*parse_angle("N37d19m12s", &axis) == Approx(37.32));
    CHECK(axis == 'N');
    CHECK_FALSE(parse_angle("abc"));
    CHECK_FALSE(parse_angle("106°61'"));        // minutes ≥ 60
    CHECK_FALSE(parse_angle("106.5°30'"));      // fractional degrees followed by minutes
    CHECK_FALSE(parse_angle("37°19'12\"N x"));
    CHECK_FALSE(parse_angle(""));
}

TEST_CASE("coordinate list from the command line", "[sites-input]") {
    geo::GeosContext geos;
    const SiteParseOptions options;
    const auto decimal = parse_coordinate_list(geos, "106.21,37.32 106.25,37.32 106.25,37.35 106.21,37.35", options);
    REQUIRE(decimal.size() == 1);
    const SiteInput& s = decimal[0];
    CHECK(s.id == "site-1");
    CHECK(s.source == "command line");
    REQUIRE(geom_type(geos, s) == GEOS_POLYGON);
    CHECK(has_note(s, "the ring was closed by repeating the first point (106.21,37.32)"));
    CHECK(mentions(zh_of(s, "the ring was closed"), "已重复首点（106.21,37.32）使其闭合"));
    geo::Transform t("EPSG:4490", "EPSG:4544");
    double x = 106.21, y = 37.32;
    t.forward(x, y);
    const auto [vx, vy] = vertex(geos, s.geom.get(), 0);
    CHECK(vx == Approx(x).margin(1e-6));
    CHECK(vy == Approx(y).margin(1e-6));
    const double area = geos.planar_area(s.geom.get());
    CHECK(area > 1.1e7);  // ≈ 3.5 km × 3.3 km
    CHECK(area < 1.3e7);

    SECTION("DMS with symbols, letters, full-width punctuation: the same polygon") {
        const auto dms = parse_coordinate_list(
            geos, "106°12'36\"E,37°19'12\"N 106d15m,37d19m12s；106°15′00″E，37°21′00″N;106°12′36″E，37°21′N", options);
        CHECK(geos.planar_area(dms[0].geom.get()) == Approx(area).epsilon(1e-9));
        CHECK(dms[0].notes.size() == 1);  // only the closing note
    }
    SECTION("lat,lon swapped is detected and swapped back") {
        const auto swapped = parse_coordinate_list(geos, "37.32,106.21 37.32,106.25 37.35,106.25 37.35,106.21", options);
        CHECK(has_note(swapped[0], "given as latitude,longitude"));
        CHECK(geos.planar_area(swapped[0].geom.get()) == Approx(area).epsilon(1e-9));
        const auto [sx, sy] = vertex(geos, swapped[0].geom.get(), 0);
        CHECK(sx == Approx(x).margin(1e-6));
        CHECK(sy == Approx(y).margin(1e-6));
        // Hemisphere letters decide, whatever the values.
        const auto lettered = parse_coordinate_list(geos, "37.32N,106.21E 37.32N,106.25E 37.35N,106.25E", options);
        CHECK(has_note(lettered[0], "given as latitude,longitude"));
    }
    SECTION("one pair is a point, two a line") {
        CHECK(geom_type(geos, parse_coordinate_list(geos, "106.21,37.32", options)[0]) == GEOS_POINT);
        CHECK(geom_type(geos, parse_coordinate_list(geos, "106.21,37.32;106.25,37.32", options)[0]) ==
              GEOS_LINESTRING);
    }
    SECTION("a bow-tie typed by hand is repaired") {
        const auto bow = parse_coordinate_list(geos, "106.21,37.32 106.25,37.35 106.25,37.32 106.21,37.35", options);
        CHECK(has_note(bow[0], "self-intersecting boundary repaired"));
        CHECK(mentions(zh_of(bow[0], "self-intersecting boundary repaired"), "边界自相交，已用 make-valid 修复"));
        CHECK(geos.is_valid(bow[0].geom.get()));
    }
    SECTION("malformed lists are usage errors with the fix") {
        const std::string odd = message_of<UsageError>(
            [&] { parse_coordinate_list(geos, "106.21,37.32 106.25,37.32 106.25", options); });
        CHECK(odd.find("5 values, an odd number") != std::string::npos);
        CHECK(odd.find("give longitude,latitude pairs") != std::string::npos);
        const std::string nan = message_of<UsageError>(
            [&] { parse_coordinate_list(geos, "106.21,37.32 106.2x5,37.32 106.25,37.35", options); });
        CHECK(nan.find("coordinate value 3 '106.2x5' is not a number") != std::string::npos);
        CHECK(nan.find("write decimal degrees") != std::string::npos);
        CHECK_THROWS_AS(parse_coordinate_list(geos, "  ", options), UsageError);
        CHECK_THROWS_AS(parse_coordinate_list(geos, "512000,4139000 513000,4139000 513000,4140000", options),
                        UsageError);
        CHECK_THROWS_AS(parse_coordinate_list(geos, "106.21,37.32 106.25,37.32 106.21,37.32", options), UsageError);
    }
}
