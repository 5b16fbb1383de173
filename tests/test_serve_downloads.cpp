// The workbench's downloads and leader lines, over HTTP on the sample project: a screening answer
// sent again with ?format= comes back as the CLI's own files (per-site PDF, GeoPackage, JSON); the
// answer's leader lines join the site to the feature each distance was measured to; the patch
// register comes back as CSV / XLSX with the verifications filled in, and with its pictures.
// Leaders are checked by brute force over the layer (GEOS distance to every feature) and by an
// independent projection (OGR, not the tool's PROJ wrapper); downloads by reading them back with
// GDAL and pdftotext.
#include "cli/command.h"
#include "geo/geos_handle.h"
#include "report/audit/thumbnail.h"
#include "sample_register.h"
#include "serve_api_support.h"

#include <catch2/catch.hpp>
#include "command_output.h"
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace ecozone;
using namespace ecozone::test::serve_api;
namespace fs = std::filesystem;

using ecozone::test::command_output;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "ecozone_test_serve_downloads";
    fs::create_directories(dir);
    return dir / name;
}

fs::path saved(const std::string& name, const std::string& bytes) {
    const fs::path p = scratch(name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

// (lon, lat) in CGCS2000 → the project's Gauss-Krüger metres, by OGR.
class ToWorking {
public:
    ToWorking() {
        lonlat_.importFromEPSG(4490);
        lonlat_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        working_.SetFromUserInput(workbench().catalogue().working.definition.c_str());
        working_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        ct_.reset(OGRCreateCoordinateTransformation(&lonlat_, &working_));
        REQUIRE(ct_);
    }
    std::pair<double, double> operator()(const json& lonlat) const {
        double x = lonlat.at(0), y = lonlat.at(1);
        REQUIRE(ct_->Transform(1, &x, &y));
        return {x, y};
    }

private:
    OGRSpatialReference lonlat_, working_;
    std::unique_ptr<OGRCoordinateTransformation> ct_;
};

// The smallest distance from `g` to any feature of the layer, by asking GEOS about each in turn.
double brute_force_distance(const geo::GeosContext& geos, const GEOSGeometry* g, layers::VectorRole role) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& f : workbench().catalogue().vectors.at(role).features) {
        if (!f.geom) continue;
        double d = 0;
        REQUIRE(GEOSDistance_r(geos.handle(), g, f.geom.get(), &d) == 1);
        best = std::min(best, d);
    }
    return best;
}

httplib::Result post_download(httplib::Client& c, const json& body, const std::string& query) {
    return c.Post(("/api/screen?" + query).c_str(), kPostHeaders, body.dump(), "application/json");
}

}  // namespace

