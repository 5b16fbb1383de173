// The reports' table model and its two renderings: the CSV (byte-exact, with the guard against
// formula injection) and the Excel workbook, read back with GDAL's XLSX driver as an independent
// reader — codes stay strings with their leading zeros, figures are numbers, one layer per sheet,
// headings with units.
#include "geo/errors.h"
#include "layers/gdal_handle.h"
#include "report/common/csv_table.h"
#include "report/common/display_width.h"
#include "report/common/table.h"
#include "report/common/xlsx_table.h"

#include <cpl_vsi.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace ecozone;
using namespace ecozone::report;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test case (pid: other engineers run the suite concurrently).
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() / ("ecozone_test_report_" + name + "_" + std::to_string(::getpid()))) {
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

const std::string kBom = "\xEF\xBB\xBF";

// Township codes, 三调 codes and rule ids that a spreadsheet's guess would spoil, figures with
// decimals, a negative figure, an integer, text where a figure cannot be given, empty cells.
Table units_table(bool english = false) {
    Table t{"乡镇指标", "townships", english, {}, {}};
    t.columns = {text_column(english ? "unit" : "单位"),
                 code_column(english ? "code" : "代码"),
                 code_column(english ? "class" : "地类编码"),
                 number_column(english ? "area" : "面积", english ? "ha" : "公顷", 4),
                 number_column(english ? "margin" : "距目标", english ? "pp" : "百分点", 2),
                 integer_column(english ? "year" : "年度"),
                 number_column(english ? "red-line share" : "红线占比", "%", 1)};
    t.add_row({"红寺堡镇", "640303002", "0301", 1234.56789, -0.4835, std::int64_t{2025}, 12.34});
    t.add_row({"新民街道", "640303001", "0102", 0.5, 3.0, std::int64_t{2024},
               std::string("未评估（缺少图层：生态保护红线）")});
    t.add_row({"大河乡", "640303004", "1101", Cell{}, Cell{}, std::int64_t{2025}, Cell{}});
    return t;
}

Table rules_table() {
    Table t{"选址筛查", "site screening", false, {}, {}};
    t.columns = {code_column("编号"), text_column("项目名称"), code_column("决定性规则"),
                 number_column("距河流", "米", 1)};
    t.add_row({"0", "红寺堡区100MW复合光伏电站项目", "GK-09", 3362.25});
    t.add_row({"007", "PG:host=db password=hunter2 dbname=gis", "BH-03 HX-01", Cell{}});
    return t;
}

GDALDatasetUniquePtr open_xlsx(const std::string& path) {
    layers::ensure_gdal_registered();
    const char* drivers[] = {"XLSX", nullptr};
    const char* options[] = {"HEADERS=FORCE", nullptr};  // the first row names the fields
    return GDALDatasetUniquePtr(GDALDataset::FromHandle(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
}

std::vector<std::string> field_names(OGRLayer& layer) {
    std::vector<std::string> out;
    OGRFeatureDefn* d = layer.GetLayerDefn();
    for (int i = 0; i < d->GetFieldCount(); ++i) out.emplace_back(d->GetFieldDefn(i)->GetNameRef());
    return out;
}

OGRFieldType field_type(OGRLayer& layer, const char* name) {
    OGRFeatureDefn* d = layer.GetLayerDefn();
    const int i = d->GetFieldIndex(name);
    REQUIRE(i >= 0);
    return d->GetFieldDefn(i)->GetType();
}

std::vector<OGRFeatureUniquePtr> features(OGRLayer& layer) {
    std::vector<OGRFeatureUniquePtr> out;
    layer.ResetReading();
    while (OGRFeatureUniquePtr f{layer.GetNextFeature()}) out.push_back(std::move(f));
    return out;
}

// One part of the workbook's zip, as text (GDAL's /vsizip/ reads it).
std::string zip_part(const std::string& xlsx, const std::string& part) {
    const std::string name = "/vsizip/" + xlsx + "/" + part;
    VSILFILE* f = VSIFOpenL(name.c_str(), "rb");
    REQUIRE(f);
    std::string text;
    char buf[4096];
    for (size_t n; (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    VSIFCloseL(f);
    return text;
}

double column_width(const std::string& sheet_xml, int column) {
    const std::string n = std::to_string(column);
    const std::string key = "<col min=\"" + n + "\" max=\"" + n + "\" width=\"";
    const size_t at = sheet_xml.find(key);
    REQUIRE(at != std::string::npos);
    return std::stod(sheet_xml.substr(at + key.size()));
}

}  // namespace

TEST_CASE("Table: headings carry their units as planners write them, rows must fit the columns", "[report]") {
    const Table zh = units_table();
    CHECK(zh.heading(0) == "单位");
    CHECK(zh.heading(3) == "面积(公顷)");
    CHECK(zh.heading(6) == "红线占比(%)");
    const Table en = units_table(true);
    CHECK(en.heading(3) == "area (ha)");
    CHECK(en.title() == "townships");
    CHECK(zh.title() == "乡镇指标");
    Column attr = number_column("属性面积", "公顷", 4);
    attr.suffix = "TBDLMJ";
    Table with_suffix{"t", "t", false, {attr}, {}};
    CHECK(with_suffix.heading(0) == "属性面积(公顷) TBDLMJ");

    Table t = units_table();
    CHECK_THROWS_AS(t.add_row({"short row"}), std::logic_error);
    CHECK(cell_text(Cell{-0.0001}, number_column("x", "", 2)) == "0.00");  // never "-0.00"
    CHECK(cell_text(Cell{std::numeric_limits<double>::quiet_NaN()}, number_column("x", "", 2)).empty());
    CHECK(cell_text(Cell{2025.0}, integer_column("x")) == "2025");
}

TEST_CASE("CSV: the table byte for byte, units in the headings", "[report][csv]") {
    const std::string csv = csv_table(units_table());
    CHECK(csv == kBom +
                     "单位,代码,地类编码,面积(公顷),距目标(百分点),年度,红线占比(%)\r\n"
                     "红寺堡镇,640303002,0301,1234.5679,-0.48,2025,12.3\r\n"
                     "新民街道,640303001,0102,0.5000,3.00,2024,未评估（缺少图层：生态保护红线）\r\n"
                     "大河乡,640303004,1101,,,2025,\r\n");
}

TEST_CASE("CSV: cells a spreadsheet would run as formulas are written as text, negative numbers stay numbers",
          "[report][csv]") {
    Table t{"t", "t", true, {}, {}};
    t.columns = {text_column("name"), code_column("id"), number_column("area", "ha", 2)};
    t.add_row({"=1+1", "+8613912345678", -12.5});
    t.add_row({"-x", "@SUM(A1:A9)", std::string("-5")});  // text in a Number column is text
    t.add_row({"\tx", "\r=cmd|' /C calc'!A0", 0.25});
    t.add_row({"a=1+1", "x-1", -0.001});  // only the first character matters; -0.00 is 0.00
    const std::string csv = csv_table(t);
    CHECK(csv == kBom +
                     "name,id,area (ha)\r\n"
                     "'=1+1,'+8613912345678,-12.50\r\n"
                     "'-x,'@SUM(A1:A9),'-5\r\n"
                     "'\tx,\"'\r=cmd|' /C calc'!A0\",0.25\r\n"
                     "a=1+1,x-1,0.00\r\n");

    SECTION("a heading from a county's data is guarded too") {
        Column c = number_column("属性面积", "公顷", 4);
        c.suffix = "=HYPERLINK(\"x\")";
        Table h{"t", "t", false, {text_column("=evil"), c}, {}};
        CHECK(csv_table(h) == kBom + "'=evil,\"属性面积(公顷) =HYPERLINK(\"\"x\"\")\"\r\n");
    }
}

TEST_CASE("XLSX read back with GDAL: codes are strings, figures numbers, one layer per sheet", "[report][xlsx]") {
    TempDir tmp("xlsx");
    const std::string path = (tmp.path / "report.xlsx").string();
    write_xlsx(path, {units_table(), rules_table()});

    auto ds = open_xlsx(path);
    REQUIRE(ds);
    REQUIRE(ds->GetLayerCount() == 2);
    OGRLayer* units = ds->GetLayer(0);
    OGRLayer* sites = ds->GetLayer(1);
    CHECK(std::string(units->GetName()) == "乡镇指标");
    CHECK(std::string(sites->GetName()) == "选址筛查");

    // The header row: the headings with their units.
    CHECK(field_names(*units) ==
          std::vector<std::string>{"单位", "代码", "地类编码", "面积(公顷)", "距目标(百分点)", "年度", "红线占比(%)"});
    CHECK(field_type(*units, "代码") == OFTString);
    CHECK(field_type(*units, "地类编码") == OFTString);
    CHECK(field_type(*units, "面积(公顷)") == OFTReal);
    CHECK(field_type(*units, "距目标(百分点)") == OFTReal);
    CHECK(field_type(*units, "年度") == OFTInteger);
    CHECK(field_type(*units, "红线占比(%)") == OFTString);  // one row says why there is no figure

    const auto u = features(*units);
    REQUIRE(u.size() == 3);
    CHECK(std::string(u[0]->GetFieldAsString("代码")) == "640303002");
    CHECK(std::string(u[0]->GetFieldAsString("地类编码")) == "0301");  // not 301
    CHECK(std::string(u[1]->GetFieldAsString("地类编码")) == "0102");
    // The value the CSV shows (4 decimals), so that sums agree to the last decimal.
    CHECK(u[0]->GetFieldAsDouble("面积(公顷)") == 1234.5679);
    CHECK(u[0]->GetFieldAsDouble("距目标(百分点)") == -0.48);
    CHECK(u[0]->GetFieldAsInteger("年度") == 2025);
    CHECK(std::string(u[1]->GetFieldAsString("红线占比(%)")) == "未评估（缺少图层：生态保护红线）");
    CHECK_FALSE(u[2]->IsFieldSetAndNotNull(u[2]->GetFieldIndex("面积(公顷)")));

    CHECK(field_type(*sites, "编号") == OFTString);
    CHECK(field_type(*sites, "距河流(米)") == OFTReal);
    const auto s = features(*sites);
    REQUIRE(s.size() == 2);
    CHECK(std::string(s[0]->GetFieldAsString("编号")) == "0");
    CHECK(std::string(s[1]->GetFieldAsString("编号")) == "007");  // not 7
    CHECK(std::string(s[1]->GetFieldAsString("决定性规则")) == "BH-03 HX-01");
    // Secrets never reach an output, the workbook included.
    CHECK(std::string(s[1]->GetFieldAsString("项目名称")) == "PG:host=db password=*** dbname=gis");

    SECTION(
        "the workbook's own formats: a bold frozen header row, codes formatted as text, decimals as number formats") {
        const std::string sheet = zip_part(path, "xl/worksheets/sheet1.xml");
        CHECK(sheet.find("state=\"frozen\"") != std::string::npos);
        CHECK(sheet.find("ySplit=\"1\"") != std::string::npos);
        const std::string styles = zip_part(path, "xl/styles.xml");
        CHECK(styles.find("formatCode=\"@\"") != std::string::npos);
        CHECK(styles.find("formatCode=\"0.0000\"") != std::string::npos);
        CHECK(styles.find("formatCode=\"0.00\"") != std::string::npos);
        CHECK(styles.find("<b/>") != std::string::npos);
    }
}

TEST_CASE("XLSX: columns as wide as their content, CJK characters counting double", "[report][xlsx]") {
    TempDir tmp("widths");
    const std::string path = (tmp.path / "w.xlsx").string();
    Table t{"宽度", "widths", false, {text_column("a"), text_column("b"), number_column("c", "", 2)}, {}};
    t.add_row({"红寺堡区红寺堡区", "abcdefgh", 1234567.5});
    t.add_row({"x", std::string(500, 'n'), Cell{}});
    write_xlsx(path, {t});
    const std::string sheet = zip_part(path, "xl/worksheets/sheet1.xml");
    const double cjk = column_width(sheet, 1), latin = column_width(sheet, 2), number = column_width(sheet, 3);
    CHECK(display_width("红寺堡区红寺堡区") == 16);
    CHECK(cjk > 16);
    CHECK(cjk < 20);
    CHECK(latin <= 62);  // 500 characters of notes do not make a column 500 wide
    CHECK(number > 10);  // "1234567.50"
    CHECK(number < 14);
}

TEST_CASE("XLSX sheet names: at most 31 characters, none Excel refuses, unique", "[report][xlsx]") {
    auto titled = [](const std::string& title) { return Table{title, title, false, {text_column("a")}, {}}; };
    std::string forty_cjk;
    for (int i = 0; i < 40; ++i) forty_cjk += "区";
    const std::vector<Table> tables = {titled("indicators"), titled("Indicators"), titled("a/b:c*d?[e]\\f"),
                                       titled(forty_cjk),    titled(forty_cjk),    titled("'quoted'"),
                                       titled(""),           titled("History")};
    const std::vector<std::string> names = sheet_names(tables);
    std::string thirty_one_cjk, twenty_seven_cjk;
    for (int i = 0; i < 31; ++i) thirty_one_cjk += "区";
    for (int i = 0; i < 27; ++i) twenty_seven_cjk += "区";
    CHECK(names == std::vector<std::string>{"indicators", "Indicators (2)", "a_b_c_d__e__f", thirty_one_cjk,
                                            twenty_seven_cjk + " (2)", "quoted", "Sheet", "History (2)"});

    TempDir tmp("names");
    const std::string path = (tmp.path / "n.xlsx").string();
    write_xlsx(path, tables);
    auto ds = open_xlsx(path);
    REQUIRE(ds);
    REQUIRE(ds->GetLayerCount() == static_cast<int>(tables.size()));
    for (size_t i = 0; i < names.size(); ++i)
        CHECK(std::string(ds->GetLayer(static_cast<int>(i))->GetName()) == names[i]);
}

TEST_CASE("XLSX: an unwritable file is an IoError naming it", "[report][xlsx]") {
    TempDir tmp("unwritable");
    const std::string path = (tmp.path / "no_such_dir" / "x.xlsx").string();
    CHECK_THROWS_AS(write_xlsx(path, {units_table()}), IoError);
    CHECK_THROWS_WITH(write_xlsx(path, {units_table()}), Catch::Contains("no_such_dir/x.xlsx"));
    CHECK_FALSE(fs::exists(path));
}
