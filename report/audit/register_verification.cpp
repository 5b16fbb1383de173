#include "report/audit/register_verification.h"

#include "geo/errors.h"
#include "layers/encoding.h"
#include "layers/file_bytes.h"
#include "layers/gdal_handle.h"
#include "report/audit/patch_images.h"
#include "report/audit/register_fields.h"

#include <cpl_conv.h>
#include <ogr_api.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ecozone::report {

namespace {

constexpr const char* kLayer = "patches";
constexpr const char* kIdField = "tbbh";
constexpr const char* kStatusField = "hczt";
constexpr const char* kOpinionField = "hcyj";
constexpr const char* kDateField = "hcrq";
constexpr const char* kByField = "hcr";      // added to the register by the first save
constexpr const char* kRevisionField = "hc_rev";
constexpr size_t kMaxOpinionBytes = 8000;    // ~2,600 Chinese characters: a page of field notes
constexpr size_t kMaxNameBytes = 200;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// Patch ids are what `ecozone audit` writes (640303-2025-1-0001): an id of other characters is
// no patch of this register, and is never put into a filter.
bool plausible_patch_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool calendar_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
    }
    const int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || day < 1) return false;
    return day <= kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

// Text an officer typed: UTF-8, no control characters but line breaks and tabs.
void check_text(const std::string& text, size_t max_bytes, const char* zh_name, const char* en_name) {
    if (!layers::is_valid_utf8(text)) {
        throw make_error<DataError>("{}不是有效的 UTF-8 文本；请重新输入", "the {1} is not valid UTF-8 text; type it again",
                                    zh_name, en_name);
    }
    if (text.size() > max_bytes) {
        throw make_error<DataError>("{}过长（{} 字节，最多 {} 字节）；请精简", "the {1} is too long ({2} bytes, at most {3}); shorten it",
                                    zh_name, en_name, text.size(), max_bytes);
    }
    for (unsigned char c : text) {
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            throw make_error<DataError>("{}含有控制字符；请删去", "the {1} contains a control character; remove it", zh_name,
                                        en_name);
        }
    }
}

// GDAL's GPKG driver waits this long for another writer's lock instead of failing at once.
class BusyTimeout {
public:
    BusyTimeout() { CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "busy_timeout=10000"); }
    ~BusyTimeout() { CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", nullptr); }
    BusyTimeout(const BusyTimeout&) = delete;
    BusyTimeout& operator=(const BusyTimeout&) = delete;
};

// A whole-file lock (flock) on the register for the length of a read or a save, shared or
// exclusive: every RegisterStore on the file, in this process or another, waits its turn.  SQLite
// alone would refuse the second of two savers outright ("database is locked": both read under a
// shared lock, neither may then write).  flock and SQLite's own fcntl locks do not interact.
class FileLock {
public:
    FileLock(const std::string& path, bool exclusive) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd_ < 0) return;  // opening the register reports the problem in full
        while (::flock(fd_, exclusive ? LOCK_EX : LOCK_SH) != 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd_);
            fd_ = -1;
            throw make_error<IoError>("{}：无法锁定登记表（{}）", "{}: cannot lock the register ({})", path,
                                      std::strerror(err));
        }
    }
    ~FileLock() {
        if (fd_ >= 0) ::close(fd_);  // closing releases the lock
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_;
};

struct OpenRegister {
    GDALDatasetUniquePtr ds;
    OGRLayer* layer = nullptr;
};

OpenRegister open_register(const std::string& path, bool update) {
    layers::ensure_gdal_registered();
    layers::GdalErrorCapture capture;
    BusyTimeout wait;
    const char* const drivers[] = {"GPKG", nullptr};
    OpenRegister r;
    r.ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : 0), drivers, nullptr, nullptr));
    if (!r.ds) {
        throw make_error<IoError>("{}：无法{}登记表 GeoPackage（{}）；请确认它是 ecozone audit 写出的 patches.gpkg 且可写",
                                  "{}: cannot {} the register GeoPackage ({}); check it is the patches.gpkg "
                                  "`ecozone audit` wrote and that it is writable",
                                  path, update ? "open for writing" : "open", capture.last());
    }
    r.layer = r.ds->GetLayerByName(kLayer);
    if (!r.layer || r.layer->GetLayerDefn()->GetFieldIndex(kIdField) < 0) {
        throw make_error<DataError>("{}：没有含 {} 字段的 {} 图层；这不是 ecozone audit 写出的图斑登记表",
                                    "{}: no '{2}' layer with a '{1}' field; this is not a patch register written by "
                                    "`ecozone audit`",
                                    path, kIdField, kLayer);
    }
    return r;
}

