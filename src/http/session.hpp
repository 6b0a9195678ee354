#pragma once
// One connection: read a request, call the handler, write the response, until the client or a
// timeout ends it. Everything that goes wrong stays inside this connection.
#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "berth/http/server.hpp"

namespace berth::http::detail {

struct SessionSettings {
    const ServerOptions& options;
    const Handler& handler;
};

// The socket's executor must be a strand: the stream's timer and its I/O complete on it.
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket,
                                              const SessionSettings& settings);

}  // namespace berth::http::detail
