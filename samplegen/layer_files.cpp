#include "samplegen/layer_files.h"

#include "samplegen/vector_writer.h"

#include <cpl_conv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace ecozone::samplegen {

namespace {

using S = std::string;
FieldDef str(const std::string& name, int width) {
    return {name, FieldKind::String, width};
}
FieldDef integer(const std::string& name, int width) {
    return {name, FieldKind::Integer, width};
}
FieldDef real(const std::string& name, int width, int precision) {
    return {name, FieldKind::Real, width, precision};
}

size_t index_of(ReceptorKind k) {
    return static_cast<size_t>(k);
}

// The land-use layer's field definitions and values, in the profile's columns.
FieldDef landuse_field(const LuField& f) {
    switch (f.column) {
        case LuColumn::SerialInt:
            return integer(f.name, 9);
        case LuColumn::SerialText:
            return str(f.name, 8);
        case LuColumn::Code:
            return str(f.name, 5);
        case LuColumn::Name:
            return str(f.name, 60);
        case LuColumn::UnitCode:
            return str(f.name, 19);
        case LuColumn::UnitName:
            return str(f.name, 60);
        case LuColumn::Area:
        case LuColumn::Deduction:
        case LuColumn::NetArea:
            return real(f.name, 16, 2);
        case LuColumn::DeductionRate:
            return real(f.name, 8, 4);
        case LuColumn::ShrubCover:
            return integer(f.name, 3);
        case LuColumn::SpecialShrub:
            return integer(f.name, 1);
    }
    return str(f.name, 10);
}

FieldValue landuse_value(const Model& m, size_t i, LuColumn column) {
    const LandPiece& p = m.landuse[i];
    const Township& t = m.townships[static_cast<size_t>(p.township)];
    // 坐落单位 as in 三调: the village, its 12-digit code padded to 19 digits.
    const bool has_village = p.village >= 0;
    const VillageArea* v = has_village ? &m.village_areas[static_cast<size_t>(p.village)] : nullptr;
    switch (column) {
        case LuColumn::SerialInt:
            return static_cast<long long>(i + 1);
        case LuColumn::SerialText:
            return fmt::format("{:08d}", i + 1);
        case LuColumn::Code:
            return S(land_code(p.lc).code);
        case LuColumn::Name:
            return S(land_code(p.lc).name);
        case LuColumn::UnitCode:
            return v ? v->code + "0000000" : t.code;
        case LuColumn::UnitName:
            return v ? v->name : t.name;
        case LuColumn::Area:
            return p.tbmj;
        case LuColumn::Deduction:
            return p.kcmj;
        case LuColumn::DeductionRate:
            return p.tbmj > 0 ? std::round(p.kcmj / p.tbmj * 1e4) / 1e4 : 0.0;
        case LuColumn::NetArea:
            return std::round((p.tbmj - p.kcmj) * 100.0) / 100.0;
        case LuColumn::ShrubCover:
            return static_cast<long long>(p.gmfgd);
        case LuColumn::SpecialShrub:
            return static_cast<long long>(p.tsgmld);
    }
    return S();
}

}  // namespace

