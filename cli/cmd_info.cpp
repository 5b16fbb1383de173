// `ecozone info LAYER`: what a file is, before anyone relies on it.
#include "cli/command.h"
#include "cli/output_options.h"
#include "geo/geos_handle.h"
#include "layers/gdal_handle.h"
#include "layers/raster_info.h"
#include "layers/vector_layer.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace ecozone::cli {

namespace {

// Where the encoding decision came from, as the text report names it (JSON keeps the key).
std::string encoding_source(const std::string& source, const Lang& t) {
    if (source == "cpg") return ".cpg";
    if (source == "ldid") return t("DBF 语言驱动标识", "ldid");
    if (source == "detected") return t("自动检测", "detected");
    if (source == "driver") return t("格式规定", "driver");
    if (source == "project") return t("项目文件", "project");
    if (source == "undetermined") return t("未确定", "undetermined");
    return source;
}

nlohmann::json extent_json(const layers::Extent& e) {
    if (e.empty) return nullptr;
    return {{"minx", e.minx}, {"miny", e.miny}, {"maxx", e.maxx}, {"maxy", e.maxy}};
}

std::string crs_text(const geo::CrsInfo& crs, const Lang& t) {
    return crs.epsg ? fmt::format("{} (EPSG:{})", crs.name, *crs.epsg)
                    : fmt::format(t("{}（无 EPSG 代码）", "{} (no EPSG code)"), crs.name);
}

class InfoCommand : public Command {
public:
    const char* name() const override { return "info"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("查看一个图层：数据格式（驱动）、坐标系（名称和 EPSG 代码）、范围、要素数或像元数、"
              "字段及类型、所用的属性编码，以及无效几何和空几何。",
              "Describe one layer: driver, CRS (name and EPSG), extent, feature or pixel counts, "
              "fields with types, the attribute encoding used, invalid and empty geometries."));
        sub.add_option("LAYER", source_,
                       t("矢量或栅格文件（Shapefile、GeoPackage、GeoJSON、GeoTIFF 等），或 PostGIS 连接串 "
                         "PG:\"...\"",
                         "Vector or raster file (shapefile, GeoPackage, GeoJSON, GeoTIFF, ...) or a "
                         "PostGIS connection string PG:\"...\""))
            ->required();
        sub.add_option("--layer", layer_name_,
                       t("数据源含多个图层时要查看的图层", "Layer to describe in a multi-layer source"));
        sub.add_flag("--stats", stats_,
                     t("栅格：同时统计每个类别值的像元数", "Raster: also count the pixels of every class value"));
        add_output_options(sub, output_, t);
        sub.footer(
            t("示例：\n"
              "  ecozone info sample_shapefiles/landuse_dltb.shp\n"
              "  ecozone info sample_shapefiles/landuse_dltb.gpkg --layer landuse_dltb --json\n"
              "  ecozone info sample_shapefiles/landuse_2020_30m.tif --stats --lang en\n"
              "  ecozone info \"PG:host=127.0.0.1 port=5432 dbname=gis\" --layer redline\n"
              "缺少 .cpg 文件的 Shapefile 会自动检测属性编码（UTF-8 或 GBK）并在结果中注明。\n"
              "退出码：0 图层可用，1 图层缺少坐标系、属性编码无法确定或无法读取，2 命令行用法错误。",
              "Examples:\n"
              "  ecozone info sample_shapefiles/landuse_dltb.shp\n"
              "  ecozone info sample_shapefiles/landuse_dltb.gpkg --layer landuse_dltb --json\n"
              "  ecozone info sample_shapefiles/landuse_2020_30m.tif --stats --lang en\n"
              "  ecozone info \"PG:host=127.0.0.1 port=5432 dbname=gis\" --layer redline\n"
              "A shapefile without .cpg has its text encoding detected (UTF-8 or GBK) and reported.\n"
              "Exit codes: 0 usable, 1 no CRS, undetermined text encoding or unreadable, 2 usage error."));
    }

    int run(Streams io) override {
        if (layers::probe_source(source_) == layers::SourceKind::Raster) return run_raster(io);
        return run_vector(io);
    }

