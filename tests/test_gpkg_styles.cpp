// QGIS styles stored in the GeoPackages (report/common/gpkg_styles.h, report/common/qml.h and
// the three style sets): the layer_styles table as QGIS makes it, one default style per layer,
// gpkg_contents descriptions, hostile text that stays text, and QML that parses as XML.  That
// QGIS itself picks the styles up is checked by tests/qgis/check_styles.py (CTest qgis.styles).
#include "geo/errors.h"
#include "geo/geos_handle.h"
#include "layers/gdal_handle.h"
#include "layers/vector_writer.h"
#include "report/audit/audit_gpkg_styles.h"
#include "report/audit/register_labels.h"
#include "report/common/gpkg_styles.h"
#include "report/common/qml.h"
#include "report/indicators/indicators_gpkg_styles.h"
#include "report/screening/screening_gpkg_styles.h"

#include <cpl_minixml.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

using namespace ecozone;
namespace fs = std::filesystem;
using report::LayerStyle;

namespace {

// A scratch directory removed at scope exit.
struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> counter{0};
        path = fs::temp_directory_path() /
               ("ecozone_styles_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

// A GeoPackage as the commands write it (VectorWriter: aliases in gpkg_data_columns and all):
// "sites" with one square, "overlaps" empty.
std::string tiny_gpkg(const TempDir& dir) {
    const std::string path = (dir.path / "screening.gpkg").string();
    geo::GeosContext geos;
    const geo::GeomPtr square = geos.from_wkt(
        "POLYGON((500000 4100000,500100 4100000,500100 4100100,"
        "500000 4100100,500000 4100000))");
    using layers::FieldType;
    const std::vector<layers::OutputField> fields = {{"site_id", FieldType::String, "编号"},
                                                     {"name", FieldType::String, "项目名称"},
                                                     {"verdict", FieldType::String, "结论代码"}};
    layers::VectorWriter w(path, "GPKG", 4544);
    w.add_layer("sites", wkbMultiPolygon, fields,
                {{square.get(), {std::string("S1"), std::string("光伏"), std::string("prohibited")}}}, geos);
    w.add_layer("overlaps", wkbMultiPolygon, fields, {}, geos);
    w.close();
    return path;
}

struct StyleRow {
    std::int64_t id = 0;
    std::string catalog, schema, table, geometry_column, name, qml, sld, description, owner, update_time;
    int use_as_default = 0;
    bool schema_null = true;
};

GDALDatasetUniquePtr open_read(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

std::vector<StyleRow> style_rows(const std::string& path) {
    auto ds = open_read(path);
    OGRLayer* l = ds->GetLayerByName("layer_styles");
    REQUIRE(l);
    std::vector<StyleRow> rows;
    for (auto& f : *l) {
        StyleRow r;
        r.id = f->GetFID();
        r.catalog = f->GetFieldAsString("f_table_catalog");
        r.schema = f->GetFieldAsString("f_table_schema");
        r.schema_null = f->IsFieldNull(f->GetFieldIndex("f_table_schema"));
        r.table = f->GetFieldAsString("f_table_name");
        r.geometry_column = f->GetFieldAsString("f_geometry_column");
        r.name = f->GetFieldAsString("styleName");
        r.qml = f->GetFieldAsString("styleQML");
        r.sld = f->GetFieldAsString("styleSLD");
        r.use_as_default = f->GetFieldAsInteger("useAsDefault");
        r.description = f->GetFieldAsString("description");
        r.owner = f->GetFieldAsString("owner");
        r.update_time = f->GetFieldAsString("update_time");
        rows.push_back(r);
    }
    return rows;
}

// gpkg_contents read with SQL (the table GDAL keeps for us): table name -> {data_type, description}.
std::map<std::string, std::pair<std::string, std::string>> contents(const std::string& path) {
    auto ds = open_read(path);
    auto release = [&ds](OGRLayer* l) { ds->ReleaseResultSet(l); };
    std::unique_ptr<OGRLayer, decltype(release)> result(
        ds->ExecuteSQL("SELECT table_name, data_type, description FROM gpkg_contents", nullptr, nullptr), release);
    REQUIRE(result);
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (auto& f : *result) out[f->GetFieldAsString(0)] = {f->GetFieldAsString(1), f->GetFieldAsString(2)};
    return out;
}

// The QML parsed by GDAL's XML reader (entities decoded); null when it is not XML.
using XmlPtr = std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)>;
XmlPtr parse(const std::string& xml) {
    layers::GdalErrorCapture quiet;
    return XmlPtr(CPLParseXMLString(xml.c_str()), &CPLDestroyXMLNode);
}

// Every value of attribute `attr` on elements named `element`, depth first.
void collect(const CPLXMLNode* n, const std::string& element, const std::string& attr, std::vector<std::string>& out) {
    for (; n; n = n->psNext) {
        if (n->eType == CXT_Element && element == n->pszValue) {
            if (const char* v = CPLGetXMLValue(n, attr.c_str(), nullptr)) out.push_back(v);
        }
        collect(n->psChild, element, attr, out);
    }
}
std::vector<std::string> attributes(const std::string& xml, const std::string& element, const std::string& attr) {
    XmlPtr doc = parse(xml);
    REQUIRE(doc);
    std::vector<std::string> out;
    collect(doc.get(), element, attr, out);
    return out;
}

const std::string kHostile = "O'Brien \"禁止\" <b>&amp; 区</b> & '筛查'";

}  // namespace

TEST_CASE("layer_styles is QGIS's table, with one default style per styled layer", "[gpkg-styles]") {
    TempDir dir;
    const std::string path = tiny_gpkg(dir);
    // Styles only for layers the file lacks: nothing written, not even an empty style table.
    report::write_layer_styles(path, {{"nope", "", report::qml::single_fill({}), ""}});
    CHECK_FALSE(open_read(path)->GetLayerByName("layer_styles"));
    // screening's styles name buffer_belts too, which this file lacks: skipped, not an error.
    report::write_layer_styles(path, report::screening_gpkg_styles(report::Lang{}));

    {
        auto ds = open_read(path);
        OGRLayer* l = ds->GetLayerByName("layer_styles");
        REQUIRE(l);
        CHECK(l->GetGeomType() == wkbNone);
        CHECK(std::string(l->GetFIDColumn()) == "id");
        const OGRFeatureDefn* d = l->GetLayerDefn();
        const std::vector<std::string> columns = {
            "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
            "styleName",       "styleQML",       "styleSLD",     "useAsDefault",
            "description",     "owner",          "ui",           "update_time"};
        REQUIRE(d->GetFieldCount() == static_cast<int>(columns.size()));
        for (size_t i = 0; i < columns.size(); ++i)
            CHECK(d->GetFieldDefn(static_cast<int>(i))->GetNameRef() == columns[i]);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("styleName"))->GetWidth() == 30);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("f_table_name"))->GetWidth() == 256);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("useAsDefault"))->GetSubType() == OFSTBoolean);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("update_time"))->GetType() == OFTDateTime);
    }

    const auto rows = style_rows(path);
    REQUIRE(rows.size() == 2);
    std::map<std::string, StyleRow> by_table;
    for (const auto& r : rows) by_table[r.table] = r;
    REQUIRE(by_table.count("sites"));
    REQUIRE(by_table.count("overlaps"));
    const StyleRow& sites = by_table["sites"];
    // QGIS finds a layer's styles with f_table_schema='' AND f_table_name=… AND f_geometry_column=…
    CHECK_FALSE(sites.schema_null);
    CHECK(sites.schema.empty());
    CHECK(sites.catalog.empty());
    CHECK(sites.geometry_column == "geom");
    CHECK(sites.use_as_default == 1);
    CHECK(sites.name == "筛查结论");
    CHECK(sites.owner.empty());
    CHECK_FALSE(sites.update_time.empty());  // the column's default, as QGIS sorts by it
    CHECK(sites.qml.find("<renderer-v2 type=\"categorizedSymbol\" attr=\"verdict\"") != std::string::npos);

    const auto c = contents(path);
    REQUIRE(c.count("layer_styles"));
    CHECK(c.at("layer_styles").first == "attributes");
    CHECK(c.at("sites").first == "features");
    CHECK(c.at("sites").second == sites.description);
    CHECK(c.at("sites").second.find("筛查结论") != std::string::npos);
    CHECK(c.at("overlaps").second == by_table["overlaps"].description);
    CHECK_FALSE(c.count("buffer_belts"));

    // The data are untouched.
    auto ds = open_read(path);
    CHECK(ds->GetLayerByName("sites")->GetFeatureCount() == 1);
}

