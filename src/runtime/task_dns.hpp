#pragma once
// Which resolver a task's containers get (RuntimeOptions::dns_on): Berth's DNS server on the
// gateway of the Docker network they are created on, found by inspecting that network (the
// default bridge for bridge tasks, the awsvpc network for sandboxes). Docker calls: never with
// the Store's lock held.
#include <optional>
#include <string>

#include "berth/docker/types.hpp"
#include "context.hpp"

namespace berth::runtime {

// The IPv4 gateway of a network: its IPAM Gateway, else the first address of its subnet, which
// Docker's IPAM gives the bridge when none is configured (the default bridge's inspect names
// only its Subnet); nullopt when neither is IPv4.
std::optional<std::string> gateway_of(const docker::NetworkInfo& network);

// The address to put in HostConfig.Dns for containers on `network`; nullopt when the option
// is off, the engine is remote (its gateways are not this host's), the network has no IPv4
// gateway, or Berth's server cannot listen there.
std::optional<std::string> task_resolver(const Context& ctx, Engine& engine,
                                         const std::string& network);

}  // namespace berth::runtime
