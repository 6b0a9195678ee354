#pragma once
// Where RunTask and StartTask put EC2 / EXTERNAL tasks, and what each container instance has
// left. Placement itself is the scheduler's (berth/scheduler/placement.hpp: constraints,
// strategies, resources), so that standalone and service tasks are placed by the same rules;
// this file turns a RunTask request into its terms and its answer into ECS failures.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"
#include "berth/scheduler/placement.hpp"

namespace berth::api::ecs {

// One container instance with what its non-stopped tasks leave free.
struct InstanceLoad {
    const model::ContainerInstance* instance = nullptr;
    std::int64_t remaining_cpu = 0;
    std::int64_t remaining_memory = 0;
    std::set<int> tcp_ports;  // host ports taken
    std::set<int> udp_ports;
    std::vector<std::string> remaining_gpus;  // the instance's GPU ids no live task holds
    int running = 0;                          // tasks there whose lastStatus is RUNNING
    int pending = 0;                          // tasks there not yet RUNNING
    std::vector<std::string> groups;          // the group of each non-stopped task there
};

InstanceLoad instance_load(const model::Partition& p, const model::ContainerInstance& ci);
// Every container instance of `cluster`, in registration order.
std::vector<InstanceLoad> cluster_loads(const model::Partition& p, std::string_view cluster);

// The values a cluster query subject (attribute:NAME, ec2InstanceId, agentConnected,
// agentVersion, runningTasksCount, task:group) has for an instance.
std::vector<std::string> query_subject_values(const InstanceLoad& load, std::string_view subject);

struct PlacementFailure {
    std::string arn;
    std::string reason;
};

// Gives every EC2 / EXTERNAL task of `tasks` (one task definition, one group) a container
// instance of `cluster`, one at a time; a task that fits nowhere is removed from `tasks` and
// the answer says why, as RunTask's failures. Throws InvalidParameterException when the
// cluster has no container instance to place on.
std::vector<PlacementFailure> place_tasks(const model::Partition& p, const std::string& cluster,
                                          const model::TaskDefinition& td,
                                          const model::Placement& placement,
                                          std::vector<model::Task>& tasks, std::uint64_t seed);

// StartTask: whether `task` fits on the instance it names (then its containers are pinned the
// GPUs they get there); the failure when it does not.
std::optional<PlacementFailure> check_fits(const model::Partition& p, model::Task& task,
                                           const model::TaskDefinition& td);

// A service's placement constraints and strategies, read once and checked as ECS checks them
// before placing anything (RunTask reads its own into model::Placement).
model::Placement read_service_placement(const nlohmann::json& constraints,
                                        const nlohmann::json& strategy);

}  // namespace berth::api::ecs
