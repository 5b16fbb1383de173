#pragma once
// One line per request on stderr — method, path, status, milliseconds, bytes sent — so an office
// can see who asked what and how long it took.  The path is logged without its query string (a
// query may carry what should not be kept) and no header is logged, so the token never is.
#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

namespace ecozone::serve {

class RequestLog {
public:
    explicit RequestLog(std::ostream& out) : out_(out) {}
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    // Marks the start of the request the calling thread is serving.  httplib serves a request on
    // one worker thread from its first handler to its log call, so the thread names the request.
    void start();
    // Writes the request's line (called by httplib once the response is sent).
    void finish(const httplib::Request& req, const httplib::Response& res);

private:
    std::ostream& out_;
    std::mutex mutex_;  // guards starts_ and keeps lines whole
    std::map<std::thread::id, std::chrono::steady_clock::time_point> starts_;
};

}  // namespace ecozone::serve
