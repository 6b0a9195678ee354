#include "berth/model/service_connect_redirects.hpp"

#include <algorithm>

namespace berth::model {

const PortMapping* find_port_mapping(const TaskDefinitionBody& td, const std::string& port_name) {
    for (const auto& c : td.containers) {
        for (const auto& pm : c.port_mappings) {
            if (pm.name == port_name) return &pm;
        }
    }
    return nullptr;
}

int named_container_port(const TaskDefinitionBody& td, const std::string& port_name) {
    const auto* pm = find_port_mapping(td, port_name);
    return pm ? pm->container_port.value_or(0) : 0;
}

std::vector<PortRedirect> service_connect_redirects(
    const std::vector<ServiceConnectEndpoint>& endpoints, const TaskDefinitionBody& td) {
    std::vector<PortRedirect> out;
    if (td.network_mode_or_default() != NetworkMode::awsvpc) return out;
    for (const auto& e : endpoints) {
        const int port = named_container_port(td, e.port_name);
        if (port == 0) continue;
        for (const auto& a : e.aliases) {
            const PortRedirect r{a.port, port};
            // An alias port goes to one place; the first endpoint naming it wins.
            const bool taken = std::any_of(out.begin(), out.end(), [&](const PortRedirect& o) {
                return o.alias_port == r.alias_port;
            });
            if (a.port != port && a.port > 0 && !taken) out.push_back(r);
        }
    }
    return out;
}

bool alias_reaches(const std::vector<PortRedirect>& redirects, int alias_port, int port) {
    const PortRedirect r{alias_port, port};
    return alias_port == port ||
           std::find(redirects.begin(), redirects.end(), r) != redirects.end();
}

}  // namespace berth::model
