#include "edge_listeners.hpp"

#include <spdlog/spdlog.h>

namespace berth::app {

namespace {

std::unique_ptr<http::Server> bind_http(const http::Handler& handler, unsigned short port,
                                        const std::string& address) {
    http::ServerOptions options;
    options.host = address;
    options.port = port;
    options.threads = 1;  // metadata and credential requests are few and short
    try {
        auto server = std::make_unique<http::Server>(options, handler);
        spdlog::info("task endpoints listening on {}:{}", address, server->port());
        return server;
    } catch (const http::ListenError& e) {
        spdlog::warn("task endpoints: {}; tasks on that network cannot reach Berth", e.what());
        return nullptr;
    }
}

}  // namespace

EdgeListeners::EdgeListeners(http::Handler handler, unsigned short port)
    : AddressListeners([handler = std::move(handler), port](const std::string& address) {
          return bind_http(handler, port, address);
      }) {}

}  // namespace berth::app
