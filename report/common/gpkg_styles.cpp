#include "report/common/gpkg_styles.h"

#include "geo/errors.h"
#include "layers/gdal_handle.h"

#include <cpl_string.h>
#include <fmt/format.h>

#include <algorithm>

namespace ecozone::report {

namespace {

// QGIS's layer_styles, column for column (QgsOgrUtils::saveStyle): widths, the boolean subtype
// and the time stamp's default are what QGIS's own style manager expects to find.
struct StyleColumn {
    const char* name;
    OGRFieldType type;
    int width;
    OGRFieldSubType subtype;
    const char* default_value;
};
constexpr StyleColumn kColumns[] = {
    {"f_table_catalog", OFTString, 256, OFSTNone, nullptr},
    {"f_table_schema", OFTString, 256, OFSTNone, nullptr},
    {"f_table_name", OFTString, 256, OFSTNone, nullptr},
    {"f_geometry_column", OFTString, 256, OFSTNone, nullptr},
    {"styleName", OFTString, 30, OFSTNone, nullptr},
    {"styleQML", OFTString, 0, OFSTNone, nullptr},
    {"styleSLD", OFTString, 0, OFSTNone, nullptr},
    {"useAsDefault", OFTInteger, 0, OFSTBoolean, nullptr},
    {"description", OFTString, 0, OFSTNone, nullptr},
    {"owner", OFTString, 30, OFSTNone, nullptr},
    {"ui", OFTString, 30, OFSTNone, nullptr},
    {"update_time", OFTDateTime, 0, OFSTNone, "CURRENT_TIMESTAMP"},
};

// GDAL's messages can span lines; ours are one line.
std::string one_line(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s.empty() ? "GDAL gave no reason" : s;
}

// Rolls back unless committed, so that a failure leaves the GeoPackage as the writer made it.
class Transaction {
public:
    explicit Transaction(GDALDataset& ds) : ds_(ds) {}
    ~Transaction() {
        if (active_) ds_.RollbackTransaction();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool start() { return active_ = ds_.StartTransaction() == OGRERR_NONE; }
    bool commit() {
        active_ = false;
        return ds_.CommitTransaction() == OGRERR_NONE;
    }

private:
    GDALDataset& ds_;
    bool active_ = false;
};

class StyleWriter {
public:
    StyleWriter(const std::string& path, GDALDataset& ds, const layers::GdalErrorCapture& capture)
        : path_(path), ds_(ds), capture_(capture) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw IoError(fmt::format("{}: cannot {} ({})", path_, what, one_line(capture_.last())));
    }

    // The existing table (a style saved by QGIS, or an earlier run), else a new one.
    OGRLayer& table() {
        if (OGRLayer* existing = ds_.GetLayerByName("layer_styles")) {
            for (const auto& c : kColumns) {
                if (existing->GetLayerDefn()->GetFieldIndex(c.name) < 0) {
                    throw IoError(
                        fmt::format("{}: its layer_styles table has no column '{}'; it is not QGIS's "
                                    "style table",
                                    path_, c.name));
                }
            }
            return *existing;
        }
        CPLStringList options;
        options.SetNameValue("FID", "id");  // QGIS's primary key name
        OGRLayer* created = ds_.CreateLayer("layer_styles", nullptr, wkbNone, options.List());
        if (!created) fail("create the layer_styles table");
        for (const auto& c : kColumns) {
            OGRFieldDefn defn(c.name, c.type);
            if (c.width > 0) defn.SetWidth(c.width);
            defn.SetSubType(c.subtype);
            if (c.default_value) defn.SetDefault(c.default_value);
            if (created->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("create layer_styles.{}", c.name));
        }
        return *created;
    }

