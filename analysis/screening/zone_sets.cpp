#include "analysis/screening/zone_sets.h"

#include "analysis/zones.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ecozone::analysis::screening {

using layers::VectorRole;

namespace {

constexpr int kTileAbove = 256;  // vertices: a feature this large is cut to the site's box first

// The layers a screening reads: zones that rules name, features distances measure to, and the
// administrative units that locate a site.
constexpr VectorRole kScreenedRoles[] = {
    VectorRole::Redline,       VectorRole::ReserveZones,    VectorRole::WaterSources,      VectorRole::Farmland,
    VectorRole::UrbanBoundary, VectorRole::IndustrialParks, VectorRole::ControlUnits,      VectorRole::Receptors,
    VectorRole::Rivers,        VectorRole::WetlandParks,    VectorRole::ImportantWetlands, VectorRole::Townships,
    VectorRole::Villages};

// A numeric attribute (a number, or text holding one); NaN otherwise.
double number_or_nan(const layers::AttrValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* s = std::get_if<std::string>(&v)) {
        try {
            size_t used = 0;
            const double d = std::stod(*s, &used);
            return used == s->size() ? d : NAN;
        } catch (const std::exception&) {
            return NAN;
        }
    }
    return NAN;
}

std::string canonical(const layers::VectorLayerSpec& spec, const std::string& raw) {
    if (spec.values.empty()) return raw;
    auto it = spec.values.find(raw);
    return it == spec.values.end() ? raw : it->second;
}

}  // namespace

bool ZoneSet::any_areal() const {
    return std::any_of(features.begin(), features.end(), [](const ZoneFeature& f) { return f.areal; });
}

ZoneSets::ZoneSets(const layers::Catalogue& c, const geo::GeosContext& geos)
    : geos_(geos),
      district_(union_of(&c.require(VectorRole::District, "screening"), geos)),
      district_prepared_(geos.prepare(district_.get())) {
    for (VectorRole role : kScreenedRoles) add_layer(c, role);
    if (c.vector(VectorRole::RiverBuffers)) {
        supplied_belts(c);
    } else {
        build_belts(c);
    }
}

ZoneFeature ZoneSets::prepared(const GEOSGeometry* g) const {
    ZoneFeature z;
    z.geom = g;
    const int t = GEOSGeomTypeId_r(geos_.handle(), g);
    z.areal = t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
    z.prepared = geos_.prepare(g);
    z.bounds = geos_.bounds(g);
    z.large = z.areal && GEOSGetNumCoordinates_r(geos_.handle(), g) > kTileAbove;
    return z;
}

void ZoneSets::add_layer(const layers::Catalogue& c, VectorRole role) {
    const layers::VectorLayer* layer = c.vector(role);
    if (!layer) return;
    const layers::VectorLayerSpec& spec = *c.project.vector(role);
    const layers::RoleSpec& rs = layers::role_spec(role);
    std::optional<size_t> value_idx, name_idx, code_idx;
    if (!rs.value_field_key.empty() && spec.fields.count(rs.value_field_key)) {
        value_idx = layer->require_field(spec.fields.at(rs.value_field_key), rs.value_field_key);
    }
    if (spec.fields.count("name_field")) name_idx = layer->require_field(spec.fields.at("name_field"), "name_field");
    if (spec.fields.count("code_field")) code_idx = layer->require_field(spec.fields.at("code_field"), "code_field");
    ZoneSet set;
    set.key = role == VectorRole::Rivers ? "river_lines" : layers::role_key(role);
    for (const auto& f : layer->features) {
        ZoneFeature z = prepared(f.geom.get());
        if (value_idx) z.value = canonical(spec, layers::to_text(f.attrs[*value_idx]));
        z.name = name_idx ? layers::to_text(f.attrs[*name_idx]) : fmt::format("#{}", f.fid);
        z.label = code_idx ? layers::to_text(f.attrs[*code_idx]) + " " + z.name : z.name;
        set.features.push_back(std::move(z));
    }
    layers_.emplace(role, std::move(set));
}

