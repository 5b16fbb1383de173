// 坐落单位 codes against village polygons, on hand-made layers.
#include "analysis/unit_codes.h"
#include "mini_screening.h"

#include <catch2/catch.hpp>

using namespace ecozone;

namespace {

using test::square;

void add(layers::VectorLayer& l, const geo::GeosContext& geos, std::int64_t fid, const std::string& wkt,
         std::vector<layers::AttrValue> attrs) {
    layers::Feature f;
    f.fid = fid;
    f.geom = geos.from_wkt(wkt);
    f.attrs = std::move(attrs);
    l.features.push_back(std::move(f));
}

}  // namespace

TEST_CASE("unit codes: agreeing, disagreeing, in no village, and an L-shaped polygon", "[check][units]") {
    geo::GeosContext geos;
    layers::VectorLayer villages;
    add(villages, geos, 0, square(0, 0, 100, 100), {std::string("640399001201"), std::string("甲村")});
    add(villages, geos, 1, square(100, 0, 200, 100), {std::string("640399001202"), std::string("乙村")});
    layers::VectorLayer landuse;
    add(landuse, geos, 10, square(10, 10, 20, 20), {std::string("6403990012010000000")});    // 甲村: agrees
    add(landuse, geos, 11, square(110, 10, 120, 20), {std::string("6403990012010000000")});  // in 乙村, says 甲村
    add(landuse, geos, 12, square(300, 10, 310, 20), {std::string("6403990012010000000")});  // in no village
    add(landuse, geos, 13, square(50, 50, 60, 60), {std::string("")});                       // no code: not checked
    // An L-shaped polygon with a padded code: its interior point (not its centroid, which lies in
    // the notch outside it) is in 乙村, which the trimmed code names.
    add(landuse, geos, 14, "POLYGON((105 5,195 5,195 15,115 15,115 95,105 95,105 5))",
        {std::string(" 6403990012020000000 ")});
    const auto c = analysis::check_unit_codes(landuse, 0, villages, 0, 1, geos);
    CHECK(c.checked == 4);
    CHECK(c.outside == 1);
    CHECK(c.mismatched == 1);
    REQUIRE(c.examples.size() == 1);
    CHECK(c.examples[0].fid == 11);
    CHECK(c.examples[0].village_code == "640399001202");
    CHECK(c.examples[0].village_name == "乙村");
}
