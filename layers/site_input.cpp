// Shared helpers of the site readers, and the command-line coordinate list.
#include "layers/site_input.h"

#include "geo/transform_geometry.h"

#include "geo/coordinate_check.h"
#include "geo/crs.h"
#include "geo/errors.h"
#include "layers/encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace ecozone::layers {

namespace site_detail {

std::string read_text_utf8(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw make_error<IoError>("{}：无法打开文件（{}）", "{}: cannot open the file ({})", path,
                                  std::strerror(errno));
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw make_error<IoError>("{}：读取出错", "{}: read error", path);

    if (raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);
    // Windows Notepad's "Unicode" is UTF-16 with a BOM.
    if (raw.rfind("\xFF\xFE", 0) == 0) return to_utf8(std::string_view(raw).substr(2), "UTF-16LE");
    if (raw.rfind("\xFE\xFF", 0) == 0) return to_utf8(std::string_view(raw).substr(2), "UTF-16BE");
    if (is_valid_utf8(raw)) return raw;
    // Chinese Windows tools write GBK (code page 936); GB18030 is its superset.
    if (is_valid_gb18030(raw)) return to_utf8(raw, "GB18030");
    throw make_error<DataError>(
        "{}：文本既不是 UTF-8 也不是 GBK/GB18030 编码；请把文件另存为 UTF-8（或 GBK）后重新读取",
        "{}: the text is neither UTF-8 nor GBK/GB18030; save the file as UTF-8 "
        "(or GBK) and read it again",
        path);
}

namespace {
// Full-width forms to ASCII.  With `all`, every form U+FF01..U+FF5E (full-width digits, letters,
// parentheses …); otherwise only the structural marks ，；＝［］＠.  Both turn the ideographic
// space and NBSP into a space.
std::string fold_fullwidth(std::string_view text, bool all) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xEF && i + 2 < text.size()) {
            // U+FF01..U+FF5E is EF BC 81..EF BC BF, EF BD 80..EF BD 9E.
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            const auto c2 = static_cast<unsigned char>(text[i + 2]);
            int cp = -1;
            if (c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) cp = 0xFF00 + (c2 - 0x80);
            if (c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E) cp = 0xFF40 + (c2 - 0x80);
            const char ascii = static_cast<char>(cp - 0xFF01 + 0x21);
            if (cp >= 0 && (all || std::strchr(",;=[]@", ascii))) {
                out += ascii;
                i += 3;
                continue;
            }
        }
        if (text.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
            out += ' ';
            i += 3;
        } else if (text.substr(i, 2) == "\xC2\xA0") {  // NBSP
            out += ' ';
            i += 2;
        } else {
            out += text[i++];
        }
    }
    return out;
}
}  // namespace

std::string ascii_punctuation(std::string_view text) { return fold_fullwidth(text, false); }

