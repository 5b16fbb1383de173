#pragma once
// Coordinate reference systems and transforms through PROJ.
//
// AXIS ORDER — decided here, once, for the whole code base.  EPSG:4490 (CGCS2000) officially
// orders latitude before longitude, and EPSG:4544 (3-degree Gauss-Krüger) northing before
// easting, exactly as Chinese survey coordinate lists write X = northing, Y = easting.  Inside
// ecozone every coordinate pair is (x = easting or longitude, y = northing or latitude), the
// "traditional GIS order" that shapefiles, GeoPackage, GEOS and GDAL's geometries use.  Every
// transform is normalised with proj_normalize_for_visualization (and every OGR spatial
// reference made in layers/ uses OAMS_TRADITIONAL_GIS_ORDER) so that no function ever has to
// guess.  Text that arrives in the survey's X/Y order is swapped when it is parsed, not here.
#include <proj.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::geo {

inline constexpr int kCgcs2000Geographic = 4490;

// CGCS2000 ellipsoid (identical to GRS80 in a; 1/f differs in the 12th digit).
struct Ellipsoid {
    double a;        // semi-major axis, m
    double inv_f;    // inverse flattening
    double b() const { return a * (1.0 - 1.0 / inv_f); }
    double e2() const { const double f = 1.0 / inv_f; return f * (2.0 - f); }
};
inline constexpr Ellipsoid kCgcs2000{6378137.0, 298.257222101};

// EPSG code of the CGCS2000 3-degree Gauss-Krüger CRS whose central meridian is nearest
// `lon_deg` (no zone prefix on the easting: EPSG:4534 = CM 75°E ... EPSG:4554 = CM 135°E).
int gk3_epsg_for_longitude(double lon_deg);
// Central meridian (degrees) of a CGCS2000 3-degree GK EPSG code, with or without zone
// prefix (4513-4533, 4534-4554); std::nullopt for any other code.
std::optional<double> gk3_central_meridian(int epsg);
// True for the zone-prefixed 3-degree codes (4513-4533), whose eastings carry e.g. "35".
bool gk3_has_zone_prefix(int epsg);

struct ProjContextDeleter { void operator()(PJ_CONTEXT* c) const noexcept; };
struct PjDeleter { void operator()(PJ* p) const noexcept; };
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

// A PROJ context of our own (PROJ contexts, like GEOS ones, are per thread).
ProjContextPtr make_proj_context();

// A CRS known to PROJ, identified by anything proj_create accepts ("EPSG:4544", WKT, PROJJSON).
struct CrsInfo {
    std::string name;             // e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 105E"
    std::optional<int> epsg;      // identified EPSG code, if any
    bool geographic = false;
    bool projected = false;
};
// Describe a CRS definition; throws CrsError if PROJ does not understand it.
CrsInfo describe_crs(const std::string& definition);

// A coordinate transform between two CRSs in traditional GIS order (see above).
class Transform {
public:
    Transform(const std::string& source, const std::string& target);
    Transform(const Transform&) = delete;
    Transform& operator=(const Transform&) = delete;
    Transform(Transform&&) noexcept = default;
    Transform& operator=(Transform&&) noexcept = default;

    // Transform one point; throws CrsError when PROJ cannot (e.g. latitude > 90).
    void forward(double& x, double& y) const;
    void inverse(double& x, double& y) const;
    // Transform arrays in place (fast path for whole rings).
    void forward(double* x, double* y, size_t n) const;
    void inverse(double* x, double* y, size_t n) const;
    // True when source and target are the same CRS (nothing to do).
    bool is_noop() const noexcept { return noop_; }
    const std::string& source() const noexcept { return source_; }
    const std::string& target() const noexcept { return target_; }

private:
    void run(PJ_DIRECTION dir, double* x, double* y, size_t n) const;
    std::string source_, target_;
    ProjContextPtr ctx_;
    PjPtr pj_;
    bool noop_ = false;
};

}  // namespace ecozone::geo
