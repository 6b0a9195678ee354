#include "acceptors.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>

namespace berth::edge::lb {

struct Acceptors::Port {
    // On a strand of its own: the accept loop and a close from sync() never run at once.
    explicit Port(asio::io_context& ioc) : acceptor(asio::make_strand(ioc)) {}
    Acceptor acceptor;
};

namespace {

Awaitable<void> accept_loop(std::shared_ptr<Acceptors::Port> port, asio::io_context& ioc,
                            AcceptHandler on_accept, unsigned short number) {
    for (;;) {
        Socket socket(asio::make_strand(ioc));
        error_code ec;
        co_await port->acceptor.async_accept(socket, asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !port->acceptor.is_open()) co_return;
        if (ec) {
            // Out of descriptors, typically: back off instead of spinning.
            Timer pause(port->acceptor.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        on_accept(std::move(socket), number);
    }
}

}  // namespace

Acceptors::Acceptors(asio::io_context& ioc, std::string host, AcceptHandler on_accept)
    : ioc_(ioc), host_(std::move(host)), on_accept_(std::move(on_accept)) {}

Acceptors::~Acceptors() {
    close_all();
}

void Acceptors::open(unsigned short number) {
    auto port = std::make_shared<Port>(ioc_);
    error_code ec;
    auto address = asio::ip::make_address(host_, ec);
    tcp::endpoint endpoint{address, number};
    if (!ec) port->acceptor.open(endpoint.protocol(), ec);
    if (!ec) port->acceptor.set_option(Acceptor::reuse_address(true), ec);
    if (!ec) port->acceptor.bind(endpoint, ec);
    if (!ec) port->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        if (warned_.insert(number).second) {
            spdlog::warn(
                "load balancers: cannot listen on {}:{}: {} (map the port with "
                "--lb-port-map {}=OTHER; the Host route on the main port still works)",
                host_, number, ec.message(), number);
        }
        return;
    }
    warned_.erase(number);
    spdlog::info("load balancers: listening on {}:{}", host_, number);
    ports_[number] = port;
    asio::co_spawn(port->acceptor.get_executor(), accept_loop(port, ioc_, on_accept_, number),
                   asio::detached);
}

void Acceptors::sync(const std::set<unsigned short>& ports) {
    std::lock_guard lock(mutex_);
    for (auto it = ports_.begin(); it != ports_.end();) {
        if (ports.count(it->first)) {
            ++it;
            continue;
        }
        asio::post(it->second->acceptor.get_executor(), [port = it->second] {
            error_code ignored;
            port->acceptor.close(ignored);
        });
        spdlog::info("load balancers: closed {}:{}", host_, it->first);
        it = ports_.erase(it);
    }
    for (auto number : ports) {
        if (!ports_.count(number)) open(number);
    }
}

std::set<unsigned short> Acceptors::bound() const {
    std::lock_guard lock(mutex_);
    std::set<unsigned short> out;
    for (const auto& [number, port] : ports_) out.insert(number);
    return out;
}

void Acceptors::close_all() {
    std::lock_guard lock(mutex_);
    for (auto& [number, port] : ports_) {
        error_code ignored;
        port->acceptor.close(ignored);
    }
    ports_.clear();
}

}  // namespace berth::edge::lb