std::string trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
    size_t b = 0, e = text.size();
    while (b < e && space(text[b])) ++b;
    while (e > b && space(text[e - 1])) --e;
    return std::string(text.substr(b, e - b));
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t pos = text.find(sep, start);
        out.push_back(trim(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::optional<double> parse_number(std::string_view text) {
    std::string t = trim(fold_fullwidth(text, true));  // "４１４００００．５"
    std::string_view v = t;
    if (!v.empty() && v.front() == '+') v.remove_prefix(1);
    if (v.empty()) return std::nullopt;
    // from_chars ignores the locale (strtod would read "4140000,12" in a German one).
    double d = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::general);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

namespace {
geo::CoordSeqPtr make_seq(const geo::GeosContext& geos, const std::vector<XY>& pts) {
    GEOSCoordSequence* raw = GEOSCoordSeq_create_r(geos.handle(), static_cast<unsigned>(pts.size()), 2);
    if (!raw) {
        throw make_error<GeometryError>("GEOS 无法创建坐标序列：{}", "GEOS could not create a coordinate sequence: {}",
                                        geos.last_error());
    }
    geo::CoordSeqPtr seq(raw, geo::CoordSeqDeleter{geos.handle()});
    for (size_t i = 0; i < pts.size(); ++i) {
        if (!GEOSCoordSeq_setXY_r(geos.handle(), seq.get(), static_cast<unsigned>(i), pts[i].x, pts[i].y)) {
            throw make_error<GeometryError>("GEOS 无法设置坐标：{}", "GEOS could not set a coordinate: {}",
                                            geos.last_error());
        }
    }
    return seq;
}

geo::GeomPtr make_ring(const geo::GeosContext& geos, const std::vector<XY>& pts) {
    // The ring takes ownership of the sequence.
    return geos.own(GEOSGeom_createLinearRing_r(geos.handle(), make_seq(geos, pts).release()), "linear ring");
}
}  // namespace

geo::GeomPtr make_polygon(const geo::GeosContext& geos, const std::vector<XY>& shell,
                          const std::vector<std::vector<XY>>& holes) {
    geo::GeomPtr outer = make_ring(geos, shell);
    std::vector<geo::GeomPtr> inner;
    for (const auto& h : holes) inner.push_back(make_ring(geos, h));
    std::vector<GEOSGeometry*> raw_holes;
    for (auto& h : inner) raw_holes.push_back(h.release());  // the polygon owns them from here
    return geos.own(GEOSGeom_createPolygon_r(geos.handle(), outer.release(), raw_holes.data(),
                                             static_cast<unsigned>(raw_holes.size())),
                    "polygon");
}

geo::GeomPtr make_line(const geo::GeosContext& geos, const std::vector<XY>& points) {
    return geos.own(GEOSGeom_createLineString_r(geos.handle(), make_seq(geos, points).release()), "line");
}

geo::GeomPtr make_point(const geo::GeosContext& geos, const XY& p) {
    return geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), p.x, p.y), "point");
}

std::string group_digits(double value, int decimals) {
    std::string s = fmt::format("{:.{}f}", value, decimals);
    const size_t start = (s[0] == '-') ? 1 : 0;
    size_t dot = s.find('.');
    if (dot == std::string::npos) dot = s.size();
    for (size_t i = dot; i > start + 3; i -= 3) s.insert(i - 3, " ");
    return s;
}

geo::GeomPtr repair_polygonal(const geo::GeosContext& geos, geo::GeomPtr g, const std::string& where,
                              const std::string& unit, std::vector<Note>& notes) {
    if (geos.is_valid(g.get())) {
        if (geos.planar_area(g.get()) <= 0) {
            throw make_error<DataError>("{}：边界围成的面积为零；请检查坐标",
                                        "{}: the boundary encloses no area; check its coordinates", where);
        }
        return g;
    }
    const std::string reason = geos.invalid_reason(g.get());
    geo::GeomPtr fixed = geos.polygonal_part(geos.make_valid(g.get()).get());
    const double area = geos.is_empty(fixed.get()) ? 0.0 : geos.planar_area(fixed.get());
    if (area <= 0) {
        throw make_error<DataError>("{}：边界面积为零（GEOS：{}）——各点共线或彼此重复；请检查坐标",
                                    "{}: the boundary has zero area (GEOS: {}) — its points are collinear or "
                                    "repeat one another; check the coordinates",
                                    where, reason);
    }
    const int parts = GEOSGetNumGeometries_r(geos.handle(), fixed.get());
    std::string lowered = reason;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool self = lowered.find("self-intersection") != std::string::npos;
    // The area is formatted once so that both sentences carry the same figure.
    const std::string area_text = unit.empty() ? "" : fmt::format("{} {}", group_digits(area, 2), unit);
    notes.push_back(
        {fmt::format("{}，已用 make-valid 修复（GEOS：{}；修复后保留 {} 个面{}）", self ? "边界自相交" : "边界无效",
                     reason, parts, area_text.empty() ? "" : "，面积 " + area_text),
         fmt::format("{} repaired (GEOS: {}; make-valid kept {} polygon{}{})",
                     self ? "self-intersecting boundary" : "invalid boundary", reason, parts, parts == 1 ? "" : "s",
                     area_text.empty() ? "" : ", " + area_text)});
    return fixed;
}

