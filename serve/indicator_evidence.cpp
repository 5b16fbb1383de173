#include "serve/indicator_evidence.h"

#include "geo/errors.h"
#include "layers/checksum.h"

#include <filesystem>
#include <fstream>

namespace ecozone::serve {

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& path, const std::string& folder) {
    std::ifstream in(path);
    if (!in) {
        throw make_error<DataError>("{}：没有 {}；请给出 ecozone indicators --out 写出的文件夹",
                                    "{}: no {}; give the folder `ecozone indicators --out` wrote", folder,
                                    path.filename().string());
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw make_error<DataError>("{}：{} 不是合法的 JSON（{}）；请重新运行 ecozone indicators",
                                    "{}: {} is not valid JSON ({}); run `ecozone indicators` again", folder,
                                    path.filename().string(), e.what());
    }
}

}  // namespace

IndicatorEvidence::IndicatorEvidence(const std::string& folder) : folder_(folder) {
    const fs::path dir(folder);
    const nlohmann::json manifest = read_json(dir / "indicators.manifest.json", folder);
    if (!manifest.contains("files") || !manifest["files"].is_array()) {
        throw make_error<DataError>("{}：indicators.manifest.json 没有文件清单；请重新运行 ecozone indicators",
                                    "{}: indicators.manifest.json lists no files; run `ecozone indicators` again", folder);
    }
    bool has_json = false;
    for (const auto& f : manifest["files"]) {
        File file;
        file.name = f.value("name", "");
        file.sha256 = f.value("sha256", "");
        // A manifest names files of its own folder only: anything with a path in it is not evidence.
        if (file.name.empty() || file.name.find('/') != std::string::npos || file.name.find('\\') != std::string::npos ||
            file.name == "." || file.name == "..") {
            throw make_error<DataError>("{}：清单中的文件名“{}”无效", "{}: the manifest lists an invalid file name '{}'",
                                        folder, file.name);
        }
        const fs::path path = dir / file.name;
        std::error_code ec;
        file.bytes = fs::file_size(path, ec);
        if (ec) {
            throw make_error<DataError>("{}：清单列出的 {} 不存在；证据不完整，请重新运行 ecozone indicators",
                                        "{}: {} listed in the manifest is missing; the evidence is incomplete — run "
                                        "`ecozone indicators` again",
                                        folder, file.name);
        }
        if (layers::sha256_file(path.string()) != file.sha256) {
            throw make_error<DataError>("{}：{} 与清单中的 SHA-256 不符（运行后被改动过）；不能作为该次运行的证据",
                                        "{}: {} does not match its SHA-256 in the manifest (changed after the run); "
                                        "it cannot be served as that run's evidence",
                                        folder, file.name);
        }
        has_json = has_json || file.name == "indicators.json";
        files_.push_back(std::move(file));
    }
    if (!has_json) {
        throw make_error<DataError>("{}：清单中没有 indicators.json", "{}: the manifest lists no indicators.json", folder);
    }
    nlohmann::json j = read_json(dir / "indicators.json", folder);
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& f : files_) {
        listed.push_back({{"name", f.name}, {"bytes", f.bytes}, {"sha256", f.sha256}, {"url", "/api/indicators/files/" + f.name}});
    }
    j["files"] = std::move(listed);
    body_ = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::string> IndicatorEvidence::file_path(const std::string& name) const {
    for (const auto& f : files_) {
        if (f.name == name) return (fs::path(folder_) / f.name).string();
    }
    return std::nullopt;
}

const char* evidence_content_type(const std::string& name) {
    auto ends = [&](const char* ext) {
        const std::string e(ext);
        return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".json")) return "application/json; charset=utf-8";
    if (ends(".csv")) return "text/csv; charset=utf-8";
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ends(".gpkg")) return "application/geopackage+sqlite3";
    if (ends(".pdf")) return "application/pdf";
    return "application/octet-stream";
}

}  // namespace ecozone::serve
