#pragma once
// How `ecozone serve` listens and whom it answers (docs/serve.md).  Plain data: the command line
// fills it, serve/security.h checks it before anything is loaded or bound.
#include <cstddef>
#include <string>

namespace ecozone::serve {

struct ServerOptions {
    // Loopback by default: the workbench is one office machine's tool, not a public service.
    std::string host = "127.0.0.1";
    int port = 8600;  // 0: any free port (tests)
    // Required to bind any other address; every /api/ call must then carry it.  Empty: none.
    std::string token;
    // Largest request body accepted (HTTP 413 beyond it).
    std::size_t max_upload_bytes = std::size_t{50} * 1024 * 1024;
    // Server worker threads, each with its own screener (see server_threads()).
    int threads = 4;
    // The patch register an `ecozone audit` wrote (patches.gpkg), reviewed and verified through
    // /api/patches.  Empty: none (those routes answer 404 saying how to give one).
    std::string register_gpkg;
    // The folder an `ecozone indicators` run wrote, offered through /api/indicators.  Empty: none.
    std::string indicators_dir;
    // A county's own raster drawn under the layers as XYZ tiles (serve/basemap_tiles.h).  Empty: none.
    std::string basemap;
};

// "HOST:PORT", "[::1]:8600" or ":PORT" (keeps `host`) into `options`; throws UsageError naming the
// text and the form expected.
void parse_listen(const std::string& text, ServerOptions& options);

// The worker threads for --threads N: N when positive, else one per core, at least 4 (a browser
// opens several connections at once, each holding a thread while it lasts) and at most 8.
int server_threads(int requested);

// The address a person types into a browser for these options ("http://127.0.0.1:8600/").
std::string server_url(const std::string& host, int port);

}  // namespace ecozone::serve
