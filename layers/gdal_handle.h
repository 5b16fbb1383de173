#pragma once
// RAII for GDAL/OGR handles, and a scoped capture of GDAL's error messages.
//
// GDAL's own types cover most handles (GDALDatasetUniquePtr, OGRFeatureUniquePtr,
// OGRGeometryUniquePtr).  What they do not cover is GDAL's habit of printing warnings and
// errors straight to stderr: GdalErrorCapture routes them, for its scope, into a list that
// our errors quote, so a user sees one clear line instead of GDAL's noise plus ours.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

namespace ecozone::layers {

// Register GDAL drivers once; safe to call repeatedly (GDAL guards it internally).
void ensure_gdal_registered();

// While alive, SQLite files (GeoPackages) this thread creates or opens do not fsync
// (OGR_SQLITE_SYNCHRONOUS=OFF, read by GDAL when the file is opened).  For output files written
// into an output set's stage only: durability there comes from the set's commit, and a stage a
// crash leaves behind is never committed, so the ~60 fsyncs of an audit's GeoPackages (20–40 ms)
// protected nothing.  Never for files a user keeps editing in place (a register under review).
class UnsyncedSqliteScope {
public:
    UnsyncedSqliteScope();
    ~UnsyncedSqliteScope();
    UnsyncedSqliteScope(const UnsyncedSqliteScope&) = delete;
    UnsyncedSqliteScope& operator=(const UnsyncedSqliteScope&) = delete;

private:
    bool had_value_ = false;
    std::string previous_;
};

class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    struct Message {
        CPLErr level;
        int code;
        std::string text;
    };
    const std::vector<Message>& messages() const noexcept { return messages_; }
    // The last error-level (CE_Failure / CE_Fatal) message, or the last warning, or "".
    std::string last() const;

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum code, const char* text);
    std::vector<Message> messages_;
};

// Open a vector source (file path or "PG:..." connection string) read-only.
// Throws IoError naming the source and GDAL's explanation.
GDALDatasetUniquePtr open_vector(const std::string& source,
                                 const std::vector<std::string>& open_options = {});
// Open a raster read-only; throws IoError.
GDALDatasetUniquePtr open_raster(const std::string& path);

// What a path holds, decided by GDAL's drivers (a GeoPackage with feature tables is a vector
// source even if it also has tiles).
enum class SourceKind { Vector, Raster };
// Throws IoError when no driver can open it.
SourceKind probe_source(const std::string& source);

// OGR spatial reference with our axis-order rule (see geo/crs.h): traditional GIS order.
struct SrsDeleter {
    void operator()(OGRSpatialReference* s) const noexcept;
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsDeleter>;
SrsPtr make_srs_from_epsg(int epsg);
SrsPtr clone_srs(const OGRSpatialReference& srs);
// WKT2 text of a spatial reference, for handing to PROJ (geo::Transform / describe_crs).
std::string srs_to_wkt(const OGRSpatialReference& srs);

}  // namespace ecozone::layers
