#include "edge_listeners.hpp"

#include <spdlog/spdlog.h>

namespace berth::app {

EdgeListeners::EdgeListeners(http::Handler handler, unsigned short port)
    : handler_(std::move(handler)), port_(port) {}

EdgeListeners::~EdgeListeners() {
    stop();
}

std::optional<unsigned short> EdgeListeners::listen_on(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (stopped_) return std::nullopt;
    auto it = listeners_.find(address);
    if (it == listeners_.end()) {
        Listener l;
        http::ServerOptions options;
        options.host = address;
        options.port = port_;
        options.threads = 1;  // metadata and credential requests are few and short
        try {
            l.server = std::make_unique<http::Server>(options, handler_);
            l.thread = std::thread([s = l.server.get()] { s->run(); });
            spdlog::info("task endpoints listening on {}:{}", address, l.server->port());
        } catch (const http::ListenError& e) {
            spdlog::warn("task endpoints: {}; tasks on that network cannot reach Berth", e.what());
        }
        it = listeners_.emplace(address, std::move(l)).first;
    }
    if (!it->second.server) return std::nullopt;
    return it->second.server->port();
}

void EdgeListeners::stop() {
    std::map<std::string, Listener> listeners;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        listeners.swap(listeners_);
    }
    for (auto& [address, l] : listeners) {
        if (!l.server) continue;
        l.server->stop();
        if (l.thread.joinable()) l.thread.join();
    }
}

}  // namespace berth::app
