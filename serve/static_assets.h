#pragma once
// The workbench page (serve/assets: index.html, app.js, app.css) and Debian's Leaflet, embedded in
// the binary at build time (serve/embed_assets.cmake): `ecozone serve` reads no file and fetches
// nothing to show its page.  Served with their type, a cache rule and a Content-Security-Policy that
// allows this server only, so that the page works with the network unplugged and text from a
// layer can never run as a script.
#include <httplib.h>

#include <map>
#include <string>
#include <string_view>

namespace ecozone::serve {

// URL path ("/app.js", "/leaflet/images/layers.png") -> bytes.  Generated.
const std::map<std::string_view, std::string_view>& embedded_assets();

// The Content-Type of an asset by its extension.
std::string asset_content_type(std::string_view path);

// Answers GET `path` ("/" is /index.html) with the embedded asset; false when there is none.
bool send_asset(const std::string& path, httplib::Response& res);

}  // namespace ecozone::serve
