#include "upstream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace berth::edge::lb {

namespace {

// An idle connection older than this is closed rather than reused: targets close theirs after
// a few seconds, and a retry costs a round trip.
constexpr std::chrono::seconds k_max_idle{15};

}  // namespace

Awaitable<error_code> connect_to(Socket& socket, const Endpoint& target,
                                 std::chrono::steady_clock::duration timeout) {
    error_code ec;
    auto address = asio::ip::make_address(target.address, ec);
    if (ec) co_return ec;
    auto executor = co_await asio::this_coro::executor;
    Deadline deadline(executor, socket, timeout);
    co_await socket.async_connect({address, target.port}, asio::redirect_error(use_awaitable, ec));
    if (deadline.fired()) co_return asio::error::timed_out;
    if (!ec) socket.set_option(tcp::no_delay(true), ec);
    co_return ec;
}

std::optional<Socket> UpstreamPool::take(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(key);
    if (it == idle_.end()) return std::nullopt;
    auto now = std::chrono::steady_clock::now();
    while (!it->second.empty()) {
        Idle idle = std::move(it->second.back());
        it->second.pop_back();
        if (now - idle.since < k_max_idle) return std::move(idle.socket);
    }
    return std::nullopt;
}

void UpstreamPool::give(const std::string& key, Socket socket) {
    std::lock_guard lock(mutex_);
    auto& list = idle_[key];
    if (list.size() >= k_idle_per_target) list.erase(list.begin());
    list.push_back({std::move(socket), std::chrono::steady_clock::now()});
}

void UpstreamPool::clear() {
    std::lock_guard lock(mutex_);
    idle_.clear();
}

Awaitable<UpstreamResult> UpstreamPool::attempt(Socket& socket, const ProxyRequest& request,
                                                UpstreamTimeouts timeouts, bool& reusable,
                                                bool& sent_nothing) {
    UpstreamResult result;
    error_code ec;
    auto executor = co_await asio::this_coro::executor;
    Deadline deadline(executor, socket, timeouts.answer);
    co_await beast_http::async_write(socket, request, asio::redirect_error(use_awaitable, ec));
    boost::beast::flat_buffer buffer;
    std::optional<beast_http::response_parser<beast_http::string_body>> parser;
    // Interim answers (100 Continue) are skipped: the body went whole already.
    while (!ec && (!parser || parser->get().result_int() / 100 == 1)) {
        parser.emplace();
        parser->body_limit(k_body_limit);
        parser->skip(request.method() == beast_http::verb::head);
        co_await beast_http::async_read_header(socket, buffer, *parser,
                                               asio::redirect_error(use_awaitable, ec));
    }
    if (parser) {
        sent_nothing = ec == beast_http::error::end_of_stream ||
                       ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
        if (!ec && !parser->is_done()) {
            co_await beast_http::async_read(socket, buffer, *parser,
                                            asio::redirect_error(use_awaitable, ec));
        }
    } else {
        sent_nothing = true;
    }
    if (deadline.fired()) {
        result.failure = UpstreamFailure::timed_out;
        result.detail = "no answer in time";
        co_return result;
    }
    if (ec) {
        result.failure = UpstreamFailure::bad_gateway;
        result.detail = ec.message();
        co_return result;
    }
    result.response = parser->release();
    reusable = result.response.keep_alive() && !result.response.need_eof() && buffer.size() == 0;
    co_return result;
}

Awaitable<UpstreamResult> UpstreamPool::exchange(const Endpoint& target,
                                                 const ProxyRequest& request,
                                                 UpstreamTimeouts timeouts) {
    auto key = target.key();
    auto executor = co_await asio::this_coro::executor;
    // A pooled connection first; one that fails before the target said anything was closed by
    // the target while idle, so the request goes again on a fresh connection.
    while (auto pooled = take(key)) {
        Socket socket(std::move(*pooled));
        bool reusable = false, sent_nothing = false;
        auto result = co_await attempt(socket, request, timeouts, reusable, sent_nothing);
        if (result.failure == UpstreamFailure::none) {
            if (reusable) give(key, std::move(socket));
            co_return result;
        }
        if (!sent_nothing) co_return result;
    }
    Socket socket(executor);
    if (auto ec = co_await connect_to(socket, target, timeouts.connect)) {
        UpstreamResult result;
        result.failure = ec == asio::error::timed_out ? UpstreamFailure::timed_out
                                                      : UpstreamFailure::bad_gateway;
        result.detail = "connect: " + ec.message();
        co_return result;
    }
    bool reusable = false, sent_nothing = false;
    auto result = co_await attempt(socket, request, timeouts, reusable, sent_nothing);
    if (result.failure == UpstreamFailure::none && reusable) give(key, std::move(socket));
    co_return result;
}

}  // namespace berth::edge::lb
