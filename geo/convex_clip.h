#pragma once
// Area of polygons clipped by a convex polygon, without building the clipped geometry.
//
// Screening measures the land a site would occupy: dozens of small land-use polygons cut by
// the site's boundary, for thousands of sites.  Most sites are convex (a rectangle, a plant's
// fenced plot), and clipping by a convex polygon is a Sutherland–Hodgman pass per ring: areas
// of the clipped rings add up (holes subtract) exactly as GEOS's overlay would give them, at a
// fraction of its cost.  Non-convex sites keep using GEOS.
#include "geo/area.h"
#include "geo/geos_handle.h"

#include <optional>
#include <vector>

namespace ecozone::geo {

class ConvexClipper {
public:
    // A clipper for `site` if it is a single polygon without holes whose exterior ring is
    // convex; nullopt otherwise.
    static std::optional<ConvexClipper> from(const GeosContext& geos, const GEOSGeometry* site);

    struct Areas {
        double planar_m2 = 0, ellipsoidal_m2 = 0;
    };
    // Areas of (piece ∩ site); piece is a polygon or multipolygon in the same CRS.
    Areas clipped_area(const GeosContext& geos, const GEOSGeometry* piece, const AreaCalculator& calc) const;

private:
    std::vector<double> ex_, ey_;   // clip ring, counter-clockwise, not repeating its first point
    mutable std::vector<double> ax_, ay_, bx_, by_;  // scratch
};

}  // namespace ecozone::geo
