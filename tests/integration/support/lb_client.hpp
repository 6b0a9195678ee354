#pragma once
// Blocking HTTP and TCP clients for load balancer tests, and a free-port finder. Header-only.
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace berth::test {

struct Reply {
    int status = 0;                              // 0: no answer (refused, reset)
    std::map<std::string, std::string> headers;  // names lower-cased; repeated ones joined by \n
    std::string body;
};

// A port nothing listens on right now.
inline unsigned short free_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

// Connects to 127.0.0.1:port, retrying for `wait` while nothing listens (listeners are bound
// within a tick of their creation).
inline bool connect_local(boost::asio::ip::tcp::socket& socket, unsigned short port,
                          std::chrono::milliseconds wait = std::chrono::milliseconds(5000)) {
    auto until = std::chrono::steady_clock::now() + wait;
    for (;;) {
        boost::system::error_code ec;
        socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
        if (!ec) return true;
        socket.close(ec);
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

inline Reply http_request(unsigned short port, const std::string& method, const std::string& target,
                          const std::map<std::string, std::string>& headers = {},
                          const std::string& body = "") {
    namespace http = boost::beast::http;
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket(ioc);
    Reply reply;
    if (!connect_local(socket, port)) return reply;
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    boost::system::error_code ec;
    http::write(socket, request, ec);
    if (ec) return reply;
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(socket, buffer, response, ec);
    if (ec) return reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto& f : response) {
        std::string name(f.name_string().data(), f.name_string().size());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto& slot = reply.headers[name];
        if (!slot.empty()) slot += "\n";
        slot += std::string(f.value().data(), f.value().size());
    }
    reply.body = response.body();
    return reply;
}

inline Reply http_get(unsigned short port, const std::string& target,
                      const std::map<std::string, std::string>& headers = {}) {
    return http_request(port, "GET", target, headers);
}

// Sends `bytes` over a plain TCP connection, half-closes, and returns all that comes back.
inline std::string tcp_exchange(unsigned short port, const std::string& bytes) {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket(ioc);
    if (!connect_local(socket, port)) return "";
    boost::system::error_code ec;
    boost::asio::write(socket, boost::asio::buffer(bytes), ec);
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    std::string out;
    char buffer[4096];
    for (;;) {
        auto n = socket.read_some(boost::asio::buffer(buffer), ec);
        out.append(buffer, n);
        if (ec) break;
    }
    return out;
}

}  // namespace berth::test
