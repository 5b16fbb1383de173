#pragma once
// A register's features as comparable text (tiled audits, campaigns): each feature's fields, its
// area and a hash of its normalised WKB, in the layer's order — two registers are field by field
// identical when these lists are equal.  Envelopes on request, to tell which patches cross a seam.
#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace ecozone::test {

struct Envelope {
    double x0, x1, y0, y1;
};

inline std::vector<std::string> register_features(const std::filesystem::path& gpkg, const char* layer,
                                                  std::vector<Envelope>* envelopes = nullptr) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(gpkg.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName(layer);
    REQUIRE(l);
    std::vector<std::string> out;
    for (auto& f : *l) {
        std::ostringstream s;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            s << f->GetFieldDefnRef(i)->GetNameRef() << "=" << f->GetFieldAsString(i) << "|";
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::unique_ptr<OGRGeometry> n(g->Normalize());  // GEOS: ring starts and orders fixed
            REQUIRE(n);
            std::vector<unsigned char> wkb(static_cast<size_t>(n->WkbSize()));
            n->exportToWkb(wkbNDR, wkb.data());
            s << "area=" << OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)));
            s << " wkb=" << std::hash<std::string>()(std::string(wkb.begin(), wkb.end()));
            OGREnvelope e;
            g->getEnvelope(&e);
            if (envelopes) envelopes->push_back({e.MinX, e.MaxX, e.MinY, e.MaxY});
        }
        out.push_back(s.str());
    }
    return out;
}

// Every feature of `layer` the same in both files (CHECKed one by one, so a difference shows it).
inline void same_features(const std::filesystem::path& a, const std::filesystem::path& b, const char* layer) {
    const auto fa = register_features(a, layer), fb = register_features(b, layer);
    REQUIRE(fa.size() == fb.size());
    for (size_t i = 0; i < fa.size(); ++i) CHECK(fa[i] == fb[i]);
}

}  // namespace ecozone::test
