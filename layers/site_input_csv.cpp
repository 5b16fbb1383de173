// Sites as a CSV with a WKT column — what planners export from a spreadsheet or a GIS table.
//
// Decisions:
//   * Columns are found by name (case-insensitive): WKT/geometry/geom; id/编号; name/名称/项目名称/
//     XMMC; category/行业类别/HYLB; crs/epsg/srid.  A file with only 名称 uses it as the id too.
//   * The CRS of a row: its crs value ("EPSG:4544" or 4544), else an EWKT "SRID=4490;" prefix,
//     else SiteParseOptions::default_epsg; failing all three, coordinates that can only be
//     degrees are read as CGCS2000 EPSG:4490 (note) and anything else is an error — a projected
//     coordinate without its zone cannot be placed.
//   * WKT in northing-first (or latitude-first) order, as Chinese tables often write it, is
//     detected from the values and swapped back (note).
//   * Polygons are made valid in the working CRS (note) and must enclose some area.
#include "layers/site_input.h"

#include "geo/crs.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>

namespace ecozone::layers {

namespace {

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

// RFC 4180: quoted fields may hold the delimiter, doubled quotes and line breaks.
std::vector<CsvRecord> parse_csv(const std::string& path, const std::string& text, char delim) {
    std::vector<CsvRecord> records;
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    int line = 1, record_line = 1, quote_line = 0;
    const auto end_record = [&]() {
        fields.push_back(std::move(field));
        field.clear();
        records.push_back({record_line, std::move(fields)});
        fields.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (quoted) {
            if (c == '"' && next == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else if (!(c == '\r' && next == '\n')) {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && site_detail::trim(field).empty()) {
            field.clear();
            quoted = true;
            quote_line = line;
        } else if (c == delim) {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            end_record();
            record_line = ++line;
        } else if (c != '\r') {
            field += c;
        }
    }
    if (quoted) {
        throw make_error<DataError>("{} 第 {} 行：此处开始的引号字段没有闭合；请补上结尾的 \"",
                                    "{}:{}: a quoted field opened here is never closed; add the closing \"", path,
                                    quote_line);
    }
    if (!field.empty() || !fields.empty()) end_record();
    return records;
}

char detect_delimiter(const std::string& text) {
    const std::string first = text.substr(0, text.find('\n'));
    for (char d : {',', '\t', ';'}) {
        if (first.find(d) != std::string::npos) return d;
    }
    return ',';
}

std::string lower_ascii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

int find_column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        for (size_t i = 0; i < header.size(); ++i) {
            if (header[i] == name) return static_cast<int>(i);
        }
    }
    return -1;
}

// "4544", "epsg:4544", "EPSG:4544" → "EPSG:4544"; anything else is passed to PROJ as written.
std::string normalise_crs(const std::string& text) {
    const std::string t = site_detail::trim(text);
    if (!t.empty() && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return "EPSG:" + t;
    }
    if (lower_ascii(t.substr(0, 5)) == "epsg:") return "EPSG:" + t.substr(5);
    return t;
}

bool northing_like(double v) {
    return v >= 1e6 && v < 1e7;
}
bool is_gauss_kruger(int epsg) {
    return epsg >= 4491 && epsg <= 4554;
}

// One row's geometry in the working CRS: parsed, its CRS found, axes put in order, reprojected
// and repaired, with a note per assumption.  Throws DataError (file, line, fix) when the row
// cannot give a site.
geo::GeomPtr read_row_geometry(const geo::GeosContext& geos, const CsvRecord& rec,
                               const std::function<std::string(int)>& field, int wkt_col, int crs_col,
                               size_t header_size, const std::string& where, const SiteParseOptions& options,
                               std::map<std::string, geo::CrsInfo>& crs_seen, site_detail::Reprojector& to_working,
                               bool working_projected, std::vector<Note>& notes) {
    if (rec.fields.size() > header_size) {
        throw make_error<DataError>(
            "{}：该行有 {} 个字段，而表头只有 {} 个——WKT 是否没加引号？请用双引号括起："
            "\"POLYGON((…, …))\"",
            "{}: the row has {} fields but the header has {} — is the WKT unquoted? Put "
            "it in double quotes: \"POLYGON((…, …))\"",
            where, rec.fields.size(), header_size);
    }
    std::string wkt = field(wkt_col);
    if (wkt.empty()) {
        throw make_error<DataError>("{}：WKT 列为空；请填写选址的几何，或删去该行",
                                    "{}: the WKT column is empty; fill in the site's geometry or delete the row",
                                    where);
    }
    std::string srid;
    if (lower_ascii(wkt.substr(0, 5)) == "srid=" && wkt.find(';') != std::string::npos) {
        srid = site_detail::trim(wkt.substr(5, wkt.find(';') - 5));
        wkt = site_detail::trim(wkt.substr(wkt.find(';') + 1));
    }
    geo::GeomPtr g;
    try {
        g = geos.from_wkt(wkt);
    } catch (const GeometryError& e) {
        throw DataError(fmt::format("{}：WKT 无法解析（{}）；请改正，如 POLYGON((106.21 37.32, 106.25 37.32, "
                                    "106.25 37.35, 106.21 37.32))",
                                    where, e.text(false)),
                        fmt::format("{}: the WKT could not be parsed ({}); fix it, e.g. POLYGON((106.21 37.32, "
                                    "106.25 37.32, 106.25 37.35, 106.21 37.32))",
                                    where, e.text(true)));
    }
    const int type = GEOSGeomTypeId_r(geos.handle(), g.get());
    if (type == GEOS_GEOMETRYCOLLECTION || type == GEOS_LINEARRING) {
        throw make_error<DataError>("{}：{} 不能作为选址几何；请给出 POLYGON 或 MULTIPOLYGON（或 POINT、LINESTRING）",
                                    "{}: a {} is not a site geometry; give a POLYGON or MULTIPOLYGON (or a POINT "
                                    "or LINESTRING)",
                                    where, type == GEOS_LINEARRING ? "LINEARRING" : "GEOMETRYCOLLECTION");
    }
    if (geos.is_empty(g.get())) {
        throw make_error<DataError>("{}：几何为空；请填写选址的坐标",
                                    "{}: the geometry is empty; fill in the site's coordinates", where);
    }

    // Which CRS?
    std::string crs = normalise_crs(field(crs_col));
    if (crs.empty() && !srid.empty()) crs = normalise_crs(srid);
    if (crs.empty() && options.default_epsg) crs = fmt::format("EPSG:{}", *options.default_epsg);
    const geo::GeosContext::Bounds b = geos.bounds(g.get());
    if (crs.empty()) {
        if (std::max(std::fabs(b.minx), std::fabs(b.maxx)) > 180 ||
            std::max(std::fabs(b.miny), std::fabs(b.maxy)) > 180) {
            throw make_error<CrsError>(
                "{}：该行没有坐标系，坐标也不是度；请加上 crs 列（如中央经线 105°E 的 3 度带高斯-克吕格投影写 "
                "EPSG:4544），"
                "或给出默认坐标系（default_epsg）",
                "{}: no CRS for this row and its coordinates are not degrees; add a crs "
                "column (e.g. EPSG:4544 for 3-degree Gauss-Krüger CM 105°E) or give the "
                "default CRS (default_epsg)",
                where);
        }
        crs = fmt::format("EPSG:{}", geo::kCgcs2000Geographic);
        notes.push_back({"未给出坐标系；坐标为度，已按 CGCS2000 经度/纬度（EPSG:4490）读取",
                         "no CRS given; the coordinates are degrees and were read as CGCS2000 longitude/"
                         "latitude (EPSG:4490)"});
    }
    auto info = crs_seen.find(crs);
    if (info == crs_seen.end()) {
        try {
            info = crs_seen.emplace(crs, geo::describe_crs(crs)).first;
        } catch (const CrsError& e) {
            throw CrsError(fmt::format("{}：{}；请把坐标系写成 EPSG:<代码>，如 EPSG:4544", where, e.text(false)),
                           fmt::format("{}: {}; write the CRS as EPSG:<code>, e.g. EPSG:4544", where, e.text(true)));
        }
    }

    // Axis order: x must be the easting / longitude.
    if (info->second.geographic && b.minx > 0 && b.maxx < 60 && b.miny > 70 && b.maxy <= 180) {
        g = site_detail::swap_axes(geos, g.get());
        notes.push_back(make_note("WKT 中纬度在前、经度在后（x {}…{}，y {}…{}），已互换为经度、纬度",
                                  "the WKT gives latitude before longitude (x {}…{}, y {}…{}); swapped to "
                                  "longitude,latitude",
                                  b.minx, b.maxx, b.miny, b.maxy));
    } else if (info->second.projected && info->second.epsg && is_gauss_kruger(*info->second.epsg) &&
               northing_like(b.minx) && northing_like(b.maxx) && !northing_like(b.miny) && b.miny >= 1e5) {
        g = site_detail::swap_axes(geos, g.get());
        notes.push_back(make_note("WKT 中北坐标在前、东坐标在后（x = {} 像是北坐标），已互换为东坐标、北坐标",
                                  "the WKT gives the northing before the easting (x = {} looks like a "
                                  "northing); swapped to easting,northing",
                                  b.minx));
    }

    g = to_working.apply(geos, g.get(), crs, where);
    if (crs != to_working.target()) {
        notes.push_back(make_note("坐标系已从 {} 重投影至 {}", "reprojected from {} to {}", crs, to_working.target()));
    }
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
        g = site_detail::repair_polygonal(geos, std::move(g), where, working_projected ? "m²" : "", notes);
    }
    return g;
}

}  // namespace

