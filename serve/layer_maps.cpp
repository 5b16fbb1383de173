#include "serve/layer_maps.h"

#include "geo/crs.h"
#include "geo/transform_geometry.h"
#include "layers/redact.h"
#include "serve/geojson_geometry.h"

#include <cmath>

namespace ecozone::serve {

namespace {

std::optional<layers::VectorRole> role_of_key(const layers::Catalogue& c, const std::string& key) {
    for (layers::VectorRole r : layers::all_vector_roles()) {
        if (key == layers::role_key(r) && c.vector(r)) return r;
    }
    return std::nullopt;
}

nlohmann::json crs_json(const geo::CrsInfo& crs) {
    return {{"epsg", crs.epsg ? nlohmann::json(*crs.epsg) : nlohmann::json()}, {"name", crs.name}};
}

// Which attributes a map shows: the field keys of names and codes, under the key the map reads.
// The field that classifies a layer (reserve zone, water-source level, unit type, receptor kind)
// is "class" as written, and "value" its canonical value.
constexpr std::pair<const char*, const char*> kMapFields[] = {
    {"name_field", "name"}, {"code_field", "code"}, {"zone_field", "class"},
    {"level_field", "class"}, {"type_field", "class"}, {"kind_field", "class"}};

}  // namespace

nlohmann::json layers_json(const layers::Catalogue& c, const layers::RuleList& rules) {
    nlohmann::json out;
    out["project"] = {{"name", c.project.name},
                      {"working_crs", {{"epsg", c.working.epsg}, {"name", c.working.name}}},
                      {"area_mode", c.project.area_mode}};
    out["layers"] = nlohmann::json::array();
    for (const auto& [role, layer] : c.vectors) {
        const layers::VectorLayerSpec* spec = c.project.vector(role);
        const std::string key = layers::role_key(role);
        out["layers"].push_back({{"role", key},
                                 {"label", layers::role_label(role, "zh")},
                                 {"label_en", layers::role_label(role, "en")},
                                 {"features", layer.features.size()},
                                 {"geometry_type", layer.geometry_type},
                                 {"crs", crs_json(layer.source_crs)},
                                 {"path", spec ? layers::redact_secrets(spec->path_as_written) : std::string()},
                                 {"geojson", "/api/layers/" + key + ".geojson"}});
    }
    out["categories"] = nlohmann::json::array();
    for (const auto& cat : rules.categories) {
        out["categories"].push_back(
            {{"id", cat.id}, {"name", cat.name}, {"name_en", cat.name_en}, {"examples", cat.examples}});
    }
    return out;
}

double pixel_metres(int zoom, double lat_deg) {
    constexpr double kEquator = 40075016.686;  // m, WGS84 / CGCS2000 semi-major axis × 2π
    constexpr double kPi = 3.14159265358979323846;
    return kEquator * std::cos(lat_deg * kPi / 180.0) / (256.0 * std::ldexp(1.0, zoom));
}

std::shared_ptr<const std::string> LayerMaps::geojson(const std::string& key, int zoom, const geo::GeosContext& geos) {
    const std::optional<layers::VectorRole> role = role_of_key(catalogue_, key);
    if (!role) return nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = cache_.find({*role, zoom}); it != cache_.end()) return it->second;
    }
    // Made outside the lock: two first requests for one layer may both make it, never wait on each other.
    auto made = std::make_shared<const std::string>(make(*role, zoom, geos));
    std::lock_guard<std::mutex> lock(mutex_);
    return cache_.emplace(std::make_pair(*role, zoom), std::move(made)).first->second;
}

std::string LayerMaps::make(layers::VectorRole role, int zoom, const geo::GeosContext& geos) const {
    const layers::VectorLayer& layer = *catalogue_.vector(role);
    const layers::VectorLayerSpec* spec = catalogue_.project.vector(role);
    const geo::Transform to_lonlat(catalogue_.working.definition, fmt::format("EPSG:{}", geo::kCgcs2000Geographic));
    // The tolerance is taken at the layer's middle latitude: within a county it hardly varies.
    double mid_x = (layer.extent.minx + layer.extent.maxx) / 2, mid_lat = (layer.extent.miny + layer.extent.maxy) / 2;
    if (!layer.extent.empty) to_lonlat.forward(mid_x, mid_lat);
    const double tolerance = pixel_metres(zoom, layer.extent.empty ? 0.0 : mid_lat);

    std::vector<std::pair<const char*, size_t>> fields;  // output key, field index
    std::optional<size_t> value_field;
    for (const auto& [field_key, out_key] : kMapFields) {
        if (!spec) break;
        const auto name = spec->fields.find(field_key);
        if (name == spec->fields.end()) continue;
        if (auto i = layer.field_index(name->second)) {
            fields.emplace_back(out_key, *i);
            if (field_key == layers::role_spec(role).value_field_key) value_field = *i;
        }
    }
    nlohmann::json features = nlohmann::json::array();
    for (const layers::Feature& f : layer.features) {
        // Topology-preserving: a simplified ring never crosses itself or its neighbours' holes.
        geo::GeomPtr simple =
            geos.own(GEOSTopologyPreserveSimplify_r(geos.handle(), f.geom.get(), tolerance), "simplify for the map");
        if (geos.is_empty(simple.get())) continue;
        geo::GeomPtr lonlat = geo::transform_geometry(geos, simple.get(), to_lonlat);
        nlohmann::json props = nlohmann::json::object();
        for (const auto& [out_key, i] : fields) props[out_key] = layers::to_text(f.attrs[i]);
        if (value_field) {
            const std::string raw = layers::to_text(f.attrs[*value_field]);
            const auto canonical = spec->values.find(raw);
            props["value"] = canonical == spec->values.end() ? raw : canonical->second;
        }
        features.push_back({{"type", "Feature"},
                            {"id", f.fid},
                            {"properties", std::move(props)},
                            {"geometry", geometry_json(geos, lonlat.get())}});
    }
    const nlohmann::json out = {{"type", "FeatureCollection"},
                                {"role", layers::role_key(role)},
                                {"zoom", zoom},
                                {"tolerance_m", std::round(tolerance * 100) / 100},
                                {"features", std::move(features)}};
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ecozone::serve