struct Reprojector::Impl {
    std::map<std::string, std::unique_ptr<geo::Transform>> transforms;
    std::map<std::string, std::unique_ptr<geo::PlausibleCoordinates>> checks;

    const geo::PlausibleCoordinates& check_for(const std::string& source, const std::string& where) {
        auto it = checks.find(source);
        if (it == checks.end()) {
            try {
                it = checks.emplace(source, std::make_unique<geo::PlausibleCoordinates>(source)).first;
            } catch (const CrsError& e) {
                throw CrsError(where + "：" + e.text(false), where + ": " + e.text(true));
            }
        }
        return *it->second;
    }
};

void Reprojector::check(double x, double y, const std::string& source, const std::string& where) {
    impl_->check_for(source, where).check(x, y, where);
}

void Reprojector::check(const geo::GeosContext& geos, const GEOSGeometry* g, const std::string& source,
                        const std::string& where) {
    impl_->check_for(source, where).check(geos, g, where);
}

Reprojector::Reprojector(std::string target) : target_(std::move(target)), impl_(std::make_unique<Impl>()) {}
Reprojector::~Reprojector() = default;

namespace {
int swap_xy(double* x, double* y, void*) {
    std::swap(*x, *y);
    return 1;
}
}  // namespace

geo::GeomPtr Reprojector::apply(const geo::GeosContext& geos, const GEOSGeometry* g, const std::string& source,
                                const std::string& where) {
    check(geos, g, source, where);
    if (source == target_) return geos.clone(g);
    auto it = impl_->transforms.find(source);
    if (it == impl_->transforms.end()) {
        try {
            it = impl_->transforms.emplace(source, std::make_unique<geo::Transform>(source, target_)).first;
        } catch (const CrsError& e) {
            throw CrsError(where + "：" + e.text(false), where + ": " + e.text(true));
        }
    }
    try {
        return geo::transform_geometry(geos, g, *it->second);
    } catch (const CrsError&) {
        throw make_error<CrsError>("{}：选址无法从 {} 转换到 {}；请检查其坐标和坐标系",
                                   "{}: the site could not be transformed from {} to {}; check its coordinates "
                                   "and CRS",
                                   where, source, target_);
    }
}

geo::GeomPtr swap_axes(const geo::GeosContext& geos, const GEOSGeometry* g) {
    return geos.own(GEOSGeom_transformXY_r(geos.handle(), g, &swap_xy, nullptr), "axis swap");
}

}  // namespace site_detail

// ---------------------------------------------------------------------------------------------
// Angles and the command-line coordinate list.

