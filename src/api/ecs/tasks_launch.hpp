#pragma once
// The checks and choices RunTask, StartTask and the service operations share: which task
// definition may run, how a launch type or capacity provider strategy resolves, and which
// network configuration and overrides a task definition accepts. Each throws as ECS does.
// They read the typed request (tasks_request.hpp) or the typed members of a service.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/ecs/tasks_request.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_factory.hpp"

namespace berth::api::ecs {

// The task definition `ref` names: it must exist ("TaskDefinition not found.") and be ACTIVE
// ("TaskDefinition is inactive").
const model::TaskDefinition& runnable_task_definition(const model::Partition& p,
                                                      const TaskDefinitionRef& ref);
// The same for input["taskDefinition"].
const model::TaskDefinition& runnable_task_definition(const model::Partition& p,
                                                      const nlohmann::json& input);

// Launch type and capacity provider of each of `count` tasks, from launchType, or
// capacityProviderStrategy, or the cluster's default strategy, or EC2.
struct LaunchTarget {
    model::LaunchType launch_type = model::LaunchType::ec2;
    std::string capacity_provider;  // "" when launched by launch type
};
std::vector<LaunchTarget> launch_targets(const LaunchChoice& choice, const model::Cluster& cluster,
                                         std::size_t count);

// Throws unless the task definition's compatibilities include `launch_type`.
void check_compatibility(const model::TaskDefinition& td, model::LaunchType launch_type);
// The networkConfiguration rules of the task definition's network mode.
void check_network(const model::TaskDefinition& td,
                   const std::optional<model::NetworkConfiguration>& network,
                   model::LaunchType launch_type);
// Every container override names a container of the task definition.
void check_overrides(const model::TaskDefinition& td, const TaskOverrides& overrides);
// RunTask: all of the above for the targets chosen, the platform version and the placement.
void check_launch(const model::TaskDefinition& td, const LaunchRequest& request,
                  const std::vector<LaunchTarget>& targets);

// The TaskLaunch fields every task of one request shares (no placement, no index).
model::TaskLaunch launch_template(const LaunchRequest& request, const model::TaskDefinition& td,
                                  model::TimePoint now);

}  // namespace berth::api::ecs
