#include "serve/api.h"

#include "report/screening/screening_json.h"
#include "serve/api_error.h"
#include "serve/geojson_sites.h"
#include "serve/screening_downloads.h"
#include "layers/file_bytes.h"
#include "report/common/csv_table.h"
#include "report/common/xlsx_table.h"
#include "serve/security.h"
#include "serve/site_leaders.h"
#include "serve/site_outlines.h"
#include "serve/static_assets.h"
#include "serve/temp_dir.h"
#include "serve/uploaded_sites.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <regex>

namespace ecozone::serve {

namespace {

using httplib::Request;
using httplib::Response;
using layers::Note;

// The routes by method and path pattern: registered from this table, and read again to tell a
// wrong method (405) from an unknown path (404).
struct RouteSpec {
    const char* method;
    const char* pattern;
};
constexpr RouteSpec kScreen{"POST", "/api/screen"};
constexpr RouteSpec kLayers{"GET", "/api/layers"};
constexpr RouteSpec kLayer{"GET", R"(/api/layers/([A-Za-z0-9_]+)\.geojson)"};
constexpr RouteSpec kHealth{"GET", "/api/health"};
constexpr RouteSpec kScreenCoordinates{"POST", "/api/screen/coordinates"};
constexpr RouteSpec kScreenUpload{"POST", "/api/screen/upload"};
// The page and Leaflet: names of the embedded assets only (serve/static_assets.h), never a file.
constexpr RouteSpec kAsset{"GET", R"(/|/index\.html|/app\.js|/app\.css|/leaflet/[a-z.]+|/leaflet/images/[a-z0-9-]+\.png)"};
constexpr RouteSpec kPatches{"GET", "/api/patches"};
constexpr RouteSpec kPatchVerification{"POST", R"(/api/patches/([A-Za-z0-9._-]{1,64})/verification)"};
constexpr RouteSpec kPatchesDownload{"GET", R"(/api/patches\.(gpkg|csv|xlsx))"};
constexpr RouteSpec kPatchImage{"GET", R"(/api/patches/([A-Za-z0-9._-]{1,64})/(before|after)\.png)"};
constexpr RouteSpec kIndicators{"GET", "/api/indicators"};
constexpr RouteSpec kIndicatorFile{"GET", R"(/api/indicators/files/([A-Za-z0-9._-]{1,100}))"};
constexpr RouteSpec kBasemapTile{"GET", R"(/api/basemap/([0-9]{1,2})/([0-9]{1,8})/([0-9]{1,8})\.png)"};
constexpr RouteSpec kRoutes[] = {kScreen, kLayers, kLayer, kHealth, kScreenCoordinates, kScreenUpload, kAsset,
                                 kPatches, kPatchVerification, kPatchesDownload, kIndicators, kIndicatorFile,
                                 kBasemapTile, kPatchImage};

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// ?zoom=Z: a whole number 0..22; 12 when not given.
int zoom_of(const Request& req) {
    if (!req.has_param("zoom")) return 12;
    const std::string text = req.get_param_value("zoom");
    int zoom = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), zoom);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || zoom < 0 ||
        zoom > LayerMaps::kMaxZoom) {
        throw ApiError(400, layers::make_note("zoom 须为 0–{0} 的整数", "zoom must be a whole number 0–{0}",
                                              LayerMaps::kMaxZoom));
    }
    return zoom;
}

// A request's body parsed as JSON; 400 when it is not JSON.
nlohmann::json json_body(const Request& req) {
    try {
        return nlohmann::json::parse(req.body);
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError(400, layers::make_note("请求体不是合法的 JSON（{}）", "the request body is not valid JSON ({})", e.what()));
    }
}

// The generic message of a status httplib set itself (no route wrote a body).
Note status_message(int status, std::size_t max_upload_bytes) {
    switch (status) {
        case 404: return {"没有这个接口", "no such route"};
        case 413:
            return layers::make_note("请求体超过上传上限 {} MB（可用 --max-upload-mb 调整）",
                                     "the request body exceeds the upload limit of {} MB (see --max-upload-mb)",
                                     max_upload_bytes / (1024 * 1024));
        case 414: return {"请求地址过长", "the request URI is too long"};
        case 416: return {"请求的范围无效", "the requested range is not satisfiable"};
        default: return layers::make_note("请求无效（HTTP {}）", "bad request (HTTP {})", status);
    }
}

}  // namespace

