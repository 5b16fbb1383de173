#pragma once
// The zone layers of a project, prepared once for screening any number of sites.
//
// A zone set is one group of features that a rule, an overlap or a distance refers to.  Most are
// a project layer as read (the red line, the reserve's zones, ...); the river buffer belts are
// their own set — built from the river lines and their widths, or supplied by the county as
// polygons ([layers.river_buffers]) — and never share a set with the river lines: a site can
// lie inside a belt 50 m from its river, and both figures are reported, under different names.
#include "geo/geos_handle.h"
#include "layers/catalogue.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis::screening {

// One feature of a zone set, prepared for repeated overlay and distance queries.
struct ZoneFeature {
    const GEOSGeometry* geom = nullptr;
    std::string value;  // canonical value ("core", "level1", "school"); "" without a value map
    std::string name;   // the name field, or "#fid"; river belts: the river's name
    std::string label;  // "code name" where the layer has codes (control units), else the name
    geo::PreparedPtr prepared;
    geo::GeosContext::Bounds bounds;
    bool areal = true;
    // Large polygons (a red line, a control unit) are cut to the site's box before the overlay,
    // so that it nodes a few dozen vertices instead of thousands.
    bool large = false;
};

struct ZoneSet {
    std::string key;  // as the outputs name it: "redline", "reserve_zones", "river_belts", "river_lines", ...
    std::vector<ZoneFeature> features;
    bool any_areal() const;
};

// A river buffer belt as drawn on the maps and written to the GeoPackage.
struct RiverBelt {
    std::string river;
    double width_m = 0;  // 0 when supplied without a width
    const GEOSGeometry* geom = nullptr;
};

class ZoneSets {
public:
    // Prepares every zone layer the catalogue holds (through `geos`, which must outlive this).
    ZoneSets(const layers::Catalogue& catalogue, const geo::GeosContext& geos);
    ZoneSets(const ZoneSets&) = delete;
    ZoneSets& operator=(const ZoneSets&) = delete;

    // A project layer as read (rivers: the centre lines); null when the project lacks it.
    const ZoneSet* layer(layers::VectorRole role) const;
    // The river buffer belts; null when there are none (no [layers.river_buffers] and no widths).
    const ZoneSet* belts() const { return belts_ ? &*belts_ : nullptr; }
    // The set a rule's zone names (rules.h: "rivers" means the river buffer belt); null when absent.
    const ZoneSet* for_rule(layers::VectorRole zone) const;
    // The project role whose absence leaves a rule zone unassessable ("industrial_parks",
    // "river_buffers" for belts); "" when the set is there.
    std::string missing_for_rule(layers::VectorRole zone) const;

    const std::vector<RiverBelt>& belt_list() const { return belt_list_; }
    const GEOSGeometry* district() const { return district_.get(); }
    const GEOSPreparedGeometry* district_prepared() const { return district_prepared_.get(); }

private:
    void add_layer(const layers::Catalogue& c, layers::VectorRole role);
    void build_belts(const layers::Catalogue& c);
    void supplied_belts(const layers::Catalogue& c);
    ZoneFeature prepared(const GEOSGeometry* g) const;

    const geo::GeosContext& geos_;
    geo::GeomPtr district_;
    geo::PreparedPtr district_prepared_;
    std::map<layers::VectorRole, ZoneSet> layers_;
    std::optional<ZoneSet> belts_;
    std::vector<geo::GeomPtr> owned_;  // belts built from widths
    std::vector<RiverBelt> belt_list_;
};

}  // namespace ecozone::analysis::screening
