#include "samplegen/vector_writer.h"

#include "geo/errors.h"
#include "samplegen/model.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace ecozone::samplegen {

namespace fs = std::filesystem;

namespace {

OGRFieldType ogr_type(FieldKind k) {
    switch (k) {
        case FieldKind::String: return OFTString;
        case FieldKind::Integer: return OFTInteger;
        case FieldKind::Real: return OFTReal;
    }
    return OFTString;
}

void create_fields(OGRLayer* layer, const std::vector<FieldDef>& fields, const std::string& path) {
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f.kind));
        defn.SetWidth(f.width);
        defn.SetPrecision(f.precision);
        if (layer->CreateField(&defn) != OGRERR_NONE) {
            throw IoError(fmt::format("cannot create field {} in {}: {}", f.name, path, CPLGetLastErrorMsg()));
        }
    }
}

}  // namespace

void remove_shapefile(const std::string& dir, const std::string& basename) {
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"}) {
        fs::remove(fs::path(dir) / (basename + ext));
    }
}

VectorWriter VectorWriter::shapefile(const std::string& dir, const std::string& basename,
                                     OGRwkbGeometryType type, const std::vector<FieldDef>& fields,
                                     DbfEncoding encoding) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    if (!driver) throw IoError("GDAL has no ESRI Shapefile driver");
    remove_shapefile(dir, basename);
    VectorWriter w;
    w.shapefile_ = true;
    w.encoding_ = encoding;
    w.basename_ = (fs::path(dir) / basename).string();
    w.path_ = w.basename_ + ".shp";
    w.fields_ = fields;
    w.ds_.reset(driver->Create(w.path_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!w.ds_) throw IoError(fmt::format("cannot create {}: {}", w.path_, CPLGetLastErrorMsg()));
    w.srs_.importFromEPSG(kWorkingEpsg);
    w.srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::string enc = encoding == DbfEncoding::Utf8 ? "ENCODING=UTF-8" : "ENCODING=CP936";
    const std::string date = std::string("DBF_DATE_LAST_UPDATE=") + kDbfDate;
    const char* options[] = {enc.c_str(), date.c_str(), nullptr};
    w.layer_ = w.ds_->CreateLayer(basename.c_str(), &w.srs_, type, const_cast<char**>(options));
    if (!w.layer_) throw IoError(fmt::format("cannot create layer {}: {}", w.path_, CPLGetLastErrorMsg()));
    create_fields(w.layer_, fields, w.path_);
    return w;
}

VectorWriter VectorWriter::geopackage(const std::string& path, const std::string& layer_name,
                                      OGRwkbGeometryType type, const std::vector<FieldDef>& fields) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw IoError("GDAL has no GPKG driver");
    fs::remove(path);
    VectorWriter w;
    w.path_ = path;
    w.fields_ = fields;
    w.ds_.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!w.ds_) throw IoError(fmt::format("cannot create {}: {}", path, CPLGetLastErrorMsg()));
    w.srs_.importFromEPSG(kWorkingEpsg);
    w.srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const char* options[] = {"SPATIAL_INDEX=YES", nullptr};
    w.layer_ = w.ds_->CreateLayer(layer_name.c_str(), &w.srs_, type, const_cast<char**>(options));
    if (!w.layer_) throw IoError(fmt::format("cannot create layer {} in {}: {}", layer_name, path, CPLGetLastErrorMsg()));
    create_fields(w.layer_, fields, path);
    return w;
}

void VectorWriter::begin_transaction() {
    if (ds_->StartTransaction() != OGRERR_NONE) {
        throw IoError(fmt::format("cannot start a transaction on {}", path_));
    }
}

void VectorWriter::commit_transaction() {
    if (ds_->CommitTransaction() != OGRERR_NONE) {
        throw IoError(fmt::format("cannot commit to {}: {}", path_, CPLGetLastErrorMsg()));
    }
}

void VectorWriter::add(const GeosContext& geos, const GEOSGeometry* g,
                       const std::vector<FieldValue>& values) {
    if (values.size() != fields_.size()) throw Error("internal: field count mismatch writing " + path_);
    if (geos.is_empty(g)) throw Error("internal: refusing to write an empty geometry to " + path_);
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
    for (size_t i = 0; i < values.size(); ++i) {
        const int idx = static_cast<int>(i);
        if (const auto* s = std::get_if<std::string>(&values[i])) feature->SetField(idx, s->c_str());
        else if (const auto* n = std::get_if<long long>(&values[i])) feature->SetField(idx, static_cast<GIntBig>(*n));
        else feature->SetField(idx, std::get<double>(values[i]));
    }
    const std::vector<unsigned char> wkb = geos.to_wkb(g);
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), &srs_, &raw, wkb.size()) != OGRERR_NONE || !raw) {
        throw Error(fmt::format("internal: GDAL could not read a GEOS geometry for {}", path_));
    }
    OGRGeometryUniquePtr geometry(raw);
    feature->SetGeometryDirectly(geometry.release());
    if (layer_->CreateFeature(feature.get()) != OGRERR_NONE) {
        throw IoError(fmt::format("cannot write feature {} to {}: {}", count_ + 1, path_, CPLGetLastErrorMsg()));
    }
    ++count_;
}

void VectorWriter::close() {
    if (!ds_) return;
    CPLErrorReset();
    layer_ = nullptr;
    ds_.reset();
    if (CPLGetLastErrorType() == CE_Failure) {
        throw IoError(fmt::format("error closing {}: {}", path_, CPLGetLastErrorMsg()));
    }
    if (shapefile_ && encoding_ == DbfEncoding::GbkNoCpg) {
        // As county data arrives: no .cpg, and a language-driver byte that does not name 936.
        fs::remove(basename_ + ".cpg");
        const std::string dbf = basename_ + ".dbf";
        std::fstream f(dbf, std::ios::in | std::ios::out | std::ios::binary);
        if (!f) throw IoError("cannot reopen " + dbf + " to set its language driver byte");
        f.seekp(29);
        const char ldid = static_cast<char>(kGbkLdid);
        f.write(&ldid, 1);
        if (!f) throw IoError("cannot patch the language driver byte of " + dbf);
    }
}

}  // namespace ecozone::samplegen
