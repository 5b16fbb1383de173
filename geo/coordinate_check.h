#pragma once
// One plausibility check for every coordinate a reader takes in, before anything is computed
// from it: finite, and inside the area where its CRS is used (PROJ's area of use, with a margin).
//
// A coordinate of 1e308 crashes GEOS's buffer; one of -1e20 makes a 2e17-ha "site" that every
// rule passes.  Neither can be a place in China: such input is refused with the file, the line or
// feature, and the fix, in one short line.
#include "geo/crs.h"
#include "geo/geos_handle.h"
#include "geo/ring_walker.h"

#include <memory>
#include <string>

namespace ecozone::geo {

class PlausibleCoordinates {
public:
    // `crs`: anything proj_create accepts ("EPSG:4544").  Throws CrsError for an unknown CRS.
    explicit PlausibleCoordinates(const std::string& crs);
    ~PlausibleCoordinates();
    PlausibleCoordinates(const PlausibleCoordinates&) = delete;
    PlausibleCoordinates& operator=(const PlausibleCoordinates&) = delete;

    // Throws CrsError "<where>: coordinate (x, y) …; …" when x, y cannot be a position in the CRS.
    void check(double x, double y, const std::string& where) const;
    // Every coordinate of a geometry (points, lines, rings, at any depth of a collection).
    void check(const GeosContext& geos, const GEOSGeometry* g, const std::string& where) const;

    // The area of use in degrees, as PROJ gives it ("China - 103.5°E to 106.5°E").
    const std::string& area_name() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Visit every coordinate sequence of a geometry (points, lines, polygon rings, members of
// collections at any depth) with `fn(const GEOSCoordSequence*)`, through the shared walker
// (geo/ring_walker): a GEOS failure throws GeometryError.
template <typename Fn>
void for_each_sequence(const GeosContext& geos, const GEOSGeometry* g, Fn&& fn) {
    for_each_part(geos, g, [&](const GEOSGeometry* part, int type) {
        if (type == GEOS_POLYGON) {
            // Unlike for_each_ring, an empty polygon is visited too: its rings have no
            // coordinates, so nothing is checked either way.
            for_each_ring_of(geos, part, [&](const GEOSGeometry* ring, bool) { fn(coord_seq(geos, ring)); });
        } else {
            fn(coord_seq(geos, part));
        }
    });
}

}  // namespace ecozone::geo
