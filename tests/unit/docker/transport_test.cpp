// Transport and Exchange against a scripted HTTP server on a unix socket: what the engine's
// bytes look like on the wire (chunked bodies, errors, silence, a vanishing peer) and what the
// caller gets. The real engine is the integration tests' job.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "berth/docker/error.hpp"
#include "docker/exchange.hpp"
#include "docker/transport.hpp"
#include "integration/support/tiny_http_server.hpp"
#include "unit/docker/expect_error.hpp"

namespace berth::docker {
namespace {

using namespace std::chrono_literals;
using test::expect_error;

// Accepts one connection, reads the request head into `seen`, writes `reply` in `parts`
// (pausing between them), then keeps the connection open for up to `linger` before closing it.
class ScriptedServer {
  public:
    explicit ScriptedServer(std::vector<std::string> parts, std::chrono::milliseconds linger = 0ms)
        : path_("/tmp/berth-unit-transport-" + std::to_string(::getpid()) + "-" +
                std::to_string(++count_) + ".sock") {
        fd_ = listen_unix();
        thread_ = std::thread([this, parts = std::move(parts), linger] { serve(parts, linger); });
    }
    ~ScriptedServer() {
        ::shutdown(fd_, SHUT_RDWR);
        thread_.join();
        ::close(fd_);
        ::unlink(path_.c_str());
    }

    Host host() const { return parse_host("unix://" + path_); }
    std::string seen() const {
        while (!served_) std::this_thread::sleep_for(1ms);
        return seen_;
    }

  private:
    int listen_unix() {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path_.copy(addr.sun_path, sizeof addr.sun_path - 1);
        ::unlink(path_.c_str());
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(fd, 4) != 0) {
            throw std::runtime_error("bind " + path_);
        }
        return fd;
    }

    void serve(const std::vector<std::string>& parts, std::chrono::milliseconds linger) {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) return;
        char buffer[4096];
        while (seen_.find("\r\n\r\n") == std::string::npos) {
            const auto n = ::read(client, buffer, sizeof buffer);
            if (n <= 0) break;
            seen_.append(buffer, static_cast<size_t>(n));
        }
        served_ = true;
        for (const auto& part : parts) {
            if (::send(client, part.data(), part.size(), MSG_NOSIGNAL) < 0) break;
            std::this_thread::sleep_for(5ms);
        }
        // Hold the connection open for `linger`, or until the client hangs up.
        pollfd hangup{client, POLLIN, 0};
        ::poll(&hangup, 1, static_cast<int>(linger.count()));
        ::close(client);
    }

    static inline int count_ = 0;
    std::string path_;
    int fd_ = -1;
    std::string seen_;
    std::atomic<bool> served_{false};
    std::thread thread_;
};

const std::string k_chunked_head =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

TEST(Transport, SendsMethodTargetHeadersAndBody) {
    ScriptedServer server({"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"});
    Transport transport(server.host());
    const auto response = transport.perform({.method = "POST",
                                             .target = "/v1.41/containers/create?name=a",
                                             .body = R"({"Image":"busybox"})",
                                             .headers = {"X-Registry-Auth: abc"}});
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.body, "{}");
    const auto seen = server.seen();
    EXPECT_EQ(seen.rfind("POST /v1.41/containers/create?name=a HTTP/1.1\r\n", 0), 0u) << seen;
    EXPECT_NE(seen.find("Content-Type: application/json\r\n"), std::string::npos) << seen;
    EXPECT_NE(seen.find("X-Registry-Auth: abc\r\n"), std::string::npos) << seen;
    EXPECT_NE(seen.find("Content-Length: 19\r\n"), std::string::npos) << seen;
}

TEST(Transport, SpeaksPlainHttpOverTcpAndReadsNoBodyAfterHead) {
    test::TinyHttpServer server([](const std::string&, const std::string&) {
        return test::HttpReply{200, {{"Content-Type", "text/plain"}}, "OK"};
    });
    // "localhost" is resolved (::1 may come first and be refused: the next address is tried).
    Transport transport(parse_host("tcp://localhost:" + std::to_string(server.port())));
    const auto response = transport.perform({.target = "/_ping"});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "OK");
    EXPECT_EQ(response.content_type, "text/plain");
    // The reply says Content-Length: 2 but, to a HEAD, sends no body: waiting for it would hang.
    const auto head = transport.perform({.method = "HEAD", .target = "/_ping", .timeout = 2s});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
    EXPECT_EQ(server.requests(), (std::vector<std::string>{"GET /_ping", "HEAD /_ping"}));
}

