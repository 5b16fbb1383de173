#pragma once
// What the `ecozone serve` API tests share: the sample project loaded once per process, a server on
// a free loopback port in the test's own process, httplib's client, and the same site screened by
// the analysis library directly (the independent computation the server's answers are checked
// against).
#include "analysis/screening.h"
#include "layers/site_input.h"
#include "serve/server.h"
#include "serve/workbench.h"
#include "test_config.h"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

namespace ecozone::test::serve_api {

using nlohmann::json;

inline const std::string kSampleProject = std::string(ECOZONE_SAMPLE_DIR) + "/hongsibu.toml";

// Inside the Luoshan reserve's core zone, as lon,lat pairs (the CLI's --coords) and as GeoJSON.
inline const std::string kCoreCoords = "106.165,37.31 106.175,37.31 106.175,37.32 106.165,37.32";
// Near the district's north-east, away from the reserve.
inline const std::string kPlainCoords = "106.30,37.46 106.31,37.46 106.31,37.47 106.30,37.47";

inline json polygon_of(const std::string& coords) {
    json ring = json::array();
    std::istringstream in(coords);
    std::string pair;
    while (in >> pair) {
        const size_t comma = pair.find(',');
        ring.push_back({std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1))});
    }
    ring.push_back(ring.front());
    return {{"type", "Polygon"}, {"coordinates", json::array({ring})}};
}

inline json feature(const json& geometry, const std::string& category, const std::string& name = "") {
    json props = {{"category", category}};
    if (!name.empty()) props["name"] = name;
    return {{"type", "Feature"}, {"properties", props}, {"geometry", geometry}};
}

// The sample project loaded once for every test case (as the server loads it once).
inline const serve::Workbench& workbench() {
    static const serve::Workbench wb(kSampleProject, 4);
    return wb;
}

// A server on a free loopback port, serving on its own thread until the scope ends.
class RunningServer {
public:
    explicit RunningServer(serve::ServerOptions options = {}) : server_(workbench(), loopback(options), log_) {
        port_ = server_.bind();
        thread_ = std::thread([this] { server_.run(); });
        while (!server_.running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~RunningServer() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    int port() const { return port_; }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(30, 0);
        c.set_tcp_nodelay(true);  // a POST is written as headers then body
        return c;
    }
    // Only once the server has stopped: the log is written by its worker threads.
    std::string log_after_stop() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
        return log_.str();
    }

private:
    static serve::ServerOptions loopback(serve::ServerOptions o) {
        o.host = "127.0.0.1";
        o.port = 0;
        return o;
    }
    std::ostringstream log_;
    serve::Server server_;
    int port_ = 0;
    std::thread thread_;
};

inline const httplib::Headers kPostHeaders = {{"X-Requested-With", "ecozone"}};

inline httplib::Result post_screen(httplib::Client& c, const std::string& body, httplib::Headers headers = kPostHeaders) {
    return c.Post("/api/screen", headers, body, "application/json");
}

// A GET answered 200 with JSON, parsed.
inline json get_ok(httplib::Client& c, const std::string& path) {
    const auto r = c.Get(path.c_str());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
}

// Every error is JSON with both languages.
inline json error_of(const httplib::Result& r) {
    REQUIRE(r);
    const json j = json::parse(r->body);
    REQUIRE(j.contains("error"));
    REQUIRE(j.contains("error_en"));
    CHECK(r->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    return j;
}

// The same site screened by the analysis library directly: the CLI's --coords reader and a
// screener of the test's own.
struct DirectScreening {
    geo::GeosContext geos;
    analysis::ScreeningOptions options;
    std::unique_ptr<analysis::Screener> screener;
    DirectScreening() {
        options.mode = workbench().mode();
        screener = std::make_unique<analysis::Screener>(workbench().catalogue(), workbench().rules(), geos, options);
    }
    analysis::SiteResult screen(const std::string& coords, const std::string& category) {
        layers::SiteParseOptions parse;
        parse.working_crs = workbench().catalogue().working.definition;
        std::vector<layers::SiteInput> in = layers::parse_coordinate_list(geos, coords, parse);
        analysis::SiteSpec spec;
        spec.id = "direct";
        spec.category = category;
        spec.geom = in.front().geom.get();
        analysis::SiteResult r = screener->screen(spec);
        r.spec.geom = nullptr;  // `in` goes out of scope
        return r;
    }
};

// The server's site object says what the analysis found: verdict, deciding rules, zones with their
// areas, distances (the JSON rounds to 1e-4).
inline void check_same(const json& site, const analysis::SiteResult& r) {
    REQUIRE(site.at("screened") == true);
    CHECK(site.at("verdict") == layers::verdict_key(r.verdict));
    // screening.json joins the deciding rules' ids with spaces, as the CLI prints them.
    std::string ids;
    for (const std::string& id : analysis::verdict_rule_ids(r)) ids += (ids.empty() ? "" : " ") + id;
    CHECK(site.at("deciding_rules") == ids);
    REQUIRE(site.at("rules").size() == r.rules.size() + r.not_assessed.size());
    for (size_t i = 0; i < r.rules.size(); ++i) {
        CHECK(site["rules"][i].at("id") == r.rules[i].rule->id);
        CHECK(site["rules"][i].at("role") == analysis::rule_role_key(r.rules[i].role));
    }
    CHECK(site.at("area").at("ellipsoidal_m2").get<double>() == Approx(r.area.ellipsoidal_m2).margin(1e-3));
    REQUIRE(site.at("zones").size() == r.zones.size());
    for (size_t i = 0; i < r.zones.size(); ++i) {
        const json& z = site["zones"][i];
        CHECK(z.at("role") == r.zones[i].role);
        CHECK(z.at("value") == r.zones[i].value);
        CHECK(z.at("area").at("ellipsoidal_m2").get<double>() == Approx(r.zones[i].area.ellipsoidal_m2).margin(1e-3));
        CHECK(z.at("area").at("planar_m2").get<double>() == Approx(r.zones[i].area.planar_m2).margin(1e-3));
    }
    REQUIRE(site.at("distances").size() == r.distances.size());
    for (size_t i = 0; i < r.distances.size(); ++i) {
        const json& d = site["distances"][i];
        CHECK(d.at("to") == r.distances[i].what);
        if (r.distances[i].metres < 0) {
            CHECK(d.at("metres").is_null());
        } else {
            CHECK(d.at("metres").get<double>() == Approx(r.distances[i].metres).margin(1e-3));
        }
    }
}

inline size_t vertices(const json& coordinates) {
    if (coordinates.is_array() && !coordinates.empty() && coordinates[0].is_number()) return 1;
    size_t n = 0;
    for (const json& c : coordinates) n += vertices(c);
    return n;
}

}  // namespace ecozone::test::serve_api
