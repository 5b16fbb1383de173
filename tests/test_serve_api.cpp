// `ecozone serve`'s JSON API, called over HTTP on the sample project: the server runs in this process
// on a free loopback port and is asked with httplib's client, as a browser or a script would ask it.
// Verdicts, areas and distances are checked against the analysis library screening the same site
// itself (its own screener, the CLI's --coords reader), never against the server's earlier answers.
#include "analysis/screening.h"
#include "geo/errors.h"
#include "layers/site_input.h"
#include "report/audit/register_verification.h"
#include "sample_register.h"
#include "layers/checksum.h"
#include "serve/indicator_evidence.h"
#include "serve/security.h"
#include "serve/server.h"
#include "serve/workbench.h"
#include "serve_api_support.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <fmt/format.h>
#include <functional>
#include <sstream>
#include <thread>

using namespace ecozone;
using nlohmann::json;

using namespace ecozone::test::serve_api;

TEST_CASE("serve: a site in the Luoshan core zone is prohibited, as the analysis finds it", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const auto r = post_screen(c, feature(polygon_of(kCoreCoords), "采石", "罗山采石").dump());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json body = json::parse(r->body);
    REQUIRE(body.at("sites").size() == 1);
    const json& site = body["sites"][0];
    CHECK(site.at("verdict") == "prohibited");
    CHECK(site.at("category") == "mining");
    CHECK(site.at("name") == "罗山采石");
    bool core = false;
    for (const json& z : site["zones"]) core = core || (z["role"] == "reserve_zones" && z["value"] == "core");
    CHECK(core);
    DirectScreening direct;
    const analysis::SiteResult expected = direct.screen(kCoreCoords, "mining");
    REQUIRE(expected.verdict == layers::Verdict::Prohibited);
    REQUIRE(!analysis::verdict_rule_ids(expected).empty());
    check_same(site, expected);
}

TEST_CASE("serve: a FeatureCollection is screened site by site, in order", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    json point = {{"type", "Point"}, {"coordinates", {106.20, 37.40}}};
    json fc = {{"type", "FeatureCollection"},
               {"features",
                {feature(polygon_of(kCoreCoords), "mining"), feature(polygon_of(kPlainCoords), "光伏", "光伏一期"),
                 {{"type", "Feature"}, {"id", 7}, {"properties", {{"category", "housing"}}}, {"geometry", point}}}}};
    const auto r = post_screen(c, fc.dump());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json sites = json::parse(r->body).at("sites");
    REQUIRE(sites.size() == 3);
    CHECK(sites[0]["id"] == "site-1");
    CHECK(sites[1]["name"] == "光伏一期");
    CHECK(sites[1]["category"] == "pv_wind");
    CHECK(sites[2]["id"] == "7");
    DirectScreening direct;
    check_same(sites[0], direct.screen(kCoreCoords, "mining"));
    check_same(sites[1], direct.screen(kPlainCoords, "pv_wind"));
    check_same(sites[2], direct.screen("106.20,37.40", "housing"));
}

TEST_CASE("serve: malformed requests get 4xx JSON errors in both languages", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    SECTION("not JSON") {
        const auto r = post_screen(c, "{\"type\": \"Feature\", ");
        CHECK(r->status == 400);
        CHECK(error_of(r)["error_en"].get<std::string>().find("not valid JSON") != std::string::npos);
    }
    SECTION("JSON but not a Feature") {
        const auto r = post_screen(c, "[1, 2, 3]");
        CHECK(r->status == 400);
        error_of(r);
    }
    SECTION("a feature without geometry") {
        const auto r = post_screen(c, json{{"type", "Feature"}, {"properties", {{"category", "mining"}}},
                                           {"geometry", nullptr}}.dump());
        CHECK(r->status == 400);
        CHECK(error_of(r)["error_en"].get<std::string>().find("feature 1: no geometry") != std::string::npos);
    }
    SECTION("a geometry that is no site") {
        const auto r = post_screen(
            c, feature({{"type", "GeometryCollection"}, {"geometries", json::array()}}, "mining").dump());
        CHECK(r->status == 400);
        error_of(r);
    }
    SECTION("coordinates that are no longitude/latitude") {
        const auto r = post_screen(c, feature(polygon_of("500000,4100000 501000,4100000 501000,4101000"), "mining").dump());
        CHECK(r->status == 400);
        error_of(r);
    }
    SECTION("an unknown category lists the known ones") {
        const auto r = post_screen(c, feature(polygon_of(kCoreCoords), "spaceport").dump());
        CHECK(r->status == 400);
        const json e = error_of(r);
        CHECK(e["error_en"].get<std::string>().find("'spaceport'") != std::string::npos);
        CHECK(e["error_en"].get<std::string>().find("pv_wind") != std::string::npos);
        CHECK(e["error"].get<std::string>().find("pv_wind") != std::string::npos);
    }
    SECTION("an unknown route is 404, a known one with another method 405") {
        const auto r404 = c.Get("/api/nothing-here");
        CHECK(r404->status == 404);
        error_of(r404);
        const auto r405 = c.Get("/api/screen");
        CHECK(r405->status == 405);
        CHECK(r405->get_header_value("Allow") == "POST");
        error_of(r405);
    }
}

