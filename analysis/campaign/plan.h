#pragma once
// A campaign's plan: one task per county × job, each the exact ecozone command it runs, its own
// output folder and the resources a scheduler must grant it (docs/campaign.md).  Written once by
// `ecozone campaign plan` as DIR/tasks.json and read back by every later stage (run-task, status,
// merge), so that a Slurm array task on another node runs what the plan says, not what it would
// re-derive from files that may have changed since.
#include "analysis/campaign/campaign_file.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ecozone::analysis::campaign {

// Memory and time a task is granted.  Estimated from the county's inputs (see estimate_resources).
struct Resources {
    int memory_mb = 0;
    int time_minutes = 0;
    std::uintmax_t vector_bytes = 0;  // the project's vector files (a shapefile's .shp, .dbf, .shx)
    std::uint64_t raster_pixels = 0;  // pixels of its land-use rasters (every date)
};

struct Task {
    int index = 0;                 // 0-based: the Slurm array task id
    std::string county_name;       // [project] name ("" when the project could not be read)
    std::string county_code;       // [project] admin_code
    std::string project;           // absolute path
    std::string sites;             // absolute path of the sites file given in the campaign, or ""
    std::string job;               // "indicators", "screen", "audit"
    std::vector<std::string> args; // the ecozone command line after the program name
    std::string out;               // absolute output folder: DIR/tasks/NNNN-<county>-<job>
    Resources resources;
    std::string plan_note;         // why the project could not be read at plan time (the task will fail)
    // Tasks that must be done before this one runs: a tiled audit's join needs its tile tasks
    // (job "audit-tile").  Slurm submits such tasks as a second array that waits for the first.
    std::vector<int> needs;
};

struct Plan {
    std::string dir;  // absolute: the campaign folder (DIR)
    std::string campaign_file;
    std::string name;
    std::vector<std::string> jobs;
    std::string lang;
    int threads = 1;
    std::string tiles;    // the campaign's tiles ("" = audits untiled)
    std::string ecozone;  // absolute path of the ecozone executable the scripts call
    std::vector<Task> tasks;

    // The largest memory and time of any task: what one Slurm array asks for every task.
    Resources largest() const;
};

// Estimates a task's resources from its county's input sizes.  The model is deliberately
// generous (a task killed for memory costs a resubmission; an idle reserve costs nothing):
// 256 MB + ~8× the vector bytes (the vector route holds ~280 MB per 150,000 land-use
// polygons, whose shapefile is ~40 MB), + the rasters' pixels (audit: 6 bytes per pixel of
// the two dates; indicators: 2 bytes per pixel), rounded up to 64 MB; time 10 min + 1 min per
// 20 MB of vectors and per 50 M pixels, doubled.
Resources estimate_resources(const std::string& job, std::uintmax_t vector_bytes, std::uint64_t raster_pixels);

// Makes the plan for `campaign` into `dir` (absolute or relative to the working folder).  Reads
// every county's project for its name, code and input sizes.  DataError naming the campaign file
// for a county whose admin_code another county has too (their patch ids and rows would mix) or
// a `screen` job for a county that has neither `sites` in the campaign nor a sites layer.  A
// project that cannot be read is planned all the same (its tasks will fail and `status` will
// show why, so that one bad county does not stop a province).
Plan make_plan(const Campaign& campaign, const std::string& dir, const std::string& ecozone);

nlohmann::json to_json(const Plan& plan);
// DIR/tasks.json back.  IoError / DataError naming the file when it is missing or not a plan.
Plan read_plan(const std::string& dir);
std::string plan_path(const std::string& dir);

}  // namespace ecozone::analysis::campaign
