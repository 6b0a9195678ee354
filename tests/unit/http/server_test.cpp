#include <utility>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "unit/http/test_server.hpp"

namespace berth::http {
namespace {

using namespace std::chrono_literals;
using testing::Client;
using testing::loopback_options;
using testing::TestServer;
namespace asio = boost::asio;
namespace beast_http = boost::beast::http;

Response echo(Request&& request) {
    Response response;
    response.headers["x-amzn-RequestId"] = "req-" + std::to_string(request.body.size());
    response.body = std::move(request.body);
    return response;
}

TEST(Server, PassesRequestFieldsToTheHandler) {
    std::mutex mutex;
    Request seen;
    TestServer server(loopback_options(), [&](Request&& request) {
        std::lock_guard lock(mutex);
        seen = std::move(request);
        return Response{};
    });
    Client client(server.port());
    beast_http::request<beast_http::string_body> req{beast_http::verb::post, "/path?x=1", 11};
    req.set("X-Amz-Target", "Svc.Op");
    req.set("Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request");
    req.body() = "{\"a\":1}";
    auto res = client.request(std::move(req));
    EXPECT_EQ(res.result_int(), 200);

    std::lock_guard lock(mutex);
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.target, "/path?x=1");
    EXPECT_EQ(seen.body, "{\"a\":1}");
    EXPECT_EQ(seen.header("x-amz-target"), "Svc.Op");
    EXPECT_EQ(seen.header("authorization"), "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request");
    EXPECT_EQ(seen.header("content-length"), "7");
    EXPECT_EQ(seen.header("X-Amz-Target"), "");  // names are looked up lower-cased
    EXPECT_EQ(seen.remote_address, "127.0.0.1");
}

TEST(Server, WritesResponseHeaders) {
    TestServer server(loopback_options(), [](Request&&) {
        Response response;
        response.status = 400;
        response.content_type = "application/x-amz-json-1.1";
        response.headers["x-amzn-RequestId"] = "abc-123";
        response.body = R"({"__type":"ClientException"})";
        return response;
    });
    Client client(server.port());
    auto res = client.post("/", "{}");
    EXPECT_EQ(res.result_int(), 400);
    EXPECT_EQ(res[beast_http::field::content_type], "application/x-amz-json-1.1");
    EXPECT_EQ(res[beast_http::field::content_length], "28");
    EXPECT_EQ(res["x-amzn-RequestId"], "abc-123");
    EXPECT_EQ(res[beast_http::field::server], "Berth");
    EXPECT_EQ(res.body(), R"({"__type":"ClientException"})");
    EXPECT_TRUE(res.keep_alive());
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
    std::atomic<int> calls = 0;
    TestServer server(loopback_options(), [&](Request&& request) {
        ++calls;
        return echo(std::move(request));
    });
    Client client(server.port());
    for (int i = 0; i < 20; ++i) {
        std::string body = "request " + std::to_string(i);
        auto res = client.post("/", body);
        ASSERT_EQ(res.result_int(), 200);
        EXPECT_EQ(res.body(), body);
        EXPECT_TRUE(res.keep_alive());
    }
    EXPECT_EQ(calls.load(), 20);
}

TEST(Server, ClosesAfterResponseWhenClientAsksForIt) {
    TestServer server(loopback_options(), echo);
    Client client(server.port());
    beast_http::request<beast_http::string_body> req{beast_http::verb::get, "/", 11};
    req.keep_alive(false);
    auto res = client.request(std::move(req));
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_TRUE(client.wait_closed_by_server());
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
    TestServer server(loopback_options(), echo);
    Client client(server.port());
    std::string wire;
    for (int i = 0; i < 3; ++i) {
        std::string body = "body-" + std::to_string(i);
        wire += "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n\r\n" + body;
    }
    asio::write(client.socket(), asio::buffer(wire));
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(client.read_response().body(), "body-" + std::to_string(i));
    }
}

TEST(Server, ServesConcurrentClients) {
    constexpr int k_clients = 16;
    constexpr int k_requests = 50;
    std::atomic<int> calls = 0;
    auto options = loopback_options();
    options.threads = 2;
    TestServer server(options, [&](Request&& request) {
        ++calls;
        return echo(std::move(request));
    });
    std::atomic<int> mismatches = 0;
    std::vector<std::thread> clients;
    for (int c = 0; c < k_clients; ++c) {
        clients.emplace_back([&, c] {
            Client client(server.port());
            for (int i = 0; i < k_requests; ++i) {
                std::string body = std::to_string(c) + ":" + std::to_string(i);
                if (client.post("/", body).body() != body) {
                    ++mismatches;
                }
            }
        });
    }
    for (auto& t : clients) {
        t.join();
    }
    EXPECT_EQ(mismatches.load(), 0);
    EXPECT_EQ(calls.load(), k_clients * k_requests);
}

TEST(Server, BodyOverLimitGets413AndTheHandlerIsNotCalled) {
    std::atomic<int> calls = 0;
    auto options = loopback_options();
    options.body_limit = 1024;
    TestServer server(options, [&](Request&& request) {
        ++calls;
        return echo(std::move(request));
    });
    {
        Client client(server.port());
        auto res = client.post("/", std::string(1024, 'x'));  // exactly at the limit: fine
        EXPECT_EQ(res.result_int(), 200);
    }
    Client client(server.port());
    // Large enough that the client is still sending when the answer comes: the server must
    // not reset the connection before the client reads it.
    auto res = client.post("/", std::string(8 * 1024 * 1024, 'x'));
    EXPECT_EQ(res.result_int(), 413);
    EXPECT_EQ(res[beast_http::field::content_type], "application/x-amz-json-1.1");
    EXPECT_NE(res.body().find(R"("__type":"RequestEntityTooLarge")"), std::string::npos);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_EQ(calls.load(), 1);
}

