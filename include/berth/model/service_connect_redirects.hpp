#pragma once
// Service Connect client aliases whose port is not the one the task listens on. ECS's proxy
// forwards them; Berth, which runs no proxy, redirects the alias port to the named port
// mapping's containerPort inside an awsvpc task's network namespace (the runtime does it).
#include <vector>

#include "berth/model/service_links.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::model {

// TCP `alias_port` arriving at the task goes to `container_port`.
struct PortRedirect {
    int alias_port = 0;
    int container_port = 0;
    bool operator==(const PortRedirect&) const = default;
};

// The redirects an awsvpc task of a service with these endpoints needs, without duplicates;
// none for other network modes (bridge aliases are reached at the host port Docker binds).
std::vector<PortRedirect> service_connect_redirects(
    const std::vector<ServiceConnectEndpoint>& endpoints, const TaskDefinitionBody& td);

// Whether a client calling an alias at `alias_port` reaches a task reached on `port`: the same
// port, or one of the task's `redirects` takes it there.
bool alias_reaches(const std::vector<PortRedirect>& redirects, int alias_port, int port);

// The first port mapping named `port_name` (names are Service Connect's portName); null when
// none.
const PortMapping* find_port_mapping(const TaskDefinitionBody& td, const std::string& port_name);
// The containerPort of the port mapping named `port_name`; 0 when none (or a port range).
int named_container_port(const TaskDefinitionBody& td, const std::string& port_name);

}  // namespace berth::model
