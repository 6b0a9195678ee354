#include "network_bindings.hpp"

namespace berth::runtime {

using nlohmann::json;

namespace {

bool is_ipv6(const std::string& host_ip) { return host_ip.find(':') != std::string::npos; }

}  // namespace

json bindings_from_inspect(const json& raw) {
    json out = json::array();
    auto settings = raw.find("NetworkSettings");
    if (settings == raw.end() || !settings->is_object()) return out;
    auto ports = settings->find("Ports");
    if (ports == settings->end() || !ports->is_object()) return out;
    for (const auto& [key, hosts] : ports->items()) {
        if (!hosts.is_array()) continue;
        auto slash = key.find('/');
        int container_port = std::stoi(key.substr(0, slash));
        auto protocol = slash == std::string::npos ? "tcp" : key.substr(slash + 1);
        for (const auto& h : hosts) {
            auto host_ip = h.value("HostIp", "0.0.0.0");
            if (is_ipv6(host_ip)) continue;
            out.push_back({{"bindIP", host_ip.empty() ? "0.0.0.0" : host_ip},
                           {"containerPort", container_port},
                           {"hostPort", std::stoi(h.value("HostPort", "0"))},
                           {"protocol", protocol}});
        }
    }
    return out;
}

json host_mode_bindings(const model::ContainerDefinition* def) {
    json out = json::array();
    if (!def) return out;
    for (const auto& pm : def->port_mappings) {
        if (!pm.container_port) continue;
        int port = *pm.container_port;
        out.push_back({{"bindIP", "0.0.0.0"},
                       {"containerPort", port},
                       {"hostPort", pm.host_port.value_or(port)},
                       {"protocol", pm.protocol}});
    }
    return out;
}

}  // namespace berth::runtime
