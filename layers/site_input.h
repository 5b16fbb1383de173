#pragma once
// Proposed project sites as planners receive them, read for `ecozone screen`.
//
// Three sources:
//   * the land-survey boundary-point file (界址点坐标文件, the 自然资源部 exchange text with
//     [属性描述] and [地块坐标] sections) — GBK or UTF-8, X = northing, Y = easting in
//     CGCS2000 Gauss-Krüger metres, Y possibly carrying the zone prefix;
//   * a CSV with a WKT column (a site per row);
//   * a lon,lat list typed on the command line, in decimal degrees or DMS.
//
// Every site comes back in the working CRS (x = easting), with one note per assumption or
// repair, in Chinese and English (layers/note.h), so that a screening report can say exactly
// how the site was read in the language it is written in.  Anything that
// cannot be read without guessing (an unknown datum, a zone prefix that contradicts 带号,
// degrees in a file that says metres) is an error naming the file, the line, the parcel and
// the fix — never a silent guess.
#include "geo/geos_handle.h"
#include "layers/note.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::layers {

struct SiteInput {
    std::string id;        // parcel id / name as given (or "site-1", ...)
    std::string name;
    std::string category;  // industry category id if the input carries one (else empty)
    geo::GeomPtr geom;     // polygon / multipolygon (or point / line) in the working CRS, x = easting
    // What was assumed or repaired, one sentence each in both languages, e.g. "Y 坐标带有带号前缀
    // 35，按 EPSG:4523（中央经线 105°E）读取" / "Y values carry the zone prefix 35; read as
    // EPSG:4523 (CM 105°E)".
    std::vector<Note> notes;
    std::string source;    // "file:line" where the parcel starts ("command line" for typed lists)
    // Why this site cannot be screened (an empty or unreadable geometry in its row), one line naming
    // the file, the line and the fix; geom is then null.  Such sites are listed, never dropped.
    Note unusable;
};

struct SiteParseOptions {
    std::string working_crs = "EPSG:4544";
    // CRS of the input when it does not say: for a boundary-point file, used only when neither
    // 带号 nor a zone prefix on Y names the zone; for a WKT CSV, when a row has no crs value
    // (and no SRID=…; prefix).  Not used by parse_coordinate_list (always CGCS2000 lon/lat).
    std::optional<int> default_epsg;
};

// Land-survey boundary-point file (界址点坐标文件).  Decisions documented in site_input_boundary.cpp:
//   * 坐标系 must be CGCS2000 (北京54 / 西安80 → error: a datum shift needs parameters we lack);
//     missing → CGCS2000 assumed with a note.
//   * Zone: 带号 (or its central meridian), else the Y prefix (note), else default_epsg (note);
//     a Y prefix that contradicts 带号 is an error (the two readings lie ~270 km apart and
//     nothing in the file says which is right).
//   * X/Y swapped (X looks like an easting, Y like a northing) → swapped back with a note;
//     degrees in a file that says metres → error.
//   * Rings (圈号): closed when open (note); fewer than 3 distinct points → error; a ring inside
//     another is a hole, one outside is another part of a multipolygon (note).
//   * 界址点数 disagreeing with the rows → note (the rows define the boundary).
//   * Invalid polygons are repaired with GEOS make-valid (note); zero area → error.
//   * Declared 地块面积 vs the computed planar area: a note when they differ by > 1 % as m²,
//     saying whether it matched as 公顷 or 亩 instead.
// Throws DataError (CrsError for CRS problems), IoError when the file cannot be read.
std::vector<SiteInput> read_boundary_point_file(const geo::GeosContext& geos, const std::string& path,
                                                const SiteParseOptions& options);

// CSV with a header: id (or 编号/名称), optional name (name/名称/项目名称/XMMC), optional category
// (category/行业类别/HYLB), a WKT column (WKT/wkt/geometry/geom), an optional crs column
// ("EPSG:4490" or 4490) or options.default_epsg; lon/lat coordinates with no CRS anywhere are
// read as EPSG:4490 with a note.  UTF-8 with or without BOM (GBK accepted too).
std::vector<SiteInput> read_wkt_csv(const geo::GeosContext& geos, const std::string& path,
                                    const SiteParseOptions& options);

