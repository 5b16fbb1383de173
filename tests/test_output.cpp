// Output infrastructure: all-or-nothing output sets, checksums, Excel-friendly CSV and
// GeoPackage writing, each checked against an independent reader (the filesystem, the
// sha256sum program, GDAL reopening the file, GEOS areas).
#include "geo/errors.h"
#include "geo/geos_handle.h"
#include "layers/checksum.h"
#include "layers/csv_writer.h"
#include "layers/gdal_handle.h"
#include "layers/output_set.h"
#include "layers/vector_writer.h"

#include <unistd.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <sstream>

using namespace ecozone;
using namespace ecozone::layers;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test case (pid: other engineers run the suite concurrently).
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() /
               ("ecozone_test_output_" + name + "_" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

struct PipeCloser {
    void operator()(std::FILE* f) const noexcept { ::pclose(f); }
};

// The first word `sha256sum` prints for a file: coreutils, an implementation independent of ours.
std::string sha256sum_program(const fs::path& path) {
    REQUIRE(path.string().find('\'') == std::string::npos);
    std::unique_ptr<std::FILE, PipeCloser> pipe(::popen(("sha256sum '" + path.string() + "'").c_str(), "r"));
    REQUIRE(pipe);
    char buf[128] = {};
    REQUIRE(std::fgets(buf, sizeof buf, pipe.get()) != nullptr);
    return std::string(buf).substr(0, 64);
}

}  // namespace

// ---------------------------------------------------------------- OutputSet

TEST_CASE("OutputSet: commit renames the temporary files and leaves none", "[output]") {
    TempDir tmp("commit");
    spit(tmp.path / "table.csv", "old contents");           // an older output is replaced
    OutputSet out((tmp.path / "run" / "nested").string());  // parents created, the folder itself at commit
    const fs::path dir = tmp.path / "run" / "nested";
    REQUIRE(fs::is_directory(dir.parent_path()));
    REQUIRE_FALSE(fs::exists(dir));

    out.write_text("table.csv", std::string("a,b\r\n\0x", 7));
    const fs::path gpkg_temp = out.temp_path("zones.gpkg");
    // Written under its final name in a hidden sibling folder, swapped in whole at commit.
    CHECK(gpkg_temp.parent_path().parent_path() == dir.parent_path());
    CHECK(gpkg_temp.parent_path().filename().string().rfind(".nested.ecozone-partial-", 0) == 0);
    CHECK(gpkg_temp.filename() == "zones.gpkg");
    CHECK_THROWS_AS(out.temp_path("zones.gpkg"), std::logic_error);
    CHECK_THROWS_AS(out.temp_path("../escape.csv"), std::invalid_argument);
    spit(gpkg_temp, "gpkg bytes");
    CHECK_FALSE(fs::exists(dir / "zones.gpkg"));  // nothing final before commit

    const std::vector<std::string> done = out.commit();
    CHECK(done == std::vector<std::string>{(dir / "table.csv").string(), (dir / "zones.gpkg").string()});
    CHECK(listing(dir) == std::vector<std::string>{"outputs.manifest.json", "table.csv", "zones.gpkg"});
    CHECK(slurp(dir / "table.csv") == std::string("a,b\r\n\0x", 7));
    CHECK(slurp(dir / "zones.gpkg") == "gpkg bytes");
    CHECK_THROWS_AS(out.commit(), std::logic_error);

    // Commit over an older set in the same directory: the set is replaced as a whole (the old
    // zones.gpkg goes with it), a file that is not the set's stays.
    spit(dir / "my_notes.txt", "a planner's own file");
    {
        OutputSet again(dir.string());
        again.write_text("table.csv", "new");
        again.commit("run2");
    }
    CHECK(slurp(dir / "table.csv") == "new");
    CHECK(slurp(dir / "my_notes.txt") == "a planner's own file");
    CHECK(listing(dir) == std::vector<std::string>{"my_notes.txt", "outputs.manifest.json", "table.csv"});
    CHECK(slurp(dir / "outputs.manifest.json").find("\"run_id\": \"run2\"") != std::string::npos);
    // Nothing is left beside the folder: no partial folder, no lock.
    CHECK(listing(dir.parent_path()) == std::vector<std::string>{"nested"});
}

