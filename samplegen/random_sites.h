#pragma once
// Random proposed sites for differential tests (random_sites.gpkg): seeded sites of every shape a
// planner receives — rectangles, rotated rectangles, irregular convex and non-convex polygons,
// polygons with holes, multipolygons, lines (roads, pipelines) and points — of 1–60 ha.  A third
// are centred on zone boundaries (red line, reserve zones, river belts, water-source zones) or
// lie 10–200 m from a river, some lie inside zones, some far from every zone, the rest anywhere;
// every one lies wholly inside the district.  Needs the zones, the river belts and the villages.
#include "samplegen/model.h"

namespace ecozone::samplegen {

void make_random_sites(const GeosContext& geos, uint64_t seed, int count, Model& model);

}  // namespace ecozone::samplegen
