#pragma once
// Secrets never reach an output.  A PostGIS connection string may carry a password
// ("PG:host=… password=…", "postgresql://user:secret@host/db"); every message, report, provenance
// entry and recorded command line goes through redact_secrets, which keeps everything but the
// secret ("password=***").  The docs recommend PGPASSFILE or a service file instead.
#include <string>
#include <string_view>

namespace ecozone::layers {

// `text` with every password of a connection string replaced by ***: password= / passwd= / pwd=
// / PGPASSWORD= values (quoted or not, any case) and the secret of a postgres:// URI.
std::string redact_secrets(std::string_view text);

}  // namespace ecozone::layers