std::vector<SiteInput> read_wkt_csv(const geo::GeosContext& geos, const std::string& path,
                                    const SiteParseOptions& options) {
    const std::string text = site_detail::read_text_utf8(path);
    if (site_detail::trim(text).empty()) {
        throw make_error<DataError>("{}：文件是空的；请写一行表头（id,name,category,WKT），每个选址一行",
                                    "{}: the file is empty; write a header (id,name,category,WKT) and a row per site",
                                    path);
    }
    const std::vector<CsvRecord> records = parse_csv(path, text, detect_delimiter(text));

    std::vector<std::string> header;
    std::vector<std::string> found;
    for (const std::string& h : records.front().fields) {
        header.push_back(lower_ascii(site_detail::trim(site_detail::ascii_punctuation(h))));
        found.push_back(site_detail::trim(h));
    }
    const int wkt_col = find_column(header, {"wkt", "geometry", "geom", "the_geom", "几何"});
    int id_col = find_column(header, {"id", "编号", "地块编号", "项目编号"});
    const int name_col = find_column(header, {"name", "名称", "项目名称", "地块名称", "xmmc"});
    const int category_col = find_column(header, {"category", "行业类别", "hylb", "industry", "行业"});
    const int crs_col = find_column(header, {"crs", "epsg", "srid", "坐标系"});
    if (wkt_col < 0) {
        std::string list;
        for (const std::string& f : found) list += (list.empty() ? "" : ", ") + (f.empty() ? "(empty)" : f);
        throw make_error<DataError>(
            "{} 第 {} 行：没有 WKT 列（查找了 WKT、wkt、geometry、geom）；现有的列：{}；请加上存放"
            "各选址几何的 WKT 列",
            "{}:{}: no WKT column (looked for WKT, wkt, geometry, geom); the columns found are: "
            "{}; add a WKT column holding each site's geometry",
            path, records.front().line, list);
    }
    if (id_col < 0) id_col = name_col;  // "id (or 编号/名称)"

    const bool working_projected = geo::describe_crs(options.working_crs).projected;
    site_detail::Reprojector to_working(options.working_crs);
    std::map<std::string, geo::CrsInfo> crs_seen;
    std::map<std::string, int> ids_seen;
    std::vector<SiteInput> out;
    size_t row = 0;
    for (size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        if (std::all_of(rec.fields.begin(), rec.fields.end(),
                        [](const std::string& f) { return site_detail::trim(f).empty(); })) {
            continue;
        }
        ++row;
        const auto field = [&](int col) {
            return col >= 0 && static_cast<size_t>(col) < rec.fields.size() ? site_detail::trim(rec.fields[col])
                                                                            : std::string();
        };
        SiteInput site;
        site.id = field(id_col);
        if (site.id.empty()) site.id = fmt::format("site-{}", row);
        site.name = field(name_col);
        site.category = field(category_col);
        site.source = fmt::format("{}:{}", path, rec.line);
        const std::string where = fmt::format("{}:{}: site '{}'", path, rec.line, site.id);
        if (auto [it, fresh] = ids_seen.emplace(site.id, rec.line); !fresh) {
            site.notes.push_back(make_note("编号 {} 与第 {} 行的选址重复", "id {} is also used by the row at line {}",
                                           site.id, it->second));
        }
        // A row that cannot be read is a site that cannot be screened: listed with the reason
        // (file, line, fix), never dropped, and the rest of the file is still screened.
        try {
            site.geom = read_row_geometry(geos, rec, field, wkt_col, crs_col, header.size(), where, options, crs_seen,
                                          to_working, working_projected, site.notes);
        } catch (const DataError& e) {
            site.geom = geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
            site.unusable = Note{e.text(false), e.text(true)};
        }
        out.push_back(std::move(site));
    }
    if (out.empty()) {
        throw make_error<DataError>("{}：CSV 只有表头，没有选址行；请每个选址加一行",
                                    "{}: the CSV has a header but no site rows; add a row per site", path);
    }
    return out;
}

}  // namespace ecozone::layers
