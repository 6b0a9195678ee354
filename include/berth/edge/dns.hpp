#pragma once
// The DNS server task containers use as their resolver (edge/dns). It listens on UDP and TCP
// on one address (a Docker network's gateway, so containers on that network reach it),
// answers the names of Cloud Map's private DNS namespaces from the ServiceDiscoveryStore, and
// forwards every other question to the resolvers the engine would have given the containers
// (the host's /etc/resolv.conf), so public names still resolve. It reads no Docker state.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "berth/model/service_connect_names.hpp"
#include "berth/model/service_discovery.hpp"

namespace berth::edge {

struct DnsUpstream {
    std::string address;  // IPv4 or IPv6, no brackets
    unsigned short port = 53;

    bool operator==(const DnsUpstream&) const = default;
};

// "10.0.0.2", "10.0.0.2:5353", "::1", "[::1]:5353"; nullopt for anything else.
std::optional<DnsUpstream> parse_dns_upstream(const std::string& text);
// The nameservers of a resolv.conf text, in order.
std::vector<DnsUpstream> resolv_conf_nameservers(const std::string& text);
// The servers dockerd gives a container on the default bridge: the host's resolv.conf
// nameservers without the loopback ones (systemd-resolved's own file when /etc/resolv.conf
// names only its stub), else Google's public servers, as dockerd falls back to.
std::vector<DnsUpstream> engine_dns_upstreams(
    const std::string& resolv_conf = "/etc/resolv.conf",
    const std::string& systemd_resolv_conf = "/run/systemd/resolve/resolv.conf");

struct DnsServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 53;  // 0: any free port (the same for UDP and TCP)
    std::vector<DnsUpstream> upstreams;
    // How long one upstream has to answer before the next is asked (SERVFAIL after the last).
    std::chrono::milliseconds upstream_timeout{2000};
    // How long a TCP client may stay silent before it is disconnected.
    std::chrono::milliseconds tcp_idle_timeout{10'000};
    // The private DNS namespaces answered here (null: everything is forwarded). Must outlive
    // the server.
    const model::ServiceDiscoveryStore* names = nullptr;
    // ECS Service Connect's names (answered before the namespaces'); null: none. Must outlive
    // the server.
    const model::ServiceConnectNames* service_connect = nullptr;
};

// Thrown by DnsServer's constructor when the address or port cannot be bound.
struct DnsListenError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class DnsServer {
  public:
    // Binds UDP and TCP; throws DnsListenError when it cannot.
    explicit DnsServer(DnsServerOptions options);
    ~DnsServer();
    DnsServer(const DnsServer&) = delete;
    DnsServer& operator=(const DnsServer&) = delete;

    unsigned short port() const;
    // Serves until stop(); call on a thread of its own.
    void run();
    // Safe from any thread.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::edge
