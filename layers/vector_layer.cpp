#include "layers/vector_layer.h"

#include "geo/coordinate_check.h"
#include "geo/errors.h"
#include "layers/batch_queue.h"
#include "layers/gdal_handle.h"
#include "layers/shapefile_integrity.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <cmath>
#include <limits>
#include <thread>
#include <unordered_map>

namespace ecozone::layers {

const char* to_string(FieldType type) {
    switch (type) {
        case FieldType::Integer: return "integer";
        case FieldType::Real: return "real";
        case FieldType::String: return "string";
        case FieldType::Date: return "date";
        case FieldType::Other: break;
    }
    return "other";
}

std::string to_text(const AttrValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    return "";
}

void Extent::expand(const Extent& o) {
    if (o.empty) return;
    if (empty) {
        *this = o;
        return;
    }
    minx = std::min(minx, o.minx);
    miny = std::min(miny, o.miny);
    maxx = std::max(maxx, o.maxx);
    maxy = std::max(maxy, o.maxy);
}

static std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::optional<size_t> VectorLayer::field_index(const std::string& name) const {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name) return i;
    }
    const std::string wanted = lower(name);
    for (size_t i = 0; i < fields.size(); ++i) {
        if (lower(fields[i].name) == wanted) return i;
    }
    return std::nullopt;
}

size_t VectorLayer::require_field(const std::string& name, const std::string& key) const {
    if (auto i = field_index(name)) return *i;
    std::string have;
    for (const auto& f : fields) have += (have.empty() ? "" : ", ") + f.name;
    throw make_error<DataError>("{0}：字段“{1}”（项目文件中的 {2}）不存在；现有字段：{3}；请改正项目文件中的 {2}",
                                "{0}: field '{1}' (the project's {2}) does not exist; fields are: {4}; "
                                "fix {2} in the project file",
                                source, name, key, have.empty() ? "（无）" : have, have.empty() ? "(none)" : have);
}

namespace {

bool is_shapefile_path(const std::string& source) {
    const std::string l = lower(source);
    auto ends = [&](const char* ext) {
        const std::string e(ext);
        return l.size() >= e.size() && l.compare(l.size() - e.size(), e.size(), e) == 0;
    };
    return ends(".shp") || ends(".dbf");
}

FieldType field_type_of(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64: return FieldType::Integer;
        case OFTReal: return FieldType::Real;
        case OFTString: return FieldType::String;
        case OFTDate:
        case OFTDateTime:
        case OFTTime: return FieldType::Date;
        default: return FieldType::Other;
    }
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& source,
                     const std::optional<std::string>& wanted) {
    // QGIS keeps layer styles in a table of the GeoPackage itself (layer_styles, also written by
    // ecozone's own outputs): it is not data, so a file with one layer and its style is one layer.
    std::vector<OGRLayer*> data_layers;
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
        OGRLayer* l = ds.GetLayer(i);
        if (EQUAL(l->GetName(), "layer_styles") && !l->GetLayerDefn()->GetGeomFieldCount()) continue;
        data_layers.push_back(l);
    }
    const int n = static_cast<int>(data_layers.size());
    std::string names;
    for (int i = 0; i < n; ++i) names += (i ? ", " : "") + std::string(data_layers[static_cast<size_t>(i)]->GetName());
    if (wanted) {
        if (OGRLayer* l = ds.GetLayerByName(wanted->c_str())) return l;
        throw make_error<DataError>("{0}：没有名为“{1}”的图层；现有图层：{2}",
                                    "{0}: no layer named '{1}'; layers are: {3}", source, *wanted,
                                    names.empty() ? "（无）" : names, names.empty() ? "(none)" : names);
    }
    if (n == 0) throw make_error<DataError>("{}：不含任何矢量图层", "{}: contains no vector layer", source);
    if (n > 1) {
        throw make_error<DataError>(
            "{}：含有 {} 个图层（{}）；请在项目文件中用 layer = \"...\" 或在命令行用 --layer "
            "指明其中一个",
            "{}: holds {} layers ({}); name one with layer = \"...\" in the "
            "project file or --layer on the command line",
            source, n, names);
    }
    return data_layers.front();
}

