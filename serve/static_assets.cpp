#include "serve/static_assets.h"

namespace ecozone::serve {

namespace {

bool ends_with(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// Only this server: no inline script or style element, no other host, no plug-in, no framing.
// Leaflet positions its panes through element.style (CSSOM), which style-src does not govern;
// its default marker path is found from the stylesheet, so images come from 'self' too.
constexpr const char* kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

}  // namespace

std::string asset_content_type(std::string_view path) {
    if (ends_with(path, ".html")) return "text/html; charset=utf-8";
    if (ends_with(path, ".js")) return "text/javascript; charset=utf-8";
    if (ends_with(path, ".css")) return "text/css; charset=utf-8";
    if (ends_with(path, ".png")) return "image/png";
    return "application/octet-stream";
}

bool send_asset(const std::string& path, httplib::Response& res) {
    const std::string key = path == "/" ? "/index.html" : path;
    const auto& assets = embedded_assets();
    const auto it = assets.find(key);
    if (it == assets.end()) return false;
    res.status = 200;
    res.set_content(std::string(it->second), asset_content_type(key).c_str());
    // Leaflet never changes within a build: a day's cache.  The page itself is revalidated each
    // time so that a rebuilt server is never shown with yesterday's script.
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", key.rfind("/leaflet/", 0) == 0 ? "public, max-age=86400" : "no-cache");
    res.set_header("Content-Security-Policy", kPolicy);
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    return true;
}

}  // namespace ecozone::serve
