#include "layers/table_digest.h"

#include "geo/errors.h"
#include "layers/checksum.h"
#include "layers/gdal_handle.h"
#include "layers/redact.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace ecozone::layers {

namespace {

struct DigestDeleter {
    void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};

}  // namespace

TableDigest digest_table(const std::string& source, const std::optional<std::string>& layer_name) {
    TableDigest d;
    d.where = redact_secrets(source) + (layer_name ? " table=" + *layer_name : "");
    GDALDatasetUniquePtr ds = open_vector(source, {});
    OGRLayer* layer = layer_name ? ds->GetLayerByName(layer_name->c_str()) : ds->GetLayer(0);
    if (!layer) throw make_error<IoError>("{}：没有这张表", "{}: no such table", d.where);
    std::unique_ptr<EVP_MD_CTX, DigestDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        throw IoError("SHA-256 不可用", "SHA-256 unavailable");
    auto add = [&](const void* bytes, size_t n) { EVP_DigestUpdate(ctx.get(), bytes, n); };
    // Rows in id order: the same table gives the same digest whatever order the server scans.
    layer->SetIgnoredFields(nullptr);
    layer->ResetReading();
    std::vector<std::pair<GIntBig, std::string>> rows;
    for (OGRFeatureUniquePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        std::string record = std::to_string(f->GetFID());
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            record += '\x1f';
            if (f->IsFieldSetAndNotNull(i)) record += f->GetFieldAsString(i);
        }
        record += '\x1e';
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::string wkb(static_cast<size_t>(g->WkbSize()), '\0');
            g->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
            record += wkb;
        }
        rows.emplace_back(f->GetFID(), sha256_text(record));  // 64 bytes a row, whatever its size
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [fid, row_digest] : rows) add(row_digest.data(), row_digest.size());
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    for (unsigned int i = 0; i < len; ++i) d.sha256 += fmt::format("{:02x}", md[i]);
    d.rows = static_cast<std::int64_t>(rows.size());
    return d;
}

}  // namespace ecozone::layers