// The register an audit wrote has no 核查人 or revision columns: the first save adds them.
void ensure_fields(OpenRegister& r, const std::string& path) {
    layers::GdalErrorCapture capture;
    for (auto [name, type] : {std::pair{kByField, OFTString}, std::pair{kRevisionField, OFTInteger64}}) {
        if (r.layer->GetLayerDefn()->GetFieldIndex(name) >= 0) continue;
        OGRFieldDefn f(name, type);
        if (r.layer->CreateField(&f) != OGRERR_NONE) {
            throw make_error<IoError>("{}：无法添加字段 {}（{}）", "{}: cannot add the field {} ({})", path, name,
                                      capture.last());
        }
    }
}

OGRFeatureUniquePtr find_patch(OGRLayer& layer, const std::string& patch_id) {
    // The id was checked by plausible_patch_id: no quote can reach the filter.
    layer.SetAttributeFilter(fmt::format("{} = '{}'", kIdField, patch_id).c_str());
    layer.ResetReading();
    OGRFeatureUniquePtr f(layer.GetNextFeature());
    layer.SetAttributeFilter(nullptr);
    return f;
}

std::string field_text(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
}

StoredVerification stored_of(const OGRFeature& f) {
    StoredVerification s;
    const std::string status = field_text(f, kStatusField);
    const auto known = find_verification_status(status);
    s.verification.status = known ? known->code : status;
    s.verification.opinion = field_text(f, kOpinionField);
    s.verification.date = field_text(f, kDateField);
    s.verification.by = field_text(f, kByField);
    const int rev = f.GetFieldIndex(kRevisionField);
    s.revision = rev >= 0 && f.IsFieldSetAndNotNull(rev) ? f.GetFieldAsInteger64(rev) : 0;
    return s;
}

nlohmann::json verification_json(const StoredVerification& s) {
    return {{"status", s.verification.status}, {"opinion", s.verification.opinion}, {"date", s.verification.date},
            {"by", s.verification.by}, {"revision", s.revision}};
}

nlohmann::json attribute_json(const OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return nullptr;
    switch (f.GetFieldDefnRef(i)->GetType()) {
        case OFTInteger:
        case OFTInteger64: return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
        case OFTReal: return f.GetFieldAsDouble(i);
        default: return f.GetFieldAsString(i);
    }
}

}  // namespace

const std::vector<VerificationStatus>& verification_statuses() {
    static const std::vector<VerificationStatus> statuses = {
        {"pending", "待核查", "pending"},
        {"confirmed", "属实", "confirmed"},
        {"false_positive", "不属实", "not confirmed (no such change)"},
        {"rectifying", "整改中", "being rectified"},
        {"rectified", "已整改", "rectified"},
    };
    return statuses;
}

std::optional<VerificationStatus> find_verification_status(const std::string& text) {
    const std::string t = lower(trimmed(text));
    for (const auto& s : verification_statuses()) {
        if (t == s.code || t == s.zh || t == lower(s.en)) return s;
    }
    return std::nullopt;
}