// Whether every vertex of g has finite x and y (any geometry type, collections at any depth).
bool all_vertices_finite(const OGRGeometry& g) {
    const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
    if (type == wkbPoint) {
        const auto& p = *g.toPoint();
        return p.IsEmpty() || (std::isfinite(p.getX()) && std::isfinite(p.getY()));
    }
    if (OGR_GT_IsSubClassOf(type, wkbCurve) && dynamic_cast<const OGRSimpleCurve*>(&g)) {
        const auto& c = *dynamic_cast<const OGRSimpleCurve*>(&g);
        for (int i = 0; i < c.getNumPoints(); ++i) {
            if (!std::isfinite(c.getX(i)) || !std::isfinite(c.getY(i))) return false;
        }
        return true;
    }
    if (OGR_GT_IsSubClassOf(type, wkbCurvePolygon)) {
        const auto& poly = *g.toCurvePolygon();
        if (poly.getExteriorRingCurve() && !all_vertices_finite(*poly.getExteriorRingCurve())) return false;
        for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
            if (!all_vertices_finite(*poly.getInteriorRingCurve(i))) return false;
        }
        return true;
    }
    if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
        const auto& coll = *g.toGeometryCollection();
        for (int i = 0; i < coll.getNumGeometries(); ++i) {
            if (!all_vertices_finite(*coll.getGeometryRef(i))) return false;
        }
        return true;
    }
    return true;  // curves were made linear before this is called
}

// Coordinates that cannot be right for the declared CRS mean the CRS is wrong, and every
// area computed from them would be silently wrong: refuse them.
void check_plausible(const Extent& e, const geo::CrsInfo& crs, const std::string& source) {
    if (e.empty) return;
    const bool degree_like = std::fabs(e.minx) <= 360 && std::fabs(e.maxx) <= 360 &&
                             std::fabs(e.miny) <= 90 && std::fabs(e.maxy) <= 90;
    if (crs.geographic && !(e.minx >= -180 && e.maxx <= 360 && e.miny >= -90 && e.maxy <= 90)) {
        throw make_error<CrsError>(
            "{}：坐标达到 ({:.3f}, {:.3f})，但声明的坐标系“{}”是地理坐标系（单位为度）；.prj 有误——数据看来是投影坐标"
            "（如 EPSG:4544）：请改正 .prj",
            "{}: coordinates reach ({:.3f}, {:.3f}) but the declared CRS '{}' is geographic "
            "(degrees); the .prj is wrong — the data look projected (e.g. EPSG:4544): fix the .prj",
            source, std::fabs(e.minx) > 180 ? e.minx : e.maxx, std::fabs(e.miny) > 90 ? e.miny : e.maxy, crs.name);
    }
    if (crs.projected && degree_like) {
        throw make_error<CrsError>(
            "{}：坐标在 ({:.4f}..{:.4f}, {:.4f}..{:.4f}) 之内，看来是经纬度（度），但声明的坐标系“{}”是投影坐标系"
            "（单位为米）；.prj 有误——请声明为 EPSG:4490",
            "{}: coordinates lie within ({:.4f}..{:.4f}, {:.4f}..{:.4f}), which look like degrees, "
            "but the declared CRS '{}' is projected (metres); the .prj is wrong — declare EPSG:4490",
            source, e.minx, e.maxx, e.miny, e.maxy, crs.name);
    }
    if (crs.epsg) {
        if (auto cm = geo::gk3_central_meridian(*crs.epsg)) {
            // Gauss-Krüger eastings are 500 km ± ~170 km within a 3° zone (plus the zone
            // number × 1e6 for the prefixed codes); anything else is the wrong zone or prefix.
            const double prefix = geo::gk3_has_zone_prefix(*crs.epsg) ? std::round(*cm / 3.0) * 1e6 : 0;
            const double lo = prefix + 100000, hi = prefix + 900000;
            if (e.minx < lo || e.maxx > hi) {
                throw make_error<CrsError>(
                    "{}：横坐标 {:.0f}..{:.0f} 与 {} 不符（应在 {:.0f}..{:.0f} 之间）；.prj 中的带号或带号前缀有误",
                    "{}: eastings {:.0f}..{:.0f} do not fit {} (expected {:.0f}..{:.0f}); the zone "
                    "or the zone prefix of the .prj is wrong",
                    source, e.minx, e.maxx, crs.name, lo, hi);
            }
        }
    }
}

