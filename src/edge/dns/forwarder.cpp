#include "forwarder.hpp"

#include <algorithm>
#include <cctype>
#include <random>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "message.hpp"

namespace berth::edge::dns {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;
using boost::system::error_code;

namespace {

constexpr std::size_t k_header = 12;

std::uint16_t random_id() {
    thread_local std::mt19937 rng{std::random_device{}()};
    return static_cast<std::uint16_t>(rng());
}

// The end of the question section (the header's QDCOUNT questions), or 0 when malformed.
std::size_t question_end(std::span<const std::uint8_t> m) {
    if (m.size() < k_header) return 0;
    std::size_t at = k_header;
    for (unsigned q = static_cast<unsigned>(m[4] << 8 | m[5]); q > 0; --q) {
        while (at < m.size() && m[at] != 0) {
            if ((m[at] & 0xC0) == 0xC0) {
                ++at;
                break;
            }
            at += 1 + m[at];
        }
        at += 1 + 4;
        if (at > m.size()) return 0;
    }
    return at;
}

// Closes `socket` when the timer fires first: the pending read or write ends with an error.
template <class Socket>
void arm(asio::steady_timer& timer, Socket& socket, std::chrono::milliseconds timeout) {
    timer.expires_after(timeout);
    timer.async_wait([&socket](error_code ec) {
        if (!ec) socket.close(ec);
    });
}

asio::awaitable<std::optional<std::vector<std::uint8_t>>> ask_udp(
    udp::endpoint to, std::vector<std::uint8_t> query, std::chrono::milliseconds timeout) {
    auto executor = co_await asio::this_coro::executor;
    udp::socket socket(executor, to.protocol());
    asio::steady_timer timer(executor);
    arm(timer, socket, timeout);
    error_code ec;
    co_await socket.async_send_to(asio::buffer(query), to,
                                  asio::redirect_error(asio::use_awaitable, ec));
    std::vector<std::uint8_t> buf(65535);
    while (!ec) {
        udp::endpoint from;
        auto n = co_await socket.async_receive_from(asio::buffer(buf), from,
                                                    asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        buf.resize(n);
        // Anything from elsewhere, or not an answer to this query, is ignored.
        if (from == to && answers(query, buf)) {
            timer.cancel();
            co_return buf;
        }
        buf.resize(65535);
    }
    timer.cancel();
    co_return std::nullopt;
}

asio::awaitable<std::optional<std::vector<std::uint8_t>>> ask_tcp(
    tcp::endpoint to, std::vector<std::uint8_t> query, std::chrono::milliseconds timeout) {
    auto executor = co_await asio::this_coro::executor;
    tcp::socket socket(executor);
    asio::steady_timer timer(executor);
    arm(timer, socket, timeout);
    auto use = [](error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); };
    error_code ec;
    co_await socket.async_connect(to, use(ec));
    std::array<std::uint8_t, 2> length = {static_cast<std::uint8_t>(query.size() >> 8),
                                          static_cast<std::uint8_t>(query.size())};
    if (!ec) {
        std::array<asio::const_buffer, 2> out = {asio::buffer(length), asio::buffer(query)};
        co_await asio::async_write(socket, out, use(ec));
    }
    if (!ec) co_await asio::async_read(socket, asio::buffer(length), use(ec));
    std::vector<std::uint8_t> answer(static_cast<std::size_t>(length[0] << 8 | length[1]));
    if (!ec) co_await asio::async_read(socket, asio::buffer(answer), use(ec));
    timer.cancel();
    if (ec || !answers(query, answer)) co_return std::nullopt;
    co_return answer;
}

}  // namespace

bool answers(std::span<const std::uint8_t> query, std::span<const std::uint8_t> answer) {
    const std::size_t end = question_end(query);
    if (end == 0 || answer.size() < end) return false;
    if (query[0] != answer[0] || query[1] != answer[1] || (answer[2] & 0x80) == 0) return false;
    // Same QDCOUNT and the same question, compared byte for byte (names case-insensitively).
    if (query[4] != answer[4] || query[5] != answer[5]) return false;
    return std::equal(
        query.begin() + k_header, query.begin() + end, answer.begin() + k_header,
        [](std::uint8_t a, std::uint8_t b) { return std::tolower(a) == std::tolower(b); });
}

asio::awaitable<std::optional<std::vector<std::uint8_t>>> Forwarder::forward(
    std::vector<std::uint8_t> query, bool tcp) const {
    if (query.size() < k_header) co_return std::nullopt;
    const std::uint8_t id_high = query[0], id_low = query[1];
    for (const auto& upstream : upstreams_) {
        error_code ec;
        const auto address = asio::ip::make_address(upstream.address, ec);
        if (ec) continue;
        const std::uint16_t id = random_id();
        query[0] = static_cast<std::uint8_t>(id >> 8);
        query[1] = static_cast<std::uint8_t>(id);
        // (No co_await inside a conditional expression: GCC 12 miscompiles it.)
        std::optional<std::vector<std::uint8_t>> answer;
        if (tcp) {
            answer = co_await ask_tcp(tcp::endpoint(address, upstream.port), query, timeout_);
        } else {
            answer = co_await ask_udp(udp::endpoint(address, upstream.port), query, timeout_);
        }
        if (!answer) {
            spdlog::debug("dns: no answer from {}:{} in time", upstream.address, upstream.port);
            continue;
        }
        (*answer)[0] = id_high;
        (*answer)[1] = id_low;
        co_return answer;
    }
    co_return std::nullopt;
}

}  // namespace berth::edge::dns
