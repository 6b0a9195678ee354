#include "server.hpp"

#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "forwarder.hpp"

namespace berth::edge::dns {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;
using boost::system::error_code;

Message reply_to(const Message& query, Rcode rcode) {
    Message m;
    m.id = query.id;
    m.response = true;
    m.opcode = query.opcode;
    m.recursion_desired = query.recursion_desired;
    m.recursion_available = true;
    m.rcode = rcode;
    m.questions = query.questions;
    if (query.edns) m.edns = Edns{.udp_size = k_edns_udp_size};
    return m;
}

Handled handle_query(std::span<const std::uint8_t> bytes, bool tcp, const Answerer& answerer) {
    Message query;
    try {
        query = parse(bytes);
    } catch (const ParseError& e) {
        if (!e.id) return {.answer = std::nullopt, .drop = true};
        Message m;
        m.id = *e.id;
        m.response = true;
        m.rcode = Rcode::format_error;
        return {.answer = write(m)};
    }
    if (query.response) return {.answer = std::nullopt, .drop = true};
    const std::size_t limit = tcp ? 65535 : udp_limit(query);
    auto refuse = [&](Rcode rcode) { return Handled{.answer = write(reply_to(query, rcode))}; };
    if (query.opcode != 0) return refuse(Rcode::not_implemented);
    if (query.questions.size() != 1) return refuse(Rcode::format_error);
    if (query.edns && query.edns->version > 0) {
        // RFC 6891 6.1.3: BADVERS, an extended RCODE (16 = 1 << 4 | 0) in the OPT record.
        Message m = reply_to(query, Rcode::no_error);
        m.edns->extended_rcode = k_rcode_badvers >> 4;
        return {.answer = write(m)};
    }
    if (!answerer) return {};
    auto answer = answerer(query);
    if (!answer) return {};
    return {.answer = write(*answer, limit)};
}

namespace {

void log_exception(std::exception_ptr e) {
    if (!e) return;
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        spdlog::error("dns: {}", ex.what());
    }
}

std::string display(const std::string& address, unsigned short port) {
    return (address.find(':') != std::string::npos ? "[" + address + "]" : address) + ":" +
           std::to_string(port);
}

}  // namespace

struct Server::Impl {
    DnsServerOptions options;
    Answerer answerer;
    Forwarder forwarder{options.upstreams, options.upstream_timeout};
    asio::io_context ioc{1};
    udp::socket udp_socket{ioc};
    tcp::acceptor acceptor{ioc};
    unsigned short port = 0;

    Impl(DnsServerOptions opts, Answerer a) : options(std::move(opts)), answerer(std::move(a)) {
        error_code ec;
        const auto address = asio::ip::make_address(options.address, ec);
        auto fail = [&](const error_code& e) {
            throw DnsListenError("cannot serve DNS on " + display(options.address, options.port) +
                                 ": " + e.message());
        };
        if (ec) fail(ec);
        // TCP first: with port 0 the kernel picks one, and UDP then takes the same.
        tcp::endpoint te{address, options.port};
        acceptor.open(te.protocol(), ec);
        if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
        if (!ec) acceptor.bind(te, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) fail(ec);
        udp::endpoint ue{address, acceptor.local_endpoint().port()};
        udp_socket.open(ue.protocol(), ec);
        if (!ec) udp_socket.bind(ue, ec);
        if (ec) fail(ec);
        port = ue.port();
    }

    // Forwards when the answerer has nothing; SERVFAIL when no upstream answers.
    asio::awaitable<std::optional<std::vector<std::uint8_t>>> answer(std::vector<std::uint8_t> q,
                                                                     bool tcp) {
        auto handled = handle_query(q, tcp, answerer);
        if (handled.drop) co_return std::nullopt;
        if (handled.answer) co_return handled.answer;
        auto forwarded = co_await forwarder.forward(q, tcp);
        if (forwarded) co_return forwarded;
        co_return write(reply_to(parse(q), Rcode::server_failure));
    }

    asio::awaitable<void> answer_udp(std::vector<std::uint8_t> query, udp::endpoint from) {
        auto a = co_await answer(std::move(query), false);
        if (!a) co_return;
        error_code ec;
        co_await udp_socket.async_send_to(asio::buffer(*a), from,
                                          asio::redirect_error(asio::use_awaitable, ec));
    }

    asio::awaitable<void> udp_loop() {
        std::vector<std::uint8_t> buf(65535);
        for (;;) {
            udp::endpoint from;
            error_code ec;
            auto n = co_await udp_socket.async_receive_from(
                asio::buffer(buf), from, asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !udp_socket.is_open()) co_return;
            if (ec) continue;  // e.g. ICMP port unreachable from an earlier send
            asio::co_spawn(ioc, answer_udp({buf.begin(), buf.begin() + n}, from), log_exception);
        }
    }

    // RFC 1035 4.2.2 / RFC 7766: each message preceded by its two-byte length; several
    // queries per connection, answered in order.
    asio::awaitable<void> serve_tcp(tcp::socket socket) {
        asio::steady_timer idle(ioc);
        for (;;) {
            idle.expires_after(options.tcp_idle_timeout);
            idle.async_wait([&socket](error_code ec) {
                if (!ec) socket.close(ec);
            });
            error_code ec;
            std::array<std::uint8_t, 2> length{};
            co_await asio::async_read(socket, asio::buffer(length),
                                      asio::redirect_error(asio::use_awaitable, ec));
            std::vector<std::uint8_t> query(static_cast<std::size_t>(length[0] << 8 | length[1]));
            if (!ec) {
                co_await asio::async_read(socket, asio::buffer(query),
                                          asio::redirect_error(asio::use_awaitable, ec));
            }
            idle.cancel();
            if (ec) co_return;
            auto a = co_await answer(std::move(query), true);
            if (!a) co_return;
            length = {static_cast<std::uint8_t>(a->size() >> 8),
                      static_cast<std::uint8_t>(a->size())};
            std::array<asio::const_buffer, 2> out = {asio::buffer(length), asio::buffer(*a)};
            co_await asio::async_write(socket, out, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
        }
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            tcp::socket socket(ioc);
            error_code ec;
            co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
            if (!acceptor.is_open()) co_return;
            if (ec) continue;
            asio::co_spawn(ioc, serve_tcp(std::move(socket)), log_exception);
        }
    }
};

Server::Server(DnsServerOptions options, Answerer answerer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(answerer))) {}

Server::~Server() {
    stop();
}

unsigned short Server::port() const {
    return impl_->port;
}

void Server::run() {
    asio::co_spawn(impl_->ioc, impl_->udp_loop(), log_exception);
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), log_exception);
    impl_->ioc.run();
}

void Server::stop() {
    asio::post(impl_->ioc, [impl = impl_.get()] {
        error_code ec;
        impl->acceptor.close(ec);
        impl->udp_socket.close(ec);
    });
    impl_->ioc.stop();
}

}  // namespace berth::edge::dns
