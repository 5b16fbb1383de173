#include "layers/vector_writer.h"

#include "layers/note.h"
#include "layers/redact.h"

#include "geo/errors.h"

#include <fmt/format.h>
#include <ogr_geometry.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace ecozone::layers {

namespace {

// One layer's inserts in one transaction; rolled back if an exception leaves the scope before
// commit().  Drivers without transactions (Shapefile, GeoJSON) write directly.
class Transaction {
public:
    explicit Transaction(GDALDataset& ds) : ds_(ds) {}
    ~Transaction() {
        if (active_) ds_.RollbackTransaction();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool start() {
        if (!ds_.TestCapability(ODsCTransactions)) return true;
        active_ = ds_.StartTransaction() == OGRERR_NONE;
        return active_;
    }
    bool commit() {
        if (!active_) return true;
        active_ = false;
        return ds_.CommitTransaction() == OGRERR_NONE;
    }

private:
    GDALDataset& ds_;
    bool active_ = false;
};

OGRFieldType ogr_type(const OutputField& field) {
    switch (field.type) {
        // 64-bit: feature counts and codes can exceed 2^31 in GDAL's 32-bit OFTInteger.
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
        case FieldType::String: return OFTString;
        case FieldType::Date:
        case FieldType::Other: break;
    }
    throw std::invalid_argument("VectorWriter: field '" + field.name +
                                "' has a type that cannot be written (" + to_string(field.type) +
                                "); use Integer, Real or String");
}

// The OGR type a GEOS geometry converts to (a ring is written as a line string).
OGRwkbGeometryType ogr_type_of(const geo::GeosContext& geos, const GEOSGeometry* g) {
    switch (GEOSGeomTypeId_r(geos.handle(), g)) {
        case GEOS_POINT: return wkbPoint;
        case GEOS_LINESTRING:
        case GEOS_LINEARRING: return wkbLineString;
        case GEOS_POLYGON: return wkbPolygon;
        case GEOS_MULTIPOINT: return wkbMultiPoint;
        case GEOS_MULTILINESTRING: return wkbMultiLineString;
        case GEOS_MULTIPOLYGON: return wkbMultiPolygon;
        case GEOS_GEOMETRYCOLLECTION: return wkbGeometryCollection;
        default:
            throw make_error<GeometryError>("GEOS 无法判断几何类型：{}", "GEOS cannot tell the geometry type: {}",
                                            geos.last_error());
    }
}

// The single type promoted to the layer's multi type, as to_ogr does.
OGRwkbGeometryType promoted(OGRwkbGeometryType have, OGRwkbGeometryType want) {
    if (want == wkbMultiPolygon && have == wkbPolygon) return wkbMultiPolygon;
    if (want == wkbMultiLineString && have == wkbLineString) return wkbMultiLineString;
    if (want == wkbMultiPoint && have == wkbPoint) return wkbMultiPoint;
    return have;
}

// GEOS -> WKB -> OGR, promoted to the layer's multi type when needed.
OGRGeometryUniquePtr to_ogr(const GEOSGeometry* g, OGRwkbGeometryType layer_type,
                            const geo::GeosContext& geos, const std::string& where) {
    const std::vector<unsigned char> wkb = geos.to_wkb(g);
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE) {
        throw make_error<GeometryError>("{}：OGR 无法读取该几何的 WKB", "{}: OGR cannot read the geometry's WKB",
                                        where);
    }
    OGRGeometryUniquePtr geom(raw);
    const OGRwkbGeometryType have = wkbFlatten(geom->getGeometryType());
    const OGRwkbGeometryType want = promoted(have, wkbFlatten(layer_type));
    if (want != have) geom.reset(OGRGeometryFactory::forceTo(geom.release(), want));
    return geom;
}

// Everything a caller can get wrong, checked before the dataset is touched: GDAL cannot take
// back a half-created GeoPackage layer, so a refused input must leave the file as it was.
void check_input(const std::string& where, OGRwkbGeometryType type, const std::vector<OutputField>& fields,
                 const std::vector<OutputFeature>& features, const geo::GeosContext& geos) {
    for (size_t i = 0; i < fields.size(); ++i) {
        ogr_type(fields[i]);
        for (size_t j = 0; j < i; ++j) {
            if (!fields[i].alias.empty() && fields[i].alias == fields[j].alias) {
                throw std::invalid_argument(fmt::format("{}: fields '{}' and '{}' have the same alias '{}'",
                                                        where, fields[j].name, fields[i].name,
                                                        fields[i].alias));
            }
        }
    }
    const OGRwkbGeometryType want = wkbFlatten(type);
    for (size_t n = 0; n < features.size(); ++n) {
        const OutputFeature& f = features[n];
        if (f.values.size() != fields.size()) {
            throw std::invalid_argument(fmt::format("{}, feature {}: {} values for {} fields", where, n,
                                                    f.values.size(), fields.size()));
        }
        for (size_t i = 0; i < fields.size(); ++i) {
            const AttrValue& v = f.values[i];
            // OGR would silently truncate 2.7 to 2, and parse "abc" as 0.
            if (std::holds_alternative<double>(v) && fields[i].type == FieldType::Integer) {
                throw std::invalid_argument(
                    fmt::format("{}, feature {}: real value {} for integer field '{}'", where, n,
                                std::get<double>(v), fields[i].name));
            }
            if (std::holds_alternative<std::string>(v) && fields[i].type != FieldType::String) {
                throw std::invalid_argument(fmt::format("{}, feature {}: text value for {} field '{}'", where,
                                                        n, to_string(fields[i].type), fields[i].name));
            }
        }
        if (!f.geom) continue;
        // GPKG would store a mismatched type with only a warning, and readers that trust the
        // declared type then fail; an overlay returning a collection must be cleaned by the caller.
        const OGRwkbGeometryType have = promoted(ogr_type_of(geos, f.geom), want);
        if (want == wkbNone || (want != wkbUnknown && have != want)) {
            throw std::invalid_argument(
                fmt::format("{}, feature {}: geometry is {} but the layer is {}", where, n,
                            OGRGeometryTypeToName(ogr_type_of(geos, f.geom)), OGRGeometryTypeToName(type)));
        }
    }
}

void set_value(OGRFeature& feature, int i, const AttrValue& value) {
    if (std::holds_alternative<std::monostate>(value)) {
        feature.SetFieldNull(i);
    } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
        feature.SetField(i, static_cast<GIntBig>(*n));
    } else if (const auto* d = std::get_if<double>(&value)) {
        feature.SetField(i, *d);
    } else {
        feature.SetField(i, redact_secrets(std::get<std::string>(value)).c_str());
    }
}

