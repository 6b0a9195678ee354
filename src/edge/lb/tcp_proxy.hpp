#pragma once
// The Network Load Balancer's TCP side: each client connection is joined to one target's, bytes
// copied both ways until both sides have finished; a half-close is passed on.
#include <functional>
#include <optional>

#include "asio_types.hpp"
#include "upstream.hpp"

namespace berth::edge::lb {

// The target for a new connection; nullopt when there is none (the connection is closed, as an
// NLB resets a connection it has no target for).
using TcpRouter = std::function<std::optional<Endpoint>(const std::string& client_address)>;

struct TcpSessionOptions {
    std::chrono::steady_clock::duration connect_timeout = std::chrono::seconds(10);
    std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(350);  // NLB's
};

Awaitable<void> serve_tcp_client(Socket client, TcpRouter router, TcpSessionOptions options);

}  // namespace berth::edge::lb