TEST_CASE("hostile labels and descriptions stay text: bound values and XML escapes", "[gpkg-styles]") {
    TempDir dir;
    const std::string path = tiny_gpkg(dir);
    namespace qml = report::qml;
    qml::Options o;
    o.labels = qml::Labels{"name"};
    const std::string q = qml::categorized_fill(
        "verdict", {{kHostile, kHostile, {qml::hex("#d7191c")}}, {"", "其他\n第二行", {qml::hex("#bababa")}}}, o);
    report::write_layer_styles(path, {{"sites", kHostile, q, "it's \"mine\""}});

    const auto rows = style_rows(path);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].qml == q);
    CHECK(rows[0].description == kHostile);
    CHECK(rows[0].name == "it's \"mine\"");
    CHECK(contents(path).at("sites").second == kHostile);

    // The QML parses, and the label and value read back are the text given.
    CHECK(q.rfind("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22", 0) == 0);
    const auto labels = attributes(q, "category", "label");
    REQUIRE(labels.size() == 2);
    CHECK(labels[0] == kHostile);
    CHECK(attributes(q, "category", "value")[0] == kHostile);
    // A newline in an attribute is a character reference, or an XML reader would make it a space.
    CHECK(q.find("其他&#10;第二行") != std::string::npos);
    CHECK(qml::xml_escape(std::string("a\x01z\tb")) == "az&#9;b");  // XML 1.0 cannot hold \x01
    CHECK(attributes(q, "text-style", "fontFamily") == std::vector<std::string>{"Noto Sans CJK SC"});
    CHECK(attributes(q, "qgis", "labelsEnabled") == std::vector<std::string>{"1"});
}

