#pragma once
// What Berth answers itself: the names of Cloud Map's private DNS namespaces, from the
// ServiceDiscoveryStore, as Route 53 answers them. A name in a private namespace is always
// answered here (authoritatively, NXDOMAIN or NODATA when there is no record), never
// forwarded; any other name is left to the forwarder.
#include <optional>
#include <random>

#include "berth/model/service_connect_names.hpp"
#include "berth/model/service_discovery.hpp"
#include "message.hpp"

namespace berth::edge::dns {

// The answer to a one-question query, or nullopt when no private namespace holds its name.
// Multivalue services answer with up to eight of their records in a random order, weighted
// ones with one record at random (Route 53's routing policies); TTLs are the DnsConfig's, and
// negative answers carry the namespace's SOA with its TTL (RFC 2308).
std::optional<Message> answer_from(const model::ServiceDiscoveryStore& names, const Message& query,
                                   std::mt19937& rng);

// Service Connect's names (client aliases, discovery names), answered A with the serving
// tasks' addresses in a random order; nullopt when no Service Connect service has the name.
// The TTL is short because tasks come and go and no proxy hides that.
inline constexpr std::uint32_t k_service_connect_ttl = 5;
std::optional<Message> answer_service_connect(const model::ServiceConnectNames& names,
                                              const Message& query, std::mt19937& rng);

}  // namespace berth::edge::dns
