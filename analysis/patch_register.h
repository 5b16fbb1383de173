#pragma once
// The human-activity patch register (docs/audit.md): each change patch as a polygon with the
// record officers take into the field — id, activity, classes before/after, area (hm², 4
// decimals, ellipsoidal), centre in CGCS2000 lon/lat and Gauss-Krüger X/Y, the most protective
// functional zone it touches with the area in each, red-line flag and area, township, and empty
// verification fields — plus what changed since the previous audit.
#include "analysis/change_patches.h"
#include "geo/area.h"
#include "layers/catalogue.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis {

struct PatchRecord {
    std::string id;                                  // PREFIX-YEAR-BATCH-SEQ, SEQ in the deterministic spatial order
    std::string activity;                            // "01".."10"
    std::int32_t before_class = 0, after_class = 0;  // dominant transition
    std::int64_t pixels = 0;
    double area_hm2 = 0;  // ellipsoidal
    double planar_m2 = 0;
    double lon = 0, lat = 0;                 // CGCS2000, centre of the patch's pixels
    double gk_x = 0, gk_y = 0;               // working CRS: X = northing, Y = easting (survey order)
    std::string zone;                        // core / buffer / experimental / outside (most protective touched)
    std::string zone_two;                    // core_protection / general_control / outside (order 830 scheme)
    std::map<std::string, double> zone_hm2;  // area in each functional zone touched
    bool in_redline = false;
    double redline_hm2 = 0;
    std::string township;
    std::string village;       // 行政村 / 社区, when the project has a villages layer
    double road_length_m = 0;  // activity 09 (roads): centreline length (see road_length.h)
    geo::GeomPtr polygon;      // the union of its pixels, working CRS
    // Detected patches: how sure the register is (0–1, grade by kGradeHigh / kGradeMedium) and
    // why; none for an external patch layer.  A rejected candidate also says which stage removed it.
    std::optional<double> confidence;
    PatchEvidence evidence;
    std::int64_t core_pixels = 0;
    std::string stage, reason;
    // Against a previous register: new / expanded / unchanged / reduced (empty without one).
    std::string change;
    double added_hm2 = 0;
    std::string previous_id;
};

struct RegisterOptions {
    std::string id_prefix = "000000";
    int year = 0, batch = 1;
    // Register only patches that touch a protected area — the reserve's zones or the red line —
    // as the annual audit asks; the others are left out (the caller counts them).  Ids are
    // numbered over the registered patches, without gaps.
    bool protected_only = false;
};

// Build the records of `patches` found on `grid` (working CRS), attributing zones from the
// catalogue's reserve zones, red line, townships and villages.
std::vector<PatchRecord> build_register(const std::vector<ChangePatch>& patches, const geo::Grid& grid,
                                        const layers::Catalogue& catalogue, const geo::GeosContext& geos,
                                        const RegisterOptions& options);

// A patch from an external change-patch layer (a provider's 绿盾 delivery): attributed, not
// re-detected.
struct ExternalPatch {
    const GEOSGeometry* geom = nullptr;  // working CRS
    std::string activity;                // "01".."10"
    std::string source_id;
};
std::vector<PatchRecord> build_register(const std::vector<ExternalPatch>& patches, const layers::Catalogue& catalogue,
                                        const geo::GeosContext& geos, const RegisterOptions& options);

// A patch of the previous audit, as read back from its register (patches.csv or .gpkg).
struct PreviousPatch {
    std::string id;
    double area_hm2 = 0;
    const GEOSGeometry* polygon = nullptr;  // working CRS; may be null (then matched by centre)
    double gk_x = 0, gk_y = 0;
};

// Compare with the previous register: a patch overlapping a previous one is "expanded" when it
// grew by more than `tolerance_hm2`, "reduced" when it shrank, else "unchanged"; others are "new".
// Previous patches no longer present come back as records with change = "restored".
// Whether an attributed record touches a protected area: a reserve zone or the red line.
bool touches_protected_area(const PatchRecord& r);

// The previous patches within the register's scope: all of them, or under protected_only those
// that touch the reserve's zones or the red line by the same test as the new patches (kept, a
// previous patch outside the scope would read as "restored").  Patches without a polygon stay.
std::vector<PreviousPatch> previous_in_scope(const std::vector<PreviousPatch>& previous,
                                             const layers::Catalogue& catalogue, const geo::GeosContext& geos,
                                             const RegisterOptions& options);

std::vector<PatchRecord> diff_with_previous(std::vector<PatchRecord> current,
                                            const std::vector<PreviousPatch>& previous, const geo::GeosContext& geos,
                                            double tolerance_hm2 = 0.0001);

}  // namespace ecozone::analysis
