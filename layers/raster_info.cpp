#include "layers/raster_info.h"

#include "geo/errors.h"
#include "layers/gdal_handle.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace ecozone::layers {

RasterInfo read_raster_info(const std::string& path) {
    GDALDatasetUniquePtr ds = open_raster(path);
    RasterInfo info;
    info.path = path;
    info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    info.width = ds->GetRasterXSize();
    info.height = ds->GetRasterYSize();
    info.bands = ds->GetRasterCount();
    if (info.bands < 1) throw make_error<DataError>("{}：栅格没有波段", "{}: the raster has no band", path);
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->GetBlockSize(&info.block_width, &info.block_height);
    info.data_type = GDALGetDataTypeName(band->GetRasterDataType());
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    if (has_nodata) info.nodata = nodata;
    if (ds->GetGeoTransform(info.geotransform.data()) != CE_None) {
        throw make_error<CrsError>(
            "{}：栅格没有地理参考（没有仿射变换参数）；请先配准（gdal_translate -a_ullr ... -a_srs "
            "EPSG:4544）",
            "{}: the raster has no georeferencing (no geotransform); "
            "georeference it (gdal_translate -a_ullr ... -a_srs EPSG:4544)",
            path);
    }
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs) {
        throw make_error<CrsError>(
            "{0}：栅格没有坐标系；请用 gdal_edit.py -a_srs EPSG:4544 {0} 指定——ecozone 从不猜测坐标系",
            "{0}: the raster has no coordinate reference system; assign one "
            "with gdal_edit.py -a_srs EPSG:4544 {0} — ecozone never guesses a CRS",
            path);
    }
    info.crs_wkt = srs_to_wkt(*clone_srs(*srs));
    try {
        info.crs = geo::describe_crs(info.crs_wkt);
    } catch (const CrsError& e) {
        throw CrsError(path + "：" + e.text(false), path + ": " + e.text(true));
    }
    const auto& gt = info.geotransform;
    const double xs[] = {gt[0], gt[0] + gt[1] * info.width + gt[2] * info.height};
    const double ys[] = {gt[3], gt[3] + gt[4] * info.width + gt[5] * info.height};
    info.extent = Extent{std::min(xs[0], xs[1]), std::min(ys[0], ys[1]), std::max(xs[0], xs[1]),
                         std::max(ys[0], ys[1]), false};
    return info;
}

Extent extent_in(const RasterInfo& info, const std::string& target_crs) {
    geo::Transform t(info.crs_wkt, target_crs);
    // Densify the outline: a projected rectangle is curved in another CRS.
    constexpr int kSteps = 16;
    std::vector<double> x, y;
    const Extent& e = info.extent;
    for (int i = 0; i <= kSteps; ++i) {
        const double fx = e.minx + (e.maxx - e.minx) * i / kSteps;
        const double fy = e.miny + (e.maxy - e.miny) * i / kSteps;
        x.insert(x.end(), {fx, fx, e.minx, e.maxx});
        y.insert(y.end(), {e.miny, e.maxy, fy, fy});
    }
    t.forward(x.data(), y.data(), x.size());
    return Extent{*std::min_element(x.begin(), x.end()), *std::min_element(y.begin(), y.end()),
                  *std::max_element(x.begin(), x.end()), *std::max_element(y.begin(), y.end()), false};
}

}  // namespace ecozone::layers

namespace ecozone::layers {

std::map<long long, std::int64_t> value_counts(const RasterInfo& info) {
    GDALDatasetUniquePtr ds = open_raster(info.path);
    GDALRasterBand* band = ds->GetRasterBand(1);
    const GDALDataType type = band->GetRasterDataType();
    if (GDALDataTypeIsFloating(type) || GDALDataTypeIsComplex(type)) {
        throw make_error<DataError>("{}：像元类型 {} 不是分类（整数）栅格",
                                    "{}: pixel type {} is not a classified (integer) raster", info.path,
                                    info.data_type);
    }
    std::map<long long, std::int64_t> counts;
    std::vector<std::int64_t> dense(65536, 0);
    const int rows = std::max(1, info.block_height);
    std::vector<std::int64_t> buffer(static_cast<size_t>(info.width) * rows);
    GdalErrorCapture capture;
    for (int y0 = 0; y0 < info.height; y0 += rows) {
        const int h = std::min(rows, info.height - y0);
        if (band->RasterIO(GF_Read, 0, y0, info.width, h, buffer.data(), info.width, h, GDT_Int64,
                           0, 0, nullptr) != CE_None) {
            throw make_error<DataError>("{}：第 {}–{} 行无法读取（{}）；文件被截断或已损坏",
                                        "{}: rows {}–{} cannot be read ({}); the file is truncated or corrupt",
                                        info.path, y0, y0 + h - 1, capture.last());
        }
        const size_t n = static_cast<size_t>(info.width) * h;
        for (size_t i = 0; i < n; ++i) {
            const std::int64_t v = buffer[i];
            // Class codes are small: count them in an array, anything else in the map.
            if (v >= 0 && v < static_cast<std::int64_t>(dense.size())) ++dense[static_cast<size_t>(v)];
            else ++counts[v];
        }
    }
    for (size_t v = 0; v < dense.size(); ++v) {
        if (dense[v]) counts[static_cast<long long>(v)] += dense[v];
    }
    if (info.nodata) counts.erase(static_cast<long long>(*info.nodata));
    return counts;
}

}  // namespace ecozone::layers