std::vector<WrittenLayer> write_vector_layers(const GeosContext& geos, const Model& m, const std::string& dir) {
    const Profile& pr = *m.profile;
    const Schema& sc = pr.schema;
    std::vector<WrittenLayer> written;
    auto done = [&](VectorWriter& w, const std::string& file) {
        w.close();
        written.push_back({file, w.count()});
    };
    auto shp = [&](const std::string& base) { return base + ".shp"; };

    {
        const auto& f = sc.district_fields;
        auto w = VectorWriter::shapefile(dir, sc.district_file, wkbPolygon, {str(f[0], 12), str(f[1], 60)});
        w.add(geos, m.district.get(), {pr.admin_code, pr.outline_name});
        done(w, shp(sc.district_file));
    }
    {
        const auto& f = sc.township_fields;
        auto w = VectorWriter::shapefile(dir, sc.townships_file, wkbPolygon, {str(f[0], 12), str(f[1], 60)});
        for (const auto& t : m.townships) w.add(geos, t.geom.get(), {t.code, t.name});
        done(w, shp(sc.townships_file));
    }
    {
        const auto& f = sc.village_fields;
        auto w =
            VectorWriter::shapefile(dir, sc.villages_file, wkbPolygon, {str(f[0], 12), str(f[1], 60), str(f[2], 60)});
        for (const auto& v : m.village_areas) w.add(geos, v.geom.get(), {v.code, v.name, v.township});
        done(w, shp(sc.villages_file));
    }
    {
        const auto& f = sc.redline_fields;
        auto w =
            VectorWriter::shapefile(dir, sc.redline_file, wkbPolygon, {str(f[0], 20), str(f[1], 120), str(f[2], 40)});
        for (const auto& u : m.redline) w.add(geos, u.geom.get(), {u.code, u.name, u.type});
        done(w, shp(sc.redline_file));
    }
    {
        // The three-zone scheme, and the two-zone scheme of State Council order 830 if the profile
        // has a field for it (core and buffer -> 核心保护区, experimental -> 一般控制区).
        const auto& f = sc.reserve_fields;
        const bool two = !f[2].empty();
        std::vector<FieldDef> defs = {str(f[0], 80), str(f[1], 20)};
        if (two) defs.push_back(str(f[2], 20));
        auto w = VectorWriter::shapefile(dir, sc.reserve_file, wkbPolygon, defs);
        const GEOSGeometry* zones[3] = {m.reserve.core.get(), m.reserve.buffer.get(), m.reserve.experimental.get()};
        for (size_t z = 0; z < 3; ++z) {
            std::vector<FieldValue> values = {pr.reserve_name, sc.reserve_words[z]};
            if (two) values.push_back(sc.reserve_two_words[z < 2 ? 0 : 1]);
            if (!geos.is_empty(zones[z])) w.add(geos, zones[z], values);
        }
        done(w, shp(sc.reserve_file));
    }
    {
        const auto& f = sc.river_fields;
        auto w = VectorWriter::shapefile(dir, sc.rivers_file, wkbMultiLineString, {str(f[0], 40), str(f[1], 20)});
        for (const auto& r : m.rivers) {
            if (!geos.is_empty(r.line.get())) w.add(geos, r.line.get(), {r.name, r.code});
        }
        done(w, shp(sc.rivers_file));
    }
    if (!sc.river_belts_file.empty()) {
        // The county's own buffer belts: one polygon per piece, with the width it was drawn at.
        const auto& f = sc.river_belt_fields;
        auto w = VectorWriter::shapefile(dir, sc.river_belts_file, wkbPolygon,
                                         {str(f[0], 40), str(f[1], 20), real(f[2], 8, 1)});
        for (const auto& b : m.river_belts) w.add(geos, b.geom.get(), {b.name, b.code, b.width_m});
        done(w, shp(sc.river_belts_file));
    }
    {
        // The level field is as wide as its longest word (UTF-8 bytes), at least 10.
        const auto& f = sc.water_fields;
        auto word = [&](const WaterSource& s) { return sc.water_words.at(static_cast<size_t>(s.level - 1)); };
        size_t width = 10;
        for (const auto& s : m.water_sources) width = std::max(width, word(s).size());
        auto w = VectorWriter::shapefile(dir, sc.water_file, wkbPolygon,
                                         {str(f[0], 80), str(f[1], static_cast<int>(width))});
        for (const auto& s : m.water_sources) w.add(geos, s.geom.get(), {s.name, word(s)});
        done(w, shp(sc.water_file));
    }
    {
        auto w = VectorWriter::shapefile(dir, sc.farmland_file, wkbPolygon, {str(sc.farmland_field, 24)});
        for (size_t i = 0; i < m.farmland.size(); ++i) {
            w.add(geos, m.farmland[i].get(),
                  {fmt::format("{}{:0{}d}", sc.farmland_code_prefix, i + 1, sc.farmland_code_digits)});
        }
        done(w, shp(sc.farmland_file));
    }
    {
        auto w = VectorWriter::shapefile(dir, sc.urban_file, wkbPolygon, {str(sc.urban_field, 80)});
        for (const auto& u : m.urban) w.add(geos, u.geom.get(), {u.name});
        done(w, shp(sc.urban_file));
    }
    if (!sc.parks_file.empty()) {
        auto w = VectorWriter::shapefile(dir, sc.parks_file, wkbPolygon, {str(sc.park_field, 60)});
        for (const auto& p : m.parks) w.add(geos, p.geom.get(), {p.name});
        done(w, shp(sc.parks_file));
    }
    {
        auto w = VectorWriter::shapefile(dir, sc.wetland_parks_file, wkbPolygon, {str(sc.wetland_park_field, 80)});
        for (const auto& p : m.wetland_parks) w.add(geos, p.geom.get(), {p.name});
        done(w, shp(sc.wetland_parks_file));
    }
    {
        auto w =
            VectorWriter::shapefile(dir, sc.important_wetlands_file, wkbPolygon, {str(sc.important_wetland_field, 80)});
        for (const auto& p : m.important_wetlands) w.add(geos, p.geom.get(), {p.name});
        done(w, shp(sc.important_wetlands_file));
    }
    {
        const auto& f = sc.control_unit_fields;
        auto w = VectorWriter::shapefile(dir, sc.control_units_file, wkbPolygon,
                                         {str(f[0], 20), str(f[1], 120), str(f[2], 30)});
        for (const auto& u : m.control_units) {
            w.add(geos, u.geom.get(), {u.code, u.name, sc.control_words.at(static_cast<size_t>(u.type - 1))});
        }
        done(w, shp(sc.control_units_file));
    }
    {
        const auto& f = sc.receptor_fields;
        auto w = VectorWriter::shapefile(dir, sc.receptors_file, wkbPoint, {str(f[0], 60), str(f[1], 20)});
        for (const auto& r : m.receptors) {
            w.add(geos, make_point(geos, r.at).get(), {r.name, sc.receptor_words.at(index_of(r.kind))});
        }
        done(w, shp(sc.receptors_file));
    }
    {
        // id (if any), name, category id (if any), the county's word for the project type.
        const auto& f = sc.site_fields;
        std::vector<FieldDef> defs;
        if (!f[0].empty()) defs.push_back(str(f[0], 20));
        defs.push_back(str(f[1], 120));
        if (!f[2].empty()) defs.push_back(str(f[2], 30));
        defs.push_back(str(f[3], 30));
        auto w = VectorWriter::shapefile(dir, sc.sites_file, wkbPolygon, defs);
        for (const auto& s : m.sites) {
            std::vector<FieldValue> values;
            if (!f[0].empty()) values.push_back(s.id);
            values.push_back(s.name);
            if (!f[2].empty()) values.push_back(s.category);
            values.push_back(s.word);
            w.add(geos, s.geom.get(), values);
        }
        done(w, shp(sc.sites_file));
    }

    // The land-use layer: a shapefile (GBK without .cpg as county data often arrives, or UTF-8
    // with .cpg), and for the sample also a UTF-8 GeoPackage.
    std::vector<FieldDef> dltb;
    for (const auto& f : sc.landuse_fields) dltb.push_back(landuse_field(f));
    auto values = [&](size_t i) {
        std::vector<FieldValue> out;
        for (const auto& f : sc.landuse_fields) out.push_back(landuse_value(m, i, f.column));
        return out;
    };
    {
        auto w = VectorWriter::shapefile(dir, sc.landuse_file, wkbPolygon, dltb,
                                         sc.landuse_gbk ? DbfEncoding::GbkNoCpg : DbfEncoding::Utf8);
        for (size_t i = 0; i < m.landuse.size(); ++i) w.add(geos, m.landuse[i].geom.get(), values(i));
        done(w, shp(sc.landuse_file));
    }
    if (sc.landuse_gpkg) {
        // GeoPackage stamps the current time into gpkg_contents; a fixed date keeps re-runs equal.
        CPLConfigOptionSetter fixed_date("OGR_CURRENT_DATE", "2025-09-30T00:00:00.000Z", false);
        const std::string path = (std::filesystem::path(dir) / (sc.landuse_file + ".gpkg")).string();
        auto w = VectorWriter::geopackage(path, sc.landuse_file, wkbPolygon, dltb);
        w.begin_transaction();
        for (size_t i = 0; i < m.landuse.size(); ++i) w.add(geos, m.landuse[i].geom.get(), values(i));
        w.commit_transaction();
        done(w, sc.landuse_file + ".gpkg");
    }
    if (!m.random_sites.empty()) {
        // Random sites for differential tests: polygons, lines and points in one layer.
        CPLConfigOptionSetter fixed_date("OGR_CURRENT_DATE", "2025-09-30T00:00:00.000Z", false);
        const std::string path = (std::filesystem::path(dir) / "random_sites.gpkg").string();
        const auto& f = sc.site_fields;
        auto w =
            VectorWriter::geopackage(path, "random_sites", wkbUnknown, {str(f[0], 20), str(f[1], 120), str(f[3], 30)});
        w.begin_transaction();
        for (const auto& s : m.random_sites) w.add(geos, s.geom.get(), {s.id, s.name, s.word});
        w.commit_transaction();
        done(w, "random_sites.gpkg");
    }
    return written;
}

}  // namespace ecozone::samplegen