TEST(Server, ExpectContinueGetsInterimResponseThenTheAnswer) {
    TestServer server(loopback_options(), echo);
    Client client(server.port());
    std::string head =
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
    asio::write(client.socket(), asio::buffer(head));
    auto interim = client.read_response();
    EXPECT_EQ(interim.result_int(), 100);
    asio::write(client.socket(), asio::buffer(std::string("hello")));
    auto res = client.read_response();
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), "hello");
}

TEST(Server, MalformedRequestGets400) {
    TestServer server(loopback_options(), echo);
    Client client(server.port());
    asio::write(client.socket(), asio::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
    auto res = client.read_response();
    EXPECT_EQ(res.result_int(), 400);
    EXPECT_NE(res.body().find(R"("__type":"BadRequest")"), std::string::npos);
    EXPECT_TRUE(client.wait_closed_by_server());
}

TEST(Server, HandlerExceptionGives500AndTheConnectionKeepsServing) {
    TestServer server(loopback_options(), [](Request&& request) {
        if (request.body == "boom") {
            throw std::runtime_error("handler exploded");
        }
        return echo(std::move(request));
    });
    Client client(server.port());
    auto failed = client.post("/", "boom");
    EXPECT_EQ(failed.result_int(), 500);
    EXPECT_NE(failed.body().find(R"("__type":"InternalFailure")"), std::string::npos);
    EXPECT_EQ(failed.body().find("exploded"), std::string::npos);  // no internals leak
    auto ok = client.post("/", "fine");
    EXPECT_EQ(ok.result_int(), 200);
    EXPECT_EQ(ok.body(), "fine");
}

// A connection the server must close on its own, and how long that may take.
struct TimeoutCase {
    const char* name;
    std::chrono::milliseconds header_timeout;
    std::chrono::milliseconds idle_timeout;
    bool first_request;                  // one whole request answered before the wait
    std::string then_send;               // bytes sent after it (a request that never finishes)
    std::chrono::milliseconds at_least;  // 0: no lower bound
    std::chrono::milliseconds at_most;
};

TEST(Server, ClosesConnectionsThatTimeOut) {
    const TimeoutCase cases[] = {
        // A client that connects and says nothing is cut at header_timeout.
        {"silent client", 200ms, ServerOptions{}.idle_timeout, false, "", 150ms, 5s},
        // A second request that starts and never finishes: idle_timeout must not apply to it.
        {"stalled request on keep-alive", 200ms, 30s, true, "POST / HTTP/1.1\r\nHost: x\r\n", 0ms,
         5s},
        // A keep-alive connection with nothing after its request is cut at idle_timeout.
        {"idle keep-alive", 5s, 200ms, true, "", 150ms, 4s},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto options = loopback_options();
        options.header_timeout = c.header_timeout;
        options.idle_timeout = c.idle_timeout;
        TestServer server(options, echo);
        Client client(server.port());
        if (c.first_request) {
            EXPECT_EQ(client.post("/", "one").result_int(), 200);
        }
        if (!c.then_send.empty()) {
            asio::write(client.socket(), asio::buffer(c.then_send));
        }
        auto start = std::chrono::steady_clock::now();
        EXPECT_TRUE(client.wait_closed_by_server());
        auto waited = std::chrono::steady_clock::now() - start;
        if (c.at_least > 0ms) {
            EXPECT_GE(waited, c.at_least);
        }
        EXPECT_LT(waited, c.at_most);
    }
}

TEST(Server, IdleWaitDoesNotCutAnActiveClient) {
    auto options = loopback_options();
    options.header_timeout = 300ms;
    options.idle_timeout = 300ms;
    TestServer server(options, echo);
    Client client(server.port());
    // Requests spaced under the idle timeout, for longer than both timeouts in total.
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(client.post("/", "tick").result_int(), 200);
        std::this_thread::sleep_for(150ms);
    }
}

TEST(Server, PortTakenThrowsListenErrorNamingTheAddress) {
    TestServer first(loopback_options(), echo);
    auto options = loopback_options();
    options.port = first.port();
    try {
        Server second(options, echo);
        FAIL() << "second server bound a taken port";
    } catch (const ListenError& e) {
        std::string expected = "cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
                               ": address already in use";
        EXPECT_EQ(std::string(e.what()), expected);
    }
}

TEST(Server, UnresolvableHostThrowsListenError) {
    auto options = loopback_options();
    options.host = "no-such-host.invalid";
    EXPECT_THROW(Server(options, echo), ListenError);
}

TEST(Server, PortZeroBindsAnEphemeralPort) {
    Server server(loopback_options(), echo);
    EXPECT_NE(server.port(), 0);
}

TEST(Server, StopFromAnotherThreadEndsRun) {
    Server server(loopback_options(), echo);
    std::atomic<bool> returned = false;
    std::thread runner([&] {
        server.run();
        returned = true;
    });
    {
        Client client(server.port());  // an open keep-alive connection must not hold run()
        EXPECT_EQ(client.post("/", "x").result_int(), 200);
        server.stop();
        runner.join();
    }
    EXPECT_TRUE(returned.load());
}

TEST(Server, StopBeforeRunMakesRunReturnAtOnce) {
    Server server(loopback_options(), echo);
    server.stop();
    server.run();
    SUCCEED();
}

}  // namespace
}  // namespace berth::http
