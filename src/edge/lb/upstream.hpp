#pragma once
// Requests to targets over kept-alive connections. A connection a target left open goes back
// to a pool after its answer and is reused by the next request to that target, whichever
// client connection it comes from; a reused connection that turns out closed is retried once
// on a fresh one (the target may have closed it at any time while it sat idle).
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "asio_types.hpp"

namespace berth::edge::lb {

namespace beast_http = boost::beast::http;
using ProxyRequest = beast_http::request<beast_http::string_body>;
using ProxyResponse = beast_http::response<beast_http::string_body>;

struct Endpoint {
    std::string address;
    unsigned short port = 0;
    std::string key() const { return address + ":" + std::to_string(port); }
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

class UpstreamPool {
  public:
    static constexpr std::size_t k_idle_per_target = 64;
    static constexpr std::size_t k_body_limit = 256 * 1024 * 1024;

    // Sends `request` (already carrying the headers the load balancer adds) to `target`.
    Awaitable<UpstreamResult> exchange(const Endpoint& target, const ProxyRequest& request,
                                       UpstreamTimeouts timeouts);
    // Drops every idle connection (at stop).
    void clear();

  private:
    struct Idle {
        Socket socket;
        std::chrono::steady_clock::time_point since;
    };
    std::optional<Socket> take(const std::string& key);
    void give(const std::string& key, Socket socket);
    Awaitable<UpstreamResult> attempt(Socket& socket, const ProxyRequest& request,
                                      UpstreamTimeouts timeouts, bool& reusable,
                                      bool& sent_nothing);

    std::mutex mutex_;
    std::map<std::string, std::vector<Idle>> idle_;
};

// Opens a connection to `target` within `timeout`; the error says why not (timed_out when the
// time ran out).
Awaitable<error_code> connect_to(Socket& socket, const Endpoint& target,
                                 std::chrono::steady_clock::duration timeout);

}  // namespace berth::edge::lb
