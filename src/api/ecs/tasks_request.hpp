#pragma once
// RunTask and StartTask requests, read once where they enter into the typed values the
// handlers work on. Inputs are already validated against the model's shapes; what is read
// here is ECS's own rules that need no Store (count, tags), the rest is checked against the
// cluster and the task definition later (tasks_launch.hpp).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/ecs/resolve.hpp"
#include "berth/model/common.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/network.hpp"
#include "berth/model/placement.hpp"

namespace berth::api::ecs {

struct CapacityProviderItem {
    std::string provider;
    int weight = 0;
    int base = 0;
};
// A CapacityProviderStrategy list (a request's, or a cluster's default); null reads as empty.
std::vector<CapacityProviderItem> read_capacity_provider_strategy(const nlohmann::json& strategy);

// How the tasks of a request are to be launched: by launch type, by capacity provider
// strategy (an empty one: the cluster's default), and on which platform version.
struct LaunchChoice {
    std::optional<model::LaunchType> launch_type;
    std::vector<CapacityProviderItem> strategy;
    std::optional<std::string> platform_version;
};
LaunchChoice read_launch_choice(const nlohmann::json& input);

struct TaskOverrides {
    std::vector<std::string> container_names;  // of each containerOverrides item ("" if none)
    nlohmann::json doc;                        // as sent (null when absent): kept on the task
};
TaskOverrides read_overrides(const nlohmann::json& input);

// One RunTask or StartTask request.
struct LaunchRequest {
    std::string cluster;
    TaskDefinitionRef task_definition;
    std::size_t count = 1;  // RunTask; StartTask starts one per container instance
    std::vector<std::string> container_instances;  // StartTask: where, as sent
    LaunchChoice launch;
    std::optional<model::NetworkConfiguration> network;  // none when not given
    TaskOverrides overrides;
    model::Placement placement;
    model::Tags tags;
    std::optional<std::string> started_by;
    std::optional<std::string> group;
    std::optional<std::string> client_token;
    model::PropagateTags propagate_tags = model::PropagateTags::none_given;
    bool enable_ecs_managed_tags = false;
    bool enable_execute_command = false;
};

LaunchRequest read_run_task(const model::PartitionKey& partition, const nlohmann::json& input);
LaunchRequest read_start_task(const model::PartitionKey& partition, const nlohmann::json& input);

}  // namespace berth::api::ecs
