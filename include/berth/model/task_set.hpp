#pragma once
// A task set: the unit of tasks of a service with the EXTERNAL deployment controller
// (CreateTaskSet). Each runs one task definition with its own launch, network and load
// balancers, and keeps ceil(service desiredCount × scale / 100) tasks; the client moves traffic
// and scale between task sets, and ECS only keeps each at its count. Its id has a deployment's
// form (ecs-svc/…) and is its tasks' startedBy, so the scheduler links tasks to it as it links
// them to a deployment.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/names.hpp"
#include "berth/model/network.hpp"
#include "berth/model/service_links.hpp"

namespace berth::model {

enum class TaskSetStatus : std::uint8_t { primary, active, draining };
template <>
inline constexpr NameTable<TaskSetStatus, 3> k_names<TaskSetStatus>{{{
    {TaskSetStatus::primary, "PRIMARY"},
    {TaskSetStatus::active, "ACTIVE"},
    {TaskSetStatus::draining, "DRAINING"},
}}};

enum class StabilityStatus : std::uint8_t { steady_state, stabilizing };
template <>
inline constexpr NameTable<StabilityStatus, 2> k_names<StabilityStatus>{{{
    {StabilityStatus::steady_state, "STEADY_STATE"},
    {StabilityStatus::stabilizing, "STABILIZING"},
}}};

struct TaskSet {
    std::string id;  // "ecs-svc/" + 19 digits
    std::string arn;
    std::string external_id;
    TaskSetStatus status = TaskSetStatus::active;
    std::string task_definition_arn;
    double scale_percent = 0;  // Scale.value; the model's only unit is PERCENT
    int computed_desired_count = 0;
    int pending_count = 0;  // written back by the scheduler's plans, as a deployment's
    int running_count = 0;
    std::optional<LaunchType> launch_type;  // none when a capacity provider strategy decides
    nlohmann::json capacity_provider_strategy = nlohmann::json::array();
    std::string platform_version;
    std::optional<NetworkConfiguration> network_configuration;
    std::vector<LoadBalancer> load_balancers;
    std::vector<ServiceRegistry> service_registries;
    StabilityStatus stability_status = StabilityStatus::stabilizing;
    TimePoint stability_status_at;
    Tags tags;
    TimePoint created_at;
    TimePoint updated_at;
};

// What ECS documents: the service's desiredCount times the scale percentage, always rounded
// up. A hair of tolerance keeps 3 × 33.333…% from becoming 2 tasks.
inline int computed_desired_count(double scale_percent, int service_desired_count) {
    const double exact = service_desired_count * scale_percent / 100.0;
    return static_cast<int>(std::ceil(exact - 1e-9));
}

// A new count makes the set STABILIZING at once: a client polling right after UpdateTaskSet
// must not read the steady state of the count it just replaced.
inline void set_computed_desired_count(TaskSet& ts, int count, TimePoint now) {
    ts.updated_at = now;
    if (count == ts.computed_desired_count) return;
    ts.computed_desired_count = count;
    ts.stability_status = StabilityStatus::stabilizing;
    ts.stability_status_at = now;
}

}  // namespace berth::model