Verification validated(const Verification& v) {
    Verification out;
    const auto status = find_verification_status(v.status);
    if (!status) {
        std::string zh, en;
        for (const auto& s : verification_statuses()) {
            zh += (zh.empty() ? "" : "、") + std::string(s.zh);
            en += (en.empty() ? "" : ", ") + std::string(s.code);
        }
        throw make_error<DataError>("核查状态“{}”无法识别；可用：{}", "unknown verification status '{0}'; use one of: {2}",
                                    v.status, zh, en);
    }
    out.status = status->code;
    out.date = trimmed(v.date);
    if (!calendar_date(out.date)) {
        throw make_error<DataError>("核查日期“{}”不是有效日期；请写成 2025-10-08 这样的格式",
                                    "verification date '{}' is not a valid date; write it as 2025-10-08", v.date);
    }
    out.opinion = trimmed(v.opinion);
    check_text(out.opinion, kMaxOpinionBytes, "核查意见", "verification opinion");
    out.by = trimmed(v.by);
    if (out.by.empty()) {
        throw DataError("请填写核查人", "the verifying officer's name is missing; fill it in");
    }
    check_text(out.by, kMaxNameBytes, "核查人", "officer's name");
    return out;
}

RegisterStore::RegisterStore(std::string gpkg) : gpkg_(std::move(gpkg)) {}

std::optional<StoredVerification> RegisterStore::read(const std::string& patch_id) const {
    if (!plausible_patch_id(patch_id)) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    const FileLock file_lock(gpkg_, false);
    OpenRegister r = open_register(gpkg_, false);
    OGRFeatureUniquePtr f = find_patch(*r.layer, patch_id);
    if (!f) return std::nullopt;
    return stored_of(*f);
}

std::string RegisterStore::file_bytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    const FileLock file_lock(gpkg_, false);
    return layers::read_file_bytes(gpkg_);
}

Table RegisterStore::table(const Lang& t) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const FileLock file_lock(gpkg_, false);
    OpenRegister r = open_register(gpkg_, false);
    Table out;
    out.title_zh = "图斑登记表";
    out.title_en = "patch register";
    out.english = t.en;
    std::vector<int> source;  // the register's field index of each column
    std::vector<const RegisterField*> fields;
    for (const RegisterField& f : register_fields()) fields.push_back(&f);
    fields.push_back(&register_verifier_field());
    for (const RegisterField* f : fields) {
        const int i = r.layer->GetLayerDefn()->GetFieldIndex(f->name);
        if (i < 0) continue;  // 核查人 before the first save; a register of an older ecozone
        Column c;
        c.header = t(f->zh, f->en);
        c.kind = f->kind;
        c.decimals = f->decimals;
        out.columns.push_back(c);
        source.push_back(i);
    }
    for (auto& f : *r.layer) {
        std::vector<Cell> row;
        for (const int i : source) {
            if (!f->IsFieldSetAndNotNull(i)) {
                row.emplace_back();
                continue;
            }
            switch (f->GetFieldDefnRef(i)->GetType()) {
                case OFTInteger:
                case OFTInteger64: row.emplace_back(static_cast<std::int64_t>(f->GetFieldAsInteger64(i))); break;
                case OFTReal: row.emplace_back(f->GetFieldAsDouble(i)); break;
                default: row.emplace_back(std::string(f->GetFieldAsString(i)));
            }
        }
        out.add_row(std::move(row));
    }
    return out;
}

std::optional<std::string> RegisterStore::image(const std::string& patch_id, bool before) const {
    if (!plausible_patch_id(patch_id)) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    const FileLock file_lock(gpkg_, false);
    OpenRegister r = open_register(gpkg_, false);
    return read_patch_image(*r.ds, patch_id, before);
}