TEST(Transport, StreamsAChunkedSuccessBodyAsItArrives) {
    ScriptedServer server({k_chunked_head, "6\r\n{\"a\":1\r\n", "2\r\n}\n\r\n", "0\r\n\r\n"});
    Transport transport(server.host());
    std::string streamed;
    int pieces = 0;
    const auto response =
        transport.perform({.target = "/images/create", .on_data = [&](std::string_view chunk) {
                               streamed.append(chunk);
                               ++pieces;
                           }});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(response.body, "");
    EXPECT_EQ(streamed, "{\"a\":1}\n");
    EXPECT_GE(pieces, 2);  // handed over as it came, not collected
}

TEST(Transport, AnErrorBodyIsCollectedEvenWhenStreaming) {
    ScriptedServer server(
        {"HTTP/1.1 404 Not Found\r\nContent-Length: 13\r\n\r\n", R"({"message":1})"});
    Transport transport(server.host());
    bool streamed = false;
    const auto response =
        transport.perform({.target = "/x", .on_data = [&](std::string_view) { streamed = true; }});
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, R"({"message":1})");
    EXPECT_FALSE(streamed);
}

TEST(Transport, AnExceptionFromOnDataAbortsAndPropagates) {
    ScriptedServer server({k_chunked_head, "2\r\nab\r\n"}, 5s);
    Transport transport(server.host());
    const auto before = std::chrono::steady_clock::now();
    EXPECT_THROW(
        transport.perform({.target = "/events",
                           .on_data = [](std::string_view) { throw std::logic_error("enough"); }}),
        std::logic_error);
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
}

TEST(Transport, SilenceBeyondTheTimeoutIsATimeout) {
    ScriptedServer server({}, 3s);
    Transport transport(server.host());
    const auto before = std::chrono::steady_clock::now();
    const auto e = expect_error(ErrorKind::timeout,
                                [&] { transport.perform({.target = "/wait", .timeout = 200ms}); });
    EXPECT_NE(std::string(e.what()).find("did not answer GET /wait within 200 ms"),
              std::string::npos)
        << e.what();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
}

TEST(Transport, APeerThatHangsUpMidBodyIsUnreachable) {
    ScriptedServer server({"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"});
    Transport transport(server.host());
    expect_error(ErrorKind::unreachable, [&] { transport.perform({.target = "/x"}); });
}

TEST(Transport, AMissingSocketIsUnreachableAndNamesIt) {
    Transport transport(parse_host("unix:///tmp/berth-unit-no-such-dir/docker.sock"));
    const auto e =
        expect_error(ErrorKind::unreachable, [&] { transport.perform({.target = "/_ping"}); });
    EXPECT_NE(std::string(e.what()).find("/tmp/berth-unit-no-such-dir/docker.sock"),
              std::string::npos)
        << e.what();
}

TEST(Exchange, CancelFromAnotherThreadEndsAStreamAtOnce) {
    ScriptedServer server({k_chunked_head, "2\r\nab\r\n"}, 5s);
    Exchange exchange(server.host());
    std::atomic<bool> headed{false};
    std::thread canceller([&] {
        for (int i = 0; i < 1000 && !headed; ++i) std::this_thread::sleep_for(1ms);
        exchange.cancel();
    });
    const auto before = std::chrono::steady_clock::now();
    const auto end = exchange.run({.target = "/events", .timeout = 0ms},
                                  {.on_head = [&](long, std::string_view) { headed = true; },
                                   .on_body = [](std::string_view) {}});
    canceller.join();
    EXPECT_TRUE(headed);
    EXPECT_EQ(end.kind, ExchangeEnd::Kind::cancelled) << end.detail;
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
}

TEST(Exchange, CancelBeforeRunEndsItBeforeItStarts) {
    ScriptedServer server({k_chunked_head}, 5s);
    Exchange exchange(server.host());
    exchange.cancel();
    bool headed = false;
    const auto end = exchange.run({.target = "/events", .timeout = 0ms},
                                  {.on_head = [&](long, std::string_view) { headed = true; },
                                   .on_body = [](std::string_view) {}});
    EXPECT_EQ(end.kind, ExchangeEnd::Kind::cancelled) << end.detail;
    EXPECT_FALSE(headed);
}

}  // namespace
}  // namespace berth::docker
