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

// Whether a connection idle since `since` may still be reused (pooled or held alike).
bool fresh(std::chrono::steady_clock::time_point since) {
    return std::chrono::steady_clock::now() - since < k_max_idle;
}

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

std::optional<Socket> UpstreamPool::take(const Endpoint& target) {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(target.key());
    if (it == idle_.end()) return std::nullopt;
    while (!it->second.empty()) {
        Idle idle = std::move(it->second.back());
        it->second.pop_back();
        if (fresh(idle.since)) return std::move(idle.socket);
    }
    return std::nullopt;
}

void UpstreamPool::give(const Endpoint& target, Socket socket,
                        std::chrono::steady_clock::time_point since) {
    std::lock_guard lock(mutex_);
    auto& list = idle_[target.key()];
    if (list.size() >= k_idle_per_target) list.erase(list.begin());
    list.push_back({std::move(socket), since});
}

void UpstreamPool::clear() {
    std::lock_guard lock(mutex_);
    idle_.clear();
}

UpstreamLink::UpstreamLink(UpstreamPool& pool, const Executor& executor)
    : pool_(pool), watchdog_(executor) {}

UpstreamLink::~UpstreamLink() {
    let_go();
}

void UpstreamLink::let_go() {
    if (socket_) pool_.give(target_, std::move(*socket_), idle_since_);
    socket_.reset();
}

bool UpstreamLink::hold_for(const Endpoint& target) {
    // A held connection idle as long as a pooled one may be goes as that one would.
    if (socket_ && !fresh(idle_since_)) socket_.reset();
    if (socket_ && target_ == target) return true;
    let_go();
    socket_ = pool_.take(target);
    target_ = target;
    return socket_.has_value();
}

Awaitable<UpstreamResult> UpstreamLink::attempt(const ProxyRequest& request,
                                                UpstreamTimeouts timeouts, bool& sent_nothing) {
    UpstreamResult result;
    error_code ec;
    auto& socket = *socket_;
    auto watch = watchdog_.watch(socket, timeouts.answer);
    buffer_.clear();
    co_await beast_http::async_write(socket, request, asio::redirect_error(use_awaitable, ec));
    std::optional<beast_http::response_parser<beast_http::string_body>> parser;
    // Interim answers (100 Continue) are skipped: the body went whole already.
    while (!ec && (!parser || parser->get().result_int() / 100 == 1)) {
        parser.emplace();
        parser->body_limit(k_body_limit);
        parser->skip(request.method() == beast_http::verb::head);
        co_await beast_http::async_read_header(socket, buffer_, *parser,
                                               asio::redirect_error(use_awaitable, ec));
    }
    if (parser) {
        sent_nothing = ec == beast_http::error::end_of_stream ||
                       ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
        if (!ec && !parser->is_done()) {
            co_await beast_http::async_read(socket, buffer_, *parser,
                                            asio::redirect_error(use_awaitable, ec));
        }
    } else {
        sent_nothing = true;
    }
    if (watch.fired()) {
        result.failure = UpstreamFailure::timed_out;
        result.detail = "no answer in time";
    } else if (ec) {
        result.failure = UpstreamFailure::bad_gateway;
        result.detail = ec.message();
    } else {
        result.response = parser->release();
    }
    bool reusable = result.failure == UpstreamFailure::none && result.response.keep_alive() &&
                    !result.response.need_eof() && buffer_.size() == 0;
    if (!reusable) socket_.reset();
    idle_since_ = std::chrono::steady_clock::now();
    co_return result;
}

Awaitable<UpstreamResult> UpstreamLink::exchange(const Endpoint& target,
                                                 const ProxyRequest& request,
                                                 UpstreamTimeouts timeouts) {
    // A kept connection first; one that fails before the target said anything was closed by
    // the target while idle, so the request goes again on a fresh connection.
    while (hold_for(target)) {
        bool sent_nothing = false;
        auto result = co_await attempt(request, timeouts, sent_nothing);
        if (result.failure == UpstreamFailure::none || !sent_nothing) co_return result;
    }
    socket_.emplace(co_await asio::this_coro::executor);
    if (auto ec = co_await connect_to(*socket_, target, timeouts.connect)) {
        socket_.reset();
        UpstreamResult result;
        result.failure = ec == asio::error::timed_out ? UpstreamFailure::timed_out
                                                      : UpstreamFailure::bad_gateway;
        result.detail = "connect: " + ec.message();
        co_return result;
    }
    bool sent_nothing = false;
    co_return co_await attempt(request, timeouts, sent_nothing);
}

}  // namespace berth::edge::lb