Extent envelope_of(const OGRGeometry& g) {
    OGREnvelope env;
    g.getEnvelope(&env);
    return Extent{env.MinX, env.MinY, env.MaxX, env.MaxY, false};
}


// Decodes one attribute value in place, naming the feature and the fix when its bytes are not
// text in that encoding.
void decode_attribute(const TextDecoder& decoder, std::string& text, const std::string& source, std::int64_t fid) {
    try {
        decoder.decode(text);
    } catch (const DataError& e) {
        throw DataError(fmt::format("{}：要素 {}：{}；请用 .cpg 文件或 encoding = \"...\" 指定正确的编码", source, fid,
                                    e.text(false)),
                        fmt::format("{}: feature {}: {}; set the right encoding with a .cpg file or encoding = \"...\"",
                                    source, fid, e.text(true)));
    }
}

// A feature as the reader thread hands it over: attributes still in the file's encoding,
// geometry reprojected and serialised.
struct RawFeature {
    std::int64_t fid = 0;
    std::vector<AttrValue> attrs;
    geo::GeomPtr geom;  // built by the reader's own GEOS context; null: null or empty geometry
    bool valid = true;  // false: a polygon GEOS finds invalid, to be repaired on the calling thread
    bool outside_window = false;  // wholly outside ReadOptions::window: no geometry built
    geo::GeosContext::Bounds bounds;
    Extent source_envelope;
};