TEST_CASE("serve: leader lines join a site to the feature each distance was measured to", "[serve][leaders]") {
    RunningServer server;
    httplib::Client c = server.client();
    const auto r = post_screen(c, feature(polygon_of(kPlainCoords), "采石", "东北").dump());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json answer = json::parse(r->body);
    REQUIRE(answer.at("leaders").size() == 1);
    const json& site = answer["sites"][0];
    const json& leaders = answer["leaders"][0];
    REQUIRE(leaders.size() >= 3);  // red line, reserve, water source, river, receptors: none touched here

    geo::GeosContext geos;
    const ToWorking to_working;
    // The site's polygon in metres, from the same lon/lat pairs.
    std::string wkt = "POLYGON((";
    const json ring = polygon_of(kPlainCoords)["coordinates"][0];
    for (size_t i = 0; i < ring.size(); ++i) {
        const auto [x, y] = to_working(ring[i]);
        wkt += fmt::format("{}{:.4f} {:.4f}", i ? "," : "", x, y);
    }
    const geo::GeomPtr polygon = geos.from_wkt(wkt + "))");
    bool saw_redline = false;
    for (const json& l : leaders) {
        INFO(l.dump());
        const auto [fx, fy] = to_working(l.at("from"));
        const auto [tx, ty] = to_working(l.at("to"));
        const double metres = l.at("metres");
        // The leader is as long as the distance (7-decimal degrees: ~1 cm).
        CHECK(std::hypot(tx - fx, ty - fy) == Approx(metres).margin(0.05));
        // It starts on the site's edge.
        const geo::GeomPtr from = geos.from_wkt(fmt::format("POINT({:.4f} {:.4f})", fx, fy));
        double d = 0;
        REQUIRE(GEOSDistance_r(geos.handle(), from.get(), polygon.get(), &d) == 1);
        CHECK(d < 0.05);
        // The same figure as the site's distance of that kind.
        bool listed = false;
        for (const json& sd : site.at("distances")) {
            if (sd.at("to") == l.at("what") && sd.at("metres").is_number()) {
                listed = true;
                CHECK(sd.at("metres").get<double>() == Approx(metres).margin(1e-3));
            }
        }
        CHECK(listed);
        if (l.at("what") == "redline") {
            saw_redline = true;
            // Brute force over every red-line polygon: none is nearer, and the leader ends on one.
            CHECK(brute_force_distance(geos, polygon.get(), layers::VectorRole::Redline) == Approx(metres).margin(0.05));
            const geo::GeomPtr to = geos.from_wkt(fmt::format("POINT({:.4f} {:.4f})", tx, ty));
            CHECK(brute_force_distance(geos, to.get(), layers::VectorRole::Redline) < 0.05);
        }
    }
    CHECK(saw_redline);

    // Inside the core zone the reserve is touched: no leader to it.
    const auto core = post_screen(c, feature(polygon_of(kCoreCoords), "采石").dump());
    REQUIRE(core);
    const json core_answer = json::parse(core->body);
    for (const json& l : core_answer["leaders"][0]) CHECK(l.at("what") != "reserve");
}

