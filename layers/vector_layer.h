#pragma once
// A vector layer read into memory: geometries as GEOS objects in the working CRS, attributes
// decoded to UTF-8, and the reports a planner needs to trust it (source CRS, encoding used,
// repaired and empty geometries).
#include "geo/box_index.h"
#include "geo/crs.h"
#include "geo/geos_handle.h"
#include "layers/encoding.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ecozone::layers {

enum class FieldType { Integer, Real, String, Date, Other };
const char* to_string(FieldType type);

struct FieldDef {
    std::string name;
    FieldType type = FieldType::Other;
    std::string ogr_type;  // GDAL's own type name, for `info`
};

using AttrValue = std::variant<std::monostate, std::int64_t, double, std::string>;
// Text of a value as a planner would read it ("" for null).
std::string to_text(const AttrValue& value);

struct Feature {
    std::int64_t fid = 0;
    geo::GeomPtr geom;
    std::vector<AttrValue> attrs;  // parallel to VectorLayer::fields
    // geom's bounds as the reader found them (empty when unknown: use bounds_of).
    geo::GeosContext::Bounds bounds;
};

// A feature's bounds: as read, or measured when the feature was made without them.
geo::GeosContext::Bounds bounds_of(const Feature& f, const geo::GeosContext& geos);

struct Repair {
    std::int64_t fid = 0;
    std::string reason;  // GEOS's validity message, e.g. "Self-intersection[3 4]"
};

struct ValidityReport {
    std::vector<Repair> repaired;               // invalid, repaired with make-valid
    std::vector<std::int64_t> empty;            // null / empty geometry: skipped
    std::vector<std::int64_t> collapsed;        // invalid and nothing areal left after repair: skipped
};

struct Extent {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    bool empty = true;
    void expand(const Extent& o);
};

struct VectorLayer {
    std::string source;          // path or PG: connection string as given
    std::string layer_name;
    std::string driver;          // GDAL driver short name, e.g. "ESRI Shapefile"
    std::string geometry_type;   // OGR's name of the declared type, e.g. "Polygon"
    geo::CrsInfo source_crs;
    bool has_crs = true;         // false only when read with require_crs = false
    std::string working_crs;     // "EPSG:4544" (the CRS of `features`); source CRS if none asked
    Extent source_extent;        // in the source CRS
    Extent extent;               // in the working CRS
    std::vector<FieldDef> fields;
    std::vector<Feature> features;
    // Features skipped for an empty geometry or one that collapsed when repaired (geom null), with
    // their attributes: a sites layer lists them as sites that could not be screened.
    std::vector<Feature> skipped;
    std::int64_t features_in_source = 0;  // before skipping empties
    // Features left out because they lie wholly outside ReadOptions::window: in neither
    // `features` nor `skipped`, not checked for validity, not in `extent` (their coordinates
    // were checked and are in `source_extent`; their text counted towards the encoding).
    std::int64_t outside_window = 0;
    EncodingDecision encoding;
    ValidityReport validity;

    // Index of a field by name (exact, then case-insensitive); nullopt if absent.
    std::optional<size_t> field_index(const std::string& name) const;
    // Like field_index, but throws DataError naming the layer, the missing field, the fields
    // that exist and the project key to fix (`key`, e.g. "zone_field").
    size_t require_field(const std::string& name, const std::string& key) const;
};

struct ReadOptions {
    std::optional<std::string> layer_name;   // pick one layer of a multi-layer source
    std::optional<std::string> target_crs;   // reproject to it (e.g. "EPSG:4544")
    std::optional<std::string> encoding;     // force an attribute encoding (overrides detection)
    bool repair = true;                      // make invalid geometries valid
    // `info` describes a layer even without a CRS (and says so); analyses never accept one.
    bool require_crs = true;
    // Keep only the features whose bounds (in the working CRS) meet one of these boxes: a
    // screening needs the land-use polygons under its sites, not the other 149,000, and
    // building and validating their geometries is most of the cost of reading.  Null: all.
    std::shared_ptr<const geo::BoxIndex> window;
};

// Read a whole vector layer.  Throws IoError (cannot open), CrsError (missing / unknown CRS,
// coordinates that cannot be in that CRS) or DataError (truncated file, undecodable text),
// each naming the source and the feature.
VectorLayer read_vector(const geo::GeosContext& geos, const std::string& source,
                        const ReadOptions& options = {});

}  // namespace ecozone::layers