TEST_CASE("serve: a POST without X-Requested-With is refused with 403", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const auto r = post_screen(c, feature(polygon_of(kCoreCoords), "mining").dump(), {});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(error_of(r)["error_en"].get<std::string>().find("X-Requested-With") != std::string::npos);
}

TEST_CASE("serve: a body over the upload limit is refused with 413", "[serve]") {
    serve::ServerOptions o;
    o.max_upload_bytes = 1024 * 1024;
    RunningServer server(o);
    httplib::Client c = server.client();
    const std::string big = "{\"type\":\"Feature\",\"pad\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}";
    const auto r = post_screen(c, big);
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(error_of(r)["error_en"].get<std::string>().find("1 MB") != std::string::npos);
    // The server is still there.
    CHECK(server.client().Get("/api/health")->status == 200);
}

TEST_CASE("serve: with a token every /api/ call must carry it, and it is never logged", "[serve]") {
    const std::string token = "s3cret-T0ken-4-test";
    serve::ServerOptions o;
    o.token = token;
    RunningServer server(o);
    httplib::Client c = server.client();
    CHECK(error_of(c.Get("/api/health"))["error_en"].get<std::string>().find("missing access token") !=
          std::string::npos);
    CHECK(c.Get("/api/health")->status == 401);
    CHECK(c.Get("/api/health", {{"Authorization", "Bearer wrong"}})->status == 401);
    CHECK(c.Get("/api/health", {{"X-Ecozone-Token", token + "x"}})->status == 401);
    CHECK(c.Get("/api/no-such-route")->status == 401);  // nothing is told without the token
    const auto bearer = c.Get("/api/health", {{"Authorization", "Bearer " + token}});
    CHECK(bearer->status == 200);
    CHECK(bearer->body.find(token) == std::string::npos);
    CHECK(c.Get("/api/layers", {{"X-Ecozone-Token", token}})->status == 200);
    httplib::Headers post = {{"X-Requested-With", "ecozone"}, {"X-Ecozone-Token", token}};
    CHECK(post_screen(c, feature(polygon_of(kCoreCoords), "mining").dump(), post)->status == 200);
    CHECK(post_screen(c, feature(polygon_of(kCoreCoords), "mining").dump())->status == 401);
    const std::string log = server.log_after_stop();
    CHECK(log.find("GET /api/health 401") != std::string::npos);
    CHECK(log.find("GET /api/health 200") != std::string::npos);
    CHECK(log.find(token) == std::string::npos);
}

TEST_CASE("serve: a non-loopback address without a token is refused before anything is bound", "[serve]") {
    serve::ServerOptions o;
    serve::parse_listen("0.0.0.0:0", o);
    CHECK_THROWS_AS(serve::require_token_for_bind(o), UsageError);
    o.token = "t";
    CHECK_NOTHROW(serve::require_token_for_bind(o));
    CHECK(serve::is_loopback("127.0.0.1"));
    CHECK(serve::is_loopback("127.8.9.1"));
    CHECK(serve::is_loopback("::1"));
    CHECK(serve::is_loopback("localhost"));
    CHECK_FALSE(serve::is_loopback("0.0.0.0"));
    CHECK_FALSE(serve::is_loopback("192.168.1.5"));
    CHECK_FALSE(serve::is_loopback("example.org"));
    serve::ServerOptions v6;
    serve::parse_listen("[::1]:9000", v6);
    CHECK(v6.host == "::1");
    CHECK(v6.port == 9000);
    CHECK_THROWS_AS(serve::parse_listen("127.0.0.1", v6), UsageError);
    CHECK_THROWS_AS(serve::parse_listen("127.0.0.1:99999", v6), UsageError);
    CHECK(serve::same_token("abc", "abc"));
    CHECK_FALSE(serve::same_token("abc", "abd"));
    CHECK_FALSE(serve::same_token("abc", "abcd"));
}

