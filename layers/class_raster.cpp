#include "layers/class_raster.h"

#include "geo/errors.h"

#include <fmt/format.h>
#include <gdalwarper.h>

#include <algorithm>
#include <cmath>

namespace ecozone::layers {

ClassRaster::ClassRaster(const std::string& path, const std::string& working_crs)
    : path_(path), info_(read_raster_info(path)) {
    if (info_.rotated()) {
        throw make_error<DataError>("{}：栅格是旋转的；请先重采样为正北朝上（gdalwarp -t_srs {} in.tif out.tif）",
                                    "{}: the raster is rotated; warp it north-up first "
                                    "(gdalwarp -t_srs {} in.tif out.tif)",
                                    path, working_crs);
    }
    source_ = open_raster(path);
    GDALRasterBand* band = source_->GetRasterBand(1);
    const GDALDataType type = band->GetRasterDataType();
    if (GDALDataTypeIsFloating(type) || GDALDataTypeIsComplex(type)) {
        throw make_error<DataError>("{}：像元类型 {} 不是分类（整数）栅格",
                                    "{}: pixel type {} is not a classified (integer) raster", path, info_.data_type);
    }
    if (info_.nodata) {
        has_nodata_ = true;
        nodata_ = static_cast<std::int32_t>(*info_.nodata);
    }

    SrsPtr target(new OGRSpatialReference());
    target->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (target->SetFromUserInput(working_crs.c_str()) != OGRERR_NONE) {
        throw make_error<CrsError>("无法识别的工作坐标系“{}”", "unknown working CRS '{}'", working_crs);
    }
    SrsPtr source_srs = clone_srs(*source_->GetSpatialRef());
    if (source_srs->IsSame(target.get())) {
        dataset_.reset(source_.release());
        grid_crs_ = working_crs;
    } else if (source_srs->IsGeographic()) {
        dataset_.reset(source_.release());
        grid_crs_ = info_.crs_wkt;
        in_working_crs_ = false;
    } else {
        grid_crs_ = working_crs;
        GdalErrorCapture capture;
        const std::string target_wkt = srs_to_wkt(*target);
        GDALDatasetH vrt = GDALAutoCreateWarpedVRT(GDALDataset::ToHandle(dataset_ ? dataset_.get() : source_.get()),
                                                   nullptr, target_wkt.c_str(), GRA_NearestNeighbour, 0.0, nullptr);
        if (!vrt) {
            throw make_error<CrsError>("{}：无法把栅格重投影到 {}：{}", "{}: cannot reproject the raster to {}: {}",
                                       path, working_crs, capture.last());
        }
        dataset_.reset(GDALDataset::FromHandle(vrt));
        warped_ = true;
        if (!has_nodata_) {
            has_nodata_ = true;  // the warp fills pixels outside the source with 0
            nodata_ = 0;
        }
    }
    double gt[6];
    dataset_->GetGeoTransform(gt);
    grid_.xmin = gt[0];
    grid_.ymax = gt[3];
    grid_.dx = gt[1];
    grid_.dy = -gt[5];
    grid_.cols = dataset_->GetRasterXSize();
    grid_.rows = dataset_->GetRasterYSize();
    int bw = 0, bh = 0;
    dataset_->GetRasterBand(1)->GetBlockSize(&bw, &bh);
    // About two million pixels per band whatever the width, so memory does not grow with the
    // raster; GDAL's block cache keeps a row of tiles decompressed across the bands it spans.
    band_rows_ = std::clamp(static_cast<int>(2'000'000 / std::max(1, grid_.cols)), 16, std::max(64, bh));
}

ClassRaster::ClassRaster(const std::string& path, const std::string& working_crs, const geo::Grid& target)
    : ClassRaster(path, working_crs) {
    if (!grid_.aligned_with(target) || grid_.cols != target.cols || grid_.rows != target.rows ||
        std::fabs(grid_.xmin - target.xmin) > 1e-6 * target.dx || std::fabs(grid_.ymax - target.ymax) > 1e-6 * target.dy) {
        warp_onto(target, working_crs);
    }
}

void ClassRaster::warp_onto(const geo::Grid& target, const std::string& working_crs) {
    SrsPtr srs(new OGRSpatialReference());
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    srs->SetFromUserInput(working_crs.c_str());
    const std::string wkt = srs_to_wkt(*srs);
    GDALDataset* src = dataset_.get();
    double gt[6] = {target.xmin, target.dx, 0, target.ymax, 0, -target.dy};
    GdalErrorCapture capture;
    // Nearest neighbour: classes are labels, never averaged.
    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = GDALDataset::ToHandle(src);
    wo->nBandCount = 1;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panSrcBands[0] = 1;
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panDstBands[0] = 1;
    wo->eResampleAlg = GRA_NearestNeighbour;
    if (has_nodata_) {
        wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
        wo->padfSrcNoDataReal[0] = nodata_;
        wo->padfDstNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
        wo->padfDstNoDataReal[0] = nodata_;
    }
    const char* src_wkt = src->GetProjectionRef();
    wo->pTransformerArg = GDALCreateGenImgProjTransformer(GDALDataset::ToHandle(src), src_wkt, nullptr, wkt.c_str(), FALSE, 0, 1);
    if (!wo->pTransformerArg) {
        GDALDestroyWarpOptions(wo);
        throw make_error<CrsError>("{}：无法重采样到另一期影像的栅格上：{}",
                                   "{}: cannot resample onto the other date's grid: {}", path_, capture.last());
    }
    GDALSetGenImgProjTransformerDstGeoTransform(wo->pTransformerArg, gt);
    wo->pfnTransformer = GDALGenImgProjTransform;
    GDALDatasetH vrt = GDALCreateWarpedVRT(GDALDataset::ToHandle(src), target.cols, target.rows, gt, wo);
    GDALDestroyWarpOptions(wo);  // the VRT keeps its own copy (and the transformer)
    if (!vrt) {
        throw make_error<CrsError>("{}：无法重采样到另一期影像的栅格上：{}",
                                   "{}: cannot resample onto the other date's grid: {}", path_, capture.last());
    }
    GDALSetProjection(vrt, wkt.c_str());
    if (!has_nodata_) {
        has_nodata_ = true;  // pixels outside the source come out as 0
        nodata_ = 0;
    }
    // The VRT reads from the current dataset, which must outlive it.
    if (!source_) source_ = std::move(dataset_);
    else resampled_base_ = std::move(dataset_);
    dataset_.reset(GDALDataset::FromHandle(vrt));
    grid_ = target;
    grid_crs_ = working_crs;
    in_working_crs_ = true;
    warped_ = true;
}

void ClassRaster::read_rows(int row0, int count, std::vector<std::int32_t>& out) const {
    read_window(row0, count, 0, grid_.cols, out);
}

void ClassRaster::read_window(int row0, int rows, int col0, int cols, std::vector<std::int32_t>& out) const {
    out.resize(static_cast<size_t>(cols) * rows);
    GdalErrorCapture capture;
    if (dataset_->GetRasterBand(1)->RasterIO(GF_Read, col0, row0, cols, rows, out.data(), cols, rows, GDT_Int32, 0, 0,
                                             nullptr) != CE_None) {
        throw make_error<DataError>("{}：第 {}–{} 行无法读取（{}）；文件被截断或已损坏",
                                    "{}: rows {}–{} cannot be read ({}); the file is truncated or corrupt", path_, row0,
                                    row0 + rows - 1, capture.last());
    }
}

}  // namespace ecozone::layers
