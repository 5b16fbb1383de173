#include "serve/server.h"

#include "geo/errors.h"
#include "serve/api_error.h"
#include "serve/security.h"

#include <sys/socket.h>

#include <algorithm>

namespace ecozone::serve {

namespace {

// Threads for open connections (an idle one costs a stack, not a screener).
constexpr size_t kConnectionThreads = 64;

const ServerOptions& checked(const ServerOptions& options) {
    require_token_for_bind(options);
    return options;
}

}  // namespace

Server::Server(const Workbench& workbench, const ServerOptions& options, std::ostream& log)
    : options_(checked(options)), log_(log), api_(workbench, options.token, options.max_upload_bytes, options.register_gpkg, options.indicators_dir,
           options.basemap) {
    // httplib holds a thread for each open connection, and a browser or a script keeps its
    // connection open between requests: with a thread per screener, the 5th of 20 keep-alive
    // clients waited for another's connection to close (p99 of 350 ms in bench/run_serve.sh).
    // Connections get threads of their own; the screeners (one per core) are shared among them,
    // a request waiting only for a free screener (ScreenerPool::checkout).
    const size_t threads = std::max<size_t>(kConnectionThreads, static_cast<size_t>(workbench.screeners().size()));
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http_.set_payload_max_length(options_.max_upload_bytes);
    // A response goes out as headers then body: without TCP_NODELAY the body waits on the client's
    // delayed acknowledgement (tens of milliseconds per answer on a keep-alive connection).
    http_.set_tcp_nodelay(true);
    // An idle browser connection holds a worker thread; let it go soon.
    http_.set_keep_alive_timeout(2);
    // Answers are data, never pages: a browser must not sniff JSON holding "<script>" into HTML.
    http_.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}});
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        log_.start();
        // A body of unknown length (chunked, or read to the end of the connection) would escape the
        // upload limit: every body must say its length.
        const bool has_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
        if (has_body && !req.has_header("Content-Length")) {
            res.set_header("Connection", "close");
            send_error(res, 411,
                       {"请求须带 Content-Length（不接受分块传输的请求体）",
                        "the request must carry Content-Length (chunked request bodies are not accepted)"});
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log_.finish(req, res); });
    api_.install(http_);
}

int Server::bind() {
    const int port = options_.port == 0 ? http_.bind_to_any_port(options_.host)
                                        : (http_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port >= 0) http_.deepen_listen_queue(128);
    if (port < 0) {
        throw make_error<IoError>("无法监听 {}:{}（端口已被占用，或地址不属于本机）",
                                  "cannot listen on {}:{} (the port is in use, or the address is not this machine's)",
                                  options_.host, options_.port);
    }
    return port;
}

void Server::Http::deepen_listen_queue(int backlog) { ::listen(svr_sock_, backlog); }

bool Server::run() { return http_.listen_after_bind(); }

}  // namespace ecozone::serve
