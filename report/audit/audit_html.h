#pragma once
// audit.html: the register as an auditor prints it — totals, summaries, the noise-suppression
// stages, an overview map and every patch with its before/after pictures.  What it says is built
// in report/audit/audit_view.h, its layout is report/templates/audit_body.mustache.
#include "analysis/patch_register.h"
#include "layers/class_raster.h"
#include "report/audit/audit_context.h"
#include "report/audit/audit_view.h"
#include "report/common/lang.h"
#include "report/common/provenance.h"

#include <string>
#include <vector>

namespace ecozone::report {

// `before` and `after` may be null (an external patch layer comes without images).
// The before/after pictures of every record from the run's rasters (null: the run had none, e.g.
// an external patch layer): drawn once for audit.html and the register's patch_images table.
AuditPictures audit_pictures(const std::vector<analysis::PatchRecord>& records, const layers::Catalogue& c,
                             const layers::ClassRaster* before, const layers::ClassRaster* after,
                             const geo::GeosContext& geos);

std::string audit_html(const std::vector<analysis::PatchRecord>& records, const AuditContext& a,
                       const layers::Catalogue& c, const AuditPictures& pictures, const Provenance& p,
                       const geo::GeosContext& geos, const Lang& t);

// The page of a view, map and pictures included as they are.
std::string render_audit_page(const AuditPageView& v);

}  // namespace ecozone::report
