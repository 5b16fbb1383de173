#include "serve/request_log.h"

#include <fmt/format.h>

namespace ecozone::serve {

void RequestLog::start() {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    starts_[std::this_thread::get_id()] = now;
}

void RequestLog::finish(const httplib::Request& req, const httplib::Response& res) {
    const auto now = std::chrono::steady_clock::now();
    // A request refused before routing (a malformed request line) was never started: "-" ms.
    std::string ms = "-";
    std::string bytes = res.get_header_value("Content-Length");
    if (bytes.empty()) bytes = std::to_string(res.body.size());
    // Control characters in a hostile path are shown escaped so that one request stays one line.
    std::string path;
    for (const unsigned char c : req.path) {
        path += c < 0x20 || c == 0x7f ? fmt::format("\\x{:02x}", c) : std::string(1, static_cast<char>(c));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = starts_.find(std::this_thread::get_id()); it != starts_.end()) {
        ms = fmt::format("{:.1f}", std::chrono::duration<double, std::milli>(now - it->second).count());
        starts_.erase(it);
    }
    out_ << fmt::format("ecozone serve: {} {} {} {} ms {} B\n", req.method.empty() ? "-" : req.method,
                        path.empty() ? "-" : path, res.status, ms, bytes);
    out_.flush();
}

}  // namespace ecozone::serve
