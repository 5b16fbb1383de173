#include "serve/geojson_sites.h"

#include "geo/crs.h"
#include "geo/errors.h"
#include "layers/site_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

namespace ecozone::serve {

namespace {

using layers::Note;
using nlohmann::json;

struct ReaderDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeoJSONReader* r) const noexcept { GEOSGeoJSONReader_destroy_r(handle, r); }
};
using ReaderPtr = std::unique_ptr<GEOSGeoJSONReader, ReaderDeleter>;

const Note kExample{"例如 {\"type\":\"Feature\",\"properties\":{\"category\":\"光伏\"},\"geometry\":{\"type\":\"Polygon\","
                    "\"coordinates\":[[[106.21,37.32],[106.25,37.32],[106.25,37.35],[106.21,37.32]]]}}",
                    "e.g. {\"type\":\"Feature\",\"properties\":{\"category\":\"pv_wind\"},\"geometry\":{\"type\":"
                    "\"Polygon\",\"coordinates\":[[[106.21,37.32],[106.25,37.32],[106.25,37.35],[106.21,37.32]]]}}"};

// The text of a JSON scalar a person may have written as a string or a number; "" for anything else.
std::string scalar_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number()) return v.dump();
    return "";
}

// Legacy GeoJSON (2008) could name another CRS; only longitude/latitude on CGCS2000 or WGS84 is read.
void check_crs_member(const json& root) {
    const auto it = root.find("crs");
    if (it == root.end() || it->is_null()) return;
    std::string name;
    if (it->is_object() && it->contains("properties") && (*it)["properties"].is_object()) {
        name = scalar_text((*it)["properties"].value("name", json()));
    }
    for (const char* ok : {"4490", "4326", "CRS84"}) {
        if (name.find(ok) != std::string::npos) return;
    }
    throw make_error<UsageError>("GeoJSON 的 crs “{}”不是经纬度：请用 CGCS2000（EPSG:4490）或 WGS84 经纬度（RFC 7946）",
                                 "the GeoJSON's crs '{}' is not longitude/latitude: give CGCS2000 (EPSG:4490) or "
                                 "WGS84 longitude/latitude (RFC 7946)",
                                 name.empty() ? it->dump() : name);
}

class FeatureReader {
public:
    FeatureReader(const geo::GeosContext& geos, const layers::Catalogue& c, const layers::RuleList& rules,
                  layers::site_detail::Reprojector& to_working)
        : geos_(geos),
          catalogue_(c),
          rules_(rules),
          to_working_(to_working),
          reader_(GEOSGeoJSONReader_create_r(geos.handle()), ReaderDeleter{geos.handle()}) {
        if (!reader_) throw GeometryError("GEOS 无法创建 GeoJSON 读取器", "GEOS could not create a GeoJSON reader");
    }

    void read(const json& feature, size_t n, GeojsonSites& out) {
        where_ = {fmt::format("第 {} 个要素", n), fmt::format("feature {}", n)};
        if (!feature.is_object() || feature.value("type", json()) != "Feature") {
            throw make_error<UsageError>("{0}：不是 GeoJSON Feature（须有 \"type\": \"Feature\"）",
                                         "{1}: not a GeoJSON Feature (it needs \"type\": \"Feature\")", where_.zh,
                                         where_.en);
        }
        const json no_properties = json::object();
        const json& props = feature.contains("properties") && feature["properties"].is_object()
                                ? feature["properties"]
                                : no_properties;
        analysis::SiteSpec s;
        s.id = scalar_text(props.value("id", json()));
        if (s.id.empty()) s.id = scalar_text(feature.value("id", json()));
        if (s.id.empty()) s.id = fmt::format("site-{}", n);
        s.name = scalar_text(props.value("name", json()));
        if (s.name.empty()) s.name = s.id;
        s.type_label = scalar_text(props.value("type", json()));
        s.source = where_.en;
        s.category = category(scalar_text(props.value("category", json())))->id;
        out.geoms.push_back(geometry(feature.value("geometry", json()), s.notes));
        s.geom = out.geoms.back().get();
        out.specs.push_back(std::move(s));
    }

private:
    // The rules file's category for a person's word, through the project's sites value map.
    const layers::Category* category(const std::string& word) {
        if (word.empty()) {
            throw make_error<UsageError>("{0}：properties.category 缺失；请写项目类别（已有：{2}）",
                                         "{1}: properties.category is missing; name the project category (known: {2})",
                                         where_.zh, where_.en, rules_.known_categories());
        }
        std::string mapped = word;
        if (const layers::VectorLayerSpec* spec = catalogue_.project.vector(layers::VectorRole::Sites)) {
            if (auto it = spec->values.find(word); it != spec->values.end()) mapped = it->second;
        }
        const layers::Category* cat = rules_.resolve_category(mapped);
        if (!cat) {
            throw make_error<UsageError>("{0}：无法识别的项目类别“{2}”；请写规则文件中的类别编号或名称：{3}",
                                         "{1}: unknown project category '{2}'; give an id or a name of the rules "
                                         "file: {3}",
                                         where_.zh, where_.en, word, rules_.known_categories());
        }
        return cat;
    }

