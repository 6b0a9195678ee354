#include "dns_listeners.hpp"

#include <spdlog/spdlog.h>

namespace berth::app {

namespace {

std::unique_ptr<edge::DnsServer> bind_dns(const model::ServiceDiscoveryStore& names,
                                          const model::ServiceConnectNames& service_connect,
                                          const std::vector<edge::DnsUpstream>& upstreams,
                                          const std::string& address) {
    edge::DnsServerOptions options;
    options.address = address;
    options.port = 53;
    options.upstreams = upstreams;
    options.names = &names;
    options.service_connect = &service_connect;
    try {
        auto server = std::make_unique<edge::DnsServer>(std::move(options));
        spdlog::info("task DNS listening on {}:53", address);
        return server;
    } catch (const edge::DnsListenError& e) {
        spdlog::warn(
            "task DNS: {}; tasks on that network keep Docker's resolver and cannot resolve "
            "Cloud Map's private names",
            e.what());
        return nullptr;
    }
}

}  // namespace

DnsListeners::DnsListeners(const model::ServiceDiscoveryStore& names,
                           const model::ServiceConnectNames& service_connect,
                           std::vector<edge::DnsUpstream> upstreams)
    : AddressListeners(
          [&names, &service_connect, upstreams = std::move(upstreams)](const std::string& address) {
              return bind_dns(names, service_connect, upstreams, address);
          }) {}

}  // namespace berth::app
