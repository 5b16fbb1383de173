#pragma once
// Area in the two official modes (docs/areas-and-crs.md).
//
//  * Ellipsoidal (椭球面积): the land-survey formula that integrates every polygon edge on the
//    CGCS2000 ellipsoid from its latitude B and longitude L.  This is what 三调 TBMJ reports
//    and our default.
//  * Planar: the area in the working Gauss-Krüger projection, as the "三线一单" ecology updates
//    use.
// A geodesic polygon area (PROJ's geodesic routines, Karney's algorithm) is offered as an
// independent check of the ellipsoidal figure.
#include "geo/crs.h"
#include "geo/gauss_kruger.h"
#include "geo/geos_handle.h"

#include <optional>
#include <vector>

#include <string>

namespace ecozone::geo {

enum class AreaMode { Ellipsoidal, Planar };

// "ellipsoidal" / "planar"; the parse throws UsageError for anything else.
std::string to_string(AreaMode mode);
AreaMode parse_area_mode(const std::string& text);
// One line saying how the figure was computed, written into every report.
std::string describe_area_mode(AreaMode mode, int working_epsg, bool chinese = false);

// Signed area (m²) of one closed ring given in degrees (lon[i], lat[i]), by the official
// edge formula; counter-clockwise rings are positive.  The ring may or may not repeat its
// first point.
double ellipsoidal_ring_area(const double* lon_deg, const double* lat_deg, size_t n,
                             const Ellipsoid& ell = kCgcs2000);

// Signed geodesic area (m²) of the same ring by Karney's algorithm (PROJ geodesic.h).
double geodesic_ring_area(const double* lon_deg, const double* lat_deg, size_t n,
                          const Ellipsoid& ell = kCgcs2000);

// Measures areas of (multi)polygons stored in a projected working CRS.
class AreaCalculator {
public:
    // working_crs: e.g. "EPSG:4544".  The ellipsoidal mode projects vertices back to
    // CGCS2000 longitude/latitude before applying the edge formula.
    AreaCalculator(const GeosContext& geos, const std::string& working_crs);

    // Area (m²) of the polygonal parts of g (lines and points contribute nothing);
    // holes subtract, multipolygon parts add.
    double area(const GEOSGeometry* g, AreaMode mode) const;
    double ellipsoidal(const GEOSGeometry* g) const { return area(g, AreaMode::Ellipsoidal); }
    double planar(const GEOSGeometry* g) const { return area(g, AreaMode::Planar); }
    // Independent check of ellipsoidal(): Karney geodesic area of the same rings.
    double geodesic(const GEOSGeometry* g) const;
    // Ellipsoidal area (m², unsigned) of one ring given by working-CRS coordinates (the ring may
    // or may not repeat its first point).  The vectors are taken by value: they are reprojected.
    double ellipsoidal_ring(std::vector<double> x, std::vector<double> y) const;

private:
    template <typename RingArea>
    double sum_rings(const GEOSGeometry* g, RingArea ring_area) const;
    // Vertices to longitude/latitude: the Krüger series for CGCS2000 Gauss-Krüger CRSs (the
    // usual case, and the hot path of every area), PROJ for anything else.
    void to_lonlat(double* x, double* y, size_t n) const;
    const GeosContext& geos_;
    Transform to_lonlat_;
    std::optional<GaussKrugerInverse> fast_;
    // Reused vertex buffers: an AreaCalculator belongs to one thread, like its GeosContext.
    mutable std::vector<double> scratch_x_, scratch_y_;
};

}  // namespace ecozone::geo
