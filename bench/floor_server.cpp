// The floor for the API benchmark (bench/bench.py): a bare Boost.Beast server that answers
// every request with one fixed body, served the way Berth's http module serves (an io_context
// run by the same number of threads, a strand per connection, TCP_NODELAY, keep-alive as the
// client asks, a header timeout and an idle timeout). Whatever Berth spends above this is
// Berth's own work: routing, parsing, the Store, serialising.
//
//   build/floor_server PORT [THREADS] [BODY_FILE]
//
// THREADS defaults to 2 (Berth's --threads default); BODY_FILE holds the body to answer
// (bench.py passes the bytes Berth answered to the same request), "{}" without it.
#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using asio::ip::tcp;
using Executor = asio::strand<asio::io_context::executor_type>;
using Stream = beast::basic_stream<tcp, Executor>;
constexpr asio::use_awaitable_t<Executor> use_awaitable;

// The same limits as berth::http::ServerOptions' defaults.
constexpr std::chrono::seconds k_header_timeout{10};
constexpr std::chrono::seconds k_idle_timeout{60};
constexpr std::size_t k_body_limit = 8 * 1024 * 1024;

asio::awaitable<void, Executor> serve(tcp::socket::rebind_executor<Executor>::other socket,
                                      const std::string& body) {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    Stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (bool first = true;; first = false) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(k_body_limit);
        stream.expires_after(first ? k_header_timeout : k_idle_timeout);
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
        if (ec) {
            break;
        }
        const auto& request = parser.get();
        http::response<http::string_body> response{http::status::ok, request.version()};
        response.set(http::field::content_type, "application/x-amz-json-1.1");
        response.keep_alive(request.keep_alive());
        response.body() = body;
        response.prepare_payload();
        stream.expires_after(k_idle_timeout);
        co_await http::async_write(stream, response, asio::redirect_error(use_awaitable, ec));
        if (ec || !request.keep_alive()) {
            break;
        }
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> accept_loop(asio::io_context& ioc, tcp::acceptor& acceptor,
                                  const std::string& body) {
    for (;;) {
        auto strand = asio::make_strand(ioc);
        tcp::socket::rebind_executor<Executor>::other socket(strand);
        boost::system::error_code ec;
        co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (!ec) {
            asio::co_spawn(strand, serve(std::move(socket), body), asio::detached);
        }
    }
}

std::string read_body(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "floor_server: cannot read %s\n", path);
        std::exit(2);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: %s PORT [THREADS] [BODY_FILE]\n", argv[0]);
        return 2;
    }
    const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
    const int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2;
    const std::string body = argc > 3 ? read_body(argv[3]) : "{}";
    try {
        asio::io_context ioc(threads);
        tcp::acceptor acceptor(ioc);
        const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
        acceptor.open(endpoint.protocol());
        acceptor.set_option(tcp::acceptor::reuse_address(true));
        acceptor.bind(endpoint);
        acceptor.listen(asio::socket_base::max_listen_connections);
        asio::co_spawn(ioc, accept_loop(ioc, acceptor, body), asio::detached);
        std::vector<std::thread> extra;
        for (int i = 1; i < threads; ++i) {
            extra.emplace_back([&ioc] { ioc.run(); });
        }
        ioc.run();
        for (auto& t : extra) {
            t.join();
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floor_server: %s\n", e.what());
        return 1;
    }
}