std::string why(const GdalErrorCapture& capture) {
    const std::string last = capture.last();
    return last.empty() ? "GDAL gave no reason" : last;
}

bool has_failure(const GdalErrorCapture& capture, size_t since = 0) {
    const auto& m = capture.messages();
    for (size_t i = since; i < m.size(); ++i) {
        if (m[i].level >= CE_Failure) return true;
    }
    return false;
}

std::string sql_literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// GDAL 3.6's GPKG driver neither writes nor reads field alternative names; GDAL 3.7 added both,
// storing the alias as gpkg_data_columns.name.  On older GDAL we write that same record, so QGIS
// and newer GDAL show the Chinese labels.  The table is GeoPackage 1.3's (a name unique per
// table), not GDAL 3.6's, whose column-level UNIQUE would forbid "名称" in two layers.
void write_gpkg_aliases(GDALDataset& ds, OGRLayer& layer, const std::vector<OutputField>& fields,
                        const GdalErrorCapture& capture, const Note& where) {
    if (std::atoi(GDALVersionInfo("VERSION_NUM")) >= 3070000) return;  // the driver did it
    std::vector<std::string> sql;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].alias.empty()) continue;
        // The column as created (a driver may launder names), not as asked.
        const char* column = layer.GetLayerDefn()->GetFieldDefn(static_cast<int>(i))->GetNameRef();
        sql.push_back("INSERT INTO gpkg_data_columns (table_name, column_name, name) VALUES (" +
                      sql_literal(layer.GetName()) + ", " + sql_literal(column) + ", " +
                      sql_literal(fields[i].alias) + ")");
    }
    if (sql.empty()) return;
    // The table must exist for its gpkg_contents row (GDAL defers creating it).
    if (layer.SyncToDisk() != OGRERR_NONE) {
        throw make_error<IoError>("{0}：无法创建数据表（{2}）", "{1}: cannot create the table ({2})", where.zh,
                                  where.en, why(capture));
    }
    sql.insert(
        sql.begin(),
        {
            "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT "
            "NULL, "
            "name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
            "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, "
            "name))",
            "CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, "
            "constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, "
            "max_is_inclusive BOOLEAN, description TEXT, CONSTRAINT gdcc_ntv UNIQUE (constraint_name, "
            "constraint_type, value))",
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name "
            "TEXT NOT "
            "NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, "
            "column_name, "
            "extension_name))",
            // The UNIQUE above does not stop duplicates when column_name is NULL, hence NOT EXISTS.
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) SELECT "
            "t, NULL, "
            "'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write' FROM (SELECT "
            "'gpkg_data_columns' AS t UNION ALL SELECT 'gpkg_data_column_constraints') WHERE NOT EXISTS "
            "(SELECT 1 "
            "FROM gpkg_extensions WHERE table_name = t AND extension_name = 'gpkg_schema')",
        });
    for (const auto& statement : sql) {
        const size_t before = capture.messages().size();
        // A statement that is not a SELECT returns no result set: nothing to release.
        ds.ExecuteSQL(statement.c_str(), nullptr, nullptr);
        if (has_failure(capture, before)) {
            throw make_error<IoError>("{0}：无法记录字段别名（{2}）", "{1}: cannot record the field aliases ({2})",
                                      where.zh, where.en, why(capture));
        }
    }
}

}  // namespace