TEST_CASE("serve: path traversal through a layer name reads nothing", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    for (const char* path : {"/api/layers/..%2F..%2Fetc%2Fpasswd.geojson", "/api/layers/../../x",
                             "/api/layers/%2e%2e/%2e%2e/etc/passwd.geojson", "/api/layers/passwd.geojson",
                             "/../../etc/passwd", "/api/layers/reserve_zones.geojson/../../../etc/passwd"}) {
        INFO(path);
        const auto r = c.Get(path);
        REQUIRE(r);
        CHECK((r->status == 404 || r->status == 400));
        CHECK(r->body.find("root:") == std::string::npos);
        error_of(r);
    }
}

TEST_CASE("serve: hostile text in a site comes back as the same JSON string", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const std::string hostile = "<script>alert('x')</script>\"; DROP TABLE sites; -- \u4e2d </b>";
    json f = feature(polygon_of(kPlainCoords), "pv_wind", hostile);
    f["properties"]["id"] = "<img src=x onerror=alert(1)>";
    const auto r = post_screen(c, f.dump());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
    const json site = json::parse(r->body).at("sites").at(0);
    CHECK(site.at("name") == hostile);
    CHECK(site.at("id") == "<img src=x onerror=alert(1)>");
}

TEST_CASE("serve: 20 clients asking 20 times each all get the same answer", "[serve]") {
    RunningServer server;
    const std::string body = json{{"type", "FeatureCollection"},
                                  {"features", {feature(polygon_of(kCoreCoords), "mining")}}}.dump();
    std::string reference;
    {
        httplib::Client c = server.client();
        const auto r = post_screen(c, body);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        reference = r->body;
    }
    constexpr int kClients = 20, kRequests = 20;
    std::vector<int> failures(kClients, 0);
    std::vector<std::thread> clients;
    for (int k = 0; k < kClients; ++k) {
        clients.emplace_back([&, k] {
            httplib::Client c = server.client();
            c.set_keep_alive(true);
            for (int i = 0; i < kRequests; ++i) {
                // Every other client alternates with the layer list: two routes at once.
                if (k % 2 == 1 && i % 2 == 1) {
                    const auto r = c.Get("/api/layers");
                    failures[k] += !r || r->status != 200;
                    continue;
                }
                const auto r = post_screen(c, body);
                failures[k] += !r || r->status != 200 || r->body != reference;
            }
        });
    }
    for (auto& t : clients) t.join();
    for (int k = 0; k < kClients; ++k) {
        INFO("client " << k);
        CHECK(failures[k] == 0);
    }
    // One log line per request, each whole.
    std::istringstream log(server.log_after_stop());
    int lines = 0;
    for (std::string line; std::getline(log, line); ++lines) {
        INFO(line);
        CHECK(line.rfind("ecozone serve: ", 0) == 0);
        CHECK(line.find(" 200 ") != std::string::npos);
        CHECK(line.find(" ms ") != std::string::npos);
    }
    CHECK(lines == 1 + kClients * kRequests);
}

TEST_CASE("serve: the layers endpoint lists the sample's layers and categories", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const json j = get_ok(c, "/api/layers");
    std::map<std::string, json> by_role;
    for (const json& l : j.at("layers")) by_role[l.at("role")] = l;
    for (const char* role : {"district", "townships", "villages", "redline", "reserve_zones", "rivers", "landuse"}) {
        INFO(role);
        REQUIRE(by_role.count(role));
        CHECK(by_role[role].at("features").get<int>() > 0);
    }
    CHECK(by_role["reserve_zones"]["path"] == "luoshan_zones.shp");
    CHECK(by_role["reserve_zones"]["label"] == layers::role_label(layers::VectorRole::ReserveZones, "zh"));
    CHECK(by_role["reserve_zones"]["crs"]["epsg"] == 4544);
    CHECK(by_role["reserve_zones"]["geometry_type"] == "Polygon");
    CHECK(j.dump().find(ECOZONE_SOURCE_DIR) == std::string::npos);  // no machine path beyond the project file's
    std::vector<std::string> ids;
    for (const json& cat : j.at("categories")) ids.push_back(cat.at("id"));
    CHECK(std::find(ids.begin(), ids.end(), "pv_wind") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "mining") != ids.end());
}