Api::Api(const Workbench& workbench, std::string token, std::size_t max_upload_bytes, const std::string& register_gpkg,
         const std::string& indicators_dir, const std::string& basemap)
    : workbench_(workbench),
      token_(std::move(token)),
      max_upload_bytes_(max_upload_bytes),
      maps_(workbench.catalogue()),
      register_(register_gpkg.empty() ? nullptr : std::make_unique<report::RegisterStore>(register_gpkg)),
      evidence_(indicators_dir.empty() ? nullptr : std::make_unique<const IndicatorEvidence>(indicators_dir)),
      basemap_(basemap.empty() ? nullptr : std::make_unique<const BasemapTiles>(basemap)) {
    nlohmann::json layers = layers_json(workbench.catalogue(), workbench.rules());
    if (basemap_) {
        const auto [west, south, east, north] = basemap_->bounds_lonlat();
        layers["basemap"] = {{"url", "/api/basemap/{z}/{x}/{y}.png"},
                             {"name", std::filesystem::path(basemap_->path()).filename().string()},
                             {"bounds", {west, south, east, north}},
                             {"max_zoom", BasemapTiles::kMaxZoom}};
    }
    layers_body_ = dump(layers);
    // The inputs' checksums once, as loaded: every report downloaded from this server lists them.
    provenance_ = report::collect_provenance(workbench.project(), "ecozone serve",
                                              report::all_project_inputs(workbench.project()));
}

void Api::install(httplib::Server& http) {
    http.Post(kScreen.pattern, guarded(&Api::screen));
    http.Get(kLayers.pattern, guarded(&Api::layer_list));
    http.Get(kLayer.pattern, guarded(&Api::layer_geojson));
    http.Get(kHealth.pattern, guarded(&Api::health));
    http.Post(kScreenCoordinates.pattern, guarded(&Api::screen_coordinates));
    http.Post(kScreenUpload.pattern, guarded(&Api::screen_upload));
    http.Get(kAsset.pattern, guarded(&Api::asset));
    http.Get(kPatches.pattern, guarded(&Api::patches));
    http.Post(kPatchVerification.pattern, guarded(&Api::patch_verification));
    http.Get(kPatchesDownload.pattern, guarded(&Api::patches_download));
    http.Get(kIndicators.pattern, guarded(&Api::indicators));
    http.Get(kIndicatorFile.pattern, guarded(&Api::indicator_file));
    http.Get(kBasemapTile.pattern, guarded(&Api::basemap_tile));
    http.Get(kPatchImage.pattern, guarded(&Api::patch_image));
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const Request& req, Response& res) { return on_error(req, res); }));
    // A route's fault is the server's, not the caller's: 500 with what went wrong, and the server goes on.
    http.set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
        Note what{"未知错误", "unknown error"};
        try {
            std::rethrow_exception(ep);
        } catch (const Error& e) {
            what = {e.text(false), e.text(true)};
        } catch (const std::exception& e) {
            what = layers::untranslated(e.what());
        } catch (...) {
        }
        send_error(res, 500, {"服务器内部错误：" + what.zh, "internal server error: " + what.en});
    });
}

httplib::Server::Handler Api::guarded(Route route) {
    return [this, route](const Request& req, Response& res) {
        if (const auto refusal = check_request(req, token_)) return send_error(res, refusal->status, refusal->message);
        try {
            (this->*route)(req, res);
        } catch (const ApiError& e) {
            send_error(res, e.status(), {e.text(false), e.text(true)});
        }
    };
}

httplib::Server::HandlerResponse Api::on_error(const Request& req, Response& res) const {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a route's own JSON
    // No route answered: an unknown path tells a caller without the token nothing, not even that it is unknown.
    if (const auto refusal = check_request(req, token_); refusal && refusal->status == 401) {
        send_error(res, refusal->status, refusal->message);
        return httplib::Server::HandlerResponse::Handled;
    }
    if (res.status == 404) {
        std::string allowed;
        for (const RouteSpec& r : kRoutes) {
            if (std::regex_match(req.path, std::regex(r.pattern))) allowed += (allowed.empty() ? "" : ", ") + std::string(r.method);
        }
        if (!allowed.empty()) {
            res.set_header("Allow", allowed);
            send_error(res, 405,
                       layers::make_note("{} 不支持 {} 方法；请用 {}", "{} does not take {}; use {}", req.path,
                                         req.method, allowed));
            return httplib::Server::HandlerResponse::Handled;
        }
    }
    send_error(res, res.status, status_message(res.status, max_upload_bytes_));
    return httplib::Server::HandlerResponse::Handled;
}

void Api::screen(const Request& req, Response& res) {
    answer(req, res, [&](const ScreenerPool::Lease& lease) {
        return read_geojson_sites(lease.geos(), req.body, workbench_.catalogue(), workbench_.rules(),
                                  lease.to_working());
    });
}

