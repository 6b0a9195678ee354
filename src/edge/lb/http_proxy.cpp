#include "http_proxy.hpp"

#include <random>

#include <spdlog/spdlog.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "forwarded.hpp"

namespace berth::edge::lb {

namespace {

using field = beast_http::field;

// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and are never forwarded.
void strip_hop_by_hop(beast_http::fields& fields) {
    for (auto name : {field::connection, field::keep_alive, field::proxy_authenticate,
                      field::proxy_authorization, field::te, field::trailer,
                      field::transfer_encoding, field::upgrade, field::expect}) {
        fields.erase(name);
    }
}

std::string new_trace_id(std::string_view existing) {
    thread_local std::mt19937_64 random{std::random_device{}()};
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    return trace_id(existing, seconds, random(), random());
}

void add_forwarded_headers(ProxyRequest& request, const ClientInfo& client) {
    request.set("X-Forwarded-For", forwarded_for(sv(request["X-Forwarded-For"]), client.address));
    request.set("X-Forwarded-Proto", "http");
    request.set("X-Forwarded-Port", std::to_string(client.local_port));
    request.set("X-Amzn-Trace-Id", new_trace_id(sv(request["X-Amzn-Trace-Id"])));
}

}  // namespace

ProxyResponse lb_response(const LbAnswer& answer, unsigned version) {
    ProxyResponse response{static_cast<beast_http::status>(answer.status), version};
    response.set(field::server, k_server_header);
    if (!answer.content_type.empty()) response.set(field::content_type, answer.content_type);
    if (!answer.location.empty()) response.set(field::location, answer.location);
    response.body() = answer.body;
    return response;
}

Awaitable<ProxyResponse> answer_request(ProxyRequest request, const ClientInfo& client,
                                        const HttpRouter& router, UpstreamLink& link) {
    unsigned version = request.version();
    auto decision = router(request, client);
    if (auto* answer = std::get_if<LbAnswer>(&decision)) co_return lb_response(*answer, version);
    auto& forward = std::get<Forward>(decision);
    strip_hop_by_hop(request);
    add_forwarded_headers(request, client);
    request.version(11);
    request.keep_alive(true);
    request.prepare_payload();
    auto result = co_await link.exchange(forward.target, request, forward.timeouts);
    if (result.failure != UpstreamFailure::none) {
        spdlog::debug("lb: {} {} -> {}: {}", str(request.method_string()), str(request.target()),
                      forward.target.key(), result.detail);
        int status = result.failure == UpstreamFailure::timed_out ? 504 : 502;
        co_return lb_response(alb_error_page(status), version);
    }
    auto response = std::move(result.response);
    strip_hop_by_hop(response);
    for (const auto& c : forward.set_cookies) response.insert(field::set_cookie, c);
    response.version(version);
    co_return response;
}

namespace {

class ClientConnection {
  public:
    ClientConnection(Socket socket, HttpRouter router, UpstreamPool& pool,
                     HttpSessionOptions options)
        : socket_(std::move(socket)),
          router_(std::move(router)),
          options_(options),
          watchdog_(socket_.get_executor()),
          link_(pool, socket_.get_executor()) {
        error_code ec;
        auto remote = socket_.remote_endpoint(ec);
        if (!ec) {
            auto address = remote.address();
            if (address.is_v6() && address.to_v6().is_v4_mapped()) {
                address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
            }
            client_.address = address.to_string();
        }
        client_.local_port = socket_.local_endpoint(ec).port();
        socket_.set_option(tcp::no_delay(true), ec);
    }

    Awaitable<void> serve() {
        while (co_await serve_one()) {
        }
        error_code ignored;
        socket_.shutdown(Socket::shutdown_send, ignored);
    }

  private:
    // Returns whether the connection stays open for another request.
    Awaitable<bool> serve_one() {
        error_code ec;
        beast_http::request_parser<beast_http::string_body> parser;
        parser.body_limit(options_.body_limit);
        {
            auto watch = watchdog_.watch(socket_, options_.idle_timeout);
            co_await beast_http::async_read_header(socket_, buffer_, parser,
                                                   asio::redirect_error(use_awaitable, ec));
            if (!ec && boost::beast::iequals(parser.get()[field::expect], "100-continue")) {
                beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_,
                                                                   parser.get().version()};
                co_await beast_http::async_write(socket_, go_on,
                                                 asio::redirect_error(use_awaitable, ec));
            }
            if (!ec && !parser.is_done()) {
                co_await beast_http::async_read(socket_, buffer_, parser,
                                                asio::redirect_error(use_awaitable, ec));
            }
        }
        if (ec) {
            if (ec == beast_http::error::body_limit) {
                co_await write(lb_response(alb_error_page(413), 11), false, false);
            } else if (ec.category() ==
                           beast_http::make_error_code(beast_http::error::bad_target).category() &&
                       ec != beast_http::error::end_of_stream &&
                       ec != beast_http::error::partial_message) {
                co_await write(lb_response(alb_error_page(400), 11), false, false);
            }
            co_return false;
        }
        bool keep_alive = parser.get().keep_alive();
        bool head = parser.get().method() == beast_http::verb::head;
        auto response = co_await answer_request(parser.release(), client_, router_, link_);
        co_return co_await write(std::move(response), keep_alive, head) && keep_alive;
    }

    // A HEAD answer keeps the Content-Length the target gave for the body it did not send.
    Awaitable<bool> write(ProxyResponse response, bool keep_alive, bool head) {
        response.keep_alive(keep_alive);
        if (!head) response.prepare_payload();
        error_code ec;
        auto watch = watchdog_.watch(socket_, options_.idle_timeout);
        co_await beast_http::async_write(socket_, response,
                                         asio::redirect_error(use_awaitable, ec));
        co_return !ec;
    }

    Socket socket_;
    HttpRouter router_;
    HttpSessionOptions options_;
    ClientInfo client_;
    boost::beast::flat_buffer buffer_;
    Watchdog watchdog_;
    UpstreamLink link_;
};

}  // namespace

Awaitable<void> serve_http_client(Socket socket, HttpRouter router, UpstreamPool& pool,
                                  HttpSessionOptions options) {
    try {
        ClientConnection connection(std::move(socket), std::move(router), pool, options);
        co_await connection.serve();
    } catch (const std::exception& e) {
        spdlog::debug("lb: client connection ended: {}", e.what());
    }
}

}  // namespace berth::edge::lb