TEST_CASE("serve: a layer's GeoJSON is lon/lat, simplified more at a smaller zoom", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const json a = get_ok(c, "/api/layers/reserve_zones.geojson?zoom=8");
    const json b = get_ok(c, "/api/layers/reserve_zones.geojson?zoom=16");
    CHECK(a.at("type") == "FeatureCollection");
    REQUIRE(a.at("features").size() == 3);
    REQUIRE(b.at("features").size() == 3);
    size_t va = 0, vb = 0;
    for (const json& f : a["features"]) va += vertices(f.at("geometry").at("coordinates"));
    for (const json& f : b["features"]) vb += vertices(f.at("geometry").at("coordinates"));
    CHECK(va <= vb);
    CHECK(va < vb);  // the sample's zones are detailed enough to lose vertices at zoom 8
    const json& first = b["features"][0];
    const double lon = first["geometry"]["coordinates"][0][0][0], lat = first["geometry"]["coordinates"][0][0][1];
    CHECK(lon > 105.5);
    CHECK(lon < 107.0);
    CHECK(lat > 37.0);
    CHECK(lat < 38.0);
    CHECK(first.at("properties").contains("name"));
    CHECK(first.at("properties").contains("value"));
    CHECK(get_ok(c, "/api/layers/reserve_zones.geojson?zoom=8") == a);  // the cached answer
    CHECK(c.Get("/api/layers/reserve_zones.geojson?zoom=99")->status == 400);
    CHECK(c.Get("/api/layers/reserve_zones.geojson?zoom=abc")->status == 400);
    const auto unknown = c.Get("/api/layers/wetland_sites.geojson?zoom=8");
    CHECK(unknown->status == 404);
    CHECK(error_of(unknown)["error_en"].get<std::string>().find("reserve_zones") != std::string::npos);
}

TEST_CASE("serve: health says ok and the version", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const json j = get_ok(c, "/api/health");
    CHECK(j.at("ok") == true);
    CHECK(j.at("version") == ECOZONE_VERSION);
}

// ---- Phase 2: pasted coordinates, uploads and the page ------------------------------------------

namespace {

// kCoreCoords' corners as Gauss-Krüger X (northing), Y (easting) of zone 35 — with the zone prefix
// on Y, and without it (the project's zone, EPSG:4544, CM 105°E).
const std::string kCoreGkPrefixed =
    "4131551.42,35603278.00 4131562.39,35604164.54 4132672.29,35604150.74 4132661.31,35603264.32";
const std::string kCoreGkPlain = "J1 4131551.42 603278.00\nJ2 4131562.39 604164.54\nJ3 4132672.29 604150.74\n"
                                 "J4 4132661.31 603264.32";

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A zip of `files` (name in the zip -> bytes), made in GDAL's memory file system with CPL's zip writer.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& files) {
    const std::string path = "/vsimem/ecozone_test_upload.zip";
    void* zip = CPLCreateZip(path.c_str(), nullptr);
    REQUIRE(zip);
    for (const auto& [name, bytes] : files) {
        REQUIRE(CPLCreateFileInZip(zip, name.c_str(), nullptr) == CE_None);
        REQUIRE(CPLWriteFileInZip(zip, bytes.data(), static_cast<int>(bytes.size())) == CE_None);
        REQUIRE(CPLCloseFileInZip(zip) == CE_None);
    }
    REQUIRE(CPLCloseZip(zip) == CE_None);
    vsi_l_offset length = 0;
    GByte* data = VSIGetMemFileBuffer(path.c_str(), &length, TRUE);  // takes the buffer; the file is gone
    REQUIRE(data);
    std::string out(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
    CPLFree(data);
    return out;
}

std::string sample_sites_zip() {
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        files.emplace_back(std::string("sites") + ext, file_text(std::string(ECOZONE_SAMPLE_DIR) + "/sites" + ext));
    }
    return zip_of(files);
}

httplib::Result upload(httplib::Client& c, const std::string& filename, const std::string& content,
                       const std::string& category = "") {
    httplib::MultipartFormDataItems items = {{"file", content, filename, "application/octet-stream"}};
    if (!category.empty()) items.push_back({"category", category, "", ""});
    return c.Post("/api/screen/upload", kPostHeaders, items);
}

httplib::Result post_coordinates(httplib::Client& c, const std::string& coordinates, const std::string& category) {
    return c.Post("/api/screen/coordinates", kPostHeaders,
                  json({{"coordinates", coordinates}, {"category", category}}).dump(), "application/json");
}

json ok_body(const httplib::Result& r) {
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
}

}  // namespace

