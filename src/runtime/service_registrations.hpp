#pragma once
// ECS service registries, the pure part: which Cloud Map instances the ECS services' RUNNING
// tasks should be (desired), and what to change in the ServiceDiscoveryStore to get there
// from the instances ECS registered before (actual). No I/O, no clock; tested with tables.
#include <string>
#include <vector>

#include "berth/model/service_connect_names.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/store.hpp"

namespace berth::runtime {

// One task as a Cloud Map instance of the registry's service.
struct RegisteredInstance {
    model::PartitionKey key;  // the Cloud Map service's partition (from its ARN)
    std::string service_id;   // srv-...
    std::string instance_id;  // the task id, as ECS registers it
    model::Attributes attributes;
    model::HealthStatus health = model::HealthStatus::healthy;

    bool operator==(const RegisteredInstance&) const = default;
};

struct RegistrationOptions {
    // AWS_INSTANCE_IPV4 of bridge and host tasks: the address at which other containers reach
    // the host's published ports (Docker's default bridge gateway).
    std::string host_ipv4 = "172.17.0.1";
};

// The instances `p`'s services with serviceRegistries want: one per RUNNING task, with ECS's
// attributes (AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT for SRV, AVAILABILITY_ZONE, REGION,
// ECS_CLUSTER_NAME, ECS_SERVICE_NAME, ECS_TASK_DEFINITION_FAMILY, AWS_INIT_HEALTH_STATUS).
// A task without an address yet is left out until it has one.
std::vector<RegisteredInstance> desired_instances(const model::Partition& p,
                                                  const RegistrationOptions& options = {});

// The names ECS Service Connect gives `p`'s services' RUNNING tasks: each endpoint's discovery
// name, and each client alias whose port is the one the task is reached on (the named port
// mapping's container port for awsvpc, its host port for bridge), to the addresses of the tasks
// that are not UNHEALTHY.
// Berth runs no proxy, so an alias on another port has no address (docs/fidelity.md).
model::ServiceConnectNameTable service_connect_names(const model::Partition& p,
                                                     const RegistrationOptions& options = {});

// Whether an instance was registered by ECS (it carries ECS's cluster and service attributes):
// only those are ever deregistered by the registrar.
bool registered_by_ecs(const model::CloudMapInstance& instance);

struct RegistrationPlan {
    std::vector<RegisteredInstance> put;     // new, or their attributes changed
    std::vector<RegisteredInstance> health;  // only their custom health changed
    std::vector<RegisteredInstance> remove;  // their task stopped (or left the service)
};

RegistrationPlan plan_registrations(const std::vector<RegisteredInstance>& desired,
                                    const std::vector<RegisteredInstance>& actual);

}  // namespace berth::runtime
