#pragma once
// The JSON API's routes (docs/serve.md):
//   POST /api/screen                     GeoJSON sites -> {"sites": [screening.json's site objects]}
//   GET  /api/layers                     the project's layers and the rules file's categories
//   GET  /api/layers/{role}.geojson?zoom=Z  one layer in lon/lat, simplified for the zoom
//   GET  /api/health                     {"ok": true, "version": ...}
//   POST /api/screen/coordinates         pasted lon/lat, DMS or Gauss-Krüger X/Y -> as /api/screen
//   POST /api/screen/upload              a file (界址点 .txt, WKT .csv, GeoJSON, KML, zipped shapefile)
//   GET  /api/patches                    the audit's patch register (--register) as GeoJSON in lon/lat
//   POST /api/patches/{id}/verification  {status, opinion, date, by, revision}: 200 saved, 409 changed
//                                        underneath (with what the register holds now)
//   GET  /api/patches.gpkg|.csv|.xlsx    the register itself, or its table, verifications included
//   GET  /api/patches/{id}/before.png    a patch's pictures as the audit drew them (also after.png)
//   GET  /api/indicators                 the indicator run's indicators.json (--indicators) and its files
//   GET  /api/indicators/files/{name}    one evidence file the run's manifest lists
//   GET  /api/basemap/{z}/{x}/{y}.png    the county's own raster (--basemap) as XYZ tiles
//   GET  /, /app.js, /leaflet/…          the workbench page and Leaflet (serve/static_assets.h)
// Every screening answer also carries "outlines": the sites as read, in lon/lat, for the map, and
// "leaders": per site, the nearest points to each feature a distance was measured to.  The three
// screening routes take ?format=pdf|gpkg|json[&site=N][&lang=en]: the same request answered as
// the file `ecozone screen` writes (serve/screening_downloads.h).
// Every route passes serve/security.h's checks first; every refusal is JSON (serve/api_error.h):
// unknown route 404, a route asked with another method 405, a body over the limit 413, a route's
// fault 500 — never a dropped connection.
#include "report/audit/register_verification.h"
#include "report/common/provenance.h"
#include "serve/basemap_tiles.h"
#include "serve/geojson_sites.h"
#include "serve/indicator_evidence.h"
#include "serve/layer_maps.h"
#include "serve/workbench.h"

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>

namespace ecozone::serve {

class Api {
public:
    // `workbench` must outlive the Api; `token` empty: none required; `register_gpkg` empty: no
    // patch register.
    // `indicators_dir` empty: no indicator evidence (else loaded and checked here: DataError).
    Api(const Workbench& workbench, std::string token, std::size_t max_upload_bytes, const std::string& register_gpkg = "",
        const std::string& indicators_dir = "", const std::string& basemap = "");
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    // Registers the routes and the error and exception handlers on `http`.
    void install(httplib::Server& http);

private:
    using Route = void (Api::*)(const httplib::Request&, httplib::Response&);
    httplib::Server::Handler guarded(Route route);
    httplib::Server::HandlerResponse on_error(const httplib::Request& req, httplib::Response& res) const;

    void screen(const httplib::Request& req, httplib::Response& res);
    void layer_list(const httplib::Request& req, httplib::Response& res);
    void layer_geojson(const httplib::Request& req, httplib::Response& res);
    void health(const httplib::Request& req, httplib::Response& res);
    void screen_coordinates(const httplib::Request& req, httplib::Response& res);
    void screen_upload(const httplib::Request& req, httplib::Response& res);
    void asset(const httplib::Request& req, httplib::Response& res);
    void patches(const httplib::Request& req, httplib::Response& res);
    void patch_verification(const httplib::Request& req, httplib::Response& res);
    void patches_download(const httplib::Request& req, httplib::Response& res);
    void patch_image(const httplib::Request& req, httplib::Response& res);
    report::RegisterStore& patch_register() const;  // throws ApiError 404 without --register
    void indicators(const httplib::Request& req, httplib::Response& res);
    void indicator_file(const httplib::Request& req, httplib::Response& res);
    const IndicatorEvidence& evidence() const;  // throws ApiError 404 without --indicators
    void basemap_tile(const httplib::Request& req, httplib::Response& res);
    // Reads the sites with a screener's GEOS context (a reader's Error is a 400), screens them and
    // answers {"sites": [...], "outlines": FeatureCollection, "leaders": [...]} — or, with
    // ?format=pdf|gpkg|json, the file (serve/screening_downloads.h).
    void answer(const httplib::Request& req, httplib::Response& res,
                const std::function<GeojsonSites(const ScreenerPool::Lease&)>& read);

    const Workbench& workbench_;
    const std::string token_;
    const std::size_t max_upload_bytes_;
    std::string layers_body_;   // GET /api/layers never changes while the server runs
    report::Provenance provenance_;   // screening_json's; only its site objects are answered
    LayerMaps maps_;
    std::unique_ptr<report::RegisterStore> register_;  // null without --register
    std::unique_ptr<const IndicatorEvidence> evidence_;  // null without --indicators
    std::unique_ptr<const BasemapTiles> basemap_;        // null without --basemap
};

}  // namespace ecozone::serve
