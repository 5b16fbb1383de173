// The land-survey boundary-point file (界址点坐标文件): the 自然资源部 exchange text planners
// paste from a 勘测定界 report.
//
//   [属性描述]
//   坐标系=2000国家大地坐标系      几度分带=3   投影类型=高斯克吕格   计量单位=米   带号=35 ...
//   [地块坐标]
//   界址点数,地块面积,地块编号,地块名称,记录图形属性(点/线/面),图幅号,地块用途,地类编码,@
//   点号,圈号,X(northing),Y(easting)
//   ...
//
// Decisions (what a careful planner would want):
//   * Only CGCS2000.  北京54 / 西安80 need datum-shift parameters we do not have, so they are an
//     error asking for a conversion first; an absent 坐标系 is assumed CGCS2000 (note) since the
//     exchange format has required it since 2018.
//   * The zone comes from 带号 (a central meridian written there, e.g. 105, is accepted with a
//     note), else from the prefix on Y (note), else from SiteParseOptions::default_epsg (note),
//     else an error.  A Y prefix that contradicts 带号 is an ERROR, not a note: both readings
//     are well-formed Gauss-Krüger coordinates whose central meridians differ by 3° or more
//     (~270 km at Hongsibu), nothing in the file says which is right, and a parcel silently
//     screened 270 km away is worse than one that asks for a correction.
//   * X/Y swapped for a whole parcel (X looks like an easting, Y like a northing) is swapped back
//     with a note; a parcel mixing both orders is an error at the odd row (a typo to fix).
//   * 界址点数 that disagrees with the rows is a NOTE: the rows define the boundary and the
//     count is often stale after hand edits; the ring checks below still catch a boundary that
//     is broken, and the note tells the planner to check for a missing corner.  The count may
//     include the closing repeat of each ring or not — both are accepted.
//   * Rings (圈号) are grouped by consecutive rows; a ring inside another ring is a hole, one
//     outside it is another part of a multipolygon, one inside a hole an island (each noted).
//   * Planar areas are compared in the file's own Gauss-Krüger zone, as the survey computed
//     them; 地块面积 within 1 % as m² is silent, otherwise a note says whether it matched as
//     公顷 or 亩, or not at all.
#include "layers/site_input.h"

#include "geo/crs.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace ecozone::layers {