TEST_CASE("OutputSet: several files written at once, each byte-exact and redacted", "[output]") {
    TempDir tmp("texts");
    const fs::path dir = tmp.path / "set";
    std::vector<std::string> texts;
    for (int i = 0; i < 7; ++i) texts.push_back(std::string(100000 + i, static_cast<char>('a' + i)) + "\n");
    texts[3] += "PG:host=db user=gis password=s3cret dbname=county\n";
    {
        OutputSet out(dir.string());
        std::vector<OutputSet::TextFile> files;
        for (size_t i = 0; i < texts.size(); ++i) files.push_back({"page-" + std::to_string(i) + ".html", &texts[i]});
        out.write_texts(files, 3);
        CHECK_THROWS_AS(out.temp_path("page-2.html"), std::logic_error);  // recorded like write_text's
        out.commit();
    }
    for (size_t i = 0; i < texts.size(); ++i) {
        const std::string got = slurp(dir / ("page-" + std::to_string(i) + ".html"));
        if (i == 3) {
            CHECK(got.find("s3cret") == std::string::npos);
            CHECK(got.find(std::string(100003, 'd')) == 0);
        } else {
            CHECK(got == texts[i]);
        }
    }
    // A file that cannot be written fails the batch with an IoError naming it; nothing is committed.
    {
        OutputSet out((tmp.path / "bad").string());
        const std::string a = "a";
        const fs::path blocker = out.temp_path("blocker");
        fs::create_directories(blocker.parent_path() / "dir.html");  // a directory where the file should go
        CHECK_THROWS_WITH(out.write_texts({{"ok.html", &a}, {"dir.html", &a}}, 2), Catch::Contains("dir.html"));
    }
    CHECK_FALSE(fs::exists(tmp.path / "bad"));
}

TEST_CASE("OutputSet: a second run into the same folder fails at once and mixes nothing", "[output]") {
    TempDir tmp("lock");
    const fs::path dir = tmp.path / "out";
    OutputSet first(dir.string(), "indicators");
    CHECK_THROWS_WITH(OutputSet(dir.string(), "indicators"),
                      Catch::Contains("another ecozone run") && Catch::Contains("choose another --out"));
    first.write_text("a.json", "first");
    first.commit("r1");
    // Once the first is done, the folder is free.
    OutputSet second(dir.string(), "indicators");
    second.write_text("a.json", "second");
    second.commit("r2");
    CHECK(slurp(dir / "a.json") == "second");
}

TEST_CASE("OutputSet: two kinds of report share a folder; a refused run creates no folder", "[output]") {
    TempDir tmp("share");
    const fs::path dir = tmp.path / "out";
    {
        OutputSet a(dir.string(), "indicators");
        a.write_text("indicators.json", "i");
        a.commit("ri");
    }
    {
        OutputSet b(dir.string(), "screening");
        b.write_text("screening.json", "s");
        b.commit("rs");
    }
    CHECK(listing(dir) == std::vector<std::string>{"indicators.json", "indicators.manifest.json", "screening.json",
                                                   "screening.manifest.json"});
    // A run that never commits leaves no folder, not even the parents it made.
    const fs::path never = tmp.path / "a" / "b" / "c";
    {
        OutputSet refused(never.string(), "indicators");
        refused.write_text("x.json", "x");
    }
    CHECK_FALSE(fs::exists(tmp.path / "a"));
}