    // Parsed values, for tests of the argument parsing.
    const std::string& source() const { return source_; }

private:
    int run_vector(Streams io) {
        geo::GeosContext geos;
        layers::ReadOptions options;
        if (!layer_name_.empty()) options.layer_name = layer_name_;
        options.require_crs = false;
        const layers::VectorLayer l = layers::read_vector(geos, source_, options);
        const Lang t = output_.terminal();
        std::vector<std::int64_t> repaired;
        for (const auto& r : l.validity.repaired) repaired.push_back(r.fid);
        if (output_.json) {
            nlohmann::json j;
            j["kind"] = "vector";
            j["source"] = l.source;
            j["driver"] = l.driver;
            j["layer"] = l.layer_name;
            j["geometry_type"] = l.geometry_type;
            j["crs"] = !l.has_crs ? nlohmann::json() : nlohmann::json{{"name", l.source_crs.name},
                        {"epsg", l.source_crs.epsg ? nlohmann::json(*l.source_crs.epsg) : nlohmann::json()}};
            j["extent"] = extent_json(l.source_extent);
            j["features"] = l.features.size();
            j["features_in_source"] = l.features_in_source;
            j["fields"] = nlohmann::json::array();
            for (const auto& f : l.fields) {
                j["fields"].push_back({{"name", f.name}, {"type", layers::to_string(f.type)}, {"ogr_type", f.ogr_type}});
            }
            // Both languages, as everywhere in JSON: "note" in Chinese, "note_en" in English.
            j["encoding"] = {{"encoding", l.encoding.encoding},
                             {"source", l.encoding.source},
                             {"note", l.encoding.note.zh},
                             {"note_en", l.encoding.note.en}};
            nlohmann::json reasons = nlohmann::json::array();
            for (const auto& r : l.validity.repaired) reasons.push_back({{"fid", r.fid}, {"reason", r.reason}});
            j["invalid_repaired"] = reasons;
            j["empty_skipped"] = l.validity.empty;
            j["collapsed_skipped"] = l.validity.collapsed;
            io.out << j.dump(2) << "\n";
            return problems(l);
        }
        io.out << fmt::format("{}: {}\n", t("文件", "source"), l.source);
        io.out << fmt::format("{}: {}\n", t("驱动", "driver"), l.driver);
        io.out << fmt::format("{}: {}\n", t("图层", "layer"), l.layer_name);
        io.out << fmt::format("{}: {}\n", t("坐标系", "CRS"),
                              l.has_crs ? crs_text(l.source_crs, t)
                                        : t("无（缺少 .prj 文件；请补充，例如 ogr2ogr -a_srs EPSG:4544）",
                                            "none (the .prj file is missing; add one, e.g. ogr2ogr -a_srs EPSG:4544)"));
        io.out << fmt::format("{}: {}\n", t("几何类型", "geometry type"), l.geometry_type);
        if (!l.source_extent.empty) {
            io.out << fmt::format("{}: {:.6f}, {:.6f} – {:.6f}, {:.6f}\n", t("范围", "extent"),
                                  l.source_extent.minx, l.source_extent.miny, l.source_extent.maxx,
                                  l.source_extent.maxy);
        }
        io.out << fmt::format("{}: {}\n", t("要素数", "features"), l.features.size());
        io.out << fmt::format("{}:\n", t("字段", "fields"));
        for (const auto& f : l.fields) {
            io.out << fmt::format("  {:<12} {} ({})\n", f.name, layers::to_string(f.type), f.ogr_type);
        }
        io.out << fmt::format("{}: {} [{}] {}\n", t("属性编码", "attribute encoding"),
                              l.encoding.determined() ? l.encoding.encoding : t("未确定", "undetermined"),
                              encoding_source(l.encoding.source, t), t(l.encoding.note));
        io.out << fmt::format("{}: {}", t("无效几何（已修复）", "invalid geometries (repaired)"), repaired.size());
        for (const auto& r : l.validity.repaired) io.out << fmt::format("\n  fid {}: {}", r.fid, r.reason);
        io.out << "\n";
        io.out << fmt::format("{}: {}{}\n", t("空几何（已跳过）", "empty geometries (skipped)"),
                              l.validity.empty.size(), fid_suffix(l.validity.empty));
        if (!l.validity.collapsed.empty()) {
            io.out << fmt::format("{}: {}{}\n", t("修复后消失（已跳过）", "collapsed on repair (skipped)"),
                                  l.validity.collapsed.size(), fid_suffix(l.validity.collapsed));
        }
        return problems(l);
    }

