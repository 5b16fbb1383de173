#pragma once
// Small files of a campaign folder (tasks.json, status/N.json, the Slurm scripts) written whole or
// not at all: a temporary sibling, then one rename.  A status file is read by `status` on the
// login node while array tasks on other nodes write theirs, and a task killed mid-write must
// leave the old file (or none), never half a JSON document.
#include <string>

namespace ecozone::analysis::campaign {

// Writes `text` to `path` through "<path>.tmp-<pid>" and rename(2); `executable` sets mode 0755.
// Creates the parent folder.  IoError naming the file on failure (the temporary is removed).
void write_file_atomic(const std::string& path, const std::string& text, bool executable = false);

// The whole file; IoError naming it when it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace ecozone::analysis::campaign