// A coordinate list typed on the command line: "106.21,37.32 106.25,37.32 106.25,37.35"
// (lon,lat pairs separated by spaces or ';'), decimal degrees or DMS (106°12'36"E,
// 106d12m36s, 106°12′36″, 106度12分36秒, full-width punctuation).  CGCS2000 (EPSG:4490).
// One pair → a point; two → a line; three or more → a polygon, closed automatically (note).
// Pairs given as lat,lon (N/E letters say so, or first < 60 and second > 70) are swapped back
// (note).  Malformed text → UsageError (the command line is wrong).
std::vector<SiteInput> parse_coordinate_list(const geo::GeosContext& geos, const std::string& text,
                                             const SiteParseOptions& options);

// One angle: decimal degrees ("106.21", "-3.5") or DMS ("106°12'36\"E", "106d12m36s",
// "37°19′12″N", "106度12分36秒", "N37 19 12" is NOT accepted).  W and S make it negative.
// `axis` receives 'E' or 'N' when a hemisphere letter says which axis it is (else 0).
// std::nullopt when the text is not an angle.
std::optional<double> parse_angle(std::string_view text, char* axis = nullptr);

// Helpers shared by the site_input*.cpp files (not part of the API; declared here so that the
// parsers can live in separate files).
namespace site_detail {

struct XY {
    double x = 0, y = 0;
    bool operator==(const XY& o) const { return x == o.x && y == o.y; }
    bool operator!=(const XY& o) const { return !(*this == o); }
};

// A text file as UTF-8: a UTF-8 BOM is dropped; a UTF-16 BOM is decoded; valid UTF-8 is kept;
// anything else is decoded as GB18030 (the superset of GBK).  IoError if unreadable, DataError
// if neither.
std::string read_text_utf8(const std::string& path);

// The structural full-width marks of Chinese-typed text to ASCII (，→,  ；→;  ＝→=  ［］→[]  ＠→@,
// the ideographic space U+3000 and NBSP → a space), leaving names otherwise as written.
std::string ascii_punctuation(std::string_view text);

std::string trim(std::string_view text);
std::vector<std::string> split(std::string_view text, char sep);
// A whole-field decimal number ("4140000.123", "+1.5", " 2 ", full-width "４１４００００"); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

// Geometry builders (coordinates already in x = easting order).  Rings must be closed.
geo::GeomPtr make_polygon(const geo::GeosContext& geos, const std::vector<XY>& shell,
                          const std::vector<std::vector<XY>>& holes);
geo::GeomPtr make_line(const geo::GeosContext& geos, const std::vector<XY>& points);
geo::GeomPtr make_point(const geo::GeosContext& geos, const XY& p);

// Make a polygonal geometry valid.  A valid geometry is returned unchanged; an invalid one is
// repaired with GEOS make-valid (its polygonal part kept) and a note is added.  A result with
// zero area throws DataError "<where>: … has zero area …" (`where` names file, line and parcel).
// `unit` is the area unit of the geometry's CRS for the note ("m²", or "" for degrees).
geo::GeomPtr repair_polygonal(const geo::GeosContext& geos, geo::GeomPtr g, const std::string& where,
                              const std::string& unit, std::vector<Note>& notes);

// Reprojects geometries into one target CRS, keeping one PROJ transform per source CRS.
class Reprojector {
public:
    explicit Reprojector(std::string target);
    ~Reprojector();
    Reprojector(const Reprojector&) = delete;
    Reprojector& operator=(const Reprojector&) = delete;
    // Throws CrsError prefixed with `where` when PROJ cannot transform, or when a coordinate is not
    // plausible in `source` (geo/coordinate_check.h: checked first, before anything is computed).
    geo::GeomPtr apply(const geo::GeosContext& geos, const GEOSGeometry* g, const std::string& source,
                       const std::string& where);
    // The plausibility check alone, for readers that check raw points before building a geometry.
    void check(double x, double y, const std::string& source, const std::string& where);
    void check(const geo::GeosContext& geos, const GEOSGeometry* g, const std::string& source, const std::string& where);
    const std::string& target() const { return target_; }

private:
    struct Impl;
    std::string target_;
    std::unique_ptr<Impl> impl_;
};

// Swap x and y of every coordinate (a geometry given in northing/latitude-first order).
geo::GeomPtr swap_axes(const geo::GeosContext& geos, const GEOSGeometry* g);

// "21 458.12" style number for notes: fixed decimals, thin grouping with spaces.
std::string group_digits(double value, int decimals);

}  // namespace site_detail

}  // namespace ecozone::layers
