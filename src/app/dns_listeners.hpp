#pragma once
// The resolvers task containers are given (HostConfig.Dns): an edge::DnsServer on port 53 of
// each Docker network's gateway the runtime asks for (resolv.conf names no port, so it must be
// 53, which needs root). It answers ECS Service Connect's names and Cloud Map's private DNS
// names, and forwards the rest. Bound
// on first use, stopped at stop.
#include <vector>

#include "address_listeners.hpp"
#include "berth/edge/dns.hpp"

namespace berth::app {

class DnsListeners : public AddressListeners<edge::DnsServer> {
  public:
    // `names` and `service_connect` must outlive the listeners.
    DnsListeners(const model::ServiceDiscoveryStore& names,
                 const model::ServiceConnectNames& service_connect,
                 std::vector<edge::DnsUpstream> upstreams);
};

}  // namespace berth::app
