#include "layers/gdal_handle.h"

#include "layers/note.h"
#include "layers/redact.h"

#include "geo/errors.h"

#include <cpl_conv.h>
#include <fmt/format.h>

#include <cctype>

#include <cstdint>
#include <mutex>

namespace ecozone::layers {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Rasters are streamed band by band and each block is read once: GDAL's default block
        // cache (5 % of RAM) would only make memory grow with the raster.  A user's explicit
        // GDAL_CACHEMAX still wins.
        if (!CPLGetConfigOption("GDAL_CACHEMAX", nullptr)) GDALSetCacheMax64(std::int64_t{64} << 20);
    });
}

namespace {
constexpr const char* kSqliteSync = "OGR_SQLITE_SYNCHRONOUS";
}

UnsyncedSqliteScope::UnsyncedSqliteScope() {
    if (const char* v = CPLGetThreadLocalConfigOption(kSqliteSync, nullptr)) {
        had_value_ = true;
        previous_ = v;
    }
    CPLSetThreadLocalConfigOption(kSqliteSync, "OFF");
}

UnsyncedSqliteScope::~UnsyncedSqliteScope() {
    CPLSetThreadLocalConfigOption(kSqliteSync, had_value_ ? previous_.c_str() : nullptr);
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum code, const char* text) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self && level != CE_Debug) self->messages_.push_back({level, code, text ? text : ""});
}

std::string GdalErrorCapture::last() const {
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
        if (it->level >= CE_Failure) return it->text;
    }
    return messages_.empty() ? std::string() : messages_.back().text;
}

static std::vector<const char*> to_c_list(const std::vector<std::string>& items) {
    std::vector<const char*> out;
    for (const auto& s : items) out.push_back(s.c_str());
    out.push_back(nullptr);
    return out;
}

GDALDatasetUniquePtr open_vector(const std::string& source,
                                 const std::vector<std::string>& open_options) {
    ensure_gdal_registered();
    GdalErrorCapture capture;
    auto opts = to_c_list(open_options);
    GDALDatasetUniquePtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                              nullptr, opts.data(), nullptr));
    if (!ds) {
        // The fix depends on what the source is: a database, a shapefile with its parts, a file.
        const std::string why = redact_secrets(capture.last());
        std::string lower = source.substr(0, 3);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool shp = source.size() > 4 && (source.compare(source.size() - 4, 4, ".shp") == 0 ||
                                               source.compare(source.size() - 4, 4, ".SHP") == 0);
        const Note fix =
            lower == "pg:" ? Note{"请检查主机、端口、数据库、用户名以及数据库服务是否在运行",
                                  "check the host, port, database, user and that the server is running"}
            : shp ? Note{"请检查路径，以及 Shapefile 的各部分文件（.shp、.shx、.dbf、.prj）是否齐全",
                         "check the path and that every part of the shapefile (.shp, .shx, .dbf, .prj) is there"}
                  : Note{"请检查路径，以及文件是否完整、是否为 GDAL 能读取的格式",
                         "check the path and that the file is complete and in a format GDAL reads"};
        throw make_error<IoError>("{0}：无法作为矢量图层打开（{1}）；{3}",
                                  "{0}: cannot open as a vector layer ({2}); {4}", redact_secrets(source),
                                  why.empty() ? "没有 GDAL 驱动能识别它" : why,
                                  why.empty() ? "no GDAL driver recognises it" : why, fix.zh, fix.en);
    }
    return ds;
}

GDALDatasetUniquePtr open_raster(const std::string& path) {
    ensure_gdal_registered();
    GdalErrorCapture capture;
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) {
        const std::string why = capture.last();
        throw make_error<IoError>("{0}：无法作为栅格打开（{1}）；请检查路径和格式",
                                  "{0}: cannot open as a raster ({2}); check the path and format", path,
                                  why.empty() ? "没有 GDAL 驱动能识别它" : why,
                                  why.empty() ? "no GDAL driver recognises it" : why);
    }
    return ds;
}

SourceKind probe_source(const std::string& source) {
    // A PostgreSQL connection is read as vector tables: probing it as a raster too makes
    // GDAL's PostGIS Raster driver fail on databases without the postgis_raster extension.
    if (source.rfind("PG:", 0) == 0) return SourceKind::Vector;
    ensure_gdal_registered();
    GdalErrorCapture capture;
    GDALDatasetUniquePtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_READONLY,
                                              nullptr, nullptr, nullptr));
    if (!ds) {
        const std::string why = capture.last();
        throw make_error<IoError>(
            "{0}：无法打开（{1}）；请检查路径；如果是 Shapefile，请检查 .shp、.shx 和 .dbf 是否齐全",
            "{0}: cannot open ({2}); check the path, and for a shapefile that its "
            ".shp, .shx and .dbf are all there",
            source, why.empty() ? "没有 GDAL 驱动能识别它" : why, why.empty() ? "no GDAL driver recognises it" : why);
    }
    if (ds->GetLayerCount() > 0 || ds->GetRasterCount() == 0) return SourceKind::Vector;
    return SourceKind::Raster;
}

void SrsDeleter::operator()(OGRSpatialReference* s) const noexcept {
    if (s) s->Release();
}

SrsPtr make_srs_from_epsg(int epsg) {
    SrsPtr srs(new OGRSpatialReference());
    // Traditional GIS order (x = easting/longitude): the one axis rule, see geo/crs.h.
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    GdalErrorCapture capture;
    if (srs->importFromEPSG(epsg) != OGRERR_NONE) {
        throw make_error<CrsError>("EPSG:{} 不是已知的坐标系；请使用 CGCS2000 的代码，如 4490 或 4544",
                                   "EPSG:{} is not a known coordinate reference system; use a "
                                   "CGCS2000 code such as 4490 or 4544",
                                   epsg);
    }
    return srs;
}

SrsPtr clone_srs(const OGRSpatialReference& srs) {
    SrsPtr out(srs.Clone());
    out->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return out;
}

std::string srs_to_wkt(const OGRSpatialReference& srs) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

}  // namespace ecozone::layers