    // A layer described but unusable as it is (no CRS, unknown text encoding) exits 1, so
    // scripts can test `ecozone info FILE` before loading it.
    static int problems(const layers::VectorLayer& l) {
        return l.has_crs && l.encoding.determined() ? kExitOk : kExitProblems;
    }

    static std::string fid_suffix(const std::vector<std::int64_t>& fids) {
        if (fids.empty()) return "";
        std::string s = " (fid";
        for (size_t i = 0; i < fids.size() && i < 20; ++i) s += " " + std::to_string(fids[i]);
        return s + (fids.size() > 20 ? " …)" : ")");
    }

    int run_raster(Streams io) {
        const layers::RasterInfo r = layers::read_raster_info(source_);
        const Lang t = output_.terminal();
        std::map<long long, std::int64_t> counts;
        if (stats_) counts = layers::value_counts(r);
        if (output_.json) {
            nlohmann::json j;
            j["kind"] = "raster";
            j["source"] = r.path;
            j["driver"] = r.driver;
            j["width"] = r.width;
            j["height"] = r.height;
            j["bands"] = r.bands;
            j["pixels"] = static_cast<std::int64_t>(r.width) * r.height;
            j["data_type"] = r.data_type;
            j["pixel_size"] = {r.pixel_width(), r.pixel_height()};
            j["block_size"] = {r.block_width, r.block_height};
            j["nodata"] = r.nodata ? nlohmann::json(*r.nodata) : nlohmann::json();
            j["crs"] = {{"name", r.crs.name}, {"epsg", r.crs.epsg ? nlohmann::json(*r.crs.epsg) : nlohmann::json()}};
            j["extent"] = extent_json(r.extent);
            if (stats_) {
                nlohmann::json c = nlohmann::json::object();
                for (const auto& [v, n] : counts) c[std::to_string(v)] = n;
                j["value_counts"] = c;
            }
            io.out << j.dump(2) << "\n";
            return kExitOk;
        }
        io.out << fmt::format("{}: {}\n", t("文件", "source"), r.path);
        io.out << fmt::format("{}: {}\n", t("驱动", "driver"), r.driver);
        io.out << fmt::format("{}: {}\n", t("坐标系", "CRS"), crs_text(r.crs, t));
        io.out << fmt::format("{}: {} × {} ({} {}), {} {}\n", t("栅格大小", "size"), r.width, r.height,
                              static_cast<std::int64_t>(r.width) * r.height, t("像元", "pixels"), r.bands,
                              t("波段", "band(s)"));
        io.out << fmt::format("{}: {:g} × {:g}\n", t("像元大小", "pixel size"), r.pixel_width(), r.pixel_height());
        io.out << fmt::format("{}: {}, {}: {}×{}\n", t("数据类型", "data type"), r.data_type,
                              t("分块", "blocks"), r.block_width, r.block_height);
        io.out << fmt::format("{}: {}\n", t("无效值", "nodata"), r.nodata ? fmt::format("{:g}", *r.nodata) : "-");
        io.out << fmt::format("{}: {:.3f}, {:.3f} – {:.3f}, {:.3f}\n", t("范围", "extent"), r.extent.minx,
                              r.extent.miny, r.extent.maxx, r.extent.maxy);
        if (stats_) {
            io.out << fmt::format("{}:\n", t("各类像元数", "pixels per value"));
            for (const auto& [v, n] : counts) io.out << fmt::format("  {:>6} {:>12}\n", v, n);
        }
        return kExitOk;
    }

    std::string source_;
    std::string layer_name_;
    bool stats_ = false;
    OutputOptions output_;
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace ecozone::cli