// Reader thread: checks coordinates against the declared CRS, reprojects, and builds the GEOS
// geometry with its own context `geos` and checks its validity (the costly part of reading, so it
// runs on the readers, not on the one thread that collects their features).
// Reads features [first, first + count) — count < 0: to the end — counting them in `ordinal`.
void read_raw_features(OGRLayer& layer, VectorLayer& out, OGRCoordinateTransformation* transform,
                       const geo::BoxIndex* window, const geo::GeosContext& geos, const std::string* decode_as,
                       const std::string& source,
                       BatchQueue<std::vector<RawFeature>>& queue, std::int64_t& ordinal, std::int64_t first,
                       std::int64_t count) {
    std::vector<unsigned char> wkb;
    // Text is decoded here when the file declares its encoding (each reader with its own
    // converter: an iconv handle is not shared between threads).
    std::optional<TextDecoder> decoder;
    if (decode_as) decoder.emplace(*decode_as);
    constexpr size_t kBatch = 1024;
    GdalErrorCapture capture;  // GDAL's error handlers are per thread
    layer.ResetReading();
    if (first > 0) layer.SetNextByIndex(first);
    ordinal = first;
    std::vector<RawFeature> batch;
    batch.reserve(kBatch);
    for (std::int64_t read = 0; count < 0 || read < count; ++read) {
        const size_t errors_before = capture.messages().size();
        OGRFeatureUniquePtr feat(layer.GetNextFeature());
        for (size_t m = errors_before; m < capture.messages().size(); ++m) {
            if (capture.messages()[m].level >= CE_Failure) {
                throw make_error<DataError>(
                    "{}：第 {} 个要素无法读取（{}）；文件被截断或已损坏——请从原 GIS 软件重新导出",
                    "{}: feature {} cannot be read ({}); the file is truncated or corrupt — "
                    "re-export it from the source GIS",
                    source, ordinal + 1, capture.messages()[m].text);
            }
        }
        if (!feat) break;
        ++ordinal;
        RawFeature f;
        f.fid = feat->GetFID();
        f.attrs.resize(out.fields.size());
        for (size_t i = 0; i < out.fields.size(); ++i) {
            const int idx = static_cast<int>(i);
            if (!feat->IsFieldSetAndNotNull(idx)) continue;
            switch (out.fields[i].type) {
                case FieldType::Integer: f.attrs[i] = std::int64_t{feat->GetFieldAsInteger64(idx)}; break;
                case FieldType::Real: f.attrs[i] = feat->GetFieldAsDouble(idx); break;
                default: {
                    std::string text(feat->GetFieldAsString(idx));
                    if (decoder) decode_attribute(*decoder, text, source, f.fid);
                    f.attrs[i] = std::move(text);
                }
            }
        }
        OGRGeometry* g = feat->GetGeometryRef();
        if (g && !g->IsEmpty()) {
            if (g->hasCurveGeometry()) feat->SetGeometryDirectly(g->getLinearGeometry());
            g = feat->GetGeometryRef();
            g->flattenTo2D();
            f.source_envelope = envelope_of(*g);
            const Extent& e = f.source_envelope;
            // Not a number, or beyond any projection used in China: a corrupt record, refused
            // before anything is computed from it (geo/coordinate_check.h checks the layer's extent
            // against its CRS's area of use once it is read).
            const double biggest = std::max({std::fabs(e.minx), std::fabs(e.maxx), std::fabs(e.miny), std::fabs(e.maxy)});
            // The extent alone misses a NaN vertex between finite ones (comparisons with NaN are
            // false, so it never widens the envelope): every vertex is checked.
            if (!std::isfinite(biggest) || biggest > 1e8 || !all_vertices_finite(*g)) {
                throw make_error<CrsError>(
                    "{}：要素 {} 的坐标 ({:.6g}, {:.6g}) 不可能是位置；该记录已损坏——请改正或删除",
                    "{}: feature {} has a coordinate ({:.6g}, {:.6g}) that cannot be a position; "
                    "the record is corrupt — correct or delete it",
                    source, f.fid, std::fabs(e.minx) >= std::fabs(e.maxx) ? e.minx : e.maxx,
                    std::fabs(e.miny) >= std::fabs(e.maxy) ? e.miny : e.maxy);
            }
            if (out.source_crs.geographic && (e.minx < -180 || e.maxx > 360 || e.miny < -90 || e.maxy > 90)) {
                throw make_error<CrsError>(
                    "{}：要素 {} 的坐标 ({:.3f}, {:.3f}) 在地理坐标系“{}”中不可能出现；.prj 有误或坐标已损坏",
                    "{}: feature {} has coordinates ({:.3f}, {:.3f}) impossible in the geographic CRS "
                    "'{}'; the .prj is wrong or the coordinates are corrupt",
                    source, f.fid, e.maxx, e.maxy, out.source_crs.name);
            }
            if (transform && g->transform(transform) != OGRERR_NONE) {
                throw make_error<CrsError>("{}：要素 {} 无法转换到 {}——其坐标与声明的坐标系“{}”不符",
                                           "{}: feature {} cannot be transformed to {} — its coordinates "
                                           "do not fit the declared CRS '{}'",
                                           source, f.fid, out.working_crs, out.source_crs.name);
            }
            if (window) {
                const Extent w = envelope_of(*g);
                f.outside_window = !window->intersects_any({w.minx, w.miny, w.maxx, w.maxy, false});
            }
            if (!f.outside_window) {
                wkb.resize(g->WkbSize());
                g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                f.geom = geos.from_wkb(wkb.data(), wkb.size());
                const int type = GEOSGeomTypeId_r(geos.handle(), f.geom.get());
                f.valid = !(type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) || geos.is_valid(f.geom.get());
                f.bounds = geos.bounds(f.geom.get());
            }
        }
        batch.push_back(std::move(f));
        if (batch.size() == kBatch) {
            if (!queue.push(std::move(batch))) return;
            batch = std::vector<RawFeature>();
            batch.reserve(kBatch);
        }
    }
    if (!batch.empty()) queue.push(std::move(batch));
}

