#pragma once
// The Task record a launch creates, built in one place so that RunTask, StartTask and the
// service scheduler's applier store identical tasks. Pure: it reads no clock and no Store
// (time and placement are inputs); only its ids are random.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/model/cluster.hpp"
#include "berth/model/common.hpp"
#include "berth/model/container_instance.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/network.hpp"
#include "berth/model/service_links.hpp"
#include "berth/model/task.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::model {

// What ECS reports as the platform version of a Fargate task launched with "LATEST".
inline constexpr const char* k_fargate_latest_platform_version = "1.4.0";

struct TaskLaunch {
    LaunchType launch_type = LaunchType::ec2;
    std::string capacity_provider_name;  // set when a capacity provider strategy chose it
    std::string platform_version;        // as requested; "" or "LATEST" → the current one
    std::string container_instance_arn;  // where an EC2/EXTERNAL task was placed
    GpuAssignment gpus;                  // and the GPUs placement pinned to its containers
    nlohmann::json overrides;            // TaskOverride as requested (null when none)
    std::optional<NetworkConfiguration> network_configuration;  // as requested
    std::string started_by;
    std::string group;  // "" → "family:<family>" (service tasks pass "service:<name>")
    std::string service_name;
    std::string deployment_id;
    // The service's load balancers: those with a target group become the task's targets.
    std::vector<LoadBalancer> load_balancers;
    Tags tags;  // the request's own tags
    PropagateTags propagate_tags = PropagateTags::none_given;
    Tags service_tags;  // copied when propagate_tags is SERVICE
    bool enable_ecs_managed_tags = false;
    bool enable_execute_command = false;
    std::string availability_zone;  // "" → "<region>a"
    std::size_t index = 0;          // position within one launch of `count` tasks: spreads subnets
    std::string task_id;            // "" → a new random id
    TimePoint now;
};

Task make_task(const PartitionKey& partition, const Cluster& cluster, const TaskDefinition& td,
               const TaskLaunch& launch);

// Where placement put a task (before make_task, or after it for RunTask's placement): the
// container instance, and its ecs.availability-zone as the task's availabilityZone, as ECS
// reports the zone of the instance a task runs on.
void place_on(TaskLaunch& launch, const ContainerInstance& instance);
void place_on(Task& task, const ContainerInstance& instance);

// Gives each container of the task the GPUs placement pinned to it (its gpuIds).
void pin_gpus(Task& task, const GpuAssignment& gpus);

// The task definition's network mode; "bridge" when it names none (ECS's Linux default).
std::string network_mode_of(const TaskDefinition& td);

// ECS's container ARN: arn:aws:ecs:<region>:<account>:container/<cluster>/<task id>/<uuid>.
std::string container_arn(const PartitionKey& p, std::string_view cluster, std::string_view task_id,
                          std::string_view container_id);

}  // namespace berth::model
