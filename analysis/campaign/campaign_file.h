#pragma once
// The campaign file (docs/campaign.md): which county projects a province runs which jobs on.
//
//   name = "宁夏回族自治区 2025 年生态指标"
//   jobs = ["indicators", "screen", "audit"]
//   out = "campaign-out"            # optional: the default of `campaign plan/run --out`
//   lang = "zh"                     # optional: the language of every county's reports
//   threads = 1                     # optional: cores per task (--threads, Slurm --cpus-per-task)
//   tiles = "2x2"                   # optional: each audit as R×C tile tasks joined by a last task
//   counties = "counties"           # optional: every *.toml in this folder is a county project
//   [[county]]
//   project = "hongsibu/hongsibu.toml"
//   sites = "hongsibu/sites_2025.gpkg"   # optional: the sites `screen` screens
//
// Paths are relative to the campaign file.  Every mistake is a DataError in both languages that
// names the campaign file and says what to write instead.
#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis::campaign {

// The jobs a campaign can run on each county: the ecozone commands of the same names.
const std::vector<std::string>& known_jobs();

struct CountyEntry {
    std::string project;               // absolute path of the county's project file
    std::optional<std::string> sites;  // absolute path of its sites file (screen), if given
};

struct Campaign {
    std::string file;  // absolute path of the campaign file
    std::string dir;   // its folder: relative paths start there
    std::string name;
    std::vector<std::string> jobs;  // in the campaign file's order, each once
    std::vector<CountyEntry> counties;  // [[county]] tables first, then the folder's files by name
    std::optional<std::string> out;     // absolute
    std::string lang = "zh";
    int threads = 1;
    std::string tiles;  // "" or "RxC": audits as tile tasks (docs/audit.md, "Tiled audits")
};

// Reads and checks a campaign file.  DataError (IoError when the file is missing) naming the file,
// the line where there is one, and the fix.  Checks: the keys and their types, every job known,
// every project and sites file present, no county given twice (also through the folder), a folder
// holding at least one *.toml, at least one county and one job.  Whether `screen` has sites is a
// question of each county's project (its sites layer): see plan.h.
Campaign load_campaign(const std::string& path);

}  // namespace ecozone::analysis::campaign
