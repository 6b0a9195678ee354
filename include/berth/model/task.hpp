#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/common.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/network.hpp"
#include "berth/model/statuses.hpp"
#include "berth/model/task_status.hpp"
#include "berth/model/task_targets.hpp"

namespace berth::model {

struct TaskContainer {
    std::string name;
    std::string arn;
    std::string image;
    std::string image_digest;
    std::string runtime_id;  // Docker container id, once created
    // As the ECS agent keeps them; the API shows PENDING | RUNNING | STOPPED (api_name).
    ContainerStatus known_status = ContainerStatus::none;
    ContainerStatus desired_status = ContainerStatus::running;
    std::optional<int> exit_code;
    std::string reason;
    bool essential = true;
    HealthStatus health = HealthStatus::unknown;
    bool has_health_check = false;
    nlohmann::json network_bindings = nlohmann::json::array();
    nlohmann::json network_interfaces = nlohmann::json::array();
    std::string cpu;            // as ECS reports it: a string
    std::optional<int> memory;  // hard limit MiB
    std::optional<int> memory_reservation;
    // The GPUs of its container instance placement pinned to it (ECS's gpuIds), for its
    // resourceRequirements of type GPU.
    std::vector<std::string> gpu_ids;
};

// What placement gives one task: container name → the GPU ids pinned to it.
using GpuAssignment = std::map<std::string, std::vector<std::string>>;

struct Task {
    std::string arn;
    std::string id;
    std::string cluster_name;
    std::string cluster_arn;
    std::string task_definition_arn;
    std::string family;
    int revision = 0;
    LaunchType launch_type = LaunchType::ec2;
    std::string capacity_provider_name;
    std::string platform_version;        // FARGATE only
    std::string container_instance_arn;  // empty for FARGATE
    TaskStatus last_status = TaskStatus::provisioning;
    TaskStatus desired_status = TaskStatus::running;
    HealthStatus health = HealthStatus::unknown;
    std::string started_by;
    std::string group;
    std::string service_name;             // set when a service owns the task
    std::string deployment_id;            // the service deployment that started it
    StopCode stop_code = StopCode::none;  // none until the task is stopping; never written
    std::string stopped_reason;
    std::string cpu;  // task-level, as in the task definition (after overrides)
    std::string memory;
    nlohmann::json overrides = nlohmann::json::object();
    nlohmann::json attachments = nlohmann::json::array();
    std::optional<AwsVpcConfiguration> network_configuration;  // awsvpc tasks: as requested
    std::vector<TaskContainer> containers;
    // A service task's target groups (task_targets.hpp); empty for tasks of services without
    // load balancers and for RunTask's.
    std::vector<TaskTarget> targets;
    Tags tags;
    bool enable_execute_command = false;
    std::string connectivity;  // "" until CONNECTED
    std::string availability_zone;
    std::string platform_family;                          // "Linux" for FARGATE
    nlohmann::json attributes = nlohmann::json::array();  // [{name, value}]
    nlohmann::json ephemeral_storage;                     // {sizeInGiB}, FARGATE only
    TimePoint created_at;
    std::optional<TimePoint> pull_started_at, pull_stopped_at, started_at, connectivity_at,
        stopping_at, execution_stopped_at, stopped_at;
    // Task scale-in protection (UpdateTaskProtection): set while it is on, to when it expires.
    // Reading it needs the time (model::is_protected): it lapses without anyone turning it off.
    std::optional<TimePoint> protected_until;
    std::uint64_t version = 1;  // bumped on every change, as ECS's task version
    std::uint64_t seq = 0;
    // Runtime bookkeeping (not part of the API): the pause container of an awsvpc task.
    std::string sandbox_id;
    // Runtime bookkeeping: the stopped task's containers and task-scoped volumes are removed.
    bool resources_released = false;
};

// Asks the runtime to stop the task (StopTask, the scheduler, a deregistered instance): desired
// STOPPED with this code and reason. A task already asked keeps its first code and reason;
// false then.
inline bool request_stop(Task& t, StopCode code, std::string reason, TimePoint now) {
    if (t.desired_status == TaskStatus::stopped) return false;
    t.desired_status = TaskStatus::stopped;
    t.stop_code = code;
    t.stopped_reason = std::move(reason);
    if (!t.stopping_at) t.stopping_at = now;
    ++t.version;
    return true;
}

}  // namespace berth::model
