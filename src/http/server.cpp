#include "berth/http/server.hpp"

#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <exception>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "session.hpp"

namespace berth::http {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

std::string display_address(const std::string& host, unsigned short port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// "Address already in use" → "address already in use", to read well after a colon.
std::string lower_first(std::string message) {
    if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
        message[0] = static_cast<char>(message[0] - 'A' + 'a');
    }
    return message;
}

tcp::endpoint resolve(asio::io_context& ioc, const ServerOptions& options) {
    error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    if (!ec) {
        return {address, options.port};
    }
    tcp::resolver resolver(ioc);
    auto results =
        resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
        throw ListenError("cannot listen on " + display_address(options.host, options.port) + ": " +
                          (ec ? lower_first(ec.message()) : "host not found"));
    }
    return results.begin()->endpoint();
}

void log_exception(std::exception_ptr e) {
    if (!e) {
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        spdlog::error("http: {}", ex.what());
    } catch (...) {
        spdlog::error("http: unknown exception");
    }
}

}  // namespace

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    detail::SessionSettings settings{options, handler};
    asio::io_context ioc;
    tcp::acceptor acceptor;

    Impl(ServerOptions opts, Handler h)
        : options(std::move(opts)),
          handler(std::move(h)),
          ioc(static_cast<int>(options.threads == 0 ? 1 : options.threads)),
          acceptor(ioc) {
        auto endpoint = resolve(ioc, options);
        error_code ec;
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) {
            acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
        }
        if (!ec) {
            acceptor.bind(endpoint, ec);
        }
        if (!ec) {
            acceptor.listen(asio::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            throw ListenError("cannot listen on " + display_address(options.host, options.port) +
                              ": " + lower_first(ec.message()));
        }
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto strand = asio::make_strand(ioc);
            detail::Socket socket(strand);
            error_code ec;
            co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
                co_return;
            }
            if (ec) {
                // Out of descriptors, typically: back off instead of spinning.
                spdlog::warn("http: accept failed: {}", ec.message());
                asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
                co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            asio::co_spawn(strand, detail::serve_connection(std::move(socket), settings),
                           log_exception);
        }
    }
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), log_exception);
}

Server::~Server() = default;

unsigned short Server::port() const {
    error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

void Server::run() {
    auto run_loop = [this] {
        try {
            impl_->ioc.run();
        } catch (const std::exception& e) {
            spdlog::error("http: I/O thread failed: {}", e.what());
            impl_->ioc.stop();
        }
    };
    std::vector<std::thread> extra;
    for (std::size_t i = 1; i < impl_->options.threads; ++i) {
        extra.emplace_back(run_loop);
    }
    run_loop();
    for (auto& t : extra) {
        t.join();
    }
}

void Server::stop() {
    impl_->ioc.stop();
}

}  // namespace berth::http
