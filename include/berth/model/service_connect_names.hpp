#pragma once
// The names ECS Service Connect gives clients (each client alias's dnsName and each discovery
// name) and the IPv4 addresses that answer them: what Berth's task DNS (edge/dns) answers in
// place of the Service Connect proxy ECS runs in every task. The service registrar rewrites
// the whole table from the Store on each turn; its own mutex, so the DNS server never takes
// the Store's lock.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::model {

// By normalize_dns_name(name): the addresses, in the order the registrar found them.
using ServiceConnectNameTable = std::map<std::string, std::vector<std::string>>;

class ServiceConnectNames {
  public:
    // Replaces every name; returns whether anything changed.
    bool replace(ServiceConnectNameTable names);
    // The addresses of `fqdn` (case-insensitive, trailing dot optional); nullopt when no
    // Service Connect service answers to it.
    std::optional<std::vector<std::string>> lookup(std::string_view fqdn) const;

  private:
    mutable std::mutex mutex_;
    ServiceConnectNameTable names_;
};

}  // namespace berth::model
