// A started container's ports as ECS networkBindings.
#pragma once

#include <nlohmann/json.hpp>

#include "berth/model/task_definition.hpp"

namespace berth::runtime {

// Docker's NetworkSettings.Ports → networkBindings, IPv4 bindings only. The agent leaves the
// IPv6 ones out by default (ECS_EXCLUDE_IPV6_PORTBINDING), and Docker 20.10 may give a dynamic
// port a different number on "::" than on 0.0.0.0, so a task would show two host ports.
nlohmann::json bindings_from_inspect(const nlohmann::json& raw);

// In host mode the container's ports are the host's.
nlohmann::json host_mode_bindings(const model::ContainerDefinition* def);

}  // namespace berth::runtime