TEST_CASE("writing styles again replaces a style of the same name and keeps one default", "[gpkg-styles]") {
    TempDir dir;
    const std::string path = tiny_gpkg(dir);
    const std::string a = report::qml::single_fill({report::qml::hex("#ff0000")});
    const std::string b = report::qml::single_fill({report::qml::hex("#00ff00")});
    report::write_layer_styles(path, {{"sites", "first", a, "a"}});
    report::write_layer_styles(path, {{"sites", "second", b, "b"}});
    report::write_layer_styles(path, {{"sites", "third", b, "b"}});
    const auto rows = style_rows(path);
    REQUIRE(rows.size() == 2);
    std::map<std::string, StyleRow> by_name;
    for (const auto& r : rows) by_name[r.name] = r;
    CHECK(by_name["a"].use_as_default == 0);  // a user's earlier style stays, no longer the default
    CHECK(by_name["b"].use_as_default == 1);
    CHECK(by_name["b"].description == "third");
    CHECK(contents(path).at("sites").second == "third");
}

TEST_CASE("write_layer_styles: a file it cannot open is an IoError naming it, in one line", "[gpkg-styles]") {
    TempDir dir;
    const std::string text = (dir.path / "not_a.gpkg").string();
    std::ofstream(text) << "not a GeoPackage\n";
    for (const std::string& path : {(dir.path / "no_such.gpkg").string(), text}) {
        try {
            report::write_layer_styles(path, {});
            FAIL("no IoError for " << path);
        } catch (const IoError& e) {
            const std::string what = e.what();
            CHECK(what.rfind(path + ": ", 0) == 0);
            CHECK(what.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("forest coverage classes: the target is a bound, and a unit on it is in the class above", "[gpkg-styles]") {
    for (const bool en : {false, true}) {
        const report::Lang t{en};
        const auto styles = report::indicators_gpkg_styles(t, 15.0);
        REQUIRE(styles.size() == 3);
        CHECK(styles[0].layer == "units");
        const std::string& q = styles[0].qml;
        const auto lower = attributes(q, "range", "lower");
        const auto upper = attributes(q, "range", "upper");
        const auto labels = attributes(q, "range", "label");
        REQUIRE(lower.size() == 5);
        // Highest first: QGIS gives a shared bound to the first class listed.
        CHECK(std::stod(lower[0]) == 20);
        CHECK(std::stod(upper[0]) == 100);
        CHECK(std::stod(lower[1]) == 15);
        CHECK(std::stod(upper[2]) == 15);
        CHECK(std::stod(lower[4]) == 0);
        CHECK(labels[1] == (en ? "15–20 % (target met)" : "15–20 %（达标）"));
        CHECK(labels[2] == (en ? "10–15 % (below target)" : "10–15 %（未达标）"));
        CHECK(labels[4] == (en ? "< 5 % (below target)" : "< 5 %（未达标）"));
        CHECK(attributes(q, "renderer-v2", "type") == std::vector<std::string>{"graduatedSymbol"});
        // Labelled with the unit's name and coverage.
        const auto label = attributes(q, "text-style", "fieldName");
        REQUIRE(label.size() == 1);
        CHECK(label[0].find("\"name\" || coalesce('\\n' || format_number(\"forest_pct\", 1)") != std::string::npos);
        CHECK(attributes(q, "text-style", "isExpression") == std::vector<std::string>{"1"});
    }
    // A county's own target becomes a bound too.
    const auto lower = attributes(report::indicators_gpkg_styles(report::Lang{}, 30.0)[0].qml, "range", "lower");
    CHECK(std::find(lower.begin(), lower.end(), "30.000000000000000") != lower.end());
}

TEST_CASE("audit styles: the categories are the register's activity names in the report's language", "[gpkg-styles]") {
    for (const bool en : {false, true}) {
        const report::Lang t{en};
        const auto styles = report::audit_gpkg_styles(t);
        REQUIRE(styles.size() == 2);
        const auto values = attributes(styles[0].qml, "category", "value");
        CHECK(std::find(values.begin(), values.end(), report::activity_name("02", t)) != values.end());
        CHECK(std::find(values.begin(), values.end(), report::activity_name("05", t)) != values.end());
        CHECK(values.back().empty());  // all other values
        const auto stages = attributes(styles[1].qml, "category", "value");
        CHECK(std::find(stages.begin(), stages.end(), "boundary_shift") != stages.end());
        CHECK(attributes(styles[1].qml, "renderer-v2", "attr") == std::vector<std::string>{"stage"});
    }
    // Screening: verdict keys, labels in the report's language.
    const auto labels = attributes(report::screening_gpkg_styles(report::Lang{true})[0].qml, "category", "label");
    CHECK(labels == std::vector<std::string>{"prohibited", "restricted", "allowed", "not screened"});
}
