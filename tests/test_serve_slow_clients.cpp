// The workbench keeps answering while one client uploads slowly or has a large batch screened:
// every open connection has a thread of its own, and a request that does not screen (health, the
// layers, the page) never waits for a screener.
#include "serve_api_support.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>

using namespace ecozone;
using namespace ecozone::test::serve_api;

namespace {

// A raw connection that sends an upload's headers and the start of its body, then waits.
class StalledUpload {
public:
    explicit StalledUpload(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(fd_ >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        const std::string head =
            "POST /api/screen/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: ecozone\r\n"
            "Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: 4000000\r\n\r\n"
            "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sites.geojson\"\r\n\r\n"
            "{\"type\": \"FeatureCollection\", \"features\": [";
        REQUIRE(::send(fd_, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size()));
    }
    ~StalledUpload() { ::close(fd_); }
    StalledUpload(const StalledUpload&) = delete;
    StalledUpload& operator=(const StalledUpload&) = delete;

private:
    int fd_;
};

double milliseconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("serve: stalled uploads and a large batch do not hold up other requests", "[serve]") {
    RunningServer server;
    // More stalled uploads than there are screeners (4): none of them holds one while its body trickles.
    std::vector<std::unique_ptr<StalledUpload>> stalled;
    for (int i = 0; i < 6; ++i) stalled.push_back(std::make_unique<StalledUpload>(server.port()));

    httplib::Client c = server.client();
    auto t0 = std::chrono::steady_clock::now();
    CHECK(get_ok(c, "/api/health")["ok"] == true);
    CHECK(milliseconds_since(t0) < 1000);
    // A drawn site is screened meanwhile: the screeners are free.
    t0 = std::chrono::steady_clock::now();
    const auto r = post_screen(c, feature(polygon_of(kCoreCoords), "采石").dump());
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(milliseconds_since(t0) < 2000);

    // A batch of 400 sites screened on another connection; health keeps answering at once.
    json batch = {{"type", "FeatureCollection"}, {"features", json::array()}};
    for (int i = 0; i < 400; ++i) {
        const double x = 106.20 + 0.002 * (i % 40), y = 37.36 + 0.002 * (i / 40);
        batch["features"].push_back(feature(
            polygon_of(fmt::format("{},{} {},{} {},{}", x, y, x + 0.001, y, x + 0.001, y + 0.001)), "光伏"));
    }
    std::atomic<bool> batch_done{false};
    auto screened = std::async(std::launch::async, [&] {
        httplib::Client b = server.client();
        const auto answer = post_screen(b, batch.dump());
        batch_done = true;
        return answer && answer->status == 200 ? json::parse(answer->body)["sites"].size() : size_t{0};
    });
    int asked_during_batch = 0;
    double slowest = 0;
    while (!batch_done && asked_during_batch < 200) {
        t0 = std::chrono::steady_clock::now();
        CHECK(get_ok(c, "/api/health")["ok"] == true);
        slowest = std::max(slowest, milliseconds_since(t0));
        ++asked_during_batch;
    }
    CHECK(screened.get() == 400);
    INFO("health asked " << asked_during_batch << " times during the batch, slowest " << slowest << " ms");
    CHECK(slowest < 500);
}
