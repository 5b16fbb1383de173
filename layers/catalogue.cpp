#include "layers/catalogue.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <thread>

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
                      const WorkingCrs& working, std::shared_ptr<const geo::BoxIndex> window) {
    const VectorLayerSpec* spec = project.vector(role);
    if (!spec) {
        throw make_error<DataError>("{}：项目文件中没有 [layers.{}]", "{}: the project names no [layers.{}]",
                                    project.file, role_key(role));
    }
    ReadOptions options;
    options.layer_name = spec->layer_name;
    options.encoding = spec->encoding;
    options.target_crs = working.definition;
    options.window = std::move(window);
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

namespace {

// A layer read with another GEOS context handed to `geos`: a geometry belongs to no context,
// only the handle its deleter reports errors to changes.
void rehome(VectorLayer& layer, const geo::GeosContext& geos) {
    for (auto* list : {&layer.features, &layer.skipped}) {
        for (auto& f : *list) f.geom = geo::GeomPtr(f.geom.release(), geo::GeomDeleter{geos.handle()});
    }
}

// Bytes on disk of a layer's source (0 for a database or an unreadable path): the order to read in.
std::uintmax_t source_size(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t n = std::filesystem::file_size(path, ec);
    return ec ? 0 : n;
}

}  // namespace

Catalogue load_catalogue(const Project& project, const geo::GeosContext& geos, const std::vector<VectorRole>& roles) {
    Catalogue c;
    c.project = project;
    const VectorLayerSpec* d = project.vector(VectorRole::District);
    ReadOptions district_options;
    district_options.layer_name = d->layer_name;
    district_options.encoding = d->encoding;
    c.working = choose_working_crs(project, geos, read_vector(geos, d->path, district_options));

    // The layers are read two at a time, largest file first, so that the dozen small ones are
    // read while the land use keeps the other core busy (a large shapefile is itself read by two
    // threads, layers/vector_layer.cpp).  Each reader has its own GEOS context.  Should several
    // layers fail, the error reported is the first in `roles` order, as if read one by one.
    std::vector<VectorRole> todo;
    for (VectorRole role : roles) {
        if (project.vector(role) && std::find(todo.begin(), todo.end(), role) == todo.end()) todo.push_back(role);
    }
    std::vector<size_t> order(todo.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return source_size(project.vector(todo[a])->path) > source_size(project.vector(todo[b])->path);
    });
    std::vector<std::optional<VectorLayer>> read(todo.size());
    std::vector<std::exception_ptr> errors(todo.size());
    std::atomic<size_t> next{0};
    auto reader = [&] {
        const geo::GeosContext own;
        for (size_t k = next++; k < order.size(); k = next++) {
            const size_t i = order[k];
            try {
                VectorLayer layer = read_role(project, todo[i], own, c.working);
                rehome(layer, geos);
                read[i] = std::move(layer);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    std::exception_ptr second_failed, first_failed;  // a reader that could not even start
    std::thread second;
    if (todo.size() > 1 && std::thread::hardware_concurrency() > 1) {
        second = std::thread([&] {
            try {
                reader();
            } catch (...) {
                second_failed = std::current_exception();
            }
        });
    }
    try {
        reader();
    } catch (...) {
        first_failed = std::current_exception();
    }
    if (second.joinable()) second.join();
    for (const auto& e : {first_failed, second_failed}) {
        if (e) std::rethrow_exception(e);
    }
    for (size_t i = 0; i < todo.size(); ++i) {
        if (errors[i]) std::rethrow_exception(errors[i]);
        c.vectors.emplace(todo[i], std::move(*read[i]));
    }
    return c;
}

}  // namespace ecozone::layers
