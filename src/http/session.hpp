#pragma once
// One connection: read a request, call the handler, write the response, until the client or a
// timeout ends it. Everything that goes wrong stays inside this connection.
#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include "berth/http/server.hpp"

namespace berth::http::detail {

struct SessionSettings {
    const ServerOptions& options;
    const Handler& handler;
};

// Each connection runs on its own strand, so that its timer and its I/O never race while
// connections run in parallel on the pool. The concrete executor type (rather than asio's
// type-erased any_io_executor) saves a polymorphic copy on every operation.
using Executor = boost::asio::strand<boost::asio::io_context::executor_type>;
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Executor>;

boost::asio::awaitable<void, Executor> serve_connection(Socket socket,
                                                        const SessionSettings& settings);

}  // namespace berth::http::detail