TEST_CASE("serve: a screening sent again with ?format= comes back as the CLI's files", "[serve][downloads]") {
    RunningServer server;
    httplib::Client c = server.client();
    const json core = feature(polygon_of(kCoreCoords), "采石", "罗山采石");
    const json plain = feature(polygon_of(kPlainCoords), "采石", "东北采石");

    SECTION("the per-site PDF report names the site, its verdict and its rule") {
        const auto r = post_download(c, core, "format=pdf");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == "application/pdf");
        CHECK_THAT(r->get_header_value("Content-Disposition"), Catch::StartsWith("attachment; filename=\"site-0001-"));
        REQUIRE(r->body.rfind("%PDF-", 0) == 0);
        const std::string text = command_output("pdftotext -enc UTF-8 " + saved("core.pdf", r->body).string() + " -");
        CHECK_THAT(text, Catch::Contains("罗山采石"));
        CHECK_THAT(text, Catch::Contains("禁止"));
        CHECK_THAT(text, Catch::Contains("BH-03"));
        // English on request.
        const auto en = post_download(c, core, "format=pdf&lang=en");
        REQUIRE(en);
        REQUIRE(en->status == 200);
        CHECK_THAT(command_output("pdftotext -enc UTF-8 " + saved("core_en.pdf", en->body).string() + " -"),
                   Catch::Contains("prohibited"));
    }
    SECTION("one site of a batch: its own PDF, named by its place") {
        const json both = {{"type", "FeatureCollection"}, {"features", {plain, core}}};
        const auto r = post_download(c, both, "format=pdf&site=1");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK_THAT(r->get_header_value("Content-Disposition"), Catch::StartsWith("attachment; filename=\"site-0002-"));
        const std::string text = command_output("pdftotext -enc UTF-8 " + saved("second.pdf", r->body).string() + " -");
        CHECK_THAT(text, Catch::Contains("罗山采石"));
        CHECK_THAT(text, !Catch::Contains("东北采石"));
        // A batch's PDF needs a site; a site that is not there, a format or language that is not
        // known: 400 naming the fix.
        CHECK_THAT(error_of(post_download(c, both, "format=pdf"))["error_en"].get<std::string>(), Catch::Contains("site=N"));
        CHECK(post_download(c, both, "format=pdf")->status == 400);
        CHECK(post_download(c, both, "format=json&site=2")->status == 400);
        CHECK(post_download(c, both, "format=json&site=-1")->status == 400);
        CHECK(post_download(c, both, "format=docx")->status == 400);
        CHECK(post_download(c, both, "format=json&lang=fr")->status == 400);
    }
    SECTION("the GeoPackage holds the sites with their verdicts, and the JSON the answer with provenance") {
        const json both = {{"type", "FeatureCollection"}, {"features", {plain, core}}};
        const auto page = post_screen(c, both.dump());
        REQUIRE(page);
        const json answer = json::parse(page->body);

        const auto g = post_download(c, both, "format=gpkg");
        REQUIRE(g);
        REQUIRE(g->status == 200);
        REQUIRE(g->body.rfind("SQLite format 3", 0) == 0);
        const fs::path gpkg = saved("screening.gpkg", g->body);
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        OGRLayer* sites = ds->GetLayerByName("sites");
        REQUIRE(sites);
        CHECK(sites->GetFeatureCount() == 2);
        CHECK(ds->GetLayerByName("layer_styles"));  // styled for QGIS, as the CLI's

        const auto j = post_download(c, both, "format=json");
        REQUIRE(j);
        REQUIRE(j->status == 200);
        const json file = json::parse(j->body);
        REQUIRE(file.at("sites").size() == 2);
        for (size_t i = 0; i < 2; ++i) {
            CHECK(file["sites"][i]["verdict"] == answer["sites"][i]["verdict"]);
            CHECK(file["sites"][i]["deciding_rules"] == answer["sites"][i]["deciding_rules"]);
        }
        CHECK(file["sites"][1]["verdict"] == "prohibited");
        // Every input listed with its checksum, and this file's own run id.
        REQUIRE(file.at("provenance").at("inputs").size() > 5);
        for (const json& in : file["provenance"]["inputs"]) CHECK(in.at("sha256").get<std::string>().size() == 64);
        const auto again = post_download(c, both, "format=json&site=0");
        REQUIRE(again);
        const json one = json::parse(again->body);
        REQUIRE(one.at("sites").size() == 1);
        CHECK_THAT(again->get_header_value("Content-Disposition"), Catch::StartsWith("attachment; filename=\"site-0001-"));
        CHECK_THAT(again->get_header_value("Content-Disposition"), Catch::Contains(".json\""));
        CHECK(one["sites"][0]["name"] == "东北采石");
        CHECK(one["provenance"]["run_id"] != file["provenance"]["run_id"]);
    }
    SECTION("pasted coordinates download alike") {
        const json body = {{"coordinates", kCoreCoords}, {"category", "采石"}, {"name", "粘贴"}};
        const auto r = c.Post("/api/screen/coordinates?format=json", kPostHeaders, body.dump(), "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(json::parse(r->body)["sites"][0]["verdict"] == "prohibited");
    }
}