TEST_CASE("serve: pasted lon/lat and Gauss-Krüger coordinates give the drawn site's verdict", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const json drawn = ok_body(post_screen(c, feature(polygon_of(kCoreCoords), "采石").dump()))["sites"][0];
    REQUIRE(drawn["verdict"] == "prohibited");
    for (const std::string& coords : {kCoreCoords, kCoreGkPrefixed, kCoreGkPlain}) {
        INFO(coords);
        const json body = ok_body(post_coordinates(c, coords, "采石"));
        REQUIRE(body["sites"].size() == 1);
        const json& site = body["sites"][0];
        CHECK(site["verdict"] == "prohibited");
        CHECK(site["deciding_rules"] == drawn["deciding_rules"]);
        // The same rectangle, up to edges straight in lon/lat or in metres: areas within 0.1 %.
        const double ha = site["area"]["ellipsoidal_ha"].get<double>();
        CHECK(std::abs(ha - drawn["area"]["ellipsoidal_ha"].get<double>()) < 0.001 * ha);
        // The outline comes back in lon/lat for the map.
        const json& outline = body["outlines"]["features"][0]["geometry"];
        REQUIRE(outline["type"] == "Polygon");
        const json& corner = outline["coordinates"][0][0];
        CHECK(corner[0].get<double>() > 106.16);
        CHECK(corner[0].get<double>() < 106.18);
    }
    // No category, no coordinates, an odd count: 400 with the reason.
    CHECK(post_coordinates(c, kCoreCoords, "")->status == 400);
    CHECK(post_coordinates(c, "", "采石")->status == 400);
    CHECK(error_of(c.Post("/api/screen/coordinates", kPostHeaders, "{not json", "application/json"))["error_en"]
              .get<std::string>()
              .find("not valid JSON") != std::string::npos);
    CHECK(post_coordinates(c, kCoreCoords, "spaceport")->status == 400);
    const auto odd = post_coordinates(c, "4131551.42,35603278.00 4131562.39", "采石");
    CHECK(odd->status == 400);
    CHECK(error_of(odd)["error_en"].get<std::string>().find("odd") != std::string::npos);
}

TEST_CASE("serve: uploads of each kind of site file are screened", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const std::string data = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/sites/";

    SECTION("a boundary-point file (界址点)") {
        const json body = ok_body(upload(c, "hongsibu_pv.txt", file_text(data + "hongsibu_pv.txt"), "光伏"));
        REQUIRE(body["sites"].size() == 1);
        CHECK(body["sites"][0]["id"] == "HS-01");
        CHECK(body["sites"][0]["category"] == "pv_wind");
        CHECK(body["sites"][0]["screened"] == true);
        CHECK(body["outlines"]["features"][0]["geometry"]["type"] == "Polygon");
    }
    SECTION("a zipped shapefile, each site with its own category") {
        const json body = ok_body(upload(c, "sites.zip", sample_sites_zip()));
        CHECK(body["sites"].size() == 10);
        for (const json& s : body["sites"]) CHECK(s.contains("verdict"));
        // Sources name the uploaded file, never the temporary folder.
        CHECK(body["sites"][0]["source"].get<std::string>().rfind("sites.zip", 0) == 0);
        CHECK(body.dump().find("ecozone-upload-") == std::string::npos);
    }
    SECTION("GeoJSON") {
        const json body = ok_body(upload(c, "flat_sites.geojson", file_text(data + "flat_sites.geojson"), "光伏"));
        CHECK(!body["sites"].empty());
    }
    SECTION("KML") {
        const std::string kml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
            "<Placemark><name>罗山采石</name><Polygon><outerBoundaryIs><LinearRing><coordinates>106.165,37.31 "
            "106.175,37.31 106.175,37.32 106.165,37.32 106.165,37.31</coordinates></LinearRing></outerBoundaryIs>"
            "</Polygon></Placemark></Document></kml>";
        const json body = ok_body(upload(c, "site.kml", kml, "采石"));
        REQUIRE(body["sites"].size() == 1);
        CHECK(body["sites"][0]["verdict"] == "prohibited");
    }
    SECTION("a CSV of WKT") {
        const json body = ok_body(upload(c, "sites_bom.csv", file_text(data + "sites_bom.csv"), "光伏"));
        CHECK(body["sites"].size() >= 2);
    }
}

