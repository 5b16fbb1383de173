#pragma once
// Everything the generator builds, layer by layer, in the working CRS (EPSG:4544, x = easting,
// y = northing).  Stages fill it in order (see generate.cpp); writers only read it.
#include "samplegen/classes.h"
#include "samplegen/profile.h"
#include "samplegen/shapes.h"

#include <array>
#include <string>
#include <vector>

namespace ecozone::samplegen {

// Every profile's county lies nearest the CM 105°E zone; generate.cpp checks that.
inline constexpr int kWorkingEpsg = 4544;
inline constexpr const char* kWorkingCrs = "EPSG:4544";

// Fixed anchor points of the model, converted from lon/lat (profile.h) and pulled inside the
// district.
struct Places {
    XY seat;          // the county seat: main urban boundary, the water source near it
    XY town;          // the second town: second urban boundary, existing PV arrays around it
    XY reserve;       // centre of the nature reserve outline
    XY plain_centre;  // centre of the irrigated plain
    std::array<XY, 2> parks;
    XY water_source;
    std::vector<XY> township_seats;  // one per township, in the profile's order
    double plain_along_m = 17000, plain_across_m = 8500, plain_angle_rad = 0;
};

struct Township {
    std::string code, name;
    XY seat;
    double weight = 1.0;  // larger = claims more land in the weighted assignment
    GeomPtr geom;
};

// A village-level unit (行政村 / 社区) inside one township.
struct VillageArea {
    std::string code, name, township;
    GeomPtr geom;
};

struct ReserveZones {
    GeomPtr core, buffer, experimental;   // rings, clipped to the district
    GeomPtr whole;                        // union of the three, clipped
    GeomPtr core_and_buffer;              // 核心保护区 of the two-zone scheme
    double unclipped_ha[3] = {0, 0, 0};   // core, buffer, experimental before clipping
};

// A river, canal or road: the centre line, and the strip carved out of the land-use layer.
struct LinearFeature {
    std::string name, code;
    Lc landuse = Lc::River;
    double half_width_m = 10;   // of the water surface / road strip
    double corridor_m = 0;      // red-line corridor half width (rivers)
    double buffer_m = 0;        // regulatory buffer belt (rivers, project file)
    GeomPtr line;               // clipped to the district
    GeomPtr strip;              // polygon carved from land use, clipped to the district
};

struct NamedArea {
    std::string name;
    GeomPtr geom;
};

struct RedlineUnit {
    std::string code, name, type;
    GeomPtr geom;
};

struct WaterSource {
    std::string name;
    int level = 1;  // 1 一级, 2 二级, 3 准保护区 (the profile's words)
    GeomPtr geom;
};

struct Receptor {
    std::string name;
    ReceptorKind kind = ReceptorKind::Home;
    XY at;
    int township = -1;
};

struct ControlUnit {
    std::string code, name;
    int type = 3;  // 1 priority, 2 key, 3 general (the profile's words)
    GeomPtr geom;
};

struct Site {
    std::string id, name, category, word;  // word: the county's industry word / project type
    GeomPtr geom;
};

// A river's buffer belt as the county delivers it: the river line buffered by its width.
struct RiverBelt {
    std::string name, code;
    double width_m = 0;
    GeomPtr geom;
};

// A random site for differential tests (random_sites.cpp): polygon, line or point.
struct RandomSite {
    std::string id, name, word;
    GeomPtr geom;
};

// One 三调 land-use polygon (DLTB).
struct LandPiece {
    GeomPtr geom;
    XY ip;              // a point inside it
    int township = 0;
    int village = -1;  // index into Model::village_areas (坐落单位 of the 三调 record)
    Lc lc = Lc::OtherGrass;
    bool carved = false;  // a river / canal / road strip (class fixed by the carve)
    double tbmj = 0;    // ellipsoidal area, m², 2 decimals
    double kcmj = 0;    // field-ridge deduction, m²
    int gmfgd = 0;      // shrub cover %
    int tsgmld = 0;     // 国家特别规定灌木林地
};

struct Model {
    const Profile* profile = nullptr;
    Places places;
    GeomPtr district;
    double district_area_m2 = 0;  // ellipsoidal
    std::vector<Township> townships;
    ReserveZones reserve;
    std::vector<LinearFeature> rivers, canals, roads;
    std::vector<NamedArea> urban;        // 城镇开发边界; [0] is the seat
    std::vector<NamedArea> parks;  // the profile's two parks (hongsibu: 太阳山开发区, 红寺堡工业园区)
    std::vector<NamedArea> wetland_parks, important_wetlands;  // wetland protection (wetlands.h)
    std::vector<GeomPtr> pv_fields;      // existing PV arrays (land use 1302)
    std::vector<WaterSource> water_sources;
    std::vector<XY> villages;            // village centres (settlements in land use)
    std::vector<std::string> village_names;
    std::vector<VillageArea> village_areas;  // administrative villages (villages.h), nested in townships
    std::vector<Receptor> receptors;
    std::vector<RedlineUnit> redline;
    GeomPtr redline_union;
    std::vector<GeomPtr> farmland;
    std::vector<ControlUnit> control_units;
    std::vector<Site> sites;
    std::vector<RiverBelt> river_belts;  // written only by profiles with a belts layer
    std::vector<RandomSite> random_sites;
    std::vector<LandPiece> landuse;
    size_t dust_merged = 0;              // sliver pieces merged into a neighbour
};

}  // namespace ecozone::samplegen
