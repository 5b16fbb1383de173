#pragma once
// Who may call the workbench (docs/serve.md, "Security").
//   * It listens on loopback unless told otherwise; any other address needs a token, so that a
//     county's data is never served to the office network by accident.
//   * With a token, every /api/ call carries it (Authorization: Bearer TOKEN or X-Ecozone-Token),
//     compared in constant time so that response times reveal nothing of it.
//   * Every POST carries X-Requested-With: ecozone: a cross-site HTML form cannot set a header, so
//     a page elsewhere cannot make a planner's browser post to the workbench.
// The token is never written to a log or a response.
#include "layers/note.h"
#include "serve/server_options.h"

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

namespace ecozone::serve {

// 127.0.0.0/8, ::1 (and ::ffff:127.x) or "localhost".
bool is_loopback(const std::string& host);

// Throws UsageError (one line, both languages) when `options` would bind a non-loopback address
// without a token.
void require_token_for_bind(const ServerOptions& options);

// The token of a token file: its first line without surrounding blanks.  Throws IoError when it
// cannot be read, UsageError when it is empty.
std::string read_token_file(const std::string& path);

// Equal, in time that depends on neither text (both are hashed first, then compared whole).
bool same_token(std::string_view given, std::string_view expected);

// A request's refusal: HTTP status and message; nullopt when it may proceed.
struct Refusal {
    int status = 0;
    layers::Note message;
};
// `token` empty: no token is required.  Checks the token on /api/ paths and the header on POSTs.
std::optional<Refusal> check_request(const httplib::Request& req, const std::string& token);

}  // namespace ecozone::serve
