#pragma once
// A whole file's bytes, for the files a server hands back as they are (a register, an evidence
// file, a report it just wrote).
#include <string>

namespace ecozone::layers {

// Throws IoError naming the file when it cannot be opened or read.
std::string read_file_bytes(const std::string& path);

}  // namespace ecozone::layers