TEST_CASE("OutputSet: what a killed run left beside the folder is removed by the next run", "[output]") {
    TempDir tmp("stale");
    const fs::path dir = tmp.path / "out";
    fs::create_directories(tmp.path / ".out.ecozone-partial-99999");
    spit(tmp.path / ".out.ecozone-partial-99999" / "big.gpkg", std::string(1000, 'x'));
    fs::create_directories(dir);
    spit(dir / ".table.partial-4242.csv", "an older version's temporary file");
    {
        OutputSet out(dir.string());
        out.write_text("table.csv", "t");
        out.commit("r");
    }
    CHECK(listing(tmp.path) == std::vector<std::string>{"out"});
    CHECK(listing(dir) == std::vector<std::string>{"outputs.manifest.json", "table.csv"});
}

TEST_CASE("OutputSet: a run that fails before commit leaves the old outputs and no partial files",
          "[output]") {
    TempDir tmp("abort");
    spit(tmp.path / "report.csv", "old report");
    spit(tmp.path / "notes.txt", "not ours");

    auto failing_run = [&] {
        OutputSet out(tmp.path.string());
        out.write_text("report.csv", "new report, half of it");
        const std::string gpkg = out.temp_path("zones.gpkg");
        spit(gpkg, "partial");
        spit(gpkg + "-journal", "sqlite journal");  // as if GDAL died mid-transaction
        out.temp_path("never_written.csv");
        throw std::runtime_error("simulated failure mid-way");
    };
    CHECK_THROWS_WITH(failing_run(), "simulated failure mid-way");
    CHECK(listing(tmp.path) == std::vector<std::string>{"notes.txt", "report.csv"});
    CHECK(slurp(tmp.path / "report.csv") == "old report");
}

TEST_CASE("OutputSet: commit refuses a missing or still-open file and renames nothing", "[output]") {
    TempDir tmp("missing");
    spit(tmp.path / "a.csv", "old a");
    {
        OutputSet out(tmp.path.string());
        out.write_text("a.csv", "new a");
        out.temp_path("b.gpkg");  // never written
        CHECK_THROWS_AS(out.commit(), IoError);
        CHECK_THROWS_WITH(out.commit(), Catch::Contains("b.gpkg") && Catch::Contains("not written"));
    }
    {
        OutputSet out(tmp.path.string());
        const std::string t = out.temp_path("c.gpkg");
        spit(t, "db");
        spit(t + "-wal", "wal");
        CHECK_THROWS_WITH(out.commit(), Catch::Contains("c.gpkg") && Catch::Contains("still open"));
    }
    CHECK(listing(tmp.path) == std::vector<std::string>{"a.csv"});
    CHECK(slurp(tmp.path / "a.csv") == "old a");
}

TEST_CASE("OutputSet: an output directory that is a file is an IoError naming it", "[output]") {
    TempDir tmp("baddir");
    const fs::path file = tmp.path / "i_am_a_file";
    spit(file, "x");
    CHECK_THROWS_AS(OutputSet(file.string()), IoError);
    CHECK_THROWS_WITH(OutputSet(file.string()),
                      Catch::Contains(file.string()) && Catch::Contains("not a directory"));
    const fs::path below = file / "sub";
    CHECK_THROWS_WITH(OutputSet(below.string()), Catch::Contains(below.string()));
    CHECK(slurp(file) == "x");
}

// ---------------------------------------------------------------- checksums

