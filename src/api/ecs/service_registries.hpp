#pragma once
// CreateService's (and CreateTaskSet's) `serviceRegistries` checked as ECS checks them: at most
// one, naming an existing Cloud Map service, with containerName/containerPort or port exactly when
// the Cloud Map service has SRV records (containerName and containerPort for bridge and host).
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/service.hpp"
#include "berth/model/store.hpp"

namespace berth::api::ecs {

// Throws InvalidParameterException. Reads the ServiceDiscoveryStore (when the environment has
// one) under its own lock, nested inside the Store's: nothing takes them the other way round.
// `registries` are a service's (CreateService) or a task set's (CreateTaskSet), whose tasks run
// `task_definition_arn`.
void check_service_registries(const Environment& env,
                              const std::vector<model::ServiceRegistry>& registries,
                              const std::string& task_definition_arn, const model::Partition& p);

}  // namespace berth::api::ecs