VectorWriter::VectorWriter(const std::string& path, const std::string& driver, int epsg)
    : path_(path), srs_(make_srs_from_epsg(epsg)) {
    ensure_gdal_registered();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (!drv || !drv->GetMetadataItem(GDAL_DCAP_VECTOR) || !drv->GetMetadataItem(GDAL_DCAP_CREATE)) {
        throw make_error<IoError>("{}：GDAL 没有能创建矢量文件的驱动“{}”",
                                  "{}: GDAL has no driver '{}' that can create vector files", path, driver);
    }
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        // Through the driver so that a shapefile's .shx/.dbf go too; a plain remove when the old
        // file is not of this format.
        GdalErrorCapture quiet;
        if (drv->Delete(path.c_str()) != CE_None) std::filesystem::remove(path, ec);
        if (ec) {
            throw make_error<IoError>("{}：无法替换已有的文件（{}）", "{}: cannot replace the existing file ({})", path,
                                      ec.message());
        }
    }
    GdalErrorCapture capture;
    {
        // Every VectorWriter writes a command's output, into its output set's stage.
        const UnsyncedSqliteScope unsynced;
        ds_.reset(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    }
    if (!ds_) {
        throw make_error<IoError>("{}：无法创建 {} 数据集（{}）", "{}: cannot create a {} dataset ({})", path, driver,
                                  why(capture));
    }
}

VectorWriter::~VectorWriter() {
    GdalErrorCapture quiet;  // a destructor cannot report; close() is the checked path
    ds_.reset();
}