TEST_CASE("sha256 of known strings (FIPS 180-2 examples)", "[output]") {
    CHECK(sha256_text("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_text("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 of a file over several 1 MiB chunks agrees with sha256sum", "[output]") {
    TempDir tmp("sha");
    std::mt19937 rng(20240601);
    std::string bytes((5u << 19) + 17, '\0');  // 2.5 MiB + 17: a partial last chunk
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
    const fs::path file = tmp.path / "data 中文.bin";
    spit(file, bytes);
    const std::string ours = sha256_file(file.string());
    CHECK(ours == sha256sum_program(file));
    CHECK(ours == sha256_text(bytes));

    const fs::path empty = tmp.path / "empty.bin";
    spit(empty, "");
    CHECK(sha256_file(empty.string()) == sha256sum_program(empty));

    const fs::path missing = tmp.path / "missing.shp";
    CHECK_THROWS_AS(sha256_file(missing.string()), IoError);
    CHECK_THROWS_WITH(sha256_file(missing.string()), Catch::Contains(missing.string()));
    CHECK_THROWS_WITH(sha256_file(tmp.path.string()), Catch::Contains("directory"));
}

TEST_CASE("dataset_files lists a shapefile's parts in any extension case", "[output]") {
    TempDir tmp("parts");
    for (const char* name :
         {"x.shp", "x.SHX", "x.dbf", "x.Prj", "x.cpg", "x.qix", "x.shp.xml", "xy.dbf", "y.shp"}) {
        spit(tmp.path / name, "");
    }
    const std::string shp = (tmp.path / "x.shp").string();
    const std::string d = tmp.path.string() + "/";
    CHECK(dataset_files(shp) ==
          std::vector<std::string>{shp, d + "x.SHX", d + "x.dbf", d + "x.Prj", d + "x.cpg"});
    CHECK(dataset_files(d + "y.shp") == std::vector<std::string>{d + "y.shp"});
    CHECK(dataset_files(d + "a.gpkg") == std::vector<std::string>{d + "a.gpkg"});
    CHECK(dataset_files("PG:dbname=eco host=localhost").empty());
    CHECK(dataset_files("pg:dbname=eco").empty());
}

// ---------------------------------------------------------------- CSV

TEST_CASE("CSV: BOM, CRLF, RFC 4180 quoting, Chinese byte-exact", "[output]") {
    CsvWriter csv;
    csv.header({"名称", "面积（公顷）"});
    csv.row({"乔木林地, 其他", csv_number(12.5, 2)});
    csv.row({"say \"hi\"", "line1\nline2"});
    csv.row({"", "a\rb"});
    const std::string expected =
        "\xEF\xBB\xBF"
        "\xE5\x90\x8D\xE7\xA7\xB0,"
        "\xE9\x9D\xA2\xE7\xA7\xAF\xEF\xBC\x88\xE5\x85\xAC\xE9\xA1\xB7\xEF\xBC\x89\r\n"
        "\"\xE4\xB9\x94\xE6\x9C\xA8\xE6\x9E\x97\xE5\x9C\xB0, \xE5\x85\xB6\xE4\xBB\x96\",12.50\r\n"
        "\"say \"\"hi\"\"\",\"line1\nline2\"\r\n"
        ",\"a\rb\"\r\n";
    CHECK(csv.str() == expected);
    CHECK(csv.str().compare(0, 3, "\xEF\xBB\xBF") == 0);
    CHECK_THROWS_AS(csv.row({"one field"}), std::logic_error);
    CHECK_THROWS_AS(csv.header({"late"}), std::logic_error);
    CHECK(CsvWriter().str() == "\xEF\xBB\xBF");
}

TEST_CASE("CSV numbers: fixed decimals, no separators, empty for NaN", "[output]") {
    CHECK(csv_number(1234567.891, 2) == "1234567.89");
    CHECK(csv_number(1e7, 0) == "10000000");
    CHECK(csv_number(0.5, 3) == "0.500");
    CHECK(csv_number(-1.26, 1) == "-1.3");
    CHECK(csv_number(-0.001, 2) == "0.00");
    CHECK(csv_number(std::numeric_limits<double>::quiet_NaN(), 2).empty());
    CHECK(csv_number(std::numeric_limits<double>::infinity(), 2).empty());
    CHECK_THROWS_AS(csv_number(1.0, -1), std::invalid_argument);
}

// ---------------------------------------------------------------- VectorWriter

namespace {

// A reopened layer's features as GEOS geometries + OGR features, in fid order.
struct Reread {
    std::vector<OGRFeatureUniquePtr> features;
};

Reread reread(OGRLayer& layer) {
    Reread r;
    layer.ResetReading();
    while (OGRFeatureUniquePtr f{layer.GetNextFeature()}) r.features.push_back(std::move(f));
    return r;
}

// Field aliases as stored in the file: GDAL 3.6 does not read gpkg_data_columns.name back as
// the alternative name (3.7 does), so read the table the way QGIS does.
std::map<std::string, std::string> stored_aliases(GDALDataset& ds, const std::string& table) {
    auto release = [&ds](OGRLayer* l) { ds.ReleaseResultSet(l); };
    std::unique_ptr<OGRLayer, decltype(release)> rows(
        ds.ExecuteSQL(
            ("SELECT column_name, name FROM gpkg_data_columns WHERE table_name = '" + table + "'").c_str(),
            nullptr, nullptr),
        release);
    std::map<std::string, std::string> out;
    if (!rows) return out;
    while (OGRFeatureUniquePtr f{rows->GetNextFeature()})
        out[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
    return out;
}

bool gdal_reads_aliases() { return std::atoi(GDALVersionInfo("VERSION_NUM")) >= 3070000; }

double ogr_area(const geo::GeosContext& geos, const OGRGeometry& g) {
    std::vector<unsigned char> wkb(g.WkbSize());
    g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return geos.planar_area(geos.from_wkb(wkb.data(), wkb.size()).get());
}

// Two layers in EPSG:4544 (CGCS2000 3-degree GK, CM 105E) near Yinchuan.
void write_sample(const std::string& path, const geo::GeosContext& geos,
                  const std::vector<geo::GeomPtr>& geoms) {
    VectorWriter w(path, "GPKG", 4544);
    const std::vector<OutputField> zone_fields{{"name", FieldType::String, "名称"},
                                               {"area_ha", FieldType::Real, "面积（公顷）"},
                                               {"code", FieldType::Integer, ""}};
    w.add_layer("zones", wkbMultiPolygon, zone_fields,
                {{geoms[0].get(), {std::string("湿地保护区 中文"), 0.96, std::int64_t{1}}},
                 {geoms[1].get(), {std::monostate{}, 2.5, std::int64_t{5000000000}}}},
                geos);
    w.add_layer("sites", wkbPoint,
                {{"label", FieldType::String, "标注"}, {"count", FieldType::Integer, "数量"}},
                {{geoms[2].get(), {std::string("合计"), std::int64_t{42}}},
                 {nullptr, {std::monostate{}, std::monostate{}}}},
                geos);
    w.close();
}

std::vector<geo::GeomPtr> sample_geoms(const geo::GeosContext& geos) {
    std::vector<geo::GeomPtr> g;
    g.push_back(
        geos.from_wkt("POLYGON((500000 4000000,500100 4000000,500100 4000100,500000 4000100,500000 4000000),"
                      "(500020 4000020,500040 4000020,500040 4000040,500020 4000040,500020 4000020))"));
    g.push_back(
        geos.from_wkt("MULTIPOLYGON(((501000 4000000,501100 4000000,501100 4000100,501000 4000000)),"
                      "((502000 4000000,502150 4000000,502150 4000100,502000 4000100,502000 4000000)))"));
    g.push_back(geos.from_wkt("POINT(500050 4000050)"));
    return g;
}

}  // namespace

TEST_CASE("VectorWriter: GPKG with two layers reopens with values, CRS, areas and aliases", "[output]") {
    TempDir tmp("gpkg");
    geo::GeosContext geos;
    const auto geoms = sample_geoms(geos);
    const std::string path = (tmp.path / "result.gpkg").string();
    spit(path, "an older file that is not even a GeoPackage");  // overwritten
    write_sample(path, geos, geoms);

    auto ds = open_vector(path);
    REQUIRE(ds->GetLayerCount() == 2);

    OGRLayer* zones = ds->GetLayerByName("zones");
    REQUIRE(zones);
    CHECK(zones->GetFeatureCount() == 2);
    CHECK(wkbFlatten(zones->GetGeomType()) == wkbMultiPolygon);
    REQUIRE(zones->GetSpatialRef());
    CHECK(std::string(zones->GetSpatialRef()->GetAuthorityCode(nullptr)) == "4544");
    OGRFeatureDefn* defn = zones->GetLayerDefn();
    REQUIRE(defn->GetFieldCount() == 3);
    CHECK(stored_aliases(*ds, "zones") ==
          std::map<std::string, std::string>{{"name", "名称"}, {"area_ha", "面积（公顷）"}});
    CHECK(stored_aliases(*ds, "sites") ==
          std::map<std::string, std::string>{{"label", "标注"}, {"count", "数量"}});
    if (gdal_reads_aliases()) {
        CHECK(std::string(defn->GetFieldDefn(0)->GetAlternativeNameRef()) == "名称");
        CHECK(std::string(defn->GetFieldDefn(1)->GetAlternativeNameRef()) == "面积（公顷）");
        CHECK(std::string(defn->GetFieldDefn(2)->GetAlternativeNameRef()).empty());
    }
    CHECK(defn->GetFieldDefn(2)->GetType() == OFTInteger64);

    const Reread z = reread(*zones);
    REQUIRE(z.features.size() == 2);
    CHECK(std::string(z.features[0]->GetFieldAsString(0)) == "湿地保护区 中文");
    CHECK(z.features[0]->GetFieldAsDouble(1) == 0.96);
    CHECK(z.features[0]->GetFieldAsInteger64(2) == 1);
    CHECK(z.features[1]->IsFieldNull(0));
    CHECK(z.features[1]->GetFieldAsInteger64(2) == 5000000000);
    for (size_t i = 0; i < 2; ++i) {
        const OGRGeometry* g = z.features[i]->GetGeometryRef();
        REQUIRE(g);
        CHECK(wkbFlatten(g->getGeometryType()) == wkbMultiPolygon);  // the polygon was promoted
        CHECK(ogr_area(geos, *g) == Approx(geos.planar_area(geoms[i].get())).epsilon(1e-12));
    }
    CHECK(geos.planar_area(geoms[0].get()) == Approx(10000.0 - 400.0));  // the hole survived

    OGRLayer* sites = ds->GetLayerByName("sites");
    REQUIRE(sites);
    if (gdal_reads_aliases())
        CHECK(std::string(sites->GetLayerDefn()->GetFieldDefn(1)->GetAlternativeNameRef()) == "数量");
    const Reread s = reread(*sites);
    REQUIRE(s.features.size() == 2);
    CHECK(std::string(s.features[0]->GetFieldAsString(0)) == "合计");
    CHECK(s.features[0]->GetFieldAsInteger64(1) == 42);
    CHECK(s.features[1]->GetGeometryRef() == nullptr);
    CHECK(s.features[1]->IsFieldNull(0));
    CHECK(s.features[1]->IsFieldNull(1));
}

TEST_CASE("VectorWriter: a GPKG written to an OutputSet temp path opens after commit", "[output]") {
    TempDir tmp("gpkg_set");
    geo::GeosContext geos;
    const auto geoms = sample_geoms(geos);
    std::vector<std::string> done;
    {
        OutputSet out(tmp.path.string());
        write_sample(out.temp_path("indicators.gpkg"), geos, geoms);
        out.write_text("indicators.csv", "x\r\n");
        done = out.commit();
    }
    CHECK(listing(tmp.path) == std::vector<std::string>{"indicators.csv", "indicators.gpkg", "outputs.manifest.json"});
    auto ds = open_vector(done.at(0));
    CHECK(std::string(ds->GetDriver()->GetDescription()) == "GPKG");
    REQUIRE(ds->GetLayerByName("zones"));
    CHECK(ds->GetLayerByName("zones")->GetFeatureCount() == 2);
}

TEST_CASE("VectorWriter: a shapefile through an OutputSet moves with its parts, UTF-8 kept", "[output]") {
    TempDir tmp("shp_set");
    geo::GeosContext geos;
    const auto geoms = sample_geoms(geos);
    {
        OutputSet out(tmp.path.string());
        VectorWriter w(out.temp_path("zones.shp"), "ESRI Shapefile", 4544);
        w.add_layer("zones", wkbMultiPolygon, {{"name", FieldType::String, "名称"}},
                    {{geoms[0].get(), {std::string("湿地")}}}, geos);
        w.close();
        out.commit();
    }
    CHECK(listing(tmp.path) == std::vector<std::string>{"outputs.manifest.json", "zones.cpg", "zones.dbf", "zones.prj",
                                                        "zones.shp", "zones.shx"});
    CHECK(dataset_files((tmp.path / "zones.shp").string()).size() == 5);
    auto ds = open_vector((tmp.path / "zones.shp").string());
    OGRFeatureUniquePtr f(ds->GetLayer(0)->GetNextFeature());
    REQUIRE(f);
    CHECK(std::string(f->GetFieldAsString(0)) == "湿地");

    // A value the format cannot hold is an error, not a silent truncation (dBase: 80 bytes here).
    VectorWriter w((tmp.path / "long.shp").string(), "ESRI Shapefile", 4544);
    CHECK_THROWS_WITH(w.add_layer("long", wkbMultiPolygon, {{"name", FieldType::String, ""}},
                                  {{geoms[0].get(), {std::string(300, 'x')}}}, geos),
                      Catch::Contains("long.shp") && Catch::Contains("feature 0") && Catch::Contains("loss"));
}

TEST_CASE("VectorWriter: mismatched input and unwritable paths are reported", "[output]") {
    TempDir tmp("gpkg_bad");
    geo::GeosContext geos;
    const auto line = geos.from_wkt("LINESTRING(500000 4000000,500100 4000100)");
    const std::string path = (tmp.path / "bad.gpkg").string();
    {
        VectorWriter w(path, "GPKG", 4544);
        const std::vector<OutputField> fields{{"code", FieldType::Integer, ""}};
        CHECK_THROWS_AS(w.add_layer("a", wkbMultiPolygon, fields, {{line.get(), {std::int64_t{1}}}}, geos),
                        std::invalid_argument);
        CHECK_THROWS_WITH(w.add_layer("b", wkbMultiLineString, fields, {{line.get(), {}}}, geos),
                          Catch::Contains("layer 'b'") && Catch::Contains("0 values for 1 fields"));
        CHECK_THROWS_WITH(w.add_layer("c", wkbMultiLineString, fields, {{line.get(), {2.5}}}, geos),
                          Catch::Contains("real value"));
        CHECK_THROWS_WITH(
            w.add_layer("e", wkbMultiLineString,
                        {{"a", FieldType::String, "同"}, {"b", FieldType::String, "同"}}, {}, geos),
            Catch::Contains("same alias"));
        w.add_layer("d", wkbMultiLineString, fields, {{line.get(), {std::int64_t{7}}}}, geos);
        // A second layer of the same name: GDAL's refusal, quoted with file and layer.
        CHECK_THROWS_WITH(w.add_layer("d", wkbMultiLineString, fields, {}, geos),
                          Catch::Contains(path) && Catch::Contains("layer 'd'"));
        w.close();
    }
    auto ds = open_vector(path);
    CHECK(ds->GetLayerCount() == 1);  // the refused layers were never created
    REQUIRE(ds->GetLayerByName("d"));
    CHECK(ds->GetLayerByName("d")->GetFeatureCount() == 1);

    const std::string nowhere = (tmp.path / "no_such_dir" / "x.gpkg").string();
    CHECK_THROWS_AS(VectorWriter(nowhere, "GPKG", 4544), IoError);
    CHECK_THROWS_WITH(VectorWriter(nowhere, "GPKG", 4544), Catch::Contains(nowhere));
    CHECK_THROWS_WITH(VectorWriter(path, "NoSuchDriver", 4544), Catch::Contains("NoSuchDriver"));
}
