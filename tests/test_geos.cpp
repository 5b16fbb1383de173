// GEOS wrappers: ownership, errors instead of crashes, repair of invalid polygons.
#include "geo/errors.h"
#include "geo/geos_handle.h"

#include <catch2/catch.hpp>

using namespace ecozone::geo;

TEST_CASE("bow-tie polygon is invalid and repairs to two triangles of the same area", "[geos]") {
    GeosContext geos;
    // Self-intersecting at (1 1): two triangles of area 1 each.
    auto bowtie = geos.from_wkt("POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))");
    CHECK_FALSE(geos.is_valid(bowtie.get()));
    CHECK_THAT(geos.invalid_reason(bowtie.get()), Catch::Contains("Self-intersection"));
    auto fixed = geos.polygonal_part(geos.make_valid(bowtie.get()).get());
    CHECK(geos.is_valid(fixed.get()));
    CHECK(geos.planar_area(fixed.get()) == Approx(2.0));
    CHECK(GEOSGetNumGeometries_r(geos.handle(), fixed.get()) == 2);
}

TEST_CASE("bad WKT is a GeometryError carrying GEOS's message", "[geos]") {
    GeosContext geos;
    CHECK_THROWS_AS(geos.from_wkt("POLYGON((0 0, 1 1"), ecozone::GeometryError);
}

TEST_CASE("overlay, union and bounds", "[geos]") {
    GeosContext geos;
    auto a = geos.from_wkt("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))");
    auto b = geos.from_wkt("POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))");
    CHECK(geos.planar_area(geos.intersection(a.get(), b.get()).get()) == Approx(1.0));
    CHECK(geos.planar_area(geos.difference(a.get(), b.get()).get()) == Approx(3.0));
    std::vector<GeomPtr> parts;
    parts.push_back(geos.clone(a.get()));
    parts.push_back(geos.clone(b.get()));
    CHECK(geos.planar_area(geos.union_all(std::move(parts)).get()) == Approx(7.0));
    const auto bb = geos.bounds(b.get());
    CHECK(bb.minx == 1.0);
    CHECK(bb.maxy == 3.0);
    CHECK(geos.union_all({}).get() != nullptr);
}

TEST_CASE("nearest points between two geometries", "[geos]") {
    ecozone::geo::GeosContext geos;
    auto a = geos.from_wkt("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))");
    auto b = geos.from_wkt("LINESTRING(20 5, 30 5)");
    const auto p = geos.nearest_points(a.get(), b.get());
    CHECK(p[0] == Approx(10));
    CHECK(p[1] == Approx(5));
    CHECK(p[2] == Approx(20));
    CHECK(p[3] == Approx(5));
    auto empty = geos.from_wkt("POINT EMPTY");
    CHECK_THROWS_AS(geos.nearest_points(a.get(), empty.get()), ecozone::GeometryError);
}
