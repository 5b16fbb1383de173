#include "analysis/screening/footprint.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::analysis::screening {

namespace {
// How far beyond the district's bounding box a site may reach (a pipeline or road leaving the
// county is real; a site 100 km out is a coordinate error).
constexpr double kFarBeyondDistrictM = 100000.0;
}  // namespace

Footprint make_footprint(const SiteSpec& spec, const ScreeningOptions& options, const ZoneSets& zones,
                         const geo::GeosContext& geos, const Measure& measure, std::vector<layers::Note>& notes) {
    GEOSContextHandle_t h = geos.handle();
    if (!spec.geom || geos.is_empty(spec.geom)) throw DataError("选址没有几何", "the site has no geometry");
    Footprint fp{geo::GeomPtr(nullptr, geo::GeomDeleter{h}), {}, 0};
    const int type = GEOSGeomTypeId_r(h, spec.geom);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
        if (!geos.is_valid(spec.geom)) {
            const std::string reason = geos.invalid_reason(spec.geom);
            fp.geom = geos.polygonal_part(geos.make_valid(spec.geom).get());
            notes.push_back(layers::make_note("边界自相交，已用 make-valid 修复（{}）",
                                              "self-intersecting boundary repaired with make-valid ({})", reason));
        } else {
            fp.geom = geos.clone(spec.geom);
        }
    } else {
        fp.geom = geos.own(GEOSBuffer_r(h, spec.geom, options.footprint_m, 16), "footprint");
        const bool point = type == GEOS_POINT || type == GEOS_MULTIPOINT;
        notes.push_back(
            {fmt::format("{}选址：已按 {:g} 米足迹缓冲作为占地范围", point ? "点状" : "线状", options.footprint_m),
             fmt::format("{} site: footprint = buffer of {:g} m", point ? "point" : "line", options.footprint_m)});
    }
    // Near the district: a site reaching far beyond it is a coordinate error (a digit too many),
    // not a project; the readers refused what cannot be in the CRS at all.
    const auto sb = geos.bounds(fp.geom.get()), db = geos.bounds(zones.district());
    const double beyond = std::max({db.minx - sb.minx, sb.maxx - db.maxx, db.miny - sb.miny, sb.maxy - db.maxy, 0.0});
    if (beyond > kFarBeyondDistrictM) {
        throw make_error<DataError>(
            "选址超出本区范围 {:.0f} 千米；请检查其坐标和坐标系（带号、坐标轴顺序、是否多了一位数）",
            "the site reaches {:.0f} km beyond the district's extent; check its coordinates "
            "and CRS (zone, axis order, a digit too many)",
            beyond / 1000.0);
    }
    fp.area = measure(fp.geom.get());
    if (fp.area.planar_m2 <= 0) {
        throw DataError("选址面积为零（各点都在一条直线上？）；请检查坐标",
                        "the site has zero area (all its points on a line?); check the coordinates");
    }
    const double site_area = fp.area.in(options.mode);

    const bool inside =
        geos.predicate(GEOSPreparedContainsProperly_r(h, zones.district_prepared(), fp.geom.get()), "containsProperly");
    const Area2 in_district = inside ? fp.area : measure(geos.intersection(fp.geom.get(), zones.district()).get());
    fp.outside_district_share = std::clamp(1.0 - in_district.in(options.mode) / site_area, 0.0, 1.0);
    if (fp.outside_district_share > 1.0 - 1e-9) {
        const double d = geos.distance(fp.geom.get(), zones.district());
        throw make_error<DataError>("选址完全在本区之外（相距 {:.1f} 千米）；请检查其坐标和坐标系（带号、坐标轴顺序）",
                                    "the site lies entirely outside the district ({:.1f} km away); check its "
                                    "coordinates and CRS (zone, axis order)",
                                    d / 1000.0);
    }
    if (fp.outside_district_share > 1e-6) {
        notes.push_back(layers::make_note("选址有 {:.1f} % 位于本区域范围之外，该部分不按本区域图层判定",
                                          "{:.1f} % of the site lies outside the district and is not judged by "
                                          "this district's layers",
                                          100.0 * fp.outside_district_share));
    }
    return fp;
}

}  // namespace ecozone::analysis::screening