    geo::GeomPtr geometry(const json& g, std::vector<Note>& notes) {
        static const std::set<std::string> kSiteTypes = {"Point",   "MultiPoint",   "LineString", "MultiLineString",
                                                         "Polygon", "MultiPolygon"};
        if (g.is_null()) {
            throw make_error<UsageError>("{0}：没有几何（geometry 为空）；请给出选址的范围。{2}",
                                         "{1}: no geometry (geometry is null); give the site's outline. {3}", where_.zh,
                                         where_.en, kExample.zh, kExample.en);
        }
        const std::string type = g.is_object() ? scalar_text(g.value("type", json())) : "";
        if (!kSiteTypes.count(type)) {
            throw make_error<UsageError>("{0}：几何类型“{2}”不能作为选址；请给出 Polygon 或 MultiPolygon（或 Point、"
                                         "LineString）",
                                         "{1}: a geometry of type '{2}' cannot be a site; give a Polygon or "
                                         "MultiPolygon (or a Point or LineString)",
                                         where_.zh, where_.en, type);
        }
        GEOSGeometry* raw = GEOSGeoJSONReader_readGeometry_r(geos_.handle(), reader_.get(), g.dump().c_str());
        if (!raw) {
            throw make_error<UsageError>("{0}：几何无法读取（{2}）；{3}", "{1}: the geometry cannot be read ({2}); {4}",
                                         where_.zh, where_.en, geos_.last_error(), kExample.zh, kExample.en);
        }
        geo::GeomPtr lonlat = geos_.own(raw, "GeoJSON geometry");
        if (geos_.is_empty(lonlat.get())) {
            throw make_error<UsageError>("{0}：几何为空；请给出选址的坐标", "{1}: the geometry is empty; give the site's "
                                         "coordinates", where_.zh, where_.en);
        }
        const std::string source = fmt::format("EPSG:{}", geo::kCgcs2000Geographic);
        geo::GeomPtr working;
        try {
            working = to_working_.apply(geos_, lonlat.get(), source, where_.en);
            notes.push_back(layers::make_note("GeoJSON 经纬度按 CGCS2000（{}）读取，已重投影至 {}",
                                              "GeoJSON longitude/latitude read as CGCS2000 ({}) and reprojected to {}",
                                              source, to_working_.target()));
            if (type == "Polygon" || type == "MultiPolygon") {
                working = layers::site_detail::repair_polygonal(geos_, std::move(working), where_.en, "m²", notes);
            }
        } catch (const CrsError& e) {
            throw CrsError(chinese(e.text(false)), e.text(true));
        } catch (const DataError& e) {
            throw DataError(chinese(e.text(false)), e.text(true));
        }
        return working;
    }

    // The readers name the place in English in both languages; the Chinese message names it in Chinese.
    std::string chinese(std::string zh) const {
        if (zh.rfind(where_.en, 0) == 0) zh.replace(0, where_.en.size(), where_.zh);
        return zh;
    }

    const geo::GeosContext& geos_;
    const layers::Catalogue& catalogue_;
    const layers::RuleList& rules_;
    layers::site_detail::Reprojector& to_working_;
    ReaderPtr reader_;
    Note where_;
};

}  // namespace

GeojsonSites read_geojson_sites(const geo::GeosContext& geos, const std::string& text,
                                const layers::Catalogue& catalogue, const layers::RuleList& rules,
                                layers::site_detail::Reprojector& to_working) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        throw make_error<UsageError>("请求体不是合法的 JSON（{}）", "the request body is not valid JSON ({})", e.what());
    }
    const std::string type = root.is_object() ? scalar_text(root.value("type", json())) : "";
    std::vector<const json*> features;
    if (type == "Feature") {
        features.push_back(&root);
    } else if (type == "FeatureCollection" && root.contains("features") && root["features"].is_array()) {
        for (const json& f : root["features"]) features.push_back(&f);
    } else {
        throw make_error<UsageError>("请求体须为 GeoJSON Feature 或 FeatureCollection（而不是 “{0}”）；{1}",
                                     "the request body must be a GeoJSON Feature or FeatureCollection (not '{0}'); {2}",
                                     type.empty() ? root.type_name() : type, kExample.zh, kExample.en);
    }
    if (features.empty()) {
        throw UsageError("FeatureCollection 中没有要素；请至少给出一个选址",
                         "the FeatureCollection has no features; give at least one site");
    }
    check_crs_member(root);
    FeatureReader reader(geos, catalogue, rules, to_working);
    GeojsonSites out;
    for (size_t i = 0; i < features.size(); ++i) reader.read(*features[i], i + 1, out);
    return out;
}

}  // namespace ecozone::serve
