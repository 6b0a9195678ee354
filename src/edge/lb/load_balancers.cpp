#include "berth/edge/load_balancers.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>

#include "acceptors.hpp"
#include "health_checker.hpp"
#include "http_proxy.hpp"
#include "request_url.hpp"
#include "router.hpp"
#include "tcp_proxy.hpp"

namespace berth::edge {

using namespace lb;

namespace {

constexpr std::chrono::seconds k_draining_period{1};
// How long a write waits for the data plane to bind the ports it asked for.
constexpr std::chrono::seconds k_bind_wait{2};

// Lets a store write wake the tick loop and wait until its listeners' ports are bound, so a
// CreateListener returns with its port accepting. Shared with the store's observer, which
// may outlive the data plane.
struct BindSync {
    std::mutex mutex;
    std::condition_variable bound;
    std::uint64_t synced = 0;             // the store version whose ports are bound
    std::function<void()> wake;           // empty while the data plane does not run
    std::function<bool()> on_own_thread;  // true on the data plane's I/O threads

    void observe(std::uint64_t version) {
        std::unique_lock lock(mutex);
        if (!wake) return;
        wake();
        // The data plane's own writes (health, draining) must not wait on its own loop.
        if (on_own_thread()) return;
        bound.wait_for(lock, k_bind_wait, [&] { return synced >= version || !wake; });
    }
    void done(std::uint64_t version) {
        {
            std::lock_guard lock(mutex);
            synced = std::max(synced, version);
        }
        bound.notify_all();
    }
};

// The ports the listeners need: HTTP and TCP ones (Berth terminates no TLS, and forwards no UDP).
std::set<unsigned short> wanted_ports(const model::LoadBalancerSnapshot& snapshot,
                                      const Router& router) {
    std::set<unsigned short> ports;
    for (const auto& [key, partition] : snapshot.partitions) {
        for (const auto& [arn, listener] : partition.listeners) {
            if (listener.protocol == model::ElbProtocol::http ||
                listener.protocol == model::ElbProtocol::tcp) {
                ports.insert(router.bound_port(listener.port));
            }
        }
    }
    return ports;
}

ProxyRequest to_proxy_request(http::Request&& in) {
    ProxyRequest out;
    out.version(11);
    auto verb = boost::beast::http::string_to_verb(in.method);
    if (verb == boost::beast::http::verb::unknown) {
        out.method_string(in.method);
    } else {
        out.method(verb);
    }
    out.target(in.target);
    for (const auto& [name, value] : in.headers) out.set(name, value);
    out.body() = std::move(in.body);
    return out;
}

http::Response to_http_response(ProxyResponse&& in) {
    http::Response out;
    out.status = static_cast<int>(in.result_int());
    out.content_type = str(in[boost::beast::http::field::content_type]);
    for (const auto& f : in) {
        if (f.name() == boost::beast::http::field::content_type ||
            f.name() == boost::beast::http::field::content_length) {
            continue;
        }
        out.headers[str(f.name_string())] = str(f.value());
    }
    // Berth's own Server header would otherwise stand in for the target's (or ELB's).
    if (!out.headers.count("Server")) out.headers["Server"] = "";
    out.body = std::move(in.body());
    return out;
}

}  // namespace

struct LoadBalancers::Impl {
    model::LoadBalancerStore& store;
    LoadBalancersOptions options;
    asio::io_context ioc;
    Router router;
    UpstreamPool pool;
    Acceptors acceptors;
    HealthChecker checker;
    asio::strand<asio::io_context::executor_type> strand;
    Timer ticker;
    std::shared_ptr<BindSync> bind_sync = std::make_shared<BindSync>();
    std::vector<std::thread> threads;
    std::atomic<bool> running{false};
    unsigned short main_port = 0;

    Impl(model::LoadBalancerStore& s, LoadBalancersOptions o)
        : store(s),
          options(std::move(o)),
          ioc(static_cast<int>(std::max<std::size_t>(options.threads, 1))),
          router(RouterOptions{options.port_map, options.instance_address}),
          acceptors(
              ioc, options.listen_host,
              [this](Socket socket, unsigned short port) { accept(std::move(socket), port); }),
          checker(ioc, store, router),
          strand(asio::make_strand(ioc)),
          ticker(strand) {}

    HttpRouter http_router_on(unsigned short port) {
        return [this, port](const ProxyRequest& request, const ClientInfo& client) -> Decision {
            auto snapshot = store.snapshot();
            auto host = host_without_port(sv(request[boost::beast::http::field::host]));
            auto view = router.listener_on_port(*snapshot, port, host);
            if (!view) return alb_error_page(503);
            return router.decide(*view, request, client);
        };
    }

