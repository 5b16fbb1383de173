#include "samplegen/layer_files.h"

#include "samplegen/vector_writer.h"

#include <cpl_conv.h>
#include <fmt/format.h>

#include <filesystem>

namespace ecozone::samplegen {

namespace {

using S = std::string;
FieldDef str(const char* name, int width) { return {name, FieldKind::String, width}; }
FieldDef integer(const char* name, int width) { return {name, FieldKind::Integer, width}; }
FieldDef real(const char* name, int width, int precision) { return {name, FieldKind::Real, width, precision}; }

}  // namespace

std::vector<WrittenLayer> write_vector_layers(const GeosContext& geos, const Model& m,
                                              const std::string& dir) {
    std::vector<WrittenLayer> written;
    auto done = [&](VectorWriter& w, const std::string& file) {
        w.close();
        written.push_back({file, w.count()});
    };

    {
        auto w = VectorWriter::shapefile(dir, "district", wkbPolygon, {str("XZQDM", 12), str("XZQMC", 60)});
        w.add(geos, m.district.get(), {S(kAdminCode), S(kDistrictName)});
        done(w, "district.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "townships", wkbPolygon, {str("XZQDM", 12), str("XZQMC", 60)});
        for (const auto& t : m.townships) w.add(geos, t.geom.get(), {t.code, t.name});
        done(w, "townships.shp");
    }
    {
        auto w =
            VectorWriter::shapefile(dir, "villages", wkbPolygon, {str("XZQDM", 12), str("XZQMC", 60), str("XZMC", 60)});
        for (const auto& v : m.village_areas) w.add(geos, v.geom.get(), {v.code, v.name, v.township});
        done(w, "villages.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "redline", wkbPolygon,
                                         {str("HXBH", 20), str("HXMC", 120), str("HXLX", 40)});
        for (const auto& u : m.redline) w.add(geos, u.geom.get(), {u.code, u.name, u.type});
        done(w, "redline.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "luoshan_zones", wkbPolygon,
                                         {str("BHQMC", 80), str("GNFQ", 20), str("XGNFQ", 20)});
        const S name = "宁夏罗山国家级自然保护区";
        w.add(geos, m.reserve.core.get(), {name, S("核心区"), S("核心保护区")});
        w.add(geos, m.reserve.buffer.get(), {name, S("缓冲区"), S("核心保护区")});
        w.add(geos, m.reserve.experimental.get(), {name, S("实验区"), S("一般控制区")});
        done(w, "luoshan_zones.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "rivers", wkbMultiLineString, {str("HLMC", 40), str("HLDM", 20)});
        for (const auto& r : m.rivers) {
            if (!geos.is_empty(r.line.get())) w.add(geos, r.line.get(), {r.name, r.code});
        }
        done(w, "rivers.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "water_sources", wkbPolygon, {str("SYMC", 80), str("BHJB", 10)});
        for (const auto& s : m.water_sources) w.add(geos, s.geom.get(), {s.name, s.level});
        done(w, "water_sources.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "farmland", wkbPolygon, {str("JBNTBH", 24)});
        for (size_t i = 0; i < m.farmland.size(); ++i) {
            w.add(geos, m.farmland[i].get(), {fmt::format("JBNT{}{:05d}", kAdminCode, i + 1)});
        }
        done(w, "farmland.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "urban_boundary", wkbPolygon, {str("MC", 80)});
        for (const auto& u : m.urban) w.add(geos, u.geom.get(), {u.name});
        done(w, "urban_boundary.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "industrial_parks", wkbPolygon, {str("YQMC", 60)});
        for (const auto& p : m.parks) w.add(geos, p.geom.get(), {p.name});
        done(w, "industrial_parks.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "wetland_parks", wkbPolygon, {str("MC", 80)});
        for (const auto& p : m.wetland_parks) w.add(geos, p.geom.get(), {p.name});
        done(w, "wetland_parks.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "important_wetlands", wkbPolygon, {str("MC", 80)});
        for (const auto& p : m.important_wetlands) w.add(geos, p.geom.get(), {p.name});
        done(w, "important_wetlands.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "control_units", wkbPolygon,
                                         {str("DYBM", 20), str("DYMC", 120), str("GKLX", 30)});
        for (const auto& u : m.control_units) w.add(geos, u.geom.get(), {u.code, u.name, u.type});
        done(w, "control_units.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "receptors", wkbPoint, {str("MC", 60), str("LX", 20)});
        for (const auto& r : m.receptors) w.add(geos, make_point(geos, r.at).get(), {r.name, r.kind});
        done(w, "receptors.shp");
    }
    {
        auto w = VectorWriter::shapefile(dir, "sites", wkbPolygon,
                                         {str("XMMC", 120), str("HYLB", 30), str("XMLX", 30)});
        for (const auto& s : m.sites) w.add(geos, s.geom.get(), {s.name, s.category, s.type_cn});
        done(w, "sites.shp");
    }

    // The land-use layer twice: a GBK shapefile as county data arrives, and a UTF-8 GeoPackage.
    const std::vector<FieldDef> dltb = {
        integer("BSM", 9), str("DLBM", 5), str("DLMC", 60), str("ZLDWDM", 19), str("ZLDWMC", 60),
        real("TBMJ", 16, 2), real("KCMJ", 16, 2), real("TBDLMJ", 16, 2), integer("GMFGD", 3),
        integer("TSGMLD", 1)};
    auto values = [&](size_t i) -> std::vector<FieldValue> {
        const LandPiece& p = m.landuse[i];
        const Township& t = m.townships[static_cast<size_t>(p.township)];
        const LandCode& c = land_code(p.lc);
        const double tbdlmj = std::round((p.tbmj - p.kcmj) * 100.0) / 100.0;
        // 坐落单位 as in 三调: the village, its 12-digit code padded to 19 digits.
        const bool has_village = p.village >= 0;
        const std::string unit_code =
            has_village ? m.village_areas[static_cast<size_t>(p.village)].code + "0000000" : t.code;
        const std::string unit_name = has_village ? m.village_areas[static_cast<size_t>(p.village)].name : t.name;
        return {static_cast<long long>(i + 1),
                S(c.code),
                S(c.name),
                unit_code,
                unit_name,
                p.tbmj,
                p.kcmj,
                tbdlmj,
                static_cast<long long>(p.gmfgd),
                static_cast<long long>(p.tsgmld)};
    };
    {
        auto w = VectorWriter::shapefile(dir, "landuse_dltb", wkbPolygon, dltb, DbfEncoding::GbkNoCpg);
        for (size_t i = 0; i < m.landuse.size(); ++i) w.add(geos, m.landuse[i].geom.get(), values(i));
        done(w, "landuse_dltb.shp");
    }
    {
        // GeoPackage stamps the current time into gpkg_contents; a fixed date keeps re-runs equal.
        CPLConfigOptionSetter fixed_date("OGR_CURRENT_DATE", "2025-09-30T00:00:00.000Z", false);
        const std::string path = (std::filesystem::path(dir) / "landuse_dltb.gpkg").string();
        auto w = VectorWriter::geopackage(path, "landuse_dltb", wkbPolygon, dltb);
        w.begin_transaction();
        for (size_t i = 0; i < m.landuse.size(); ++i) w.add(geos, m.landuse[i].geom.get(), values(i));
        w.commit_transaction();
        done(w, "landuse_dltb.gpkg");
    }
    return written;
}

}  // namespace ecozone::samplegen
