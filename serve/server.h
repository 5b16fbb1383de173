#pragma once
// The HTTP server of `ecozone serve`: httplib's server with the API's routes, the request log and
// the limits of serve/server_options.h.  One worker thread per screener of the workbench, each
// joined when serving ends (httplib's thread pool is owned by the listening call).
//
//   Server server(workbench, options, std::cerr);
//   const int port = server.bind();   // throws IoError when the address cannot be bound
//   server.run();                     // serves until stop() is called from another thread
#include "serve/api.h"
#include "serve/request_log.h"
#include "serve/server_options.h"
#include "serve/workbench.h"

#include <httplib.h>

#include <ostream>

namespace ecozone::serve {

class Server {
public:
    // Refuses (UsageError) a non-loopback address without a token (serve/security.h).
    Server(const Workbench& workbench, const ServerOptions& options, std::ostream& log);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the listening socket; returns the port (the one chosen when options.port is 0).
    int bind();
    // Serves on the calling thread until stop(); every worker thread is joined before it returns.
    // False when listening failed.
    bool run();
    // Ends run() (from any thread; a no-op before run() has started: call it again, see running()).
    void stop() { http_.stop(); }
    bool running() const { return http_.is_running(); }

private:
    // httplib's server with a deeper listen queue.  Debian's cpp-httplib 0.11 is compiled with a
    // backlog of 5: twenty clients connecting at once overflow it and the kernel drops some of
    // their connections (the client sees a read error a second later).  listen() may be called
    // again on a listening socket to change its backlog; the socket is the protected svr_sock_.
    class Http : public httplib::Server {
    public:
        void deepen_listen_queue(int backlog);
    };

    ServerOptions options_;
    RequestLog log_;
    Api api_;
    Http http_;
};

}  // namespace ecozone::serve
