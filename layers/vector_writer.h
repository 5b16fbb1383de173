#pragma once
// Writing result layers (GeoPackage; also "ESRI Shapefile" and "GeoJSON" by driver name) from
// GEOS geometries and typed attributes.
//
// The mirror of read_vector: analysis code hands over GEOS geometries and AttrValues, and the
// GDAL handles, transactions and GDAL's messages stay inside this file.  Write to an
// OutputSet::temp_path so that a failed run leaves no half-written GeoPackage.
#include "geo/geos_handle.h"
#include "layers/gdal_handle.h"
#include "layers/vector_layer.h"

#include <string>
#include <vector>

namespace ecozone::layers {

struct OutputField {
    std::string name;
    FieldType type = FieldType::String;  // Integer (64-bit), Real or String
    // Human label, e.g. "湿地面积（公顷）"; set as the field's alternative name.  A GeoPackage keeps
    // it as gpkg_data_columns.name, where QGIS and GDAL >= 3.7 read it (GDAL 3.6 ignores it on
    // reading); Shapefile and GeoJSON cannot store it.  Unique within a layer.
    std::string alias;
};

struct OutputFeature {
    const GEOSGeometry* geom = nullptr;  // not owned; null for a feature without geometry
    std::vector<AttrValue> values;       // parallel to the layer's fields; monostate = null
};

class VectorWriter {
public:
    // Creates the dataset, replacing an existing file at `path`.  The CRS of every layer is
    // EPSG:`epsg` (traditional GIS axis order).  IoError when the dataset cannot be created,
    // CrsError for an unknown EPSG code.
    VectorWriter(const std::string& path, const std::string& driver, int epsg);
    // Closes without reporting errors (a destructor must not throw): call close() to know.
    ~VectorWriter();
    VectorWriter(const VectorWriter&) = delete;
    VectorWriter& operator=(const VectorWriter&) = delete;

    // Creates layer `name` and writes `features` in one transaction (one commit instead of one
    // per feature: orders of magnitude faster in SQLite).  A polygon is promoted to a
    // multipolygon (likewise line and point) when `type` is the multi type.
    // std::invalid_argument, before anything is written, for a value count or value type that
    // does not match the fields, a repeated alias, or a geometry of another type.  IoError naming
    // the file, layer and feature when GDAL refuses or alters a value (a warning while writing
    // a feature); the dataset is then unusable: discard it (OutputSet does).
    void add_layer(const std::string& name, OGRwkbGeometryType type, const std::vector<OutputField>& fields,
                   const std::vector<OutputFeature>& features, const geo::GeosContext& geos);

    // Flushes and closes the dataset; IoError when GDAL reports an error while doing so.
    void close();

private:
    std::string path_;
    GDALDatasetUniquePtr ds_;
    SrsPtr srs_;
};

}  // namespace ecozone::layers