TEST_CASE("serve: bad uploads get 400 naming the file as uploaded; names never become paths", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    SECTION("traversal in the file name") {
        for (const std::string name : {"../../../../etc/passwd.txt", "..\\..\\boot.ini.csv", "/etc/hosts.geojson"}) {
            INFO(name);
            const auto r = upload(c, name, "not a site file", "采石");
            REQUIRE(r);
            CHECK(r->status == 400);
            const std::string zh = error_of(r)["error"];
            CHECK(zh.find("/etc/") == std::string::npos);
            CHECK(zh.find("..") == std::string::npos);
            CHECK(zh.find("ecozone-upload-") == std::string::npos);
        }
    }
    SECTION("a corrupt zip") {
        std::string zip = sample_sites_zip();
        zip.resize(zip.size() / 3);
        const auto r = upload(c, "broken.zip", zip, "采石");
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(error_of(r)["error_en"].get<std::string>().find("broken.zip") != std::string::npos);
    }
    SECTION("a file that is not a site file") {
        const auto r = upload(c, "photo.jpg", "\xff\xd8\xff", "采石");
        CHECK(r->status == 400);
        CHECK(error_of(r)["error_en"].get<std::string>().find("zipped shapefile") != std::string::npos);
    }
    SECTION("no file field") {
        const auto r = c.Post("/api/screen/upload", kPostHeaders, "{}", "application/json");
        CHECK(r->status == 400);
    }
    SECTION("without X-Requested-With") {
        const auto r = c.Post("/api/screen/upload", httplib::MultipartFormDataItems{{"file", "x", "a.txt", ""}});
        CHECK(r->status == 403);
    }
    CHECK(server.client().Get("/api/health")->status == 200);
}

TEST_CASE("serve: an upload over the limit is refused with 413", "[serve]") {
    serve::ServerOptions o;
    o.max_upload_bytes = 1024 * 1024;
    RunningServer server(o);
    httplib::Client c = server.client();
    const auto r = upload(c, "big.txt", std::string(2 * 1024 * 1024, 'x'), "采石");
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(server.client().Get("/api/health")->status == 200);
}

TEST_CASE("serve: the page and Leaflet are served from the binary with a strict CSP", "[serve]") {
    RunningServer server;
    httplib::Client c = server.client();
    const auto page = c.Get("/");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    const std::string csp = page->get_header_value("Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("http") == std::string::npos);  // no other host
    CHECK(page->get_header_value("Cache-Control") == "no-cache");
    CHECK(page->get_header_value_count("Cache-Control") == 1);
    CHECK(page->body.find("/leaflet/leaflet.js") != std::string::npos);
    CHECK(page->body.find("http://") == std::string::npos);
    CHECK(page->body.find("https://") == std::string::npos);
    const std::vector<std::pair<std::string, std::string>> assets = {
        {"/app.js", "text/javascript; charset=utf-8"},
        {"/app.css", "text/css; charset=utf-8"},
        {"/leaflet/leaflet.js", "text/javascript; charset=utf-8"},
        {"/leaflet/leaflet.css", "text/css; charset=utf-8"},
        {"/leaflet/images/layers.png", "image/png"}};
    for (const auto& [path, type] : assets) {
        INFO(path);
        const auto r = c.Get(path.c_str());
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == type);
        CHECK(!r->body.empty());
        CHECK(!r->get_header_value("Content-Security-Policy").empty());
    }
    CHECK(c.Get("/leaflet/images/layers.png")->body.rfind("\x89PNG", 0) == 0);
    CHECK(c.Get("/leaflet/../../etc/passwd")->status == 404);
    CHECK(c.Get("/serve/assets/app.js")->status == 404);
}

TEST_CASE("serve: every upload's temporary folder is removed, whether it was read or refused", "[serve]") {
    // TMPDIR is read when a request makes its folder: set before the server's threads start.
    const std::filesystem::path tmp = std::filesystem::path(ECOZONE_BINARY_DIR) / "test-serve-upload-tmp";
    std::filesystem::remove_all(tmp);
    std::filesystem::create_directories(tmp);
    const char* before = std::getenv("TMPDIR");
    const std::string saved = before ? before : "";
    ::setenv("TMPDIR", tmp.c_str(), 1);
    {
        RunningServer server;
        httplib::Client c = server.client();
        const std::string data = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/sites/";
        CHECK(upload(c, "hongsibu_pv.txt", file_text(data + "hongsibu_pv.txt"), "光伏")->status == 200);
        CHECK(upload(c, "sites.zip", sample_sites_zip())->status == 200);
        CHECK(upload(c, "broken.zip", "PK\x03\x04 not really", "采石")->status == 400);
        CHECK(upload(c, "bad.txt", file_text(data + "bad_beijing54.txt"), "采石")->status == 400);
        CHECK(post_coordinates(c, kCoreGkPrefixed, "采石")->status == 200);
    }
    if (before) {
        ::setenv("TMPDIR", saved.c_str(), 1);
    } else {
        ::unsetenv("TMPDIR");
    }
    CHECK(std::filesystem::is_empty(tmp));
    std::filesystem::remove_all(tmp);
}

