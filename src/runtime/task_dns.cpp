#include "task_dns.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/ip/network_v4.hpp>

namespace berth::runtime {

std::optional<std::string> gateway_of(const docker::NetworkInfo& network) {
    namespace ip = boost::asio::ip;
    boost::system::error_code ec;
    if (!network.gateway.empty()) {
        auto address = ip::make_address_v4(network.gateway, ec);
        if (!ec) return address.to_string();
    }
    auto subnet = ip::make_network_v4(network.subnet, ec);
    if (ec || subnet.prefix_length() > 30) return std::nullopt;
    return ip::address_v4(subnet.network().to_uint() + 1).to_string();
}

std::optional<std::string> task_resolver(const Context& ctx, Engine& engine,
                                         const std::string& network) {
    const auto& dns_on = ctx.options.dns_on;
    if (!dns_on || network.empty() || !engine.client().host().is_unix()) return std::nullopt;
    std::optional<docker::NetworkInfo> info;
    try {
        info = engine.client().network_inspect(network);
    } catch (const docker::DockerError& e) {
        // The create that follows meets the same engine and reports it; DNS is not the cause.
        spdlog::debug("task DNS: cannot inspect network {}: {}", network, e.what());
        return std::nullopt;
    }
    auto gateway = info ? gateway_of(*info) : std::nullopt;
    if (!gateway) return std::nullopt;
    return dns_on(*gateway);
}

}  // namespace berth::runtime
