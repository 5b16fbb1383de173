#pragma once
// The before/after pictures of a register's patches, kept in the register itself (patches.gpkg,
// attribute table "patch_images": tbbh, qsx_png / hsx_png — before / after, PNG — and the dates
// qsx_rq / hsx_rq), so that whoever reviews the register — the workbench, or QGIS — has the
// evidence the audit saw without the rasters.  An audit on an external patch layer has no
// pictures and writes no table.
#include "analysis/patch_register.h"
#include "report/audit/audit_context.h"
#include "report/audit/audit_view.h"

#include <gdal_priv.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::report {

inline constexpr const char* kPatchImagesTable = "patch_images";

// Adds the table to the register `gpkg` (one row per record with a polygon and a picture), in one
// transaction.  Nothing when `pictures` has neither date.  IoError naming the file on failure.
void write_patch_images(const std::string& gpkg, const std::vector<analysis::PatchRecord>& records,
                        const AuditPictures& pictures, const AuditContext& a);

struct PatchImageDates {
    std::string before, after;  // "2020-09-01"; "" for no picture of that date
};
// The dates of every patch's pictures, by patch id (tbbh); empty when the register has none.
std::map<std::string, PatchImageDates> patch_image_dates(GDALDataset& ds);

// Appends every row of `from_gpkg`'s patch_images table (none: nothing) to `to_gpkg`'s, making
// the table there first: a province's register keeps its counties' pictures.  IoError naming the
// file on failure.
void append_patch_images(const std::string& from_gpkg, const std::string& to_gpkg);

// The PNG of patch `patch_id`, before (true) or after; nullopt when the register has no pictures,
// no such patch or no such picture.  `ds`: the register, open.
std::optional<std::string> read_patch_image(GDALDataset& ds, const std::string& patch_id, bool before);

}  // namespace ecozone::report
