#pragma once
// SHA-256 of inputs and outputs, for the provenance record of a report: a figure can be traced
// to the exact bytes it was computed from.
#include <string>
#include <string_view>
#include <vector>

namespace ecozone::layers {

// Lower-case hex SHA-256 of a file's bytes, read in 1 MiB chunks (inputs can be gigabytes).
// Throws IoError naming the file when it cannot be opened or read.
std::string sha256_file(const std::string& path);
// Lower-case hex SHA-256 of some bytes.
std::string sha256_text(std::string_view bytes);

// Every file that makes up a dataset, in a stable order, for hashing:
// - a shapefile `x.shp`: the path itself, then the existing x.shx, x.dbf, x.prj, x.cpg (any case
//   of extension, same stem);
// - a "PG:" connection string: nothing (a database has no file to hash);
// - a directory (e.g. a FileGDB): every regular file under it, sorted;
// - anything else: the path itself (even if missing, so that hashing it reports the problem).
std::vector<std::string> dataset_files(const std::string& source);

}  // namespace ecozone::layers
