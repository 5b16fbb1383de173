#include "serve/screening_downloads.h"

#include "layers/file_bytes.h"
#include "layers/output_set.h"
#include "report/screening/screening_documents.h"
#include "report/screening/screening_gpkg.h"
#include "report/screening/screening_gpkg_styles.h"
#include "report/screening/screening_json.h"
#include "report/common/gpkg_styles.h"
#include "serve/api_error.h"
#include "serve/temp_dir.h"

#include <charconv>

namespace ecozone::serve {

namespace {

// "%E9%80%89…": a file name for the filename* parameter.
std::string percent_encoded(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char ch : text) {
        const bool plain = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                           ch == '-' || ch == '_' || ch == '.';
        if (plain) {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        }
    }
    return out;
}

}  // namespace

bool english_requested(const httplib::Request& req) {
    if (!req.has_param("lang")) return false;
    const std::string lang = req.get_param_value("lang");
    if (lang != "zh" && lang != "en") {
        throw ApiError(400, layers::make_note("lang 须为 zh 或 en（收到“{}”）", "lang must be zh or en (got '{}')", lang));
    }
    return lang == "en";
}

std::optional<DownloadRequest> download_request(const httplib::Request& req) {
    if (!req.has_param("format")) return std::nullopt;
    DownloadRequest d;
    const std::string format = req.get_param_value("format");
    if (format == "pdf") {
        d.format = DownloadRequest::Format::Pdf;
    } else if (format == "gpkg") {
        d.format = DownloadRequest::Format::Gpkg;
    } else if (format == "json") {
        d.format = DownloadRequest::Format::Json;
    } else {
        throw ApiError(400, layers::make_note("format 须为 pdf、gpkg 或 json（收到“{}”）",
                                              "format must be pdf, gpkg or json (got '{}')", format));
    }
    d.english = english_requested(req);
    if (req.has_param("site")) {
        const std::string text = req.get_param_value("site");
        std::size_t site = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), site);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
            throw ApiError(400, layers::make_note("site 须为选址的序号（从 0 起的整数，收到“{}”）",
                                                  "site must be the site's index (a whole number from 0, got '{}')", text));
        }
        d.site = site;
    }
    return d;
}

DownloadFile screening_download(const DownloadRequest& request, const std::vector<analysis::SiteSpec>& specs,
                                const analysis::Screener& screener, const geo::GeosContext& geos,
                                const Workbench& workbench, const report::Provenance& provenance) {
    if (request.site && *request.site >= specs.size()) {
        throw ApiError(400, layers::make_note("没有第 {} 个选址：本次请求共 {} 个（site 从 0 起）",
                                              "there is no site {}: the request has {} (site counts from 0)",
                                              *request.site, specs.size()));
    }
    if (request.format == DownloadRequest::Format::Pdf && !request.site && specs.size() != 1) {
        throw ApiError(400, layers::make_note("请求含 {} 个选址：PDF 报告须用 site=N 指明其中一个",
                                              "the request holds {} sites: name one for its PDF report with site=N",
                                              specs.size()));
    }
    std::vector<analysis::SiteResult> results;
    if (request.site) {
        results.push_back(screener.screen(specs[*request.site]));
    } else {
        for (const analysis::SiteSpec& s : specs) results.push_back(screener.screen(s));
    }
    const report::Lang t{request.english};
    const report::Provenance p = report::restamped(provenance);
    const double footprint_m = workbench.footprint_m();
    const TempDir folder;
    layers::OutputSet outputs((folder.path() / "out").string(), "screening");
    DownloadFile file;
    // One site's file is named as `ecozone screen --pdf` names its report, by its place in the
    // request ("site-0003-TX-01.gpkg"), so that several downloaded sites do not overwrite each other.
    auto named = [&](const char* whole, const char* extension) {
        if (!request.site) return std::string(whole);
        std::string name = report::site_pdf_name(*request.site, results.front().spec.id);
        return name.substr(0, name.size() - 4) + extension;
    };
    switch (request.format) {
        case DownloadRequest::Format::Json: {
            file.name = named("screening.json", ".json");
            file.content_type = "application/json; charset=utf-8";
            file.bytes = report::screening_json(results, workbench.catalogue(), workbench.rules(), p, workbench.mode())
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                         "\n";
            return file;
        }
        case DownloadRequest::Format::Gpkg: {
            file.name = named("screening.gpkg", ".gpkg");
            file.content_type = "application/geopackage+sqlite3";
            const std::string path = outputs.temp_path(file.name);
            report::write_screening_gpkg(path, results, screener, workbench.catalogue(), geos, workbench.mode(), t,
                                         footprint_m);
            report::write_layer_styles(path, report::screening_gpkg_styles(t));
            outputs.commit(p.run_id);  // checks the GeoPackage is closed, with no journal beside it
            file.bytes = layers::read_file_bytes(outputs.final_path(file.name));
            return file;
        }
        case DownloadRequest::Format::Pdf: {
            report::ScreeningDocumentOptions o;
            o.pdf = true;
            o.threads = 1;  // one site; the server's other requests keep the other cores
            o.footprint_m = footprint_m;
            report::write_screening_documents(outputs, results, screener, workbench.catalogue(), workbench.rules(), p,
                                              workbench.mode(), geos, t, o);
            // Named as `ecozone screen --pdf` names it in the batch: by its place in the request.
            file.name = report::site_pdf_name(request.site.value_or(0), results.front().spec.id);
            file.content_type = "application/pdf";
            outputs.commit(p.run_id);
            file.bytes = layers::read_file_bytes(outputs.final_path(report::site_pdf_name(0, results.front().spec.id)));
            return file;
        }
    }
    throw std::logic_error("screening_download: unknown format");
}

void send_download(httplib::Response& res, const DownloadFile& file) {
    std::string ascii;
    for (const char ch : file.name) ascii += (static_cast<unsigned char>(ch) < 0x80 && ch != '"' && ch != '\\') ? ch : '_';
    res.status = 200;
    res.set_content(file.bytes, file.content_type);
    res.set_header("Content-Disposition",
                   "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percent_encoded(file.name));
}

}  // namespace ecozone::serve