nlohmann::json RegisterStore::geojson() const {
    std::lock_guard<std::mutex> lock(mutex_);
    const FileLock file_lock(gpkg_, false);
    OpenRegister r = open_register(gpkg_, false);
    layers::GdalErrorCapture capture;
    layers::SrsPtr lonlat = layers::make_srs_from_epsg(4490);
    std::unique_ptr<OGRCoordinateTransformation> to_lonlat;
    if (const OGRSpatialReference* srs = r.layer->GetSpatialRef()) {
        to_lonlat.reset(OGRCreateCoordinateTransformation(srs, lonlat.get()));
    }
    if (!to_lonlat) {
        throw make_error<DataError>("{}：登记表没有可用的坐标系（{}）", "{}: the register has no usable CRS ({})", gpkg_,
                                    capture.last());
    }
    nlohmann::json features = nlohmann::json::array();
    const char* json_options[] = {"COORDINATE_PRECISION=7", nullptr};
    const std::map<std::string, PatchImageDates> pictures = patch_image_dates(*r.ds);
    for (auto& f : *r.layer) {
        nlohmann::json properties = nlohmann::json::object();
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            const std::string name = f->GetFieldDefnRef(i)->GetNameRef();
            if (name == kByField || name == kRevisionField) continue;  // in "verification"
            properties[name] = attribute_json(*f, i);
        }
        // The dates of the patch's pictures (/api/patches/{id}/before.png, after.png), when it has them.
        if (const auto p = pictures.find(field_text(*f, kIdField)); p != pictures.end()) {
            if (!p->second.before.empty()) properties["qsx_rq"] = p->second.before;
            if (!p->second.after.empty()) properties["hsx_rq"] = p->second.after;
        }
        properties["verification"] = verification_json(stored_of(*f));
        nlohmann::json geometry = nullptr;
        if (OGRGeometry* g = f->GetGeometryRef(); g && !g->IsEmpty()) {
            if (g->transform(to_lonlat.get()) != OGRERR_NONE) {
                throw make_error<DataError>("{}：图斑 {} 无法转换到经纬度", "{}: patch {} cannot be transformed to lon/lat",
                                            gpkg_, field_text(*f, kIdField));
            }
            char* text = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(g), const_cast<char**>(json_options));
            geometry = nlohmann::json::parse(text);
            CPLFree(text);
        }
        features.push_back({{"type", "Feature"}, {"id", field_text(*f, kIdField)}, {"properties", std::move(properties)},
                            {"geometry", std::move(geometry)}});
    }
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

std::optional<SaveOutcome> RegisterStore::save(const std::string& patch_id, std::int64_t expected_revision,
                                               const Verification& v) {
    const Verification clean = validated(v);
    if (!plausible_patch_id(patch_id)) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    const FileLock file_lock(gpkg_, true);
    OpenRegister r = open_register(gpkg_, true);
    try {
        ensure_fields(r, gpkg_);
    } catch (const IoError&) {
        // Another writer (a second server on the same file) may have added the columns between
        // our look and our ALTER TABLE: reopened, the register has them and the save goes on.
        r = open_register(gpkg_, true);
        const OGRFeatureDefn* defn = r.layer->GetLayerDefn();
        if (defn->GetFieldIndex(kByField) < 0 || defn->GetFieldIndex(kRevisionField) < 0) throw;
    }
    layers::GdalErrorCapture capture;
    BusyTimeout wait;
    auto fail = [&](const char* step) {
        return make_error<IoError>("{}：保存核查结果失败（{}：{}）；登记表未改动", "{}: the verification was not saved ({}: {}); "
                                   "the register is unchanged", gpkg_, step, capture.last());
    };
    if (r.ds->StartTransaction() != OGRERR_NONE) throw fail("begin");
    // Everything below runs in the transaction: any failure rolls it back.
    struct Rollback {
        GDALDataset* ds;
        bool done = false;
        ~Rollback() {
            if (!done) ds->RollbackTransaction();
        }
    } rollback{r.ds.get()};
    OGRFeatureUniquePtr f = find_patch(*r.layer, patch_id);
    if (!f) return std::nullopt;
    SaveOutcome out;
    out.current = stored_of(*f);
    if (out.current.revision != expected_revision) return out;  // changed underneath: not saved
    const auto status = find_verification_status(clean.status);
    f->SetField(kStatusField, status->zh);
    f->SetField(kOpinionField, clean.opinion.c_str());
    f->SetField(kDateField, clean.date.c_str());
    f->SetField(kByField, clean.by.c_str());
    f->SetField(kRevisionField, static_cast<GIntBig>(expected_revision + 1));
    if (r.layer->SetFeature(f.get()) != OGRERR_NONE) throw fail("update");
    if (r.ds->CommitTransaction() != OGRERR_NONE) throw fail("commit");
    rollback.done = true;
    out.saved = true;
    out.current = {clean, expected_revision + 1};
    return out;
}

}  // namespace ecozone::report