// The calling thread: takes the readers' geometries over into its own context, repairs the
// invalid ones, records the reports.  A feature outside the read's window is only counted (and
// its undecoded non-ASCII text kept in `outside_text`, the encoding's evidence).
void build_feature(const geo::GeosContext& geos, RawFeature& raw, VectorLayer& out,
                   std::vector<std::string>& outside_text) {
    if (raw.outside_window) {
        out.source_extent.expand(raw.source_envelope);
        ++out.outside_window;
        for (auto& a : raw.attrs) {
            if (auto* t = std::get_if<std::string>(&a); t && !is_ascii(*t)) outside_text.push_back(std::move(*t));
        }
        return;
    }
    auto skip = [&](std::vector<std::int64_t>& list) {
        list.push_back(raw.fid);
        Feature f;
        f.fid = raw.fid;
        f.attrs = std::move(raw.attrs);
        f.geom = geo::GeomPtr(nullptr, geo::GeomDeleter{geos.handle()});
        out.skipped.push_back(std::move(f));
    };
    if (!raw.geom) {
        skip(out.validity.empty);
        return;
    }
    out.source_extent.expand(raw.source_envelope);
    // A GEOS geometry belongs to no context: only the handle its deleter reports errors to changes.
    geo::GeomPtr geom(raw.geom.release(), geo::GeomDeleter{geos.handle()});
    auto b = raw.bounds;
    if (!raw.valid) {
        const std::string reason = geos.invalid_reason(geom.get());
        geo::GeomPtr fixed = geos.polygonal_part(geos.make_valid(geom.get()).get());
        if (geos.is_empty(fixed.get())) {
            skip(out.validity.collapsed);
            return;
        }
        out.validity.repaired.push_back({raw.fid, reason});
        geom = std::move(fixed);
        b = geos.bounds(geom.get());
    }
    out.extent.expand(Extent{b.minx, b.miny, b.maxx, b.maxy, b.empty});
    Feature f;
    f.fid = raw.fid;
    f.attrs = std::move(raw.attrs);
    f.geom = std::move(geom);
    f.bounds = b;  // measured on the reader thread (or after the repair above)
    out.features.push_back(std::move(f));
}

}  // namespace

geo::GeosContext::Bounds bounds_of(const Feature& f, const geo::GeosContext& geos) {
    if (!f.bounds.empty || !f.geom) return f.bounds;
    return geos.bounds(f.geom.get());
}

