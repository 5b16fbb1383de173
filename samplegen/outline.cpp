#include "samplegen/outline.h"

#include "geo/errors.h"
#include "samplegen/model.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace ecozone::samplegen {

GeomPtr read_district(const GeosContext& geos, const std::string& path,
                      const std::string& county_name) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds || ds->GetLayerCount() < 1) {
        throw IoError(fmt::format("cannot open the boundary file '{}' (pass --boundary)", path));
    }
    OGRLayer* layer = ds->GetLayer(0);
    // The echarts outlines declare CRS84 (WGS 84 lon/lat).  At the kilometre precision of a
    // simplified outline WGS 84 and CGCS2000 coincide, so PROJ's ballpark transform is right.
    std::string source_crs = "OGC:CRS84";
    if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
        char* wkt = nullptr;
        if (srs->exportToWkt(&wkt) == OGRERR_NONE && wkt) source_crs = wkt;
        CPLFree(wkt);
    }
    const int name_field = layer->GetLayerDefn()->GetFieldIndex("name");
    if (name_field < 0) {
        throw DataError(fmt::format("'{}' has no 'name' field to find the county by", path));
    }
    GeomPtr lonlat;
    for (auto& feature : *layer) {
        if (county_name != feature->GetFieldAsString(name_field)) continue;
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g) break;
        std::vector<unsigned char> wkb(static_cast<size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        lonlat = geos.from_wkb(wkb.data(), wkb.size());
        break;
    }
    if (!lonlat) {
        throw DataError(fmt::format("no feature named '{}' with a geometry in '{}' "
                                    "(pass --boundary-name)", county_name, path));
    }
    geo::Transform to_working(source_crs, kWorkingCrs);
    GeomPtr projected = transform_geometry(geos, lonlat.get(), to_working);
    if (!geos.is_valid(projected.get())) {
        projected = geos.make_valid(projected.get());
    }
    // Densify to <= 100 m edges.  The ellipsoidal area formula treats an edge as straight in
    // longitude/latitude, so a vertex inserted on a long projected edge (where a land-use or
    // township boundary meets the outline) changes the area by up to ~1000 m² per km-long
    // edge; on short edges the pieces' TBMJ add up to the district's area.
    GeomPtr dense = geos.own(GEOSDensify_r(geos.handle(), projected.get(), 100.0), "densify");
    GeomPtr district = as_multipolygon(geos, dense.get());
    if (geos.is_empty(district.get())) {
        throw DataError(fmt::format("county '{}' in '{}' has no area", county_name, path));
    }
    // One polygon when the county is one piece: simpler for every consumer.
    if (GEOSGetNumGeometries_r(geos.handle(), district.get()) == 1) {
        return geos.clone(GEOSGetGeometryN_r(geos.handle(), district.get(), 0));
    }
    return district;
}

}  // namespace ecozone::samplegen
