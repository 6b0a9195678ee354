#pragma once
// Decides, from the store's snapshot, where each request or connection goes: which listener a
// port (and Host) reaches, which rule and action take a request, which group and target. It
// holds no lock while anything is forwarded: the snapshot is immutable, and the decision copies
// out what the forwarding needs.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "berth/model/load_balancers.hpp"
#include "http_proxy.hpp"
#include "tcp_proxy.hpp"

namespace berth::edge::lb {

struct ListenerView {
    const model::LoadBalancerPartition* partition = nullptr;
    const model::ElbLoadBalancer* load_balancer = nullptr;
    const model::Listener* listener = nullptr;
};

struct RouterOptions {
    // Listener port → the port bound for it on the host (--lb-port-map); others bind as is.
    std::map<int, unsigned short> port_map;
    // Where an instance target (an EC2 instance id) is reached: Berth's container instances
    // are Docker engines, whose published ports are on the host.
    std::function<std::string(const std::string& instance_id)> instance_address;
};

class Router {
  public:
    explicit Router(RouterOptions options);

    unsigned short bound_port(int listener_port) const;
    // The listener that a connection on bound port `port` reaches: the one whose load
    // balancer's DNSName is `host` when several share the port, else the oldest.
    std::optional<ListenerView> listener_on_port(const model::LoadBalancerSnapshot& snapshot,
                                                 unsigned short port, std::string_view host) const;
    // The HTTP listener of the load balancer whose DNSName is `host` (the Host route on Berth's
    // main port); the lowest port when it has several.
    std::optional<ListenerView> listener_by_dns(const model::LoadBalancerSnapshot& snapshot,
                                                std::string_view host) const;

    Decision decide(const ListenerView& view, const ProxyRequest& request,
                    const ClientInfo& client);
    std::optional<Endpoint> pick_tcp(const ListenerView& view, const std::string& client_address);
    // Where a target is reached (an instance's address, or the target's IP) at its port.
    Endpoint endpoint_of(const model::TargetGroup& group, const model::Target& target) const;

  private:
    // The next index of a round robin over `n` targets of a group.
    std::size_t next(const std::string& group_arn, std::size_t n);
    Decision forward(const ListenerView& view, const model::ForwardAction& action,
                     const ProxyRequest& request);

    RouterOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::uint64_t> turns_;  // round robin, by group ARN
};

}  // namespace berth::edge::lb
