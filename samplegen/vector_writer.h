#pragma once
// Writing vector layers through GDAL/OGR from GEOS geometries.
//
// Shapefiles come in two flavours: UTF-8 with a .cpg (the modern default), and the way Chinese
// county data actually arrives — GBK (code page 936) attributes, no .cpg, and a DBF language
// driver byte that does not name the code page.  The DBF header date is fixed so that the same
// seed gives byte-identical files.
#include "samplegen/shapes.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <variant>
#include <vector>

namespace ecozone::samplegen {

enum class FieldKind { String, Integer, Real };
struct FieldDef {
    std::string name;
    FieldKind kind;
    int width;
    int precision = 0;
};
using FieldValue = std::variant<std::string, long long, double>;

enum class DbfEncoding { Utf8, GbkNoCpg };

// LDID written into GBK shapefiles: 0x57 = "ANSI" — the system code page, as ArcGIS writes it
// on Chinese Windows; it does not say which code page, so readers must detect GBK from the bytes.
inline constexpr unsigned char kGbkLdid = 0x57;
// Fixed DBF "last update" date (header bytes 1-3) for reproducible files.
inline constexpr const char* kDbfDate = "2025-09-30";

class VectorWriter {
public:
    static VectorWriter shapefile(const std::string& dir, const std::string& basename,
                                  OGRwkbGeometryType type, const std::vector<FieldDef>& fields,
                                  DbfEncoding encoding = DbfEncoding::Utf8);
    static VectorWriter geopackage(const std::string& path, const std::string& layer_name,
                                   OGRwkbGeometryType type, const std::vector<FieldDef>& fields);
    VectorWriter(VectorWriter&&) noexcept = default;
    VectorWriter& operator=(VectorWriter&&) noexcept = default;

    void begin_transaction();
    void commit_transaction();
    void add(const GeosContext& geos, const GEOSGeometry* g, const std::vector<FieldValue>& values);
    // Flush and close; for GBK shapefiles also removes the .cpg and patches the LDID byte.
    void close();
    size_t count() const { return count_; }

private:
    VectorWriter() = default;
    GDALDatasetUniquePtr ds_;
    OGRLayer* layer_ = nullptr;
    std::string path_;      // .shp or .gpkg
    std::string basename_;  // for shapefiles: dir/basename (no extension)
    DbfEncoding encoding_ = DbfEncoding::Utf8;
    bool shapefile_ = false;
    size_t count_ = 0;
    std::vector<FieldDef> fields_;
    OGRSpatialReference srs_;
};

// Remove a shapefile's components (or any single file) so that a run starts clean.
void remove_shapefile(const std::string& dir, const std::string& basename);

}  // namespace ecozone::samplegen