// {"coordinates": "106.165,37.31 …" or "4131000,35616000 …", "category": "采石", "name": "…"}
void Api::screen_coordinates(const Request& req, Response& res) {
    const nlohmann::json body = json_body(req);
    auto text = [&](const char* key) {
        const auto it = body.is_object() ? body.find(key) : body.end();
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string coordinates = text("coordinates");
    if (coordinates.empty()) {
        throw ApiError(400, {"请求须为 {\"coordinates\": \"经度,纬度 …\", \"category\": \"类别\"}",
                             "the request must be {\"coordinates\": \"lon,lat …\", \"category\": \"CATEGORY\"}"});
    }
    answer(req, res, [&](const ScreenerPool::Lease& lease) {
        return read_pasted_coordinates(lease.geos(), coordinates, text("category"), text("name"), workbench_.catalogue(),
                                       workbench_.rules());
    });
}

// multipart/form-data: "file" (the sites), "category" (optional: every site's category).
void Api::screen_upload(const Request& req, Response& res) {
    if (!req.is_multipart_form_data() || !req.has_file("file")) {
        throw ApiError(400, {"请用 multipart/form-data 上传，文件字段名为 file（可另附 category 字段）",
                             "upload as multipart/form-data with the file in the field 'file' (and optionally "
                             "'category')"});
    }
    const httplib::MultipartFormData file = req.get_file_value("file");
    const std::string category = req.has_file("category") ? req.get_file_value("category").content : std::string();
    answer(req, res, [&](const ScreenerPool::Lease& lease) {
        return read_uploaded_sites(lease.geos(), file.filename, file.content, category, workbench_.catalogue(),
                                   workbench_.rules());
    });
}

void Api::answer(const Request& req, Response& res,
                 const std::function<GeojsonSites(const ScreenerPool::Lease&)>& read) {
    const std::optional<DownloadRequest> download = download_request(req);  // a bad ?format is a 400 first
    ScreenerPool::Lease lease = workbench_.screeners().checkout();
    GeojsonSites sites;  // made with the lease's context, freed before the lease returns
    try {
        sites = read(lease);
    } catch (const Error& e) {
        throw ApiError(400, {e.text(false), e.text(true)});  // the request's data is wrong
    }
    if (download) {
        send_download(res, screening_download(*download, sites.specs, lease.screener(), lease.geos(), workbench_,
                                              provenance_));
        return;
    }
    std::vector<analysis::SiteResult> results;
    results.reserve(sites.specs.size());
    for (const analysis::SiteSpec& s : sites.specs) results.push_back(lease.screener().screen(s));
    nlohmann::json all = report::screening_json(results, workbench_.catalogue(), workbench_.rules(), provenance_,
                                                workbench_.mode());
    nlohmann::json outlines = site_outlines(lease.geos(), sites.specs, lease.to_lonlat());
    nlohmann::json leaders =
        site_leaders(lease.geos(), lease.screener(), results, lease.to_lonlat(), workbench_.footprint_m());
    send_json(res, dump({{"sites", std::move(all["sites"])},
                         {"outlines", std::move(outlines)},
                         {"leaders", std::move(leaders)}}));
}

void Api::asset(const Request& req, Response& res) {
    if (!send_asset(req.path, res)) throw ApiError(404, {"没有这个页面", "no such page"});
}

report::RegisterStore& Api::patch_register() const {
    if (!register_) {
        throw ApiError(404, {"未加载图斑登记表：请以 ecozone serve --register out/audit/patches.gpkg 启动（ecozone audit 写出的登记表）",
                             "no patch register loaded: start with ecozone serve --register out/audit/patches.gpkg "
                             "(the register `ecozone audit` wrote)"});
    }
    return *register_;
}

void Api::patches(const Request&, Response& res) { send_json(res, dump(patch_register().geojson())); }

// {"status": "属实" | "confirmed" | …, "opinion": "…", "date": "2025-10-08", "by": "…", "revision": N}:
// N is the revision the officer's screen showed (0 before any save).
void Api::patch_verification(const Request& req, Response& res) {
    report::RegisterStore& store = patch_register();
    const nlohmann::json body = json_body(req);
    if (!body.is_object() || !body.contains("revision") || !body["revision"].is_number_integer()) {
        throw ApiError(400, {"请求须为 {\"status\", \"opinion\", \"date\", \"by\", \"revision\"}，revision 为页面所示的版本号",
                             "the request must be {\"status\", \"opinion\", \"date\", \"by\", \"revision\"}, revision "
                             "being the one the page showed"});
    }
    auto text = [&](const char* key) {
        const auto it = body.find(key);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const report::Verification v{text("status"), text("opinion"), text("date"), text("by")};
    const std::string id = req.matches[1];
    std::optional<report::SaveOutcome> outcome;
    try {
        outcome = store.save(id, body["revision"].get<std::int64_t>(), v);
    } catch (const DataError& e) {
        throw ApiError(400, {e.text(false), e.text(true)});  // the officer's input
    }
    if (!outcome) throw ApiError(404, layers::make_note("登记表中没有图斑“{}”", "the register has no patch '{}'", id));
    const auto& c = outcome->current;
    const nlohmann::json current = {{"status", c.verification.status}, {"opinion", c.verification.opinion},
                                    {"date", c.verification.date},     {"by", c.verification.by},
                                    {"revision", c.revision}};
    if (!outcome->saved) {
        res.status = 409;
        send_json(res, dump({{"error", "该图斑的核查结果已被他人修改；请查看对方填写的内容后再保存"},
                             {"error_en", "someone else changed this patch's verification; read theirs, then save again"},
                             {"current", current}}));
        return;
    }
    send_json(res, dump({{"saved", true}, {"id", id}, {"verification", current}}));
}

// The register with the verifications saved so far: the GeoPackage itself, or its table as CSV
// (UTF-8 with BOM) or a workbook (?lang=en for English headers).
void Api::patches_download(const Request& req, Response& res) {
    report::RegisterStore& store = patch_register();
    const std::string format = req.matches[1];
    DownloadFile file;
    if (format == "gpkg") {
        file = {"patches.gpkg", "application/geopackage+sqlite3", store.file_bytes()};
    } else {
        const report::Table table = store.table(report::Lang{english_requested(req)});
        if (format == "csv") {
            file = {"patches.csv", "text/csv; charset=utf-8", report::csv_table(table)};
        } else {
            const TempDir folder;
            const std::string path = (folder.path() / "patches.xlsx").string();
            report::write_xlsx(path, {table});
            file = {"patches.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    layers::read_file_bytes(path)};
        }
    }
    send_download(res, file);
}

// A patch's picture from the register (before / after), as the audit drew it.
void Api::patch_image(const Request& req, Response& res) {
    const std::string id = req.matches[1];
    const bool before = req.matches[2] == "before";
    const std::optional<std::string> png = patch_register().image(id, before);
    if (!png) {
        throw ApiError(404, layers::make_note("登记表中没有图斑“{}”的{}影像（外部图斑图层的登记表不含影像）",
                                              "the register has no {2} picture of patch '{0}' (a register made from an "
                                              "external patch layer has none)",
                                              id, before ? "前时相" : "后时相", before ? "before" : "after"));
    }
    res.status = 200;
    res.set_content(*png, "image/png");
}

const IndicatorEvidence& Api::evidence() const {
    if (!evidence_) {
        throw ApiError(404, {"未加载指标证据：请以 ecozone serve --indicators out/indicators 启动（ecozone indicators 写出的文件夹）",
                             "no indicator evidence loaded: start with ecozone serve --indicators out/indicators (the "
                             "folder `ecozone indicators` wrote)"});
    }
    return *evidence_;
}

void Api::indicators(const Request&, Response& res) { send_json(res, evidence().body()); }

void Api::indicator_file(const Request& req, Response& res) {
    const std::string name = req.matches[1];
    const auto path = evidence().file_path(name);
    if (!path) throw ApiError(404, layers::make_note("证据中没有文件“{}”", "the evidence has no file '{}'", name));
    res.status = 200;
    res.set_content(layers::read_file_bytes(*path), evidence_content_type(name));
    // Downloaded, never shown in the workbench's origin (a report page is evidence, not part of the app).
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
}

void Api::basemap_tile(const Request& req, Response& res) {
    if (!basemap_) {
        throw ApiError(404, {"未加载底图：请以 ecozone serve --basemap 影像.tif 启动",
                             "no basemap loaded: start with ecozone serve --basemap IMAGE.tif"});
    }
    const auto png = basemap_->tile(std::stoi(req.matches[1]), std::stoi(req.matches[2]), std::stoi(req.matches[3]));
    if (!png) throw ApiError(404, {"没有这个瓦片", "no such tile"});
    res.status = 200;
    res.set_content(**png, "image/png");
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "private, max-age=3600");  // the raster does not change while the server runs
}

void Api::layer_list(const Request&, Response& res) { send_json(res, layers_body_); }

void Api::layer_geojson(const Request& req, Response& res) {
    const std::string role = req.matches[1];
    const int zoom = zoom_of(req);
    std::shared_ptr<const std::string> text;
    {
        ScreenerPool::Lease lease = workbench_.screeners().checkout();  // for its GEOS context
        text = maps_.geojson(role, zoom, lease.geos());
    }
    if (!text) {
        std::string known;
        for (const auto& [r, layer] : workbench_.catalogue().vectors) known += (known.empty() ? "" : ", ") + std::string(layers::role_key(r));
        throw ApiError(404, layers::make_note("项目中没有图层“{}”；已有：{}", "the project has no layer '{}'; it has: {}",
                                              role, known));
    }
    res.status = 200;
    res.set_content(*text, "application/geo+json; charset=utf-8");
}

void Api::health(const Request&, Response& res) {
    send_json(res, dump({{"ok", true}, {"version", ECOZONE_VERSION}}));
}

}  // namespace ecozone::serve
