#include "serve/server_options.h"

#include "geo/errors.h"

#include <algorithm>
#include <charconv>
#include <thread>

namespace ecozone::serve {

void parse_listen(const std::string& text, ServerOptions& options) {
    auto bad = [&] {
        return make_error<UsageError>("--listen “{}”：请写 主机:端口，如 127.0.0.1:8600、0.0.0.0:8600 或 [::1]:8600",
                                      "--listen '{}': write HOST:PORT, e.g. 127.0.0.1:8600, 0.0.0.0:8600 or [::1]:8600",
                                      text);
    };
    // The port follows the last colon; an IPv6 address is bracketed so that its own colons are not it.
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos) throw bad();
    std::string host = text.substr(0, colon);
    if (!host.empty() && host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') throw bad();
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string::npos) {
        throw bad();  // an unbracketed IPv6 address: which colon ends it?
    }
    const std::string port_text = text.substr(colon + 1);
    int port = -1;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
        port > 65535) {
        throw bad();
    }
    if (!host.empty()) options.host = host;
    options.port = port;
}

int server_threads(int requested) {
    if (requested > 0) return requested;
    return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 4, 8);
}

std::string server_url(const std::string& host, int port) {
    // A wildcard address is no place to browse to: the machine's own loopback is.
    std::string shown = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
    if (shown.find(':') != std::string::npos) shown = "[" + shown + "]";
    return "http://" + shown + ":" + std::to_string(port) + "/";
}

}  // namespace ecozone::serve