    void accept(Socket socket, unsigned short port) {
        auto snapshot = store.snapshot();
        auto view = router.listener_on_port(*snapshot, port, "");
        if (!view) return;  // the listener went meanwhile: the socket closes
        auto executor = socket.get_executor();
        if (view->listener->protocol == model::ElbProtocol::tcp) {
            TcpRouter pick = [this, port](const std::string& client) -> std::optional<Endpoint> {
                auto snap = store.snapshot();
                auto v = router.listener_on_port(*snap, port, "");
                if (!v) return std::nullopt;
                return router.pick_tcp(*v, client);
            };
            asio::co_spawn(executor, serve_tcp_client(std::move(socket), std::move(pick), {}),
                           asio::detached);
            return;
        }
        HttpSessionOptions session;
        session.idle_timeout = std::chrono::seconds(60);
        asio::co_spawn(executor,
                       serve_http_client(std::move(socket), http_router_on(port), pool, session),
                       asio::detached);
    }

    Awaitable<void> tick_loop() {
        std::uint64_t seen = ~0ull;
        auto last_expiry = std::chrono::steady_clock::now();
        for (;;) {
            auto snapshot = store.snapshot();
            auto ports = wanted_ports(*snapshot, router);
            if (snapshot->version != seen || ports != acceptors.bound()) {
                acceptors.sync(ports);
                seen = snapshot->version;
            }
            bind_sync->done(snapshot->version);
            checker.tick(*snapshot);
            auto now = std::chrono::steady_clock::now();
            if (now - last_expiry >= k_draining_period) {
                store.expire_draining(model::Clock::now());
                last_expiry = now;
            }
            ticker.expires_after(options.tick);
            error_code ec;
            co_await ticker.async_wait(asio::redirect_error(use_awaitable, ec));
            if (!running) co_return;  // a cancel without stop is a store change: look again
        }
    }
};

LoadBalancers::LoadBalancers(model::LoadBalancerStore& store, LoadBalancersOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {
    store.on_change([sync = impl_->bind_sync](std::uint64_t version) { sync->observe(version); });
}

LoadBalancers::~LoadBalancers() {
    stop();
}

void LoadBalancers::start(unsigned short main_port) {
    if (impl_->running.exchange(true)) return;
    impl_->main_port = main_port;
    {
        std::lock_guard lock(impl_->bind_sync->mutex);
        impl_->bind_sync->wake = [impl = impl_.get()] {
            asio::post(impl->strand, [impl] { impl->ticker.cancel(); });
        };
        impl_->bind_sync->on_own_thread = [impl = impl_.get()] {
            return impl->ioc.get_executor().running_in_this_thread();
        };
    }
    asio::co_spawn(impl_->strand, impl_->tick_loop(), asio::detached);
    for (std::size_t i = 0; i < std::max<std::size_t>(impl_->options.threads, 1); ++i) {
        impl_->threads.emplace_back([this] {
            auto work = asio::make_work_guard(impl_->ioc);
            try {
                impl_->ioc.run();
            } catch (const std::exception& e) {
                spdlog::error("load balancers: I/O thread failed: {}", e.what());
            }
        });
    }
}

void LoadBalancers::stop() {
    if (!impl_->running.exchange(false)) return;
    {
        std::lock_guard lock(impl_->bind_sync->mutex);
        impl_->bind_sync->wake = nullptr;
        impl_->bind_sync->on_own_thread = nullptr;
    }
    impl_->bind_sync->bound.notify_all();
    impl_->ioc.stop();
    for (auto& t : impl_->threads) t.join();
    impl_->threads.clear();
    impl_->acceptors.close_all();  // no thread runs the io_context now
    impl_->pool.clear();
}

bool LoadBalancers::serves(const http::Request& request) const {
    if (!impl_->running || impl_->store.version() == 0) return false;
    auto host = host_without_port(request.header("host"));
    if (host.empty()) return false;
    auto snapshot = impl_->store.snapshot();
    return impl_->router.listener_by_dns(*snapshot, host).has_value();
}

http::Response LoadBalancers::handle(http::Request&& request) const {
    auto& impl = *impl_;
    ClientInfo client{request.remote_address, impl.main_port};
    auto host = std::string(host_without_port(request.header("host")));
    HttpRouter route = [&impl, host](const ProxyRequest& r, const ClientInfo& c) -> Decision {
        auto snapshot = impl.store.snapshot();
        auto view = impl.router.listener_by_dns(*snapshot, host);
        if (!view) return alb_error_page(503);
        return impl.router.decide(*view, r, c);
    };
    if (!impl.running) return to_http_response(lb_response(alb_error_page(503), 11));
    // The caller's thread waits: the main port's handlers are synchronous (docs/architecture.md).
    // The exchange's own link: its target connection goes back to the pool at the end.
    auto executor = asio::make_strand(impl.ioc);
    auto answer = asio::co_spawn(
        executor,
        [](ProxyRequest request, ClientInfo client, HttpRouter route, UpstreamPool& pool,
           Executor executor) -> Awaitable<ProxyResponse> {
            UpstreamLink link(pool, executor);
            co_return co_await answer_request(std::move(request), client, route, link);
        }(to_proxy_request(std::move(request)), client, route, impl.pool, executor),
        asio::use_future);
    return to_http_response(answer.get());
}

unsigned short LoadBalancers::bound_port(int listener_port) const {
    return impl_->router.bound_port(listener_port);
}

}  // namespace berth::edge
