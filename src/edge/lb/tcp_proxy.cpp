#include "tcp_proxy.hpp"

#include <array>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>

#include "watchdog.hpp"

namespace berth::edge::lb {

namespace {

// Copies from `from` to `to` until `from` ends, then half-closes `to`. Each read waits at most
// the idle timeout.
Awaitable<void> pump(Socket& from, Socket& to, std::chrono::steady_clock::duration idle_timeout) {
    Watchdog watchdog(co_await asio::this_coro::executor);
    std::array<char, 16 * 1024> buffer;
    for (;;) {
        error_code ec;
        std::size_t n = 0;
        {
            auto watch = watchdog.watch(from, idle_timeout);
            n = co_await from.async_read_some(asio::buffer(buffer),
                                              asio::redirect_error(use_awaitable, ec));
        }
        if (n > 0) {
            error_code wec;
            co_await asio::async_write(to, asio::buffer(buffer.data(), n),
                                       asio::redirect_error(use_awaitable, wec));
            if (wec) break;
        }
        if (ec) break;
    }
    error_code ignored;
    to.shutdown(Socket::shutdown_send, ignored);
}

}  // namespace

Awaitable<void> serve_tcp_client(Socket client, TcpRouter router, TcpSessionOptions options) {
    try {
        error_code ec;
        auto remote = client.remote_endpoint(ec);
        auto target = router(ec ? std::string() : remote.address().to_string());
        if (!target) co_return;
        auto executor = co_await asio::this_coro::executor;
        Socket upstream(executor);
        if (auto cec = co_await connect_to(upstream, *target, options.connect_timeout)) {
            spdlog::debug("lb: tcp to {}: {}", target->key(), cec.message());
            co_return;
        }
        client.set_option(tcp::no_delay(true), ec);
        // Both directions on this strand: one spawned, one run here; this frame (and so both
        // sockets) waits for the spawned one to end before it goes.
        auto done = std::make_shared<Timer>(executor, Timer::time_point::max());
        auto finished = std::make_shared<bool>(false);
        asio::co_spawn(executor, pump(upstream, client, options.idle_timeout),
                       [done, finished](std::exception_ptr) {
                           *finished = true;
                           done->cancel();
                       });
        co_await pump(client, upstream, options.idle_timeout);
        if (!*finished) {
            error_code ignored;
            co_await done->async_wait(asio::redirect_error(use_awaitable, ignored));
        }
    } catch (const std::exception& e) {
        spdlog::debug("lb: tcp connection ended: {}", e.what());
    }
}

}  // namespace berth::edge::lb
