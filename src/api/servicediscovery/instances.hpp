#pragma once
// Registering and deregistering instances: shared by RegisterInstance/DeregisterInstance and
// by ECS's service registries (which register tasks through the same rules).
#include <string>

#include "berth/model/service_discovery.hpp"

namespace berth::api::servicediscovery {

// Throws InvalidInput when `attributes` lack what the service's records need (AWS_INSTANCE_IPV4
// for A, AWS_INSTANCE_PORT with an address for SRV, ...).
void check_instance_attributes(const model::CloudMapService& s,
                               const model::Attributes& attributes);

// Adds or replaces the instance (its custom health from AWS_INIT_HEALTH_STATUS); returns the
// REGISTER_INSTANCE operation's id.
std::string put_instance(model::ServiceDiscoveryPartition& p, model::CloudMapService& s,
                         model::CloudMapInstance instance, model::TimePoint now);
// Throws InstanceNotFound; returns the DEREGISTER_INSTANCE operation's id.
std::string remove_instance(model::ServiceDiscoveryPartition& p, model::CloudMapService& s,
                            const std::string& id, model::TimePoint now);

}  // namespace berth::api::servicediscovery
