#pragma once
// CreateService's and UpdateService's `serviceConnectConfiguration` checked as ECS checks it,
// then resolved: the namespace (by name or ARN, else the cluster's serviceConnectDefaults)
// found in Cloud Map, each service's portName matched to a named port mapping of the task
// definition, discoveryName and dnsName defaulted, and the Cloud Map service ECS creates for
// each discovery name made (or reused) in the namespace. Members Berth does not act on are
// logged as a warning (docs/fidelity.md lists them).
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/service.hpp"
#include "berth/model/store.hpp"

namespace berth::api::ecs {

// Fills service.service_connect_endpoints (empty when Service Connect is off). Throws
// InvalidParameterException or NamespaceNotFoundException before it changes anything. Writes
// the ServiceDiscoveryStore under its own lock, nested inside the Store's, as
// check_service_registries reads it.
void resolve_service_connect(const Environment& env, model::Service& service,
                             const model::Partition& p, const model::Cluster& cluster);

// The ARN of the Cloud Map namespace `ref` names (a name or an ARN); empty when none.
std::string service_connect_namespace_arn(const Environment& env, const model::PartitionKey& key,
                                          const std::string& ref);

}  // namespace berth::api::ecs
