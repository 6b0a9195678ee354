#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/network.hpp"
#include "berth/model/placement.hpp"
#include "berth/model/service_config.hpp"
#include "berth/model/service_links.hpp"
#include "berth/model/statuses.hpp"
#include "berth/model/task_set.hpp"

namespace berth::model {

struct Deployment {
    std::string id;  // "ecs-svc/" + 19 digits
    DeploymentStatus status = DeploymentStatus::primary;
    std::string task_definition_arn;
    int desired_count = 0;
    int pending_count = 0;
    int running_count = 0;
    int failed_tasks = 0;
    std::optional<LaunchType> launch_type;  // none when a capacity provider strategy decides
    nlohmann::json capacity_provider_strategy = nlohmann::json::array();
    std::string platform_version;
    std::optional<NetworkConfiguration> network_configuration;
    // The service's Service Connect configuration and resources when the deployment began.
    std::optional<ServiceConnectConfiguration> service_connect_configuration;
    std::vector<ServiceConnectEndpoint> service_connect_endpoints;
    RolloutState rollout_state = RolloutState::in_progress;
    std::string rollout_state_reason;
    // Set on the deployment a circuit-breaker rollback creates: the failed deployment's id.
    std::string rollback_of;
    TimePoint created_at;
    TimePoint updated_at;
};

struct ServiceEvent {
    std::string id;
    TimePoint created_at;
    std::string message;
};

struct Service {
    std::string arn;
    std::string name;
    std::string cluster_name;
    std::string cluster_arn;
    ServiceStatus status = ServiceStatus::active;
    std::string task_definition_arn;
    int desired_count = 0;
    int running_count = 0;  // written back by the scheduler's plans (scheduler::ServiceCounts)
    int pending_count = 0;
    std::optional<LaunchType> launch_type;  // none when a capacity provider strategy decides
    SchedulingStrategy scheduling_strategy = SchedulingStrategy::replica;
    std::string platform_version;
    nlohmann::json capacity_provider_strategy = nlohmann::json::array();
    DeploymentConfiguration deployment_configuration;  // ECS's defaults filled in
    DeploymentControllerType deployment_controller = DeploymentControllerType::ecs;
    std::optional<NetworkConfiguration> network_configuration;
    std::vector<LoadBalancer> load_balancers;
    std::vector<ServiceRegistry> service_registries;
    std::optional<ServiceConnectConfiguration> service_connect_configuration;
    // Resolved from it at CreateService / UpdateService (api/ecs/service_connect): the Cloud
    // Map namespace's ARN (empty when Service Connect is off) and the endpoints.
    std::string service_connect_namespace_arn;
    std::vector<ServiceConnectEndpoint> service_connect_endpoints;
    std::vector<PlacementConstraint> placement_constraints;
    std::vector<PlacementStrategy> placement_strategy;
    std::optional<int> health_check_grace_period_seconds;
    PropagateTags propagate_tags = PropagateTags::none_given;
    bool enable_ecs_managed_tags = false;
    bool enable_execute_command = false;
    std::string role_arn;
    std::string created_by;
    Tags tags;
    std::vector<Deployment> deployments;  // PRIMARY first; none under an EXTERNAL controller
    std::vector<TaskSet> task_sets;       // EXTERNAL controller only, oldest first
    std::deque<ServiceEvent> events;      // newest first, capped
    TimePoint created_at;
    std::uint64_t seq = 0;
};

// The task set (EXTERNAL controller) whose id is `id`, which is also its tasks' deployment id;
// nullptr when the service has none such.
template <class S>
requires std::is_same_v<std::remove_const_t<S>, Service>
auto* find_task_set(S& s, std::string_view id) {
    auto it = std::find_if(s.task_sets.begin(), s.task_sets.end(),
                           [&](const TaskSet& ts) { return ts.id == id; });
    return it == s.task_sets.end() ? nullptr : &*it;
}

}  // namespace berth::model
