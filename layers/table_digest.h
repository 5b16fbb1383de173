#pragma once
// The provenance of a database table: a PostGIS input has no file to hash, so its record is the
// host, database and table (never the password), the number of rows read and a SHA-256 of what
// was read — every row's id, attributes and geometry, in id order.
#include <cstdint>
#include <optional>
#include <string>

namespace ecozone::layers {

struct TableDigest {
    std::string where;  // "PG:host=… port=… dbname=… table=…", secrets redacted
    std::int64_t rows = 0;
    std::string sha256;
};

// Throws IoError naming the (redacted) source when the table cannot be read.
TableDigest digest_table(const std::string& source, const std::optional<std::string>& layer_name);

}  // namespace ecozone::layers
