#include "report/common/provenance.h"

#include "layers/checksum.h"
#include "layers/redact.h"
#include "layers/table_digest.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

namespace ecozone::report {

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

InputSelection all_project_inputs(const layers::Project& project) {
    InputSelection all;
    for (const auto& [role, spec] : project.vectors) all.vectors.push_back(role);
    for (const auto& [role, spec] : project.rasters) all.rasters.push_back(role);
    all.rules = true;
    return all;
}

Provenance collect_provenance(const layers::Project& project, const std::string& command_line,
                              const InputSelection& used) {
    Provenance p;
    p.tool_version = ECOZONE_VERSION;
    p.command_line = command_line;
    p.project_file = project.file;
    auto is_table = [](const std::string& source) { return source.rfind("PG:", 0) == 0 || source.rfind("pg:", 0) == 0; };
    auto add = [&](const std::string& role, const std::string& as_written, const std::string& source,
                   const std::optional<std::string>& layer = std::nullopt) {
        if (is_table(source)) {
            // A table: host, database and table, the rows read and their digest — never the password.
            const layers::TableDigest d = layers::digest_table(source, layer);
            InputFile f;
            f.role = role;
            f.path = layers::redact_secrets(as_written);
            f.file = d.where;
            f.sha256 = d.sha256;
            f.rows = d.rows;
            p.inputs.push_back(f);
            return;
        }
        for (const auto& file : layers::dataset_files(source)) {
            InputFile f;
            f.role = role;
            f.path = as_written;
            f.file = file;
            f.sha256 = layers::sha256_file(file);
            std::error_code ec;
            f.bytes = std::filesystem::file_size(file, ec);
            p.inputs.push_back(f);
        }
    };
    add("project", std::filesystem::path(project.file).filename().string(), project.file);
    // In the project's order of roles whatever the order asked in.
    for (const auto& [role, spec] : project.vectors) {
        if (std::find(used.vectors.begin(), used.vectors.end(), role) == used.vectors.end()) continue;
        add(layers::role_key(role), spec.path_as_written, spec.path, spec.layer_name);
    }
    for (const auto& [role, spec] : project.rasters) {
        if (std::find(used.rasters.begin(), used.rasters.end(), role) == used.rasters.end()) continue;
        add(std::string(layers::role_key(role)) + "_raster", spec.path_as_written, spec.path);
    }
    for (const auto& f : used.files) {
        // Listed as given; a file by its absolute path (as the project's are), a table as it is.
        std::error_code ec;
        const std::filesystem::path absolute = std::filesystem::absolute(f.path, ec);
        add(f.role, f.path, is_table(f.path) || ec ? f.path : absolute.lexically_normal().string(), f.layer);
    }
    if (used.rules && project.rules_path) {
        std::error_code ec;
        if (std::filesystem::exists(*project.rules_path, ec)) add("rules", project.rules_path_as_written.empty() ? *project.rules_path : project.rules_path_as_written,
                                                         *project.rules_path);
    }
    return restamped(std::move(p));
}

Provenance restamped(Provenance p) {
    p.started_utc = utc_now();
    std::string all;
    for (const auto& f : p.inputs) all += f.sha256;
    // Unique per run (two runs in one second on the same inputs are still two runs), traceable to
    // the inputs through the listed hashes.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    p.run_id = layers::sha256_text(all + p.started_utc + std::to_string(now.count()) + std::to_string(::getpid()))
                   .substr(0, 12);
    return p;
}

std::string document_id(const Provenance& p, const std::string& document) {
    return layers::sha256_text(p.run_id + "/" + document).substr(0, 12);
}

nlohmann::json to_json(const Provenance& p, const std::string& document) {
    nlohmann::json j;
    j["tool"] = {{"name", "ecozone"}, {"version", p.tool_version}};
    j["run_id"] = p.run_id;
    if (!document.empty()) {
        j["document"] = document;
        j["document_id"] = document_id(p, document);
    }
    j["started_utc"] = p.started_utc;
    j["seconds"] = p.seconds;
    j["command_line"] = p.command_line;
    j["project_file"] = p.project_file;
    j["inputs"] = nlohmann::json::array();
    for (const auto& f : p.inputs) {
        nlohmann::json in = {{"role", f.role}, {"path", f.path}, {"file", f.file}, {"sha256", f.sha256}};
        if (f.rows >= 0) {
            in["rows"] = f.rows;
        } else {
            in["bytes"] = f.bytes;
        }
        j["inputs"].push_back(in);
    }
    return j;
}

std::future<Provenance> collect_provenance_async(layers::Project project, std::string command_line,
                                                 InputSelection used) {
    // The thread owns its copy of the project: a command that fails early (a bad layer name) may
    // leave its own project before the hashing ends, and a future kept as a member outlives it.
    return std::async(std::launch::async,
                      [project = std::move(project), line = std::move(command_line), used = std::move(used)] {
                          return collect_provenance(project, line, used);
                      });
}

}  // namespace ecozone::report