VectorLayer read_vector(const geo::GeosContext& geos, const std::string& source,
                        const ReadOptions& options) {
    VectorLayer out;
    out.source = source;
    // Shapefiles are opened without recoding, so that we, not GDAL's Latin-1 default, decide
    // the attribute encoding (see encoding.h).
    const bool shapefile = is_shapefile_path(source);
    if (shapefile) check_shapefile_structure(source);
    GDALDatasetUniquePtr ds =
        open_vector(source, shapefile ? std::vector<std::string>{"ENCODING="} : std::vector<std::string>{});
    OGRLayer* layer = pick_layer(*ds, source, options.layer_name);
    out.layer_name = layer->GetName();
    out.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    out.geometry_type = OGRGeometryTypeToName(layer->GetGeomType());

    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs && !options.require_crs && !options.target_crs) {
        out.has_crs = false;
    } else if (!srs) {
        throw make_error<CrsError>(
            "{0}：没有坐标系{1}；请补上（如 ogr2ogr -a_srs EPSG:4544 ...）——ecozone 从不猜测坐标系",
            "{0}: no coordinate reference system{2}; add it (e.g. ogr2ogr -a_srs EPSG:4544 ...) — "
            "ecozone never guesses a CRS",
            source, shapefile ? "（缺少 .prj 文件）" : "声明",
            shapefile ? " (the .prj file is missing)" : " is declared");
    }
    SrsPtr source_srs = srs ? clone_srs(*srs) : nullptr;
    if (source_srs) {
        try {
            out.source_crs = geo::describe_crs(srs_to_wkt(*source_srs));
        } catch (const CrsError& e) {
            throw CrsError(source + "：" + e.text(false), source + ": " + e.text(true));
        }
    }

    std::unique_ptr<OGRCoordinateTransformation> transform;
    if (options.target_crs) {
        SrsPtr target(new OGRSpatialReference());
        target->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (target->SetFromUserInput(options.target_crs->c_str()) != OGRERR_NONE) {
            throw make_error<CrsError>("无法识别的工作坐标系“{}”", "unknown working CRS '{}'", *options.target_crs);
        }
        out.working_crs = *options.target_crs;
        if (!source_srs->IsSame(target.get())) {
            GdalErrorCapture capture;
            transform.reset(OGRCreateCoordinateTransformation(source_srs.get(), target.get()));
            if (!transform) {
                throw make_error<CrsError>("{}：无法从 {} 转换到 {}：{}", "{}: cannot transform from {} to {}: {}",
                                           source, out.source_crs.name, *options.target_crs, capture.last());
            }
        }
    } else if (source_srs) {
        out.working_crs = out.source_crs.epsg ? fmt::format("EPSG:{}", *out.source_crs.epsg)
                                              : srs_to_wkt(*source_srs);
    }

    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* f = defn->GetFieldDefn(i);
        out.fields.push_back({f->GetNameRef(), field_type_of(f->GetType()),
                              OGRFieldDefn::GetFieldTypeName(f->GetType())});
    }

    // Reader threads read features, reproject them and build and check their GEOS geometries,
    // each with its own GDAL handle and GEOS context; this thread collects them (and repairs the
    // rare invalid one).  A large shapefile is read by two threads, from either half (shapefiles
    // seek to a record in constant time); the second half waits in its own queue so the features
    // keep their file order.  The readers' GEOS contexts are made here, before the queues, so
    // that they outlive every geometry still queued when reading stops on an error.
    const std::int64_t total = layer->GetFeatureCount(FALSE);
    const bool split = shapefile && total >= 20000 && layer->TestCapability(OLCFastSetNextByIndex) &&
                       std::thread::hardware_concurrency() > 1;
    const std::int64_t half = split ? total / 2 : -1;
    // The feature list at its final size at once: growing it by doubling would move every
    // feature read so far into fresh memory several times over, and fresh memory costs a page
    // fault per page.  The count is a header's (-1 where unknown), which a damaged file can make
    // absurd (the fuzzer's DBF of 232 bytes claimed 4 billion records): room is made for at most
    // one feature per 12 bytes of the file, less than any feature takes in any format.
    if (total > 0 && !options.window) {
        std::error_code ec;
        const std::uintmax_t bytes = std::filesystem::file_size(source, ec);
        if (!ec) out.features.reserve(static_cast<size_t>(std::min<std::uintmax_t>(total, bytes / 12)));
    }
    // The encoding, when declared (project file, .cpg, DBF language driver), is known before
    // reading, and the readers decode as they go; otherwise the values themselves decide, after.
    std::optional<EncodingDecision> declared;
    Note undeclared_why;
    if (options.encoding) {
        declared = EncodingDecision{*options.encoding, "project", {"编码由项目文件指定", "encoding set in the project file"}};
    } else if (shapefile) {
        declared = declared_shapefile_encoding(source, undeclared_why);
    }
    const std::string* decode_as = declared ? &declared->encoding : nullptr;
    const geo::GeosContext first_geos, second_geos;
    BatchQueue<std::vector<RawFeature>> first_queue(8);
    BatchQueue<std::vector<RawFeature>> second_queue(std::numeric_limits<size_t>::max());
    std::int64_t first_end = 0, second_end = 0;
    std::thread first_reader([&] {
        try {
            read_raw_features(*layer, out, transform.get(), options.window.get(), first_geos, decode_as, source, first_queue, first_end, 0, half);
            first_queue.finish();
        } catch (...) {
            first_queue.finish(std::current_exception());
        }
    });
    std::thread second_reader;
    if (split) {
        second_reader = std::thread([&] {
            try {
                GDALDatasetUniquePtr ds2 = open_vector(source, std::vector<std::string>{"ENCODING="});
                OGRLayer* layer2 = pick_layer(*ds2, source, options.layer_name);
                std::unique_ptr<OGRCoordinateTransformation> transform2(transform ? transform->Clone() : nullptr);
                read_raw_features(*layer2, out, transform2.get(), options.window.get(), second_geos, decode_as, source, second_queue, second_end, half,
                                  -1);
                second_queue.finish();
            } catch (...) {
                second_queue.finish(std::current_exception());
            }
        });
    }
    auto join_readers = [&] {
        first_reader.join();
        if (second_reader.joinable()) second_reader.join();
    };
    std::vector<std::string> outside_text;  // undecoded non-ASCII text of features outside the window
    try {
        while (auto batch = first_queue.pop()) {
            for (RawFeature& raw : *batch) build_feature(geos, raw, out, outside_text);
        }
        if (split) {
            while (auto batch = second_queue.pop()) {
                for (RawFeature& raw : *batch) build_feature(geos, raw, out, outside_text);
            }
        }
    } catch (...) {
        first_queue.abandon();
        second_queue.abandon();
        join_readers();
        throw;
    }
    join_readers();
    out.features_in_source = split ? second_end : first_end;
    check_plausible(out.source_extent, out.source_crs, source);
    if (source_srs && !out.source_extent.empty) {
        // The same check as every site reader's: the layer's corners inside its CRS's area of use.
        const geo::PlausibleCoordinates plausible(srs_to_wkt(*source_srs));
        plausible.check(out.source_extent.minx, out.source_extent.miny, source);
        plausible.check(out.source_extent.maxx, out.source_extent.maxy, source);
    }

    if (declared) {
        out.encoding = *declared;  // and the readers decoded every value
    } else if (shapefile) {
        // Undeclared: every non-ASCII value is evidence (only such text tells encodings apart),
        // tallied by distinct value where it lies rather than copied.
        TextTally tally;
        std::size_t values = 0;
        auto count = [&](const std::string& text) {
            ++values;
            if (!is_ascii(text)) ++tally[text];
        };
        for (const auto& f : out.features) {
            for (const auto& a : f.attrs) {
                if (const auto* t = std::get_if<std::string>(&a)) count(*t);
            }
        }
        for (const auto& t : outside_text) count(t);
        out.encoding = decide_shapefile_encoding(source, tally, values);
        // An undetermined encoding is reported (check flags it) and the text kept as
        // Latin-1, which never fails to decode, so `info` can still show the layer.
        const TextDecoder decoder(out.encoding.determined() ? out.encoding.encoding : "ISO-8859-1");
        // Class and place names repeat over thousands of features: each distinct text is
        // converted once.  The keys are copies: the tally's views point into the values this
        // pass overwrites.
        std::unordered_map<std::string, std::string> decoded;
        decoded.reserve(tally.size());
        tally.clear();
        for (auto* list : {&out.features, &out.skipped}) {
            for (auto& f : *list) {
                for (auto& a : f.attrs) {
                    auto* t = std::get_if<std::string>(&a);
                    if (!t || is_ascii(*t)) continue;
                    auto it = decoded.find(*t);
                    if (it == decoded.end()) {
                        std::string text = *t;
                        decode_attribute(decoder, text, source, f.fid);
                        it = decoded.emplace(*t, std::move(text)).first;
                    }
                    *t = it->second;
                }
            }
        }
    } else {
        out.encoding = {"UTF-8", "driver", make_note("{} 格式的文本总是 UTF-8", "{} text is always UTF-8", out.driver)};
    }
    return out;
}

}  // namespace ecozone::layers
