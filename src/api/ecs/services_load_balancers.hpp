#pragma once
// CreateService and UpdateService check a service's loadBalancers as ECS does: each target
// group exists in the request's partition and is attached to a load balancer, its target type
// fits the task definition's network mode (awsvpc: ip; bridge and host: instance), the
// container and containerPort are in the task definition's port mappings, at most five target
// groups, and no Classic Load Balancer (Berth serves none, so ECS's "does not exist").
#include <string>
#include <vector>

#include "api/ecs/target_group_facts.hpp"
#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/service_links.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::api::ecs {

// The target groups the request's loadBalancers name, and those of `current` (UpdateService:
// the service's own, checked again against a new task definition).
TargetGroupFactsByArn read_target_groups(const Environment& env, const model::PartitionKey& key,
                                         const nlohmann::json& input,
                                         const std::vector<model::LoadBalancer>& current = {});

// Throws InvalidParameterException with ECS's text.
void check_load_balancers(const std::vector<model::LoadBalancer>& load_balancers,
                          const TargetGroupFactsByArn& target_groups,
                          const model::TaskDefinitionBody& task_definition);

}  // namespace berth::api::ecs
