#pragma once
// A real Server on a loopback port chosen by the kernel, running on a background thread, and a
// small blocking Beast client to talk to it.
#include <utility>

#include <chrono>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "berth/http/server.hpp"

namespace berth::http::testing {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using asio::ip::tcp;

inline ServerOptions loopback_options() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    return options;
}

class TestServer {
  public:
    TestServer(ServerOptions options, Handler handler)
        : server_(std::move(options), std::move(handler)), thread_([this] { server_.run(); }) {}
    ~TestServer() {
        server_.stop();
        thread_.join();
    }
    unsigned short port() const { return server_.port(); }

  private:
    Server server_;
    std::thread thread_;
};

class Client {
  public:
    explicit Client(unsigned short port) : socket_(ioc_) {
        socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }

    beast_http::response<beast_http::string_body> request(
        beast_http::request<beast_http::string_body> req) {
        req.prepare_payload();
        beast_http::write(socket_, req);
        return read_response();
    }

    beast_http::response<beast_http::string_body> post(const std::string& target,
                                                       const std::string& body) {
        beast_http::request<beast_http::string_body> req{beast_http::verb::post, target, 11};
        req.set(beast_http::field::host, "localhost");
        req.set(beast_http::field::content_type, "application/x-amz-json-1.1");
        req.body() = body;
        return request(std::move(req));
    }

    beast_http::response<beast_http::string_body> read_response() {
        beast_http::response<beast_http::string_body> res;
        beast_http::read(socket_, buffer_, res);
        return res;
    }

    // Blocks until the server closes the connection (true) or data arrives (false).
    bool wait_closed_by_server() {
        char byte;
        boost::system::error_code ec;
        auto n = socket_.read_some(asio::buffer(&byte, 1), ec);
        return n == 0 && (ec == asio::error::eof || ec == asio::error::connection_reset);
    }

    tcp::socket& socket() { return socket_; }

  private:
    asio::io_context ioc_;
    tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
};

}  // namespace berth::http::testing