void VectorWriter::add_layer(const std::string& name, OGRwkbGeometryType type,
                             const std::vector<OutputField>& fields,
                             const std::vector<OutputFeature>& features, const geo::GeosContext& geos) {
    if (!ds_) throw std::logic_error("VectorWriter::add_layer('" + name + "') after close()");
    const std::string where = fmt::format("{}: layer '{}'", path_, name);
    const Note place = make_note("{}：图层“{}”", "{}: layer '{}'", path_, name);  // for the messages a planner may see
    check_input(where, type, fields, features, geos);
    GdalErrorCapture capture;

    // Shapefiles default to Latin-1 (LDID/87): GDAL would recode our UTF-8 and lose Chinese.
    const std::string driver = ds_->GetDriver()->GetDescription();
    const char* shp_options[] = {"ENCODING=UTF-8", nullptr};
    OGRLayer* layer =
        ds_->CreateLayer(name.c_str(), srs_.get(), type,
                         driver == "ESRI Shapefile" ? const_cast<char**>(shp_options) : nullptr);
    if (!layer) {
        throw make_error<IoError>("{0}：无法创建图层（{2}）", "{1}: cannot create the layer ({2})", place.zh, place.en,
                                  why(capture));
    }
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f));
        if (!f.alias.empty()) defn.SetAlternativeName(f.alias.c_str());
        if (layer->CreateField(&defn) != OGRERR_NONE) {
            throw make_error<IoError>("{0}：无法创建字段“{2}”（{3}）", "{1}: cannot create field '{2}' ({3})", place.zh,
                                      place.en, f.name, why(capture));
        }
    }
    if (layer->GetLayerDefn()->GetFieldCount() != static_cast<int>(fields.size())) {
        throw make_error<IoError>("{0}：驱动创建了 {2} 个字段，而应为 {3} 个",
                                  "{1}: the driver created {2} fields instead of {3}", place.zh, place.en,
                                  layer->GetLayerDefn()->GetFieldCount(), fields.size());
    }

    Transaction tx(*ds_);
    if (!tx.start()) {
        throw make_error<IoError>("{0}：无法开始事务（{2}）", "{1}: cannot start a transaction ({2})", place.zh,
                                  place.en, why(capture));
    }
    const size_t messages_before = capture.messages().size();
    for (size_t n = 0; n < features.size(); ++n) {
        const OutputFeature& in = features[n];
        const std::string at = fmt::format("{}, feature {}", where, n);
        OGRFeatureUniquePtr out(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        if (in.geom) out->SetGeometryDirectly(to_ogr(in.geom, type, geos, at).release());
        for (size_t i = 0; i < fields.size(); ++i) set_value(*out, static_cast<int>(i), in.values[i]);
        if (layer->CreateFeature(out.get()) != OGRERR_NONE) {
            throw make_error<IoError>("{0}，要素 {2}：无法写入（{3}）", "{1}, feature {2}: cannot write ({3})",
                                      place.zh, place.en, n, why(capture));
        }
        // While writing a feature, GDAL's warnings report altered data (a string cut to a
        // shapefile's field width, a number that does not fit): not something to pass over.
        if (capture.messages().size() > messages_before) {
            throw make_error<IoError>("{0}，要素 {2}：写入时有数据损失（{3}）",
                                      "{1}, feature {2}: written with a loss ({3})", place.zh, place.en, n,
                                      capture.messages().back().text);
        }
    }
    if (driver == "GPKG") write_gpkg_aliases(*ds_, *layer, fields, capture, place);
    if (!tx.commit()) {
        throw make_error<IoError>("{0}：无法提交要素（{2}）", "{1}: cannot commit the features ({2})", place.zh,
                                  place.en, why(capture));
    }
    if (has_failure(capture)) throw make_error<IoError>("{0}：{2}", "{1}: {2}", place.zh, place.en, why(capture));
}

void VectorWriter::close() {
    if (!ds_) return;
    GdalErrorCapture capture;
    // GDAL 3.6's close returns nothing: a failed final write shows only as an error message.
    ds_.reset();
    if (has_failure(capture)) {
        throw make_error<IoError>("{}：完成文件时出错（{}）", "{}: error while finishing the file ({})", path_,
                                  why(capture));
    }
}

}  // namespace ecozone::layers
