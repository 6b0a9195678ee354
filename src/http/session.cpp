#include "session.hpp"

#include <chrono>
#include <exception>
#include <optional>

#include <spdlog/spdlog.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "convert.hpp"
#include "error_response.hpp"

namespace berth::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using boost::system::error_code;

namespace {

constexpr std::size_t k_read_chunk = 4096;
constexpr std::chrono::milliseconds k_drain_time{1000};

using Parser = beast_http::request_parser<beast_http::string_body>;
using Stream = beast::basic_stream<asio::ip::tcp, Executor>;
template <class T = void>
using Awaitable = asio::awaitable<T, Executor>;
constexpr asio::use_awaitable_t<Executor> use_awaitable;

// Parse failures worth an answer before closing; I/O failures (reset, timeout) get none.
std::optional<Response> response_to_read_error(const error_code& ec) {
    if (ec == beast_http::error::body_limit) {
        return error_response(413, "RequestEntityTooLarge", "request body exceeds the size limit");
    }
    if (ec == beast_http::error::header_limit) {
        return error_response(431, "RequestHeaderFieldsTooLarge", "request headers too large");
    }
    if (ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category() &&
        ec != beast_http::error::end_of_stream && ec != beast_http::error::partial_message) {
        return error_response(400, "BadRequest", "malformed HTTP request: " + ec.message());
    }
    return std::nullopt;
}

Response call_handler(const Handler& handler, Request&& request) {
    try {
        return handler(std::move(request));
    } catch (const std::exception& e) {
        spdlog::error("http handler failed: {}", e.what());
    } catch (...) {
        spdlog::error("http handler failed with an unknown exception");
    }
    return error_response(500, "InternalFailure", "internal server error");
}

class Connection {
  public:
    Connection(Socket socket, const SessionSettings& settings)
        : stream_(std::move(socket)), settings_(settings) {
        error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) {
            remote_address_ = endpoint.address().to_string();
        }
        stream_.socket().set_option(asio::ip::tcp::no_delay(true), ec);
    }

    Awaitable<> serve() {
        for (bool first = true;; first = false) {
            // The first request must arrive within header_timeout; later ones may be up to
            // idle_timeout away, but once a request has started it has header_timeout again.
            if (!first && buffer_.size() == 0 && !co_await wait_for_bytes()) {
                break;
            }
            if (!co_await serve_one()) {
                break;
            }
        }
        error_code ignored;
        stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }

  private:
    Awaitable<bool> wait_for_bytes() {
        error_code ec;
        stream_.expires_after(settings_.options.idle_timeout);
        auto n = co_await stream_.async_read_some(buffer_.prepare(k_read_chunk),
                                                  asio::redirect_error(use_awaitable, ec));
        buffer_.commit(n);
        co_return !ec;
    }

    // Returns whether the connection stays open for another request.
    Awaitable<bool> serve_one() {
        error_code ec;
        Parser parser;
        parser.body_limit(settings_.options.body_limit);
        stream_.expires_after(settings_.options.header_timeout);
        co_await beast_http::async_read_header(stream_, buffer_, parser,
                                               asio::redirect_error(use_awaitable, ec));
        if (!ec && beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
            beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_,
                                                               parser.get().version()};
            co_await beast_http::async_write(stream_, go_on,
                                             asio::redirect_error(use_awaitable, ec));
        }
        if (!ec && !parser.is_done()) {
            co_await beast_http::async_read(stream_, buffer_, parser,
                                            asio::redirect_error(use_awaitable, ec));
        }
        if (ec) {
            if (auto response = response_to_read_error(ec)) {
                if (co_await write(std::move(*response), 11, false)) {
                    co_await drain();
                }
            }
            co_return false;
        }
        unsigned version = parser.get().version();
        bool keep_alive = parser.get().keep_alive();
        Response response =
            call_handler(settings_.handler, to_request(parser.release(), remote_address_));
        co_return co_await write(std::move(response), version, keep_alive) && keep_alive;
    }

    Awaitable<bool> write(Response&& response, unsigned version, bool keep_alive) {
        error_code ec;
        auto out = to_beast_response(std::move(response), version, keep_alive);
        stream_.expires_after(settings_.options.idle_timeout);
        co_await beast_http::async_write(stream_, out, asio::redirect_error(use_awaitable, ec));
        co_return !ec;
    }

    // After an early answer (413) the client may still be sending its body. Closing a socket
    // with unread input sends a reset, which can destroy the answer before the client reads it,
    // so read and discard for a moment first.
    Awaitable<> drain() {
        error_code ec;
        stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
        stream_.expires_after(k_drain_time);
        char scratch[k_read_chunk];
        while (!ec) {
            co_await stream_.async_read_some(asio::buffer(scratch),
                                             asio::redirect_error(use_awaitable, ec));
        }
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    const SessionSettings& settings_;
    std::string remote_address_;
};

}  // namespace

Awaitable<> serve_connection(Socket socket, const SessionSettings& settings) {
    try {
        Connection connection(std::move(socket), settings);
        co_await connection.serve();
    } catch (const std::exception& e) {
        spdlog::debug("http connection ended: {}", e.what());
    }
}

}  // namespace berth::http::detail
