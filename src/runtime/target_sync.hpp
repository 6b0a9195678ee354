#pragma once
// What the load balancer registrar should do, computed as a value (the ECS agent's "desired vs
// known"): from copies of the tasks that have targets (model/task_targets.hpp) and what the
// load balancer store says of their target groups, the calls to make (register, deregister)
// and the new targets to write back onto each task, with ECS's service events. Pure: no Store,
// no clock (time is an input); target_registrar.cpp applies the result.
//
// For each target of a task:
// - unregistered, task RUNNING and meant to run, target group known, address known:
//   register (id = the task's awsvpc address for target type ip, else the container
//   instance's instance id; port = containerPort for awsvpc, else the hostPort Docker bound to
//   containerPort) → `initial`, "(service S) registered N targets in (target-group T)".
// - in the target group, task meant to stop: deregister → `draining` (the task goes to
//   DEACTIVATING), "(service S) has begun draining connections on N tasks."
// - draining: once the store no longer lists it, or the target group's deregistration delay
//   has passed, → `deregistered`, "(service S) deregistered N targets in (target-group T)";
//   the runtime then stops the task (lifecycle.cpp waits until then).
// - otherwise in the target group: its health as the store reports it; a target the store
//   does not list (deregistered by someone else) is registered again; one whose target
//   group is gone is `deregistered`.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/task_targets.hpp"

namespace berth::runtime {

enum class TargetKind : std::uint8_t { ip, instance };

// What the registrar needs of one target group.
struct TargetGroupFacts {
    TargetKind kind = TargetKind::ip;
    std::chrono::seconds deregistration_delay{300};
};

// What the load balancer store reports of one registered target.
struct ObservedTarget {
    model::TargetStatus status = model::TargetStatus::initial;
    std::string reason;  // the description ELB gives (or its reason code)
};

// One task with targets, as copied from the Store.
struct TargetedTask {
    model::PartitionKey partition;
    std::string arn;
    std::string id;
    std::string service_arn;
    std::string service_name;
    std::uint64_t version = 0;  // the update applies only if the task is still at it
    bool running = false;       // RUNNING and meant to run
    bool leaving = false;       // meant to stop, not stopped yet
    std::string address;        // the awsvpc address; "" for other modes
    std::string instance_id;    // its container instance's instance id; "" on Fargate
    struct Binding {
        std::string container_name;
        int container_port = 0;
        int host_port = 0;
    };
    std::vector<Binding> bindings;  // from the containers' networkBindings
    std::vector<model::TaskTarget> targets;
};

using TargetKey = std::tuple<std::string, std::string, int>;  // target group, id, port

struct LoadBalancerFacts {
    std::map<std::string, TargetGroupFacts> target_groups;  // by ARN; absent: gone
    std::map<TargetKey, ObservedTarget> targets;            // absent: not registered
};

struct TargetCall {
    model::PartitionKey partition;
    bool registering = true;  // false: deregister
    std::string target_group_arn;
    std::string target_id;
    int port = 0;
};

struct TaskTargetsUpdate {
    model::PartitionKey partition;
    std::string task_arn;
    std::uint64_t version = 0;
    std::vector<model::TaskTarget> targets;
    bool deactivate = false;  // RUNNING → DEACTIVATING
};

struct TargetEvent {
    model::PartitionKey partition;
    std::string service_arn;
    std::string message;
};

struct TargetPlan {
    std::vector<TargetCall> calls;
    std::vector<TaskTargetsUpdate> updates;
    std::vector<TargetEvent> events;
    bool empty() const { return calls.empty() && updates.empty() && events.empty(); }
};

TargetPlan plan_targets(const std::vector<TargetedTask>& tasks, const LoadBalancerFacts& facts,
                        model::TimePoint now);

}  // namespace berth::runtime