namespace {

using site_detail::XY;

// Typed degree/minute/second marks and hemisphere words to the ASCII grammar of scan_angle:
// d ' " (or m s), hemisphere letters N S E W.
std::string normalize_typed(std::string_view text) {
    static const std::pair<std::string_view, std::string_view> kMarks[] = {
        {"\xC2\xB0", "d"},          // ° degree sign
        {"\xC2\xBA", "d"},          // º masculine ordinal (a common stand-in)
        {"\xCB\x9A", "d"},          // ˚ ring above
        {"\xE5\xBA\xA6", "d"},      // 度
        {"\xE5\x88\x86", "'"},      // 分
        {"\xE7\xA7\x92", "\""},     // 秒
        {"\xE2\x80\xB2", "'"},      // ′ prime
        {"\xE2\x80\xB3", "\""},     // ″ double prime
        {"\xE2\x80\x98", "'"},      // ‘
        {"\xE2\x80\x99", "'"},      // ’
        {"\xE2\x80\x9C", "\""},     // “
        {"\xE2\x80\x9D", "\""},     // ”
        {"\xE3\x80\x81", ","},     // 、 ideographic enumeration comma
        {"\xE4\xB8\x9C\xE7\xBB\x8F", "E"},  // 东经
        {"\xE8\xA5\xBF\xE7\xBB\x8F", "W"},  // 西经
        {"\xE5\x8C\x97\xE7\xBA\xAC", "N"},  // 北纬
        {"\xE5\x8D\x97\xE7\xBA\xAC", "S"},  // 南纬
    };
    const std::string ascii = site_detail::fold_fullwidth(text, true);
    std::string out;
    out.reserve(ascii.size());
    for (size_t i = 0; i < ascii.size();) {
        bool replaced = false;
        for (const auto& [from, to] : kMarks) {
            if (std::string_view(ascii).substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) out += ascii[i++];
    }
    return out;
}

bool is_separator(char c) { return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hemisphere(char c) { return c == 'N' || c == 'S' || c == 'E' || c == 'W'; }

struct Angle {
    double degrees = 0;
    char axis = 0;  // 'E' (longitude) or 'N' (latitude) when a hemisphere letter says so
};

// Unit rank of the mark at s[pos] (0 degrees, 1 minutes, 2 seconds) and its length; -1 if none.
int unit_at(const std::string& s, size_t pos, size_t& len) {
    len = 1;
    if (pos >= s.size()) return -1;
    switch (s[pos]) {
        case 'd': return 0;
        case 'm': return 1;
        case '\'':
            if (pos + 1 < s.size() && s[pos + 1] == '\'') {  // '' typed for ″
                len = 2;
                return 2;
            }
            return 1;
        case '"':
        case 's': return 2;
        default: return -1;
    }
}

// Read one angle starting at `pos` (not a separator).  On success `pos` is just past it.
bool scan_angle(const std::string& s, size_t& pos, Angle& out) {
    const size_t n = s.size();
    char hemi = 0;
    if (pos < n && is_hemisphere(s[pos])) {  // "N37d19'12""
        hemi = s[pos++];
        while (pos < n && s[pos] == ' ') ++pos;
    }
    bool negative = false;
    if (pos < n && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';

    double value = 0;
    int last_rank = -1;
    bool last_had_fraction = false;
    for (;;) {
        const size_t start = pos;
        while (pos < n && (is_digit(s[pos]) || s[pos] == '.')) ++pos;
        if (start == pos) return false;
        double number = 0;
        const auto [end, ec] = std::from_chars(s.data() + start, s.data() + pos, number);
        if (ec != std::errc() || end != s.data() + pos) return false;
        const bool fraction = s.find('.', start) < pos;

        size_t len = 1;
        int rank = unit_at(s, pos, len);
        const bool unitless = rank < 0;
        if (unitless) {
            rank = last_rank + 1;  // "106d12" → minutes, "106d12'36" → seconds
        } else {
            pos += len;
        }
        if (rank <= last_rank || rank > 2 || last_had_fraction) return false;
        if (rank > 0 && number >= 60) return false;
        value += number / std::pow(60.0, rank);
        last_rank = rank;
        last_had_fraction = fraction;
        if (unitless || rank == 2) break;
        if (pos < n && is_digit(s[pos])) continue;
        // "106° 12′ 36″": a space, then a smaller unit continues the same angle.
        size_t q = pos;
        while (q < n && s[q] == ' ') ++q;
        if (q == pos || q >= n || !is_digit(s[q])) break;
        size_t r = q;
        while (r < n && (is_digit(s[r]) || s[r] == '.')) ++r;
        size_t next_len = 1;
        const int next_rank = unit_at(s, r, next_len);
        if (next_rank <= last_rank) break;
        pos = q;
    }
    if (!hemi) {
        size_t q = pos;
        while (q < n && s[q] == ' ') ++q;
        if (q < n && is_hemisphere(s[q]) && (q + 1 == n || is_separator(s[q + 1]))) {
            hemi = s[q];
            pos = q + 1;
        }
    }
    if (hemi == 'S' || hemi == 'W') negative = true;
    out.degrees = negative ? -value : value;
    out.axis = (hemi == 'N' || hemi == 'S') ? 'N' : (hemi == 'E' || hemi == 'W') ? 'E' : 0;
    return true;
}

// Degrees for messages: six decimals (≈ 0.1 m), trailing zeros dropped.
std::string fmt_deg(double v) {
    std::string s = fmt::format("{:.6f}", v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::optional<double> parse_angle(std::string_view text, char* axis) {
    const std::string s = site_detail::trim(normalize_typed(text));
    size_t pos = 0;
    Angle a;
    if (s.empty() || !scan_angle(s, pos, a) || pos != s.size()) return std::nullopt;
    if (axis) *axis = a.axis;
    return a.degrees;
}

std::vector<SiteInput> parse_coordinate_list(const geo::GeosContext& geos, const std::string& text,
                                             const SiteParseOptions& options) {
    const std::string where = "command line";
    const std::string s = normalize_typed(text);
    // The messages below say where and how in both languages; `where` itself names the source in the reports.
    const Note at{"命令行", where};
    const Note example{"请写以空格分隔的“经度,纬度”对，如 \"106.21,37.32 106.25,37.32 106.25,37.35\"",
                       "give longitude,latitude pairs separated by spaces, e.g. \"106.21,37.32 106.25,37.32 "
                       "106.25,37.35\""};

    std::vector<Angle> values;
    for (size_t pos = 0;;) {
        while (pos < s.size() && is_separator(s[pos])) ++pos;
        if (pos >= s.size()) break;
        const size_t start = pos;
        Angle a;
        if (!scan_angle(s, pos, a) || (pos < s.size() && !is_separator(s[pos]))) {
            size_t end = start;
            while (end < s.size() && !is_separator(s[end])) ++end;
            throw make_error<UsageError>(
                "{0}：第 {2} 个坐标值“{3}”既不是数字也不是度分秒；请写十进制度（106.21）或度分秒（106°12'36\"E）；{4}",
                "{1}: coordinate value {2} '{3}' is not a number or a degrees-minutes-seconds angle; write "
                "decimal degrees (106.21) or DMS (106°12'36\"E); {5}",
                at.zh, at.en, values.size() + 1, s.substr(start, end - start), example.zh, example.en);
        }
        values.push_back(a);
    }
    if (values.empty()) {
        throw make_error<UsageError>("{0}：坐标列表为空；{2}", "{1}: the coordinate list is empty; {3}", at.zh, at.en,
                                     example.zh, example.en);
    }
    if (values.size() % 2 != 0) {
        throw make_error<UsageError>("{0}：坐标列表有 {2} 个值，是奇数——每个点都需要经度和纬度；{3}",
                                     "{1}: the coordinate list has {2} values, an odd number — every point needs a "
                                     "longitude and a latitude; {4}",
                                     at.zh, at.en, values.size(), example.zh, example.en);
    }

    SiteInput site;
    site.id = "site-1";
    site.source = where;
    std::vector<XY> pts;
    std::vector<size_t> swapped;
    for (size_t i = 0; i + 1 < values.size(); i += 2) {
        const Angle& a = values[i];
        const Angle& b = values[i + 1];
        const size_t pair = i / 2 + 1;
        if (a.axis && a.axis == b.axis) {
            throw make_error<UsageError>("{0}：第 {2} 个点有两个{3}值；请先写经度（E）再写纬度（N）",
                                         "{1}: point {2} has two {4} values; write longitude (E) then latitude (N)",
                                         at.zh, at.en, pair, a.axis == 'N' ? "纬度（N/S）" : "经度（E/W）",
                                         a.axis == 'N' ? "latitude (N/S)" : "longitude (E/W)");
        }
        bool lat_first = false;
        if (a.axis || b.axis) {
            lat_first = a.axis == 'N' || b.axis == 'E';
        } else {
            // China lies at 73–135°E, 3–54°N: a first value < 60 and a second > 70 is lat,lon.
            lat_first = a.degrees < 60 && b.degrees > 70;
        }
        XY p{lat_first ? b.degrees : a.degrees, lat_first ? a.degrees : b.degrees};
        if (lat_first) swapped.push_back(pair);
        if (std::fabs(p.x) > 180 || std::fabs(p.y) > 90) {
            throw make_error<UsageError>(
                "{0}：第 {2} 个点 ({3}, {4}) 不是以度为单位的经纬度；命令行只接受 CGCS2000 经纬度——投影坐标请写在带 "
                "crs 列的 "
                "WKT CSV 中",
                "{1}: point {2} ({3}, {4}) is not a longitude,latitude in degrees; the command line takes CGCS2000 "
                "lon,lat — put projected coordinates in a WKT CSV with a crs column",
                at.zh, at.en, pair, fmt_deg(a.degrees), fmt_deg(b.degrees));
        }
        pts.push_back(p);
    }
    if (!swapped.empty()) {
        if (swapped.size() == pts.size()) {
            site.notes.push_back(make_note("坐标按“纬度,经度”给出（首点 {},{}），已互换为“经度,纬度”",
                                           "the coordinates were given as latitude,longitude (first point {},{}); "
                                           "swapped to longitude,latitude",
                                           fmt_deg(pts[0].y), fmt_deg(pts[0].x)));
        } else {
            std::string list;
            for (size_t k : swapped) list += (list.empty() ? "" : ", ") + std::to_string(k);
            site.notes.push_back({fmt::format("第 {} 点按“纬度,经度”给出，已互换为“经度,纬度”", list),
                                  fmt::format("point{} {} given as latitude,longitude; swapped to longitude,latitude",
                                              swapped.size() == 1 ? "" : "s", list)});
        }
    }

    std::set<std::pair<double, double>> distinct;
    for (const XY& p : pts) distinct.insert({p.x, p.y});
    geo::GeomPtr g;
    if (distinct.size() == 1 && pts.size() <= 2) {
        g = site_detail::make_point(geos, pts[0]);
        site.notes.push_back({"只有一对坐标，选址按点读取", "a single coordinate pair: the site is read as a point"});
    } else if (pts.size() == 2) {
        g = site_detail::make_line(geos, pts);
        site.notes.push_back({"只有两对坐标，选址按线读取", "two coordinate pairs: the site is read as a line"});
    } else {
        if (pts.front() != pts.back()) {
            pts.push_back(pts.front());
            site.notes.push_back(make_note("边界未闭合，已重复首点（{},{}）使其闭合",
                                           "the ring was closed by repeating the first point ({},{})",
                                           fmt_deg(pts[0].x), fmt_deg(pts[0].y)));
        }
        if (distinct.size() < 3) {
            throw make_error<UsageError>("{0}：多边形只有 {2} 个不同的点；选址边界至少需要 3 个角点——{4}",
                                         "{1}: the polygon has only {2} distinct point{3}; a site boundary needs at "
                                         "least 3 corners — {5}",
                                         at.zh, at.en, distinct.size(), distinct.size() == 1 ? "" : "s", example.zh,
                                         example.en);
        }
        g = site_detail::make_polygon(geos, pts, {});
    }

    // The checks below name the site by `where`, "command line" as the reports say it; a Chinese
    // message says 命令行.
    auto chinese = [&](std::string zh) {
        if (zh.rfind(where + "：", 0) == 0) zh.replace(0, where.size(), at.zh);
        return zh;
    };
    site_detail::Reprojector to_working(options.working_crs);
    try {
        g = to_working.apply(geos, g.get(), fmt::format("EPSG:{}", geo::kCgcs2000Geographic), where);
    } catch (const CrsError& e) {
        throw CrsError(chinese(e.text(false)), e.text(true));
    }
    const int type = GEOSGeomTypeId_r(geos.handle(), g.get());
    if (type == GEOS_POLYGON) {
        const std::string unit = geo::describe_crs(options.working_crs).projected ? "m²" : "";
        try {
            g = site_detail::repair_polygonal(geos, std::move(g), where, unit, site.notes);
        } catch (const DataError& e) {
            // Typed on the command line: exit code 2, like any bad argument.
            throw UsageError(chinese(e.text(false)), e.text(true));
        }
    }
    site.geom = std::move(g);
    std::vector<SiteInput> out;
    out.push_back(std::move(site));
    return out;
}

}  // namespace ecozone::layers
