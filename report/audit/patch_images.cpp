#include "report/audit/patch_images.h"

#include "geo/errors.h"
#include "layers/gdal_handle.h"

#include <ogrsf_frmts.h>

namespace ecozone::report {

namespace {

constexpr const char* kIdField = "tbbh";
constexpr const char* kBeforePng = "qsx_png";  // 前时相
constexpr const char* kAfterPng = "hsx_png";   // 后时相
constexpr const char* kBeforeDate = "qsx_rq";
constexpr const char* kAfterDate = "hsx_rq";

[[noreturn]] void fail(const std::string& gpkg, const std::string& why) {
    throw make_error<IoError>("{}：无法写入图斑影像表 {}（{}）", "{}: cannot write the patch image table {} ({})", gpkg,
                              kPatchImagesTable, why);
}

}  // namespace

namespace {

// The table in `ds`, made with the register's fields when it is not there yet.
OGRLayer* patch_images_table(GDALDataset& ds, const std::string& gpkg, const layers::GdalErrorCapture& capture) {
    if (OGRLayer* table = ds.GetLayerByName(kPatchImagesTable)) return table;
    OGRLayer* table = ds.CreateLayer(kPatchImagesTable, nullptr, wkbNone, nullptr);
    if (!table) fail(gpkg, capture.last());
    for (const auto& [name, type] : {std::pair(kIdField, OFTString), std::pair(kBeforeDate, OFTString),
                                     std::pair(kBeforePng, OFTBinary), std::pair(kAfterDate, OFTString),
                                     std::pair(kAfterPng, OFTBinary)}) {
        OGRFieldDefn field(name, type);
        if (table->CreateField(&field) != OGRERR_NONE) fail(gpkg, capture.last());
    }
    return table;
}

GDALDatasetUniquePtr open_gpkg(const std::string& gpkg, bool update) {
    const char* const drivers[] = {"GPKG", nullptr};
    // Written only into output files, in their output set's stage (layers/gdal_handle.h).
    const layers::UnsyncedSqliteScope unsynced;
    return GDALDatasetUniquePtr(
        GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : 0), drivers, nullptr, nullptr));
}

}  // namespace

void write_patch_images(const std::string& gpkg, const std::vector<analysis::PatchRecord>& records,
                        const AuditPictures& pictures, const AuditContext& a) {
    if (!pictures.before && !pictures.after) return;
    layers::ensure_gdal_registered();
    layers::GdalErrorCapture capture;
    GDALDatasetUniquePtr ds = open_gpkg(gpkg, true);
    if (!ds) fail(gpkg, capture.last());
    OGRLayer* table = patch_images_table(*ds, gpkg, capture);
    if (ds->StartTransaction() != OGRERR_NONE) fail(gpkg, capture.last());
    for (size_t i = 0; i < records.size(); ++i) {
        if (!records[i].polygon) continue;
        const std::string* before = i < pictures.before_png.size() ? &pictures.before_png[i] : nullptr;
        const std::string* after = i < pictures.after_png.size() ? &pictures.after_png[i] : nullptr;
        if ((!before || before->empty()) && (!after || after->empty())) continue;
        OGRFeature row(table->GetLayerDefn());
        row.SetField(kIdField, records[i].id.c_str());
        for (const auto& [png, png_field, date, date_field] :
             {std::tuple(before, kBeforePng, &a.date_before, kBeforeDate),
              std::tuple(after, kAfterPng, &a.date_after, kAfterDate)}) {
            if (!png || png->empty()) continue;
            row.SetField(date_field, date->c_str());
            row.SetField(row.GetFieldIndex(png_field), static_cast<int>(png->size()),
                         reinterpret_cast<const GByte*>(png->data()));
        }
        if (table->CreateFeature(&row) != OGRERR_NONE) fail(gpkg, capture.last());
    }
    if (ds->CommitTransaction() != OGRERR_NONE) fail(gpkg, capture.last());
}

void append_patch_images(const std::string& from_gpkg, const std::string& to_gpkg) {
    layers::ensure_gdal_registered();
    layers::GdalErrorCapture capture;
    GDALDatasetUniquePtr from = open_gpkg(from_gpkg, false);
    if (!from) fail(from_gpkg, capture.last());
    OGRLayer* source = from->GetLayerByName(kPatchImagesTable);
    if (!source) return;  // an external patch layer's register, or an older ecozone's
    GDALDatasetUniquePtr to = open_gpkg(to_gpkg, true);
    if (!to) fail(to_gpkg, capture.last());
    OGRLayer* target = patch_images_table(*to, to_gpkg, capture);
    if (to->StartTransaction() != OGRERR_NONE) fail(to_gpkg, capture.last());
    source->ResetReading();
    for (auto& row : *source) {
        OGRFeature copy(target->GetLayerDefn());
        if (copy.SetFrom(row.get(), TRUE) != OGRERR_NONE || target->CreateFeature(&copy) != OGRERR_NONE) {
            fail(to_gpkg, capture.last());
        }
    }
    if (to->CommitTransaction() != OGRERR_NONE) fail(to_gpkg, capture.last());
}

std::map<std::string, PatchImageDates> patch_image_dates(GDALDataset& ds) {
    std::map<std::string, PatchImageDates> out;
    OGRLayer* table = ds.GetLayerByName(kPatchImagesTable);
    if (!table) return out;
    table->ResetReading();
    for (auto& row : *table) {
        PatchImageDates& d = out[row->GetFieldAsString(kIdField)];
        if (row->IsFieldSetAndNotNull(row->GetFieldIndex(kBeforePng))) d.before = row->GetFieldAsString(kBeforeDate);
        if (row->IsFieldSetAndNotNull(row->GetFieldIndex(kAfterPng))) d.after = row->GetFieldAsString(kAfterDate);
    }
    return out;
}

std::optional<std::string> read_patch_image(GDALDataset& ds, const std::string& patch_id, bool before) {
    OGRLayer* table = ds.GetLayerByName(kPatchImagesTable);
    if (!table) return std::nullopt;
    // Ids reach here checked (letters, digits, - _ .); quotes are doubled all the same.
    std::string quoted;
    for (const char ch : patch_id) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
    if (table->SetAttributeFilter((std::string(kIdField) + " = '" + quoted + "'").c_str()) != OGRERR_NONE) {
        return std::nullopt;
    }
    table->ResetReading();
    OGRFeatureUniquePtr row(table->GetNextFeature());
    table->SetAttributeFilter(nullptr);
    if (!row) return std::nullopt;
    const int field = row->GetFieldIndex(before ? kBeforePng : kAfterPng);
    if (field < 0 || !row->IsFieldSetAndNotNull(field)) return std::nullopt;
    int size = 0;
    const GByte* bytes = row->GetFieldAsBinary(field, &size);
    if (!bytes || size <= 0) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
}

}  // namespace ecozone::report