    // Drops the layer's style of this name (a re-run replaces it) and clears the default flag of
    // its other styles: QGIS loads one default.
    void clear_previous(OGRLayer& styles, const std::string& layer, const std::string& geometry_column,
                        const std::string& name) {
        std::vector<GIntBig> drop;
        std::vector<OGRFeatureUniquePtr> undefault;
        styles.SetAttributeFilter(nullptr);
        styles.ResetReading();
        while (OGRFeatureUniquePtr f{styles.GetNextFeature()}) {
            if (layer != f->GetFieldAsString("f_table_name") ||
                geometry_column != f->GetFieldAsString("f_geometry_column")) {
                continue;
            }
            if (name == f->GetFieldAsString("styleName")) {
                drop.push_back(f->GetFID());
            } else if (f->GetFieldAsInteger("useAsDefault") != 0) {
                f->SetField("useAsDefault", 0);
                undefault.push_back(std::move(f));
            }
        }
        for (GIntBig fid : drop) {
            if (styles.DeleteFeature(fid) != OGRERR_NONE) fail(fmt::format("replace the style of '{}'", layer));
        }
        for (auto& f : undefault) {
            if (styles.SetFeature(f.get()) != OGRERR_NONE) fail(fmt::format("update the styles of '{}'", layer));
        }
    }

    void add(OGRLayer& styles, OGRLayer& layer, const LayerStyle& s) {
        const std::string name = s.style_name.empty() ? std::string(layer.GetName()) : s.style_name;
        const std::string geometry_column = layer.GetGeometryColumn();
        clear_previous(styles, layer.GetName(), geometry_column, name);
        // Every value set on the feature: GDAL binds them, so quotes in a label stay text.
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles.GetLayerDefn()));
        f->SetField("f_table_catalog", "");
        f->SetField("f_table_schema", "");  // QGIS looks styles up with f_table_schema=''
        f->SetField("f_table_name", layer.GetName());
        f->SetField("f_geometry_column", geometry_column.c_str());
        f->SetField("styleName", name.c_str());
        f->SetField("styleQML", s.qml.c_str());
        f->SetField("styleSLD", "");
        f->SetField("useAsDefault", 1);
        f->SetField("description", s.description.c_str());
        f->SetField("owner", "");
        // update_time is left to the column's default: the time of writing, as QGIS records it.
        if (styles.CreateFeature(f.get()) != OGRERR_NONE) fail(fmt::format("store the style of '{}'", layer.GetName()));
        // The GPKG driver writes DESCRIPTION to gpkg_contents.description.
        if (layer.SetMetadataItem("DESCRIPTION", s.description.c_str()) != CE_None) {
            fail(fmt::format("set the description of '{}'", layer.GetName()));
        }
    }

private:
    const std::string& path_;
    GDALDataset& ds_;
    const layers::GdalErrorCapture& capture_;
};

bool has_failure(const layers::GdalErrorCapture& capture, size_t since) {
    const auto& m = capture.messages();
    return std::any_of(m.begin() + static_cast<std::ptrdiff_t>(std::min(since, m.size())), m.end(),
                       [](const auto& msg) { return msg.level >= CE_Failure; });
}

}  // namespace

void write_layer_styles(const std::string& gpkg_path, const std::vector<LayerStyle>& styles) {
    layers::ensure_gdal_registered();
    layers::GdalErrorCapture capture;
    const char* const drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr ds;
    {
        const layers::UnsyncedSqliteScope unsynced;  // styles go into output files, in their stage
        ds.reset(GDALDataset::Open(gpkg_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers));
    }
    if (!ds) {
        throw IoError(fmt::format("{}: cannot open the GeoPackage to store its QGIS styles ({})", gpkg_path,
                                  one_line(capture.last())));
    }
    // The styles of layers the file holds (never one for the style table itself).
    std::vector<std::pair<OGRLayer*, const LayerStyle*>> applicable;
    for (const LayerStyle& s : styles) {
        if (s.layer == "layer_styles") continue;
        if (OGRLayer* layer = ds->GetLayerByName(s.layer.c_str())) applicable.emplace_back(layer, &s);
    }
    if (applicable.empty()) return;  // nothing to style: no empty style table either
    StyleWriter writer(gpkg_path, *ds, capture);
    {
        Transaction tx(*ds);
        if (!tx.start()) writer.fail("start a transaction");
        OGRLayer& table = writer.table();
        for (const auto& [layer, style] : applicable) writer.add(table, *layer, *style);
        if (!tx.commit()) writer.fail("commit the QGIS styles");
    }
    // GDAL 3.6 has no checked close: an error while flushing arrives as a message.
    const size_t before = capture.messages().size();
    ds.reset();
    if (has_failure(capture, before)) writer.fail("close the GeoPackage after storing its QGIS styles");
}

}  // namespace ecozone::report