namespace {

using site_detail::XY;

enum class Shape { Polygon, Line, Point };

struct PointRow {
    std::string name;  // 点号, e.g. J1
    int ring = 1;      // 圈号
    double X = 0, Y = 0;
    int line = 0;
};

struct Parcel {
    int line = 0;
    std::string id, name, label;  // label: "parcel 5 (红寺堡光伏项目)" for messages
    std::optional<long> declared_count;
    std::string area_text;
    Shape shape = Shape::Polygon;
    bool shape_assumed = false;
    std::vector<PointRow> points;
};

struct HeaderValue {
    std::string value;
    int line = 0;
};

// What [属性描述] says about the CRS, checked once per file.
struct FileCrs {
    bool geographic = false;  // 计量单位=度
    std::optional<int> band;  // 3 or 6
    int band_line = 0;
    std::optional<int> zone;  // from 带号
    int zone_line = 0;
    std::vector<Note> notes;  // added to every parcel
};

bool contains(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

std::string upper_compact(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool in_range(int v, int lo, int hi) { return v >= lo && v <= hi; }
// CGCS2000 Gauss-Krüger zones China uses: 3-degree 25–45 (CM 75–135°E), 6-degree 13–23.
bool valid_zone(int band, int zone) { return band == 3 ? in_range(zone, 25, 45) : in_range(zone, 13, 23); }
int central_meridian(int band, int zone) { return band == 3 ? 3 * zone : 6 * zone - 3; }
// EPSG codes verified with projinfo: 4513 = 3-degree zone 25 (x_0 25 500 000, CM 75), 4534 = CM 75
// unprefixed; 4491 = 6-degree zone 13 (x_0 13 500 000, CM 75), 4502 = CM 75 unprefixed.
int gk_epsg(int band, int zone, bool prefixed) {
    if (band == 3) return (prefixed ? 4513 : 4534) + zone - 25;
    return (prefixed ? 4491 : 4502) + zone - 13;
}
int band_of_zone(int zone) { return in_range(zone, 13, 23) ? 6 : 3; }

// Zone prefix of an 8-digit easting, or 0.
int easting_prefix(double v) {
    if (v < 1e7 || v >= 1e8) return 0;
    const int zone = static_cast<int>(v / 1e6);
    const double rest = v - zone * 1e6;
    if (!(in_range(zone, 13, 23) || in_range(zone, 25, 45))) return 0;
    return rest >= 1e5 && rest < 1e6 ? zone : 0;
}
bool northing_like(double v) { return v >= 1e6 && v < 1e7; }  // 7 digits
bool easting_like(double v) { return (v >= 1e5 && v < 1e6) || easting_prefix(v) != 0; }

enum class Axes { Normal, Swapped, Degrees, Metres, Unknown };

Axes classify(const PointRow& p, bool geographic) {
    const bool small = std::fabs(p.X) <= 180 && std::fabs(p.Y) <= 180;
    if (geographic) {
        if (!small) return Axes::Metres;
        // China: latitude 3–54°N, longitude 73–135°E.
        return (p.X > 70 && p.Y < 60) ? Axes::Swapped : Axes::Normal;
    }
    if (small) return Axes::Degrees;
    if (northing_like(p.X) && easting_like(p.Y)) return Axes::Normal;
    if (easting_like(p.X) && northing_like(p.Y)) return Axes::Swapped;
    return Axes::Unknown;
}

std::string num(double v) { return fmt::format("{}", v); }

struct Ring {
    int id = 1;
    int line = 0;
    std::vector<XY> pts;
    std::vector<const PointRow*> rows;
};

// Declared 地块面积 against the computed planar area: silent within 1 % as m², otherwise a note
// saying which unit (公顷, 亩) it matched, or that it matched none.
void compare_area(double declared, double area, const std::string& crs, std::vector<Note>& notes) {
    const auto off = [&](double m2_per_unit) { return (declared * m2_per_unit - area) / area; };
    if (std::fabs(off(1.0)) <= 0.01) return;
    const std::string m2 = site_detail::group_digits(area, 2), ha = site_detail::group_digits(area / 1e4, 4);
    const std::string computed_zh = fmt::format("{} 平方米 = {} 公顷，在 {} 中按平面计算", m2, ha, crs);
    const std::string computed_en = fmt::format("{} m² = {} ha, planar in {}", m2, ha, crs);
    if (std::fabs(off(1e4)) <= 0.01) {
        notes.push_back(
            {fmt::format("申报的地块面积 {} 以公顷为单位：与计算面积（{}）相差在 1 % 以内", num(declared), computed_zh),
             fmt::format("declared 地块面积 {} is in 公顷 (hectares): it matches the computed area ({}) "
                         "within 1 %",
                         num(declared), computed_en)});
        return;
    }
    if (std::fabs(off(1e4 / 15)) <= 0.01) {
        notes.push_back(
            {fmt::format("申报的地块面积 {} 以亩为单位：与计算面积（{}）相差在 1 % 以内", num(declared), computed_zh),
             fmt::format("declared 地块面积 {} is in 亩 (mu): it matches the computed area ({}) within 1 %",
                         num(declared), computed_en)});
        return;
    }
    notes.push_back(
        {fmt::format("申报的地块面积 {} 与计算面积（{}）不符：按平方米相差 {:+.1f} %，按公顷相差 {:+.1f} %，"
                     "按亩相差 {:+.1f} %，均超过 1 %；请核对该地块的界址点",
                     num(declared), computed_zh, 100 * off(1.0), 100 * off(1e4), 100 * off(1e4 / 15)),
         fmt::format("declared 地块面积 {} does not match the computed area ({}) within 1 % as m² ({:+.1f} %), "
                     "公顷 ({:+.1f} %) or 亩 ({:+.1f} %); check the parcel's points",
                     num(declared), computed_en, 100 * off(1.0), 100 * off(1e4), 100 * off(1e4 / 15))});
}

class BoundaryReader {
public:
    BoundaryReader(const geo::GeosContext& geos, std::string path, const SiteParseOptions& options)
        : geos_(geos), path_(std::move(path)), options_(options), to_working_(options.working_crs) {}

    std::vector<SiteInput> read();

private:
    // "file:line: message", in Chinese "file 第 line 行：message".
    [[noreturn]] void fail(int line, const Note& message) const {
        if (line > 0) {
            throw make_error<DataError>("{0} 第 {1} 行：{2}", "{0}:{1}: {3}", path_, line, message.zh, message.en);
        }
        throw make_error<DataError>("{0}：{1}", "{0}: {2}", path_, message.zh, message.en);
    }
    [[noreturn]] void fail_crs(int line, const Note& message) const {
        throw make_error<CrsError>("{0} 第 {1} 行：{2}", "{0}:{1}: {3}", path_, line, message.zh, message.en);
    }

    Parcel parse_header_row(const std::vector<std::string>& fields, int line, size_t index) const;
    void parse_point_row(Parcel& parcel, const std::vector<std::string>& fields, const std::string& text,
                         int line) const;
    FileCrs resolve_file_crs() const;
    int choose_epsg(const Parcel& p, const FileCrs& crs, int prefix, const PointRow* prefixed,
                    std::vector<Note>& notes) const;
    geo::GeomPtr assemble_polygon(const std::vector<Ring>& rings, std::vector<Note>& notes) const;
    SiteInput build(const Parcel& p, const FileCrs& crs, size_t index);

    const geo::GeosContext& geos_;
    std::string path_;
    const SiteParseOptions& options_;
    site_detail::Reprojector to_working_;
    std::map<std::string, HeaderValue> header_;
    std::map<std::string, int> ids_seen_;
    bool working_projected_ = true;
};

Parcel BoundaryReader::parse_header_row(const std::vector<std::string>& fields, int line, size_t index) const {
    // 界址点数,地块面积,地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码,@
    Parcel p;
    p.line = line;
    const auto field = [&](size_t i) { return i + 1 < fields.size() ? fields[i] : std::string(); };
    p.id = field(2);
    p.name = field(3);
    if (!p.id.empty()) {
        p.label = fmt::format("parcel {}", p.id) + (p.name.empty() ? "" : fmt::format(" ({})", p.name));
    } else {
        p.label = p.name.empty() ? fmt::format("parcel #{}", index) : fmt::format("parcel {}", p.name);
    }
    const std::string count = field(0);
    if (!count.empty()) {
        const auto n = site_detail::parse_number(count);
        if (!n || *n < 0 || std::floor(*n) != *n) {
            fail(line, make_note("{}：界址点数“{}”不是整数；请在地块头行的第一个字段写该地块的界址点行数",
                                 "{}: 界址点数 '{}' is not a whole number; write the number of point rows of the "
                                 "parcel as the first field of its header",
                                 p.label, count));
        }
        // (Also keeps the conversion below defined: a double beyond long's range is UB.)
        if (*n > 1e9) {
            fail(line,
                 make_note("{}：界址点数“{}”多于任何地块可能有的点数；请在地块头行的第一个字段写该地块的界址点行数",
                           "{}: 界址点数 '{}' is more points than any parcel has; write the number of point "
                           "rows of the parcel as the first field of its header",
                           p.label, count));
        }
        p.declared_count = static_cast<long>(*n);
    }
    p.area_text = field(1);
    const std::string shape = field(4);
    if (shape.empty()) {
        p.shape_assumed = true;
    } else if (shape == "面") {
        p.shape = Shape::Polygon;
    } else if (shape == "线") {
        p.shape = Shape::Line;
    } else if (shape == "点") {
        p.shape = Shape::Point;
    } else {
        fail(line,
             make_note("{}：记录图形属性“{}”不是 点、线 或 面；地块边界请写 面",
                       "{}: 记录图形属性 '{}' is not 点, 线 or 面; write 面 for a parcel boundary", p.label, shape));
    }
    return p;
}

void BoundaryReader::parse_point_row(Parcel& p, const std::vector<std::string>& fields, const std::string& text,
                                     int line) const {
    if (fields.size() < 4) {
        fail(line, make_note("{0}：界址点行“{1}”只有 {2} 个字段；应为 点号,圈号,X,Y（如 J1,1,4140000.12,35512345.67）",
                             "{0}: point row '{1}' has {2} field{3}; expected 点号,圈号,X,Y (e.g. J1,1,4140000.12,"
                             "35512345.67)",
                             p.label, text, fields.size(), fields.size() == 1 ? "" : "s"));
    }
    PointRow r;
    r.name = fields[0];
    r.line = line;
    const auto ring = site_detail::parse_number(fields[1]);
    if (!ring || *ring < 1 || std::floor(*ring) != *ring || *ring > 1e6) {
        fail(line, make_note("{} 界址点 {}：圈号“{}”不是圈号（1、2 …）；请在第二个字段写该圈的序号",
                             "{} point {}: 圈号 '{}' is not a ring number (1, 2, …); write the ring's number "
                             "in the second field",
                             p.label, r.name, fields[1]));
    }
    r.ring = static_cast<int>(*ring);
    const auto x = site_detail::parse_number(fields[2]);
    const auto y = site_detail::parse_number(fields[3]);
    if (!x || !y) {
        fail(line, make_note("{} 界址点 {}：{}“{}”不是数字；请改正坐标（X 为纵坐标（北），Y 为横坐标（东），单位米）",
                             "{} point {}: {} '{}' is not a number; correct the coordinate (X = northing, "
                             "Y = easting, in metres)",
                             p.label, r.name, x ? "Y" : "X", x ? fields[3] : fields[2]));
    }
    r.X = *x;
    r.Y = *y;
    p.points.push_back(r);
}

FileCrs BoundaryReader::resolve_file_crs() const {
    FileCrs crs;
    const auto get = [&](const char* key) -> const HeaderValue* {
        auto it = header_.find(key);
        return it == header_.end() || it->second.value.empty() ? nullptr : &it->second;
    };

    if (const HeaderValue* v = get("坐标系")) {
        const std::string u = upper_compact(v->value);
        const bool beijing = (contains(u, "北京") || contains(u, "BEIJING")) && contains(u, "54");
        const bool xian = (contains(u, "西安") || contains(u, "XIAN") || contains(u, "XI'AN")) && contains(u, "80");
        if (beijing || xian) {
            fail_crs(v->line,
                     make_note("坐标系={0}（{1}）不是 CGCS2000：请先把坐标转换为 2000国家大地坐标系——基准转换需要"
                               "测绘主管部门提供的转换参数，ecozone 没有这些参数",
                               "坐标系={0} ({2}) is not CGCS2000: convert the coordinates to CGCS2000 "
                               "(2000国家大地坐标系) first — the datum shift needs conversion parameters from "
                               "the surveying authority, which ecozone does not have",
                               v->value, beijing ? "1954北京坐标系" : "1980西安坐标系",
                               beijing ? "Beijing 1954" : "Xi'an 1980"));
        }
        if (!contains(u, "2000") || contains(u, "WGS")) {
            fail_crs(v->line,
                     make_note("坐标系={} 不是 ecozone 在此能读取的坐标系；界址点坐标文件须为 CGCS2000"
                               "（坐标系=2000国家大地坐标系）——请先转换为 CGCS2000",
                               "坐标系={} is not a coordinate system ecozone can read here; a boundary-point "
                               "file must be in CGCS2000 (坐标系=2000国家大地坐标系) — convert to CGCS2000 first",
                               v->value));
        }
    } else {
        crs.notes.push_back({"未注明坐标系，按 2000国家大地坐标系（CGCS2000）读取",
                             "坐标系 is not stated; assumed CGCS2000 (2000国家大地坐标系)"});
    }

    if (const HeaderValue* v = get("投影类型")) {
        const std::string u = upper_compact(v->value);
        const bool gk = !contains(u, "UTM") &&
                        (contains(u, "高斯") || contains(u, "GAUSS") || contains(u, "克吕格") || contains(u, "KRUGER") ||
                         contains(u, "KRÜGER") || contains(u, "横轴墨卡托") || contains(u, "TRANSVERSEMERCATOR"));
        if (!gk) {
            fail_crs(v->line, make_note("投影类型={} 不是高斯-克吕格投影；界址点坐标文件须为 CGCS2000 高斯-克吕格坐标"
                                        "（投影类型=高斯克吕格）——请先重新投影",
                                        "投影类型={} is not Gauss-Krüger; the boundary-point file must hold CGCS2000 "
                                        "Gauss-Krüger coordinates (投影类型=高斯克吕格) — reproject it first",
                                        v->value));
        }
    }

    if (const HeaderValue* v = get("计量单位")) {
        const std::string u = upper_compact(v->value);
        if (u == "度" || contains(u, "DEGREE") || u == "°") {
            crs.geographic = true;
        } else if (!(u == "米" || u == "M" || contains(u, "METER") || contains(u, "METRE") || u == "公尺")) {
            fail_crs(v->line, make_note("计量单位={} 既不是 米 也不是 度；请改正",
                                        "计量单位={} is neither 米 (metres) nor 度 (degrees); correct it", v->value));
        }
    }
    if (crs.geographic) return crs;

    if (const HeaderValue* v = get("几度分带")) {
        std::string t = v->value;
        for (const std::string word : {"度", "带", "分"}) {  // "3度带", "3度分带"
            size_t pos = 0;
            while ((pos = t.find(word)) != std::string::npos) t.erase(pos, word.size());
        }
        if (t == "三") t = "3";
        if (t == "六") t = "6";
        const auto band = site_detail::parse_number(t);
        if (!band || (*band != 3 && *band != 6)) {
            fail_crs(v->line, make_note("几度分带={} 不是 3 或 6；3 度带请写 几度分带=3",
                                        "几度分带={} is not 3 or 6; write 几度分带=3 for 3-degree Gauss-Krüger zones",
                                        v->value));
        }
        crs.band = static_cast<int>(*band);
        crs.band_line = v->line;
    }

    if (const HeaderValue* v = get("带号")) {
        const auto value = site_detail::parse_number(v->value);
        // (Bounded so that the conversion below stays defined; zones and meridians are < 180.)
        if (!value || std::floor(*value) != *value || std::fabs(*value) > 1000) {
            fail_crs(v->line, make_note("带号={} 不是带号；请写如 带号=35（中央经线 105°E 的 3 度带）",
                                        "带号={} is not a zone number; write e.g. 带号=35 (3-degree zone of CM 105°E)",
                                        v->value));
        }
        int zone = static_cast<int>(*value);
        crs.zone_line = v->line;
        if (in_range(zone, 72, 138)) {
            // A central meridian written where the zone number belongs (a common slip).
            const int cm = zone;
            const int band = crs.band.value_or(3);
            if (band == 3 && cm % 3 == 0) {
                zone = cm / 3;
            } else if (band == 6 && (cm + 3) % 6 == 0) {
                zone = (cm + 3) / 6;
            } else {
                fail_crs(v->line, make_note("带号={} 既不是带号，也不是 {} 度带的中央经线；请改正带号",
                                            "带号={} is neither a zone number nor the central meridian of a {}-degree "
                                            "zone; correct 带号",
                                            v->value, band));
            }
            crs.notes.push_back(make_note("带号={} 是中央经线而非带号，按 {} 度分带第 {} 带读取",
                                          "带号={} is a central meridian, not a zone number; read as {}-degree zone {}",
                                          cm, band, zone));
            if (!crs.band) crs.band = band;
        }
        if (crs.band && !valid_zone(*crs.band, zone)) {
            fail_crs(v->line,
                     make_note("带号={} 不是 CGCS2000 {} 度带的带号（{}）；请改正带号或几度分带（第 {} 行）",
                               "带号={} is not a CGCS2000 {}-degree zone ({}); correct 带号 or 几度分带 (line {})",
                               v->value, *crs.band, *crs.band == 3 ? "25–45" : "13–23", crs.band_line));
        }
        if (!crs.band) {
            if (!valid_zone(3, zone) && !valid_zone(6, zone)) {
                fail_crs(
                    v->line,
                    make_note("带号={} 不是 CGCS2000 高斯-克吕格投影的带号（3 度带 25–45，6 度带 13–23）；请改正带号",
                              "带号={} is not a CGCS2000 Gauss-Krüger zone (3-degree 25–45, 6-degree "
                              "13–23); correct 带号",
                              v->value));
            }
            crs.band = band_of_zone(zone);
            crs.notes.push_back(make_note("未注明几度分带，第 {} 带按 {} 度分带读取",
                                          "几度分带 is not stated; zone {} is a {}-degree zone", zone, *crs.band));
        }
        crs.zone = zone;
    }

    if (const HeaderValue* v = get("转换参数")) {
        bool any = false;
        for (const std::string& f : site_detail::split(v->value, ',')) any = any || !f.empty();
        if (any) {
            crs.notes.push_back(make_note("转换参数={} 未采用：按坐标系所注，坐标按 CGCS2000 读取",
                                          "转换参数={} ignored: the coordinates are read as CGCS2000 as 坐标系 says",
                                          v->value));
        }
    }
    return crs;
}

int BoundaryReader::choose_epsg(const Parcel& p, const FileCrs& crs, int prefix, const PointRow* prefixed,
                                std::vector<Note>& notes) const {
    if (crs.geographic) {
        notes.push_back(make_note("计量单位=度：X 按纬度、Y 按经度读取，坐标系为 CGCS2000（EPSG:{}）",
                                  "计量单位=度: X read as latitude and Y as longitude, CGCS2000 (EPSG:{})",
                                  geo::kCgcs2000Geographic));
        return geo::kCgcs2000Geographic;
    }
    if (prefix) {
        const int band = crs.band.value_or(band_of_zone(prefix));
        if (crs.zone && *crs.zone != prefix) {
            const int cm_prefix = central_meridian(valid_zone(band, prefix) ? band : band_of_zone(prefix), prefix);
            const int cm_zone = central_meridian(band, *crs.zone);
            fail_crs(
                prefixed->line,
                make_note(
                    "{}：Y 坐标带有带号前缀 {}（界址点 {}：Y={}），但文件头写的是 带号={}（第 {} 行）；请改正带号或 "
                    "Y 坐标——两个带的中央经线（{}°E 和 {}°E）相差 {}°，文件中没有信息能判断哪个正确",
                    "{}: the Y values carry the zone prefix {} (point {}: Y={}) but the header says 带号={} "
                    "(line {}); correct 带号 or the Y values — the two zones' central meridians ({}°E and "
                    "{}°E) lie {}° apart and nothing in the file says which is right",
                    p.label, prefix, prefixed->name, num(prefixed->Y), *crs.zone, crs.zone_line, cm_prefix, cm_zone,
                    std::abs(cm_prefix - cm_zone)));
        }
        if (!valid_zone(band, prefix)) {
            fail_crs(prefixed->line,
                     make_note("{}：Y 坐标的前缀 {} 不是 几度分带={} 所说的 {} 度带带号（{}）（第 {} 行）；请改正 "
                               "Y 坐标或几度分带",
                               "{}: the Y prefix {} is not a {}-degree zone ({}) as 几度分带={} says "
                               "(line {}); correct the Y values or 几度分带",
                               p.label, prefix, band, band == 3 ? "25–45" : "13–23", band, crs.band_line));
        }
        if (!crs.zone) {
            notes.push_back(make_note("未注明带号，按 Y 坐标的带号前缀取第 {} 带",
                                      "带号 is not stated; zone {} taken from the prefix of the Y values", prefix));
        }
        const int epsg = gk_epsg(band, prefix, true);
        const int cm = central_meridian(band, prefix);
        notes.push_back({fmt::format("Y 坐标带有带号前缀 {}，按 EPSG:{}（{}中央经线 {}°E）读取", prefix, epsg,
                                     band == 6 ? "6 度分带，" : "", cm),
                         fmt::format("Y values carry the zone prefix {}; read as EPSG:{} ({}CM {}°E)", prefix, epsg,
                                     band == 6 ? "6-degree zone, " : "", cm)});
        return epsg;
    }
    if (crs.zone) {
        const int epsg = gk_epsg(*crs.band, *crs.zone, false);
        notes.push_back(make_note("Y 坐标不带带号前缀，按 EPSG:{}（{} 度分带第 {} 带，中央经线 {}°E）读取",
                                  "Y values have no zone prefix; read as EPSG:{} ({}-degree zone {}, CM {}°E)", epsg,
                                  *crs.band, *crs.zone, central_meridian(*crs.band, *crs.zone)));
        return epsg;
    }
    if (options_.default_epsg) {
        const int d = *options_.default_epsg;
        if (geo::gk3_has_zone_prefix(d) || in_range(d, 4491, 4501)) {
            fail_crs(p.line,
                     make_note("{}：Y 坐标不带带号前缀，而默认坐标系 EPSG:{} 要求带前缀；请在 [属性描述] 中写明带号，"
                               "或给出不带带号前缀的坐标系",
                               "{}: the Y values carry no zone prefix but the default CRS EPSG:{} expects one; "
                               "add 带号 to [属性描述] or give the CRS without zone prefix",
                               p.label, d));
        }
        notes.push_back(make_note("未注明带号且 Y 坐标不带带号前缀，按给定的默认坐标系 EPSG:{} 读取",
                                  "带号 is not stated and the Y values carry no zone prefix; read as EPSG:{} (the "
                                  "default CRS given)",
                                  d));
        return d;
    }
    fail_crs(p.line,
             make_note("{}：无法确定高斯-克吕格投影带——[属性描述] 中没有带号，Y 坐标也不带带号前缀；请在 [属性描述] "
                       "下写 带号=35（中央经线 105°E 的 3 度带，红寺堡区），或给出文件的坐标系（default_epsg）",
                       "{}: the Gauss-Krüger zone is unknown — 带号 is missing from [属性描述] and the Y values "
                       "carry no zone prefix; add 带号=35 (3-degree zone of CM 105°E, Hongsibu) under "
                       "[属性描述], or give the file's CRS (default_epsg)",
                       p.label));
}

geo::GeomPtr BoundaryReader::assemble_polygon(const std::vector<Ring>& rings, std::vector<Note>& notes) const {
    if (rings.size() == 1) return site_detail::make_polygon(geos_, rings[0].pts, {});

    // Largest ring first, so that every ring meets the rings that may contain it before itself.
    std::vector<geo::GeomPtr> alone;
    std::vector<double> area;
    for (const Ring& r : rings) {
        alone.push_back(site_detail::make_polygon(geos_, r.pts, {}));
        area.push_back(geos_.planar_area(alone.back().get()));
    }
    std::vector<size_t> order(rings.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return area[a] > area[b]; });
    const auto covers = [&](size_t outer, size_t inner) {
        try {
            return geos_.predicate(GEOSCovers_r(geos_.handle(), alone[outer].get(), alone[inner].get()), "covers");
        } catch (const GeometryError&) {
            return false;  // a self-intersecting ring: treated as a separate part, repaired below
        }
    };

    struct Part {
        size_t shell;
        std::vector<size_t> holes;
    };
    std::vector<Part> parts;
    for (size_t idx : order) {
        int best = -1;  // the smallest shell covering the ring
        for (size_t k = 0; k < parts.size(); ++k) {
            if (covers(parts[k].shell, idx)) best = static_cast<int>(k);
        }
        if (best >= 0) {
            Part& part = parts[static_cast<size_t>(best)];
            const auto hole = std::find_if(part.holes.begin(), part.holes.end(),
                                           [&](size_t h) { return covers(h, idx); });
            if (hole == part.holes.end()) {
                part.holes.push_back(idx);
                notes.push_back(make_note("第 {} 圈位于第 {} 圈之内，作为内环（扣除的洞）读取",
                                          "ring {} lies inside ring {}: read as a hole", rings[idx].id,
                                          rings[part.shell].id));
                continue;
            }
            notes.push_back(make_note("第 {} 圈位于第 {} 圈（第 {} 圈的洞）之内，作为岛（另一部分）读取",
                                      "ring {} lies inside ring {}, a hole of ring {}: read as an island (another "
                                      "part)",
                                      rings[idx].id, rings[*hole].id, rings[part.shell].id));
        } else if (!parts.empty()) {
            notes.push_back(make_note("第 {} 圈不在第 {} 圈之内，作为多部件面的另一部分读取",
                                      "ring {} is not inside ring {}: read as another part of a multipolygon",
                                      rings[idx].id, rings[parts.front().shell].id));
        }
        parts.push_back({idx, {}});
    }

    std::vector<geo::GeomPtr> polygons;
    for (const Part& part : parts) {
        std::vector<std::vector<XY>> holes;
        for (size_t h : part.holes) holes.push_back(rings[h].pts);
        polygons.push_back(site_detail::make_polygon(geos_, rings[part.shell].pts, holes));
    }
    if (polygons.size() == 1) return std::move(polygons.front());
    return geos_.collect(std::move(polygons), GEOS_MULTIPOLYGON);
}

SiteInput BoundaryReader::build(const Parcel& p, const FileCrs& crs, size_t index) {
    const std::string where = fmt::format("{}:{}: {}", path_, p.line, p.label);
    std::vector<Note> notes = crs.notes;
    if (p.shape_assumed)
        notes.push_back({"记录图形属性为空，按面读取", "记录图形属性 is empty; read as 面 (a polygon)"});
    if (p.points.empty()) {
        fail(p.line, make_note("{}：地块头行后面没有界址点行；请在其下补上地块的界址点（点号,圈号,X,Y），或删去该头行",
                               "{}: no 界址点 rows follow its header; add the parcel's points (点号,圈号,X,Y) below "
                               "it or delete the header",
                               p.label));
    }

    // Axis order: X must be the northing.
    size_t normal = 0, swapped = 0;
    for (const PointRow& r : p.points) {
        switch (classify(r, crs.geographic)) {
            case Axes::Degrees:
                fail_crs(
                    r.line,
                    make_note("{} 界址点 {}：X={} Y={} 看来是经纬度（度），但文件写的是 计量单位=米；请以高斯-克吕格"
                              "坐标（米）重新导出边界，或在命令行以经纬度给出选址，或写成坐标系为 EPSG:4490 的 WKT",
                              "{} point {}: X={} Y={} look like degrees but the file says 计量单位=米; "
                              "re-export the boundary in Gauss-Krüger metres, or give the site as lon,lat "
                              "on the command line or as WKT with crs EPSG:4490",
                              p.label, r.name, num(r.X), num(r.Y)));
            case Axes::Metres:
                fail_crs(r.line,
                         make_note("{} 界址点 {}：X={} Y={} 看来是米，但文件写的是 计量单位=度；请把计量单位改为 米",
                                   "{} point {}: X={} Y={} look like metres but the file says 计量单位=度; "
                                   "correct 计量单位 to 米",
                                   p.label, r.name, num(r.X), num(r.Y)));
            case Axes::Unknown:
                fail(r.line,
                     make_note(
                         "{} 界址点 {}：X={} Y={} 不是 CGCS2000 高斯-克吕格坐标（米）（X 应为纵坐标（北），7 位整数；"
                         "Y 应为横坐标（东），6 位整数，带带号前缀时 8 位）；请改正坐标",
                         "{} point {}: X={} Y={} are not CGCS2000 Gauss-Krüger metres (expected X = "
                         "northing, 7 digits, and Y = easting, 6 digits or 8 with the zone prefix); "
                         "correct the coordinates",
                         p.label, r.name, num(r.X), num(r.Y)));
            case Axes::Normal: ++normal; break;
            case Axes::Swapped: ++swapped; break;
        }
    }
    if (normal && swapped) {
        const Axes odd = swapped <= normal ? Axes::Swapped : Axes::Normal;
        for (const PointRow& r : p.points) {
            if (classify(r, crs.geographic) != odd) continue;
            fail(r.line,
                 make_note("{0} 界址点 {1}：X={2} Y={3} 的顺序与该地块其他行相反；请把 X（{4}）放在前、Y（{5}）放在后",
                           "{0} point {1}: X={2} Y={3} are in the opposite order from the parcel's other rows; "
                           "put X ({6}) first and Y ({7}) second",
                           p.label, r.name, num(r.X), num(r.Y), crs.geographic ? "纬度" : "纵坐标",
                           crs.geographic ? "经度" : "横坐标", crs.geographic ? "latitude" : "northing",
                           crs.geographic ? "longitude" : "easting"));
        }
    }
    const bool swap = swapped > 0;
    Note swap_note;
    if (swap) {
        const PointRow& r = p.points.front();
        swap_note = {fmt::format("X、Y 填反（X={} 像是{}，Y={} 像是{}），已互换后读取", num(r.X),
                                 crs.geographic ? "经度" : "东坐标", num(r.Y), crs.geographic ? "纬度" : "北坐标"),
                     fmt::format("X and Y are swapped (X={} looks like {}, Y={} like {}); read the other way round",
                                 num(r.X), crs.geographic ? "a longitude" : "an easting", num(r.Y),
                                 crs.geographic ? "a latitude" : "a northing")};
    }
    const auto easting = [&](const PointRow& r) { return swap ? r.X : r.Y; };
    const auto northing = [&](const PointRow& r) { return swap ? r.Y : r.X; };

    // Zone prefix on the eastings: one prefix per parcel, on every row or on none.
    int prefix = 0;
    const PointRow* prefixed = nullptr;
    const PointRow* plain = nullptr;
    if (!crs.geographic) {
        for (const PointRow& r : p.points) {
            const int z = easting_prefix(easting(r));
            if (!z) {
                if (!plain) plain = &r;
                continue;
            }
            if (!prefixed) {
                prefixed = &r;
                prefix = z;
            } else if (z != prefix) {
                fail_crs(
                    r.line,
                    make_note("{} 界址点 {}：Y={} 带的带号前缀是 {}，而界址点 {}（第 {} 行）带的是 {}；一个地块只在"
                              "一个带内——请改正 Y 坐标",
                              "{} point {}: Y={} carries the zone prefix {} but point {} (line {}) "
                              "carries {}; a parcel lies in one zone — correct the Y values",
                              p.label, r.name, num(easting(r)), z, prefixed->name, prefixed->line, prefix));
            }
        }
        if (prefixed && plain) {
            const PointRow* later = prefixed->line > plain->line ? prefixed : plain;
            fail_crs(later->line,
                     make_note("{}：有的 Y 坐标带带号前缀（界址点 {}：Y={}），有的不带（界址点 {}：Y={}）；"
                               "请统一写法",
                               "{}: some Y values carry a zone prefix (point {}: Y={}) and others do not "
                               "(point {}: Y={}); write every Y the same way",
                               p.label, prefixed->name, num(easting(*prefixed)), plain->name, num(easting(*plain))));
        }
    }
    const std::string source_crs = fmt::format("EPSG:{}", choose_epsg(p, crs, prefix, prefixed, notes));
    if (swap) notes.push_back(swap_note);

    // Rings: consecutive rows with one 圈号.
    std::vector<Ring> rings;
    std::set<int> finished;
    for (const PointRow& r : p.points) {
        if (rings.empty() || rings.back().id != r.ring) {
            if (finished.count(r.ring)) {
                fail(r.line, make_note("{} 界址点 {}：第 {} 圈在第 {} 圈开始之后又出现在这里；请把每一圈的行放在一起",
                                       "{} point {}: ring {} continues here after ring {} began; keep each ring's "
                                       "rows together",
                                       p.label, r.name, r.ring, rings.back().id));
            }
            if (!rings.empty()) finished.insert(rings.back().id);
            rings.push_back(Ring{r.ring, r.line, {}, {}});
        }
        rings.back().pts.push_back({easting(r), northing(r)});
        rings.back().rows.push_back(&r);
    }

    long closures = 0, repeats = 0;
    std::vector<const Ring*> closed;
    if (p.shape != Shape::Point) {
        const size_t needed = p.shape == Shape::Polygon ? 3 : 2;
        for (Ring& ring : rings) {
            std::set<std::pair<double, double>> distinct;
            for (const XY& q : ring.pts) distinct.insert({q.x, q.y});
            if (distinct.size() < needed) {
                const bool polygon = p.shape == Shape::Polygon;
                fail(ring.line,
                     make_note("{0}：第 {1} 圈只有 {2} 个不同的点——{3}未闭合或太短；{4}至少需要 {5} 个界址点："
                               "请补上缺少的行",
                               "{0}: ring {1} has only {2} distinct point{6} — an unclosed or too short {7}; "
                               "a {8} needs at least {5} points (界址点): add the missing rows",
                               p.label, ring.id, distinct.size(), polygon ? "该圈" : "该线", polygon ? "边界" : "线",
                               needed, distinct.size() == 1 ? "" : "s", polygon ? "ring" : "line",
                               polygon ? "boundary" : "line"));
            }
            if (p.shape != Shape::Polygon) continue;
            if (ring.pts.front() == ring.pts.back()) {
                ++repeats;
            } else {
                ring.pts.push_back(ring.pts.front());
                ++closures;
                closed.push_back(&ring);
            }
        }
    }
    if (closed.size() == 1) {
        const Ring& ring = *closed.front();
        notes.push_back(make_note("第 {} 圈未闭合（末点 {} 与首点 {} 不同），已补上 {} 使其闭合",
                                  "ring {} was not closed (its last point {} differs from {}); closed by repeating {}",
                                  ring.id, ring.rows.back()->name, ring.rows.front()->name, ring.rows.front()->name));
    } else if (!closed.empty()) {
        std::string list;
        for (const Ring* r : closed) list += (list.empty() ? "" : ", ") + std::to_string(r->id);
        notes.push_back(make_note("第 {} 圈未闭合，已各自补上首点使其闭合",
                                  "rings {} were not closed; each was closed by repeating its first point", list));
    }
    if (p.declared_count) {
        const long rows = static_cast<long>(p.points.size());
        const long n = *p.declared_count;
        if (n != rows && n != rows + closures && n != rows - repeats) {
            notes.push_back(
                make_note("地块头注明 {} 个界址点，但其后有 {} 行点（第 {}–{} 行）；已按实际点行读取，"
                          "请核对是否缺少界址点",
                          "the header says {} 界址点 but {} point rows follow (lines {}–{}); the rows were "
                          "used — check that no corner is missing",
                          n, rows, p.points.front().line, p.points.back().line));
        }
    }

    // Every corner must be a plausible position before any geometry is made from it.
    for (const Ring& r : rings) {
        for (const XY& q : r.pts) to_working_.check(q.x, q.y, source_crs, where);
    }
    geo::GeomPtr g;
    if (p.shape == Shape::Polygon) {
        g = assemble_polygon(rings, notes);
        g = site_detail::repair_polygonal(geos_, std::move(g), where, crs.geographic ? "" : "m²", notes);
    } else if (p.shape == Shape::Line) {
        std::vector<geo::GeomPtr> lines;
        for (const Ring& r : rings) lines.push_back(site_detail::make_line(geos_, r.pts));
        g = lines.size() == 1 ? std::move(lines.front()) : geos_.collect(std::move(lines), GEOS_MULTILINESTRING);
    } else {
        std::vector<geo::GeomPtr> points;
        for (const Ring& r : rings) {
            for (const XY& q : r.pts) points.push_back(site_detail::make_point(geos_, q));
        }
        g = points.size() == 1 ? std::move(points.front()) : geos_.collect(std::move(points), GEOS_MULTIPOINT);
    }
    geo::GeomPtr out = to_working_.apply(geos_, g.get(), source_crs, where);

    if (p.shape == Shape::Polygon && !p.area_text.empty()) {
        const auto declared = site_detail::parse_number(p.area_text);
        if (!declared) {
            notes.push_back(make_note("地块面积“{}”不是数字，未与界址范围的面积比对",
                                      "地块面积 '{}' is not a number; not compared with the boundary", p.area_text));
        } else if (*declared > 0) {
            // The survey's figure is planar in its own zone: compare there.
            if (!crs.geographic) {
                compare_area(*declared, geos_.planar_area(g.get()), source_crs, notes);
            } else if (working_projected_) {
                compare_area(*declared, geos_.planar_area(out.get()), options_.working_crs, notes);
            }
        }
    }

    SiteInput site;
    site.id = !p.id.empty() ? p.id : !p.name.empty() ? p.name : fmt::format("site-{}", index);
    site.name = p.name;
    if (auto [it, fresh] = ids_seen_.emplace(site.id, p.line); !fresh) {
        notes.push_back(make_note("地块编号 {} 与第 {} 行的地块重复",
                                  "地块编号 {} is also used by the parcel at line {}", site.id, it->second));
    }
    site.geom = std::move(out);
    site.notes = std::move(notes);
    site.source = fmt::format("{}:{}", path_, p.line);
    return site;
}

std::vector<SiteInput> BoundaryReader::read() {
    const std::string text = site_detail::read_text_utf8(path_);
    if (site_detail::trim(text).empty()) {
        fail(0, {"文件是空的；请重新导出地块的界址点坐标",
                 "the file is empty; export the parcel's boundary points (界址点坐标) again"});
    }

    enum class Section { None, Attributes, Coordinates, Other };
    Section section = Section::None;
    int coords_line = 0, stray_parcel_line = 0;
    std::vector<Parcel> parcels;
    int line_no = 0;
    for (size_t start = 0; start <= text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string l = site_detail::trim(site_detail::ascii_punctuation(std::string_view(text).substr(start, end - start)));
        start = end + 1;
        ++line_no;
        if (l.empty()) continue;
        if (l.front() == '[' && l.back() == ']') {
            const std::string name = site_detail::trim(std::string_view(l).substr(1, l.size() - 2));
            section = name == "属性描述" ? Section::Attributes : name == "地块坐标" ? Section::Coordinates : Section::Other;
            if (section == Section::Coordinates && !coords_line) coords_line = line_no;
            continue;
        }
        switch (section) {
            case Section::Attributes: {
                const size_t eq = l.find('=');
                if (eq != std::string::npos) {
                    header_[site_detail::trim(std::string_view(l).substr(0, eq))] =
                        HeaderValue{site_detail::trim(std::string_view(l).substr(eq + 1)), line_no};
                } else if (!stray_parcel_line && l.size() >= 2 && l.compare(l.size() - 2, 2, ",@") == 0) {
                    stray_parcel_line = line_no;  // a parcel header where [地块坐标] was forgotten
                }
                break;
            }
            case Section::Coordinates: {
                const std::vector<std::string> fields = site_detail::split(l, ',');
                if (fields.back() == "@") {
                    parcels.push_back(parse_header_row(fields, line_no, parcels.size() + 1));
                } else if (parcels.empty()) {
                    fail(line_no,
                         make_note("界址点行“{}”出现在任何地块头行之前；请在其上方补上地块头行"
                                   "（界址点数,地块面积,地块编号,地块名称,面,图幅号,地块用途,地类编码,@）",
                                   "point row '{}' comes before any parcel header; add the parcel's header "
                                   "line (界址点数,地块面积,地块编号,地块名称,面,图幅号,地块用途,地类编码,@) above it",
                                   l));
                } else {
                    parse_point_row(parcels.back(), fields, l, line_no);
                }
                break;
            }
            case Section::None:
            case Section::Other:
                if (!stray_parcel_line && l.size() >= 2 && l.compare(l.size() - 2, 2, ",@") == 0) {
                    stray_parcel_line = line_no;
                }
                break;
        }
    }
    if (!coords_line) {
        if (stray_parcel_line) {
            fail(stray_parcel_line,
                 {"没有 [地块坐标] 节：地块头行及其界址点须写在 [地块坐标] 一行之后；请在地块上方加上 [地块坐标]",
                  "no [地块坐标] section: this parcel header and its points must follow a line "
                  "[地块坐标]; add [地块坐标] above the parcels"});
        }
        fail(0, {"没有 [地块坐标] 节——这是界址点坐标文件吗？地块须写在 [地块坐标] 一行之后；请在地块上方加上该行",
                 "no [地块坐标] section — is this a 界址点坐标 (boundary-point) file? The parcels must follow a line "
                 "[地块坐标]; add it above them"});
    }
    if (parcels.empty()) {
        fail(coords_line,
             {"[地块坐标] 节中没有地块；请加上地块头行（界址点数,地块面积,地块编号,地块名称,面,,,,@）及其界址点行",
              "the [地块坐标] section holds no parcel; add a header line (界址点数,地块面积,地块编号,地块名称,面,"
              ",,,@) and its point rows"});
    }

    const FileCrs crs = resolve_file_crs();
    working_projected_ = geo::describe_crs(options_.working_crs).projected;
    std::vector<SiteInput> out;
    for (size_t i = 0; i < parcels.size(); ++i) out.push_back(build(parcels[i], crs, i + 1));
    return out;
}

}  // namespace

std::vector<SiteInput> read_boundary_point_file(const geo::GeosContext& geos, const std::string& path,
                                                const SiteParseOptions& options) {
    return BoundaryReader(geos, path, options).read();
}

}  // namespace ecozone::layers
