#pragma once
// The indicator evidence an `ecozone indicators` run wrote (its --out folder), offered by the
// workbench: indicators.json for the page's tables and choropleths, and every evidence file the
// run's manifest lists, for download.  Loaded once at start, each file checked against the
// manifest's SHA-256: evidence changed after the run is refused, never served as the run's.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ecozone::serve {

class IndicatorEvidence {
public:
    struct File {
        std::string name;    // as the manifest lists it: "indicators.xlsx"
        std::string sha256;
        std::uintmax_t bytes = 0;
    };

    // Reads `folder`/indicators.manifest.json and indicators.json.  Throws DataError naming the
    // folder and the fix when the manifest is missing or unreadable, a listed file is missing or its
    // checksum differs, or indicators.json is not the run's.
    explicit IndicatorEvidence(const std::string& folder);

    // indicators.json as written, with "files": [{name, bytes, sha256, url}] added.
    const std::string& body() const { return body_; }
    // The path of a listed evidence file; nullopt for any other name (no path is built from a request).
    std::optional<std::string> file_path(const std::string& name) const;
    const std::vector<File>& files() const { return files_; }

private:
    std::string folder_;
    std::vector<File> files_;
    std::string body_;
};

// The Content-Type of an evidence file by its extension.
const char* evidence_content_type(const std::string& name);

}  // namespace ecozone::serve