TEST_CASE("serve: with a token the page loads without it, the API does not", "[serve]") {
    serve::ServerOptions o;
    o.token = "s3cret-token";
    RunningServer server(o);
    httplib::Client c = server.client();
    CHECK(c.Get("/")->status == 200);
    CHECK(c.Get("/leaflet/leaflet.js")->status == 200);
    CHECK(c.Get("/api/layers")->status == 401);
    CHECK(c.Post("/api/screen/upload", kPostHeaders, httplib::MultipartFormDataItems{{"file", "x", "a.txt", ""}})->status ==
          401);
    CHECK(c.Get("/api/layers", httplib::Headers{{"X-Ecozone-Token", "s3cret-token"}})->status == 200);
}

TEST_CASE("serve: the audit's register is reviewed and verified through /api/patches", "[serve][verification]") {
    SECTION("without --register the routes say how to give one") {
        RunningServer server;
        httplib::Client c = server.client();
        const auto r = c.Get("/api/patches");
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK_THAT(r->body, Catch::Contains("--register"));
    }
    serve::ServerOptions o;
    o.register_gpkg = test::register_copy("serve_register").string();
    RunningServer server(o);
    httplib::Client c = server.client();
    const json all = get_ok(c, "/api/patches");
    REQUIRE(all["type"] == "FeatureCollection");
    REQUIRE(all["features"].size() >= 2);
    const json& first = all["features"][0];
    const std::string id = first["id"];
    CHECK(first["properties"]["tbbh"] == id);
    CHECK(first["properties"]["verification"]["revision"] == 0);
    // In lon/lat: the register's own centre (zx_lon, zx_lat) lies inside the drawn patch's box.
    double minx = 999, miny = 999, maxx = -999, maxy = -999;
    std::function<void(const json&)> walk = [&](const json& a) {
        if (a.is_array() && a.size() == 2 && a[0].is_number()) {
            minx = std::min(minx, a[0].get<double>()), maxx = std::max(maxx, a[0].get<double>());
            miny = std::min(miny, a[1].get<double>()), maxy = std::max(maxy, a[1].get<double>());
        } else if (a.is_array()) {
            for (const auto& e : a) walk(e);
        }
    };
    walk(first["geometry"]["coordinates"]);
    const double lon = first["properties"]["zx_lon"], lat = first["properties"]["zx_lat"];
    CHECK(lon > minx - 1e-6);
    CHECK(lon < maxx + 1e-6);
    CHECK(lat > miny - 1e-6);
    CHECK(lat < maxy + 1e-6);

    const std::string path = "/api/patches/" + id + "/verification";
    const json mine = {{"status", "属实"}, {"opinion", "<script>alert(1)</script> 新建道路"}, {"date", "2025-10-08"},
                       {"by", "王芳"}, {"revision", 0}};
    auto r = c.Post(path.c_str(), kPostHeaders, mine.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(json::parse(r->body)["verification"]["revision"] == 1);
    // Persisted: read back through the API, and in the downloaded GeoPackage.
    const json again = get_ok(c, "/api/patches");
    CHECK(again["features"][0]["properties"]["verification"]["opinion"] == "<script>alert(1)</script> 新建道路");
    CHECK(again["features"][0]["properties"]["hczt"] == "属实");
    const auto download = c.Get("/api/patches.gpkg");
    REQUIRE(download);
    CHECK(download->status == 200);
    const std::string copy = (test::register_scratch() / "downloaded.gpkg").string();
    std::ofstream(copy, std::ios::binary) << download->body;
    report::RegisterStore downloaded(copy);
    CHECK(downloaded.read(id)->verification.by == "王芳");

    // A second officer still at revision 0 is told it changed, and sees the first's text.
    json theirs = mine;
    theirs["by"] = "李强";
    theirs["opinion"] = "未见变化";
    r = c.Post(path.c_str(), kPostHeaders, theirs.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 409);
    const json conflict = json::parse(r->body);
    CHECK(conflict["current"]["by"] == "王芳");
    CHECK(conflict["current"]["revision"] == 1);
    CHECK_THAT(conflict["error_en"].get<std::string>(), Catch::Contains("someone else"));

    // Bad input, unknown and hostile ids, a missing header.
    json bad = mine;
    bad["date"] = "2025-02-30";
    bad["revision"] = 1;
    CHECK(c.Post(path.c_str(), kPostHeaders, bad.dump(), "application/json")->status == 400);
    CHECK(c.Post(path.c_str(), kPostHeaders, "{not json", "application/json")->status == 400);
    CHECK(c.Post("/api/patches/no-such-patch/verification", kPostHeaders, mine.dump(), "application/json")->status == 404);
    CHECK(c.Post("/api/patches/..%2F..%2Fetc/verification", kPostHeaders, mine.dump(), "application/json")->status == 404);
    CHECK(c.Post(path.c_str(), httplib::Headers{}, mine.dump(), "application/json")->status == 403);
    CHECK(c.Get(path.c_str())->status == 405);
}

TEST_CASE("serve: the indicator evidence of a run, checked against its manifest and offered for download",
          "[serve][indicators]") {
    namespace fs = std::filesystem;
    SECTION("without --indicators the route says how to give it") {
        RunningServer server;
        httplib::Client c = server.client();
        const auto r = c.Get("/api/indicators");
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK_THAT(r->body, Catch::Contains("--indicators"));
    }
    const fs::path dir = test::sample_indicators();
    serve::ServerOptions o;
    o.indicators_dir = dir.string();
    RunningServer server(o);
    httplib::Client c = server.client();
    const json served = get_ok(c, "/api/indicators");
    std::ifstream in(dir / "indicators.json");
    const json written = json::parse(in);
    CHECK(served["targets"] == written["targets"]);  // the run's figures, unchanged
    CHECK(served["zones"] == written["zones"]);
    REQUIRE(served["files"].is_array());
    bool xlsx = false;
    for (const auto& f : served["files"]) {
        const auto r = c.Get(f["url"].get<std::string>().c_str());
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(layers::sha256_text(r->body) == f["sha256"]);
        CHECK_THAT(r->get_header_value("Content-Disposition"), Catch::Contains("attachment"));
        xlsx = xlsx || f["name"] == "indicators.xlsx";
    }
    CHECK(xlsx);
    CHECK(c.Get("/api/indicators/files/hongsibu.toml")->status == 404);
    CHECK(c.Get("/api/indicators/files/..%2Findicators.json")->status == 404);
    CHECK(c.Get("/api/indicators/files/.")->status == 404);

    // Evidence changed after the run is refused at start, naming the file.
    const fs::path tampered = test::register_scratch() / "tampered_indicators";
    fs::remove_all(tampered);
    fs::copy(dir, tampered);
    std::ofstream(tampered / "indicators.csv", std::ios::app) << "edited,by,hand\n";
    CHECK_THROWS_WITH(serve::IndicatorEvidence(tampered.string()),
                      Catch::Contains("indicators.csv") && Catch::Contains("SHA-256"));
    fs::remove(tampered / "indicators.xlsx");
    fs::remove(tampered / "indicators.csv");
    CHECK_THROWS_WITH(serve::IndicatorEvidence(tampered.string()), Catch::Contains("missing"));
    CHECK_THROWS_WITH(serve::IndicatorEvidence((tampered / "nothing").string()),
                      Catch::Contains("indicators.manifest.json"));
}

TEST_CASE("serve: a local raster basemap as XYZ tiles, listed with the layers", "[serve][basemap]") {
    {
        RunningServer server;
        httplib::Client c = server.client();
        CHECK(c.Get("/api/basemap/12/3300/1560.png")->status == 404);
        CHECK_FALSE(get_ok(c, "/api/layers").contains("basemap"));
    }
    serve::ServerOptions o;
    o.basemap = std::string(ECOZONE_SAMPLE_DIR) + "/landuse_2020_30m.tif";
    RunningServer server(o);
    httplib::Client c = server.client();
    const json layers = get_ok(c, "/api/layers");
    REQUIRE(layers.contains("basemap"));
    CHECK(layers["basemap"]["name"] == "landuse_2020_30m.tif");
    const double west = layers["basemap"]["bounds"][0], north = layers["basemap"]["bounds"][3];
    // The tile holding the raster's north-west corner at zoom 12.
    const double n = 4096;
    const int x = static_cast<int>((west + 180) / 360 * n);
    const int y = static_cast<int>((1 - std::asinh(std::tan(north * M_PI / 180)) / M_PI) / 2 * n);
    const auto r = c.Get(fmt::format("/api/basemap/12/{}/{}.png", x, y).c_str());
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "image/png");
    CHECK(r->body.substr(1, 3) == "PNG");
    CHECK(c.Get("/api/basemap/12/99999999/1.png")->status == 404);
    CHECK(c.Get("/api/basemap/40/1/1.png")->status == 404);
}
