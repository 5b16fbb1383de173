#pragma once
// What an auditor needs to reproduce a report: every input file with its SHA-256, the
// project file, the tool's version, the command and when it ran.
#include "layers/project.h"

#include <nlohmann/json.hpp>

#include <future>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::report {

struct InputFile {
    std::string role;     // "landuse", "landuse_raster", "project", "rules"
    std::string path;     // as the project names it (relative to the project file)
    std::string file;     // each file of the dataset (shapefile parts), absolute
    std::string sha256;
    std::uintmax_t bytes = 0;
    std::int64_t rows = -1;  // a database table: the rows read (its sha256 is of the rows, see table_digest.h)
};

struct Provenance {
    std::string tool_version;
    std::string started_utc;      // ISO 8601
    double seconds = 0;
    std::string command_line;
    std::string project_file;
    std::vector<InputFile> inputs;
    std::string run_id;           // first 12 hex of the SHA-256 of all input hashes + time
};

// What a command read, and so what its provenance lists: the project file always, the project's
// layers and rasters of these roles that the project names, the rules file, and files named on
// the command line instead of the project's (`--sites parcels.shp`, `--before 2019.tif`).  A file
// the command did not read is neither hashed nor listed: a screening does not cite the rasters.
struct InputSelection {
    std::vector<layers::VectorRole> vectors;
    std::vector<layers::RasterRole> rasters;
    bool rules = false;
    struct File {
        std::string role;  // as the roles above are written ("sites", "landuse_raster", "previous_register")
        std::string path;  // as given on the command line
        std::optional<std::string> layer;  // the table or layer read from it (--sites-layer)
    };
    std::vector<File> files;
};
// Everything the project names (the workbench serves all of it).
InputSelection all_project_inputs(const layers::Project& project);

// Hash the selected files (streamed; a few hundred MB take a second or two).
Provenance collect_provenance(const layers::Project& project, const std::string& command_line,
                              const InputSelection& used);
// The same, computed on its own thread beside the command's work (the checksums read every input
// file once more: a county's rasters take a tenth of a second).  The thread hashes its own copy of
// the project, so the future may outlive the caller's.
std::future<Provenance> collect_provenance_async(layers::Project project, std::string command_line,
                                                 InputSelection used);
// The same inputs, as a new run starting now: a new start time and run id.  A server that hashed
// its project once at start stamps each report it writes with this.
Provenance restamped(Provenance p);

// Each document of a run has its own id (the run's id ties them together): an auditor who cites
// "screening.html 3f9a…" names one file, not the whole set.  12 hex of SHA-256(run id / name).
std::string document_id(const Provenance& p, const std::string& document);

// `document`: the file this provenance is written into (adds "document" and "document_id").
nlohmann::json to_json(const Provenance& p, const std::string& document = "");

// The current time in UTC, ISO 8601 ("2026-11-28T14:59:25Z").
std::string utc_now();

}  // namespace ecozone::report