// River ecological buffer belts: each river line buffered by its configured width.
void ZoneSets::build_belts(const layers::Catalogue& c) {
    const ZoneSet* lines = layer(VectorRole::Rivers);
    if (!lines) return;
    const layers::VectorLayerSpec& spec = *c.project.vector(VectorRole::Rivers);
    const layers::VectorLayer& layer = *c.vector(VectorRole::Rivers);
    std::optional<size_t> width_idx;
    if (spec.fields.count("width_field")) width_idx = layer.require_field(spec.fields.at("width_field"), "width_field");
    ZoneSet belts;
    belts.key = "river_belts";
    for (size_t i = 0; i < lines->features.size(); ++i) {
        const ZoneFeature& river = lines->features[i];
        // The width of a river's belt: named in [layers.rivers.buffer_m], else the feature's own
        // width field, else default_buffer_m.
        double width = spec.default_buffer_m.value_or(0.0);
        if (width_idx) {
            if (auto w = number_or_nan(layer.features[i].attrs[*width_idx]); w > 0) width = w;
        }
        if (auto w = spec.buffer_m.find(river.name); w != spec.buffer_m.end()) width = w->second;
        if (!(width > 0)) continue;
        owned_.push_back(geos_.own(GEOSBuffer_r(geos_.handle(), river.geom, width, 16), "river belt"));
        ZoneFeature z = prepared(owned_.back().get());
        z.name = river.name;
        z.label = fmt::format("{} ({:g} m)", river.name, width);
        belt_list_.push_back({river.name, width, z.geom});
        belts.features.push_back(std::move(z));
    }
    if (!belts.features.empty()) belts_ = std::move(belts);
}

// A county's own belt polygons ([layers.river_buffers]), named by their river.
void ZoneSets::supplied_belts(const layers::Catalogue& c) {
    const layers::VectorLayer& layer = *c.vector(VectorRole::RiverBuffers);
    const layers::VectorLayerSpec& spec = *c.project.vector(VectorRole::RiverBuffers);
    std::optional<size_t> name_idx, width_idx;
    if (spec.fields.count("name_field")) name_idx = layer.require_field(spec.fields.at("name_field"), "name_field");
    if (spec.fields.count("width_field")) width_idx = layer.require_field(spec.fields.at("width_field"), "width_field");
    ZoneSet belts;
    belts.key = "river_belts";
    for (const auto& f : layer.features) {
        ZoneFeature z = prepared(f.geom.get());
        if (!z.areal) continue;  // `check` reports non-polygonal belts
        z.name = name_idx ? layers::to_text(f.attrs[*name_idx]) : fmt::format("#{}", f.fid);
        // Informative only: the polygon is the belt.
        const double w = width_idx ? number_or_nan(f.attrs[*width_idx]) : 0.0;
        const double width = w > 0 ? w : 0.0;
        z.label = width > 0 ? fmt::format("{} ({:g} m)", z.name, width) : z.name;
        belt_list_.push_back({z.name, width, z.geom});
        belts.features.push_back(std::move(z));
    }
    if (!belts.features.empty()) belts_ = std::move(belts);
}

const ZoneSet* ZoneSets::layer(VectorRole role) const {
    auto it = layers_.find(role);
    return it == layers_.end() ? nullptr : &it->second;
}

const ZoneSet* ZoneSets::for_rule(VectorRole zone) const {
    if (zone == VectorRole::Rivers) return belts();
    return layer(zone);
}

std::string ZoneSets::missing_for_rule(VectorRole zone) const {
    if (for_rule(zone)) return "";
    if (zone == VectorRole::Rivers) return layers::role_key(VectorRole::RiverBuffers);
    return layers::role_key(zone);
}

}  // namespace ecozone::analysis::screening
