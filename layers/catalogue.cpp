#include "layers/catalogue.h"

#include "geo/errors.h"

#include <fmt/format.h>

namespace ecozone::layers {

WorkingCrs choose_working_crs(const Project& project, const geo::GeosContext& geos,
                              const VectorLayer& district) {
    WorkingCrs w;
    if (project.working_epsg) {
        w.epsg = *project.working_epsg;
        w.definition = fmt::format("EPSG:{}", w.epsg);
        geo::CrsInfo info;
        try {
            info = geo::describe_crs(w.definition);
        } catch (const CrsError&) {
            throw make_error<CrsError>(
                "{}：working_epsg = {} 不是已知的 EPSG 代码；请用本区所在的 CGCS2000 高斯-克吕格投影带"
                "（如 4544），或删去这一行由程序选择",
                "{}: working_epsg = {} is not a known EPSG code; use the "
                "district's CGCS2000 Gauss-Krüger zone (e.g. 4544) or remove "
                "the line to have it chosen",
                project.file, w.epsg);
        }
        if (!info.projected) {
            throw make_error<CrsError>(
                "{}：working_epsg = {}（{}）不是投影坐标系；面积和缓冲区需要以米为单位：请用高斯-克吕格"
                "投影代码，如 4544",
                "{}: working_epsg = {} ({}) is not a projected CRS; areas and "
                "buffers need metres: use a Gauss-Krüger code such as 4544",
                project.file, w.epsg, info.name);
        }
        w.name = info.name;
        w.chosen_by = {"项目文件指定", "project file"};
        return w;
    }
    if (district.features.empty()) {
        throw make_error<DataError>("{}：行政区图层中没有要素", "{}: the district layer has no features",
                                    district.source);
    }
    std::vector<geo::GeomPtr> parts;
    for (const auto& f : district.features) parts.push_back(geos.clone(f.geom.get()));
    geo::GeomPtr all = geos.collect(std::move(parts));
    geo::GeomPtr centroid = geos.own(GEOSGetCentroid_r(geos.handle(), all.get()), "centroid");
    double x = 0, y = 0;
    GEOSGeomGetX_r(geos.handle(), centroid.get(), &x);
    GEOSGeomGetY_r(geos.handle(), centroid.get(), &y);
    geo::Transform to_lonlat(district.working_crs, "EPSG:4490");
    to_lonlat.forward(x, y);
    w.epsg = geo::gk3_epsg_for_longitude(x);
    w.definition = fmt::format("EPSG:{}", w.epsg);
    w.name = geo::describe_crs(w.definition).name;
    w.chosen_by = make_note("距行政区形心（{:.2f}°E）最近的高斯-克吕格 3° 带",
                            "nearest Gauss-Krüger zone to the district centroid ({:.2f}°E)", x);
    return w;
}

VectorLayer read_role(const Project& project, VectorRole role, const geo::GeosContext& geos,
                      const WorkingCrs& working) {
    const VectorLayerSpec* spec = project.vector(role);
    if (!spec) {
        throw make_error<DataError>("{}：项目文件中没有 [layers.{}]", "{}: the project names no [layers.{}]",
                                    project.file, role_key(role));
    }
    ReadOptions options;
    options.layer_name = spec->layer_name;
    options.encoding = spec->encoding;
    options.target_crs = working.definition;
    return read_vector(geos, spec->path, options);
}

const VectorLayer* Catalogue::vector(VectorRole role) const {
    auto it = vectors.find(role);
    return it == vectors.end() ? nullptr : &it->second;
}

const VectorLayer& Catalogue::require(VectorRole role, const std::string& needed_for) const {
    if (const VectorLayer* l = vector(role)) return *l;
    throw make_error<DataError>("{0}：{1} 需要 [layers.{2}]（{3}）；请在项目文件中加上",
                                "{0}: {1} needs [layers.{2}] ({4}); add it to the project file", project.file,
                                needed_for, role_key(role), role_label(role, "zh"), role_label(role, "en"));
}

Catalogue load_catalogue(const Project& project, const geo::GeosContext& geos) {
    std::vector<VectorRole> roles;
    for (const auto& [role, spec] : project.vectors) roles.push_back(role);
    Catalogue c = load_catalogue(project, geos, roles);
    for (const auto& [role, spec] : project.rasters) {
        c.rasters.emplace(role, read_raster_info(spec.path));
    }
    return c;
}

Catalogue load_catalogue(const Project& project, const geo::GeosContext& geos, const std::vector<VectorRole>& roles) {
    Catalogue c;
    c.project = project;
    const VectorLayerSpec* d = project.vector(VectorRole::District);
    ReadOptions district_options;
    district_options.layer_name = d->layer_name;
    district_options.encoding = d->encoding;
    c.working = choose_working_crs(project, geos, read_vector(geos, d->path, district_options));
    for (VectorRole role : roles) {
        if (project.vector(role)) c.vectors.emplace(role, read_role(project, role, geos, c.working));
    }
    return c;
}

}  // namespace ecozone::layers