TEST_CASE("serve: the register downloads as CSV and XLSX with the verification filled in, with its pictures",
          "[serve][verification]") {
    serve::ServerOptions o;
    o.register_gpkg = test::register_copy("serve_register_downloads").string();
    RunningServer server(o);
    httplib::Client c = server.client();
    const json all = get_ok(c, "/api/patches");
    const std::string id = all["features"][0]["id"];
    const size_t patches = all["features"].size();
    const json mine = {{"status", "属实"}, {"opinion", "新建道路，已责令恢复"}, {"date", "2025-10-08"},
                       {"by", "王芳"}, {"revision", 0}};
    const auto saved_r = c.Post(("/api/patches/" + id + "/verification").c_str(), kPostHeaders, mine.dump(),
                                "application/json");
    REQUIRE(saved_r);
    REQUIRE(saved_r->status == 200);

    SECTION("CSV: UTF-8 with BOM, a row per patch, the officer's words") {
        const auto r = c.Get("/api/patches.csv");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK_THAT(r->get_header_value("Content-Type"), Catch::StartsWith("text/csv"));
        REQUIRE(r->body.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK_THAT(r->body, Catch::Contains("核查意见"));
        CHECK_THAT(r->body, Catch::Contains("核查人"));
        CHECK_THAT(r->body, Catch::Contains(id + ","));
        CHECK_THAT(r->body, Catch::Contains("新建道路，已责令恢复"));
        CHECK_THAT(r->body, Catch::Contains("王芳"));
        size_t lines = 0;
        for (char ch : r->body) lines += ch == '\n';
        CHECK(lines == patches + 1);
        const auto en = c.Get("/api/patches.csv?lang=en");
        REQUIRE(en);
        CHECK_THAT(en->body, Catch::Contains("verification opinion"));
    }
    SECTION("XLSX: read back by GDAL, ids as text") {
        const auto r = c.Get("/api/patches.xlsx");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        REQUIRE(r->body.rfind("PK", 0) == 0);
        const fs::path xlsx = saved("patches.xlsx", r->body);
        GDALDatasetUniquePtr ds(GDALDataset::Open(xlsx.c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        OGRLayer* sheet = ds->GetLayer(0);
        REQUIRE(sheet);
        CHECK(sheet->GetFeatureCount() == static_cast<GIntBig>(patches));
        bool found = false;
        for (auto& f : *sheet) {
            if (std::string(f->GetFieldAsString(0)) != id) continue;
            found = true;
            CHECK(f->GetFieldDefnRef(0)->GetType() == OFTString);
            const int opinion = f->GetDefnRef()->GetFieldIndex("核查意见");
            REQUIRE(opinion >= 0);
            CHECK(std::string(f->GetFieldAsString(opinion)) == "新建道路，已责令恢复");
        }
        CHECK(found);
    }
    SECTION("pictures: PNGs as the audit drew them; none for a patch that is not there") {
        // Their dates are the audit's two images' (sample project: [rasters] dates).
        CHECK(all["features"][0]["properties"]["qsx_rq"] == "2020-09-01");
        CHECK(all["features"][0]["properties"]["hsx_rq"] == "2025-09-01");
        for (const char* which : {"before", "after"}) {
            const auto r = c.Get(("/api/patches/" + id + "/" + which + ".png").c_str());
            REQUIRE(r);
            REQUIRE(r->status == 200);
            CHECK(r->get_header_value("Content-Type") == "image/png");
            const fs::path png = saved(std::string(which) + ".png", r->body);
            GDALDatasetUniquePtr img(GDALDataset::Open(png.c_str(), GDAL_OF_RASTER));
            REQUIRE(img);
            CHECK(img->GetRasterXSize() > 0);
            CHECK(img->GetRasterXSize() % report::kThumbnailScale == 0);  // whole raster pixels
        }
        CHECK(c.Get("/api/patches/no-such-patch/before.png")->status == 404);
        CHECK(c.Get("/api/patches/..%2Fx/before.png")->status == 404);
    }
}

TEST_CASE("serve: a register made from an external patch layer has no pictures, and says so", "[serve][verification]") {
    const fs::path dir = scratch("external_audit");
    fs::remove_all(dir);
    const std::string mini = std::string(ECOZONE_SOURCE_DIR) + "/tests/data/mini";
    const std::string project = mini + "/mini_audit.toml";
    const std::string patches = mini + "/external_patches.geojson";
    const std::string out = dir.string();
    const char* argv[] = {"ecozone", "audit", project.c_str(), "--patches", patches.c_str(), "--out", out.c_str()};
    std::ostringstream o, e;
    REQUIRE(cli::run_cli(7, argv, {o, e}) == cli::kExitOk);
    serve::ServerOptions options;
    options.register_gpkg = (dir / "patches.gpkg").string();
    RunningServer server(options);
    httplib::Client c = server.client();
    const json all = get_ok(c, "/api/patches");
    REQUIRE(!all["features"].empty());
    const auto r = c.Get(("/api/patches/" + all["features"][0]["id"].get<std::string>() + "/after.png").c_str());
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK_THAT(error_of(r)["error_en"].get<std::string>(), Catch::Contains("external patch layer"));
}
