#pragma once
// The Application Load Balancer's HTTP side: one client connection read request by request
// (keep-alive), each answered as the router decides: forwarded to a target through the
// upstream pool with ALB's headers added, or answered by the load balancer itself
// (fixed-response, redirect, its 5xx pages).
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "alb_pages.hpp"
#include "asio_types.hpp"
#include "upstream.hpp"

namespace berth::edge::lb {

struct ClientInfo {
    std::string address;            // the client's, for X-Forwarded-For and source-ip
    unsigned short local_port = 0;  // the port it connected to, for X-Forwarded-Port
};

struct Forward {
    Endpoint target;
    UpstreamTimeouts timeouts;
    std::vector<std::string> set_cookies;  // stickiness: Set-Cookie values to add to the answer
};

using Decision = std::variant<Forward, LbAnswer>;
// Decides one request; runs on the connection's strand, so it must be quick and never block
// (it reads the store's snapshot, it takes no store lock while anything is forwarded).
using HttpRouter = std::function<Decision(const ProxyRequest&, const ClientInfo&)>;

struct HttpSessionOptions {
    std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(60);
    std::size_t body_limit = 64 * 1024 * 1024;
};

// An answer the load balancer writes itself, with ELB's Server header.
ProxyResponse lb_response(const LbAnswer& answer, unsigned version);

// The answer to one request: what a client connection and the main port's Host route both
// write back. `link` holds the target connection between a client connection's requests.
Awaitable<ProxyResponse> answer_request(ProxyRequest request, const ClientInfo& client,
                                        const HttpRouter& router, UpstreamLink& link);

// Serves one client connection until it closes, is idle too long, or sends garbage.
Awaitable<void> serve_http_client(Socket socket, HttpRouter router, UpstreamPool& pool,
                                  HttpSessionOptions options);

}  // namespace berth::edge::lb
