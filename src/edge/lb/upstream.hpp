#pragma once
// Requests to targets over kept-alive connections. A client connection keeps the target
// connection of its last request and sends its next request to that target on it, with no
// lock; the connections it lets go (another target, or its own end) wait in a pool for the next
// request to that target, whichever client connection it comes from. A reused connection that
// turns out closed is retried once on a fresh one (the target may have closed it at any time
// while it sat idle).
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <boost/beast/core/flat_buffer.hpp>

#include "asio_types.hpp"
#include "watchdog.hpp"

namespace berth::edge::lb {

namespace beast_http = boost::beast::http;
using ProxyRequest = beast_http::request<beast_http::string_body>;
using ProxyResponse = beast_http::response<beast_http::string_body>;

struct Endpoint {
    std::string address;
    unsigned short port = 0;
    std::string key() const { return address + ":" + std::to_string(port); }
    bool operator==(const Endpoint&) const = default;
};

// Why an exchange gave no answer, as ALB tells the client: 502 (refused, reset, closed or not
// HTTP) or 504 (no connection or no answer in time).
enum class UpstreamFailure { none, bad_gateway, timed_out };

struct UpstreamResult {
    UpstreamFailure failure = UpstreamFailure::none;
    ProxyResponse response;
    std::string detail;  // for the log
};

struct UpstreamTimeouts {
    std::chrono::steady_clock::duration connect = std::chrono::seconds(10);  // ALB's
    std::chrono::steady_clock::duration answer = std::chrono::seconds(60);   // idle timeout
};

// The idle target connections no client connection holds, by target.
class UpstreamPool {
  public:
    static constexpr std::size_t k_idle_per_target = 64;

    std::optional<Socket> take(const Endpoint& target);
    // `since`: when the connection last finished an exchange.
    void give(const Endpoint& target, Socket socket, std::chrono::steady_clock::time_point since);
    // Drops every idle connection (at stop).
    void clear();

  private:
    struct Idle {
        Socket socket;
        std::chrono::steady_clock::time_point since;
    };
    std::mutex mutex_;
    std::map<std::string, std::vector<Idle>> idle_;
};

// One client connection's way to the targets: the target connection it holds, and the watchdog
// of that connection's exchanges. It gives the connection back to the pool when it goes.
class UpstreamLink {
  public:
    static constexpr std::size_t k_body_limit = 256 * 1024 * 1024;

    UpstreamLink(UpstreamPool& pool, const Executor& executor);
    ~UpstreamLink();
    UpstreamLink(const UpstreamLink&) = delete;
    UpstreamLink& operator=(const UpstreamLink&) = delete;

    // Sends `request` (already carrying the headers the load balancer adds) to `target`.
    Awaitable<UpstreamResult> exchange(const Endpoint& target, const ProxyRequest& request,
                                       UpstreamTimeouts timeouts);

  private:
    void let_go();
    // The connection to use for `target`: the held one, else a pooled one.
    bool hold_for(const Endpoint& target);
    Awaitable<UpstreamResult> attempt(const ProxyRequest& request, UpstreamTimeouts timeouts,
                                      bool& sent_nothing);

    UpstreamPool& pool_;
    Watchdog watchdog_;
    Endpoint target_;
    std::optional<Socket> socket_;  // connected to target_, idle between requests
    std::chrono::steady_clock::time_point idle_since_;
    boost::beast::flat_buffer buffer_;
};

// Opens a connection to `target` within `timeout`; the error says why not (timed_out when the
// time ran out).
Awaitable<error_code> connect_to(Socket& socket, const Endpoint& target,
                                 std::chrono::steady_clock::duration timeout);

}  // namespace berth::edge::lb
