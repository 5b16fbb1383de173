#pragma once
// The screening answer as the files `ecozone screen` writes, for the page's download buttons: the
// request that produced an answer is sent again with ?format=pdf|gpkg|json (and &site=N, &lang=en),
// and the reply is the file — the per-site PDF report (选址研判报告), screening.gpkg (styled for
// QGIS) or screening.json with its provenance — written by the same report/ functions as the CLI's,
// in a private folder removed afterwards.
#include "analysis/screening.h"
#include "report/common/provenance.h"
#include "serve/workbench.h"

#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>

namespace ecozone::serve {

struct DownloadRequest {
    enum class Format { Pdf, Gpkg, Json } format = Format::Json;
    std::optional<std::size_t> site;  // 0-based index in the request's sites; none: every site
    bool english = false;
};

// Whether ?lang=en (a report's language; zh when not given).  ApiError 400 for another value.
bool english_requested(const httplib::Request& req);

// The download a request asks for (?format=…&site=N&lang=zh|en); nullopt without ?format (the
// page's own answer).  ApiError 400 for an unknown format or language, or a site that is not a
// whole number.
std::optional<DownloadRequest> download_request(const httplib::Request& req);

struct DownloadFile {
    std::string name;          // "site-0003-TX-01.pdf", "screening.gpkg", "screening.json"
    std::string content_type;  // "application/pdf" …
    std::string bytes;
};

// Screens the sites the download needs (all, or site N alone) and writes its file.  `read_specs`
// are the request's sites in order.  ApiError 400 when site N does not exist, or a PDF is asked of
// several sites without &site.  `provenance`: the server's, hashed at start (restamped here).
DownloadFile screening_download(const DownloadRequest& request, const std::vector<analysis::SiteSpec>& specs,
                                const analysis::Screener& screener, const geo::GeosContext& geos,
                                const Workbench& workbench, const report::Provenance& provenance);

// Sets `res` to the file, as an attachment (the name in RFC 6266 form: ASCII fallback and UTF-8).
void send_download(httplib::Response& res, const DownloadFile& file);

}  // namespace ecozone::serve
