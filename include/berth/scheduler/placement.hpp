#pragma once
// Task placement on container instances, as ECS documents it:
// 1. Candidates: the cluster's container instances that are ACTIVE with a connected agent.
// 2. The instance's ecs.os-type must be the task's (Windows task definitions on Windows
//    engines only, as ECS places them by the instance's OS attributes; RunTask's reason
//    "ATTRIBUTE"). Constraints filter them: memberOf (a cluster query, query.hpp, over the
//    instance's attributes, ec2InstanceId, agentConnected, agentVersion, registeredAt,
//    runningTasksCount and task:group) and distinctInstance (no other non-stopped task of the
//    same group on the instance); then resources: free CPU units and memory (registered minus
//    what non-stopped tasks hold), GPUs (the instance's GPU ids no non-stopped task holds; each
//    placed container is pinned the first free ones, in the instance's order) and static host
//    ports.
// 3. Strategies rank what is left, in order, each breaking the ties of the one before:
//    spread(field) prefers the value of `field` (instanceId / host, or attribute:NAME) with
//    the fewest tasks of the group; binpack(cpu | memory) the instance with the least of that
//    resource left; random a seeded shuffle. Without strategies: spread by
//    attribute:ecs.availability-zone, then by instanceId. Remaining ties go to the instance
//    registered first.
// Placing several tasks places them one at a time, each seeing the ones before.
// When nothing fits, the result explains it as ECS does, naming the closest matching instance
// (the one that passed the most checks) and what it lacks.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "berth/model/placement.hpp"
#include "berth/model/store.hpp"
#include "berth/scheduler/resources.hpp"

namespace berth::scheduler {

// The typed constraints and strategies are model's (berth/model/placement.hpp).
using model::Placement;
using model::PlacementConstraint;
using model::PlacementStrategy;

struct PlacementRequest {
    std::string cluster_name;
    std::string group;  // e.g. "service:web": what distinctInstance and spread count
    TaskNeeds needs;
    std::vector<PlacementConstraint> constraints;
    std::vector<PlacementStrategy> strategies;
    std::uint64_t seed = 0;  // for the random strategy
};

struct PlacementResult {
    std::vector<std::string> container_instance_arns;  // one per placed task
    std::vector<model::GpuAssignment> gpus;            // and the GPUs pinned to its containers
    // Set when fewer tasks were placed than asked for:
    std::string detail;  // ECS's sentence, e.g. "The closest matching container-instance ID
                         // has insufficient memory available."
    std::string reason;  // RunTask's failure reason: "RESOURCE:MEMORY", "RESOURCE:CPU",
                         // "RESOURCE:GPU", "RESOURCE:PORTS", "ATTRIBUTE",
                         // "MemberOf placement constraint unsatisfied.", ...
    std::string closest_instance_arn;  // the instance `reason` is about, if any
};

// What every container instance of a partition holds, kept current as placements are made, so
// that one reconcile pass never promises the same free memory twice.
class ClusterLedger {
  public:
    explicit ClusterLedger(const model::Partition& partition);

    // Places up to `count` tasks and records them.
    PlacementResult place(const PlacementRequest& request, int count);
    // Whether a task fits on this one instance (DAEMON services); records it when it does.
    PlacementResult place_on(const PlacementRequest& request, const std::string& instance_arn);
    // Whether the instance takes tasks of this request at all (state and memberOf), ignoring
    // resources and distinctInstance.
    bool admits(const PlacementRequest& request, const std::string& instance_arn) const;
    // ACTIVE, connected instances of a cluster, in registration order.
    std::vector<const model::ContainerInstance*> usable_instances(
        const std::string& cluster_name) const;

  private:
    struct Usage {
        std::int64_t cpu = 0;
        std::int64_t memory = 0;
        std::set<std::string> ports;
        std::set<std::string> gpus;                   // GPU ids held
        std::unordered_map<std::string, int> groups;  // group → non-stopped tasks
        int running = 0;                              // RUNNING tasks (runningTasksCount)
    };
    struct Slot {
        const model::ContainerInstance* instance;
        Usage usage;
    };
    enum class Check {
        state,
        attribute,
        member_of,
        distinct_instance,
        cpu,
        memory,
        gpu,
        ports,
        fits
    };

    Check check(const PlacementRequest& request, const Slot& slot) const;
    // Holds the task's resources on the slot; returns the GPUs pinned to its containers.
    model::GpuAssignment record(const PlacementRequest& request, Slot& slot);
    PlacementResult explain(const PlacementRequest& request,
                            const std::vector<std::size_t>& candidates) const;
    std::size_t pick(const PlacementRequest& request, const std::vector<std::size_t>& fit,
                     int placement_index) const;
    std::vector<std::size_t> usable_slots(const std::string& cluster_name) const;
    const Slot* slot_of(const std::string& arn) const;

    std::vector<Slot> slots_;  // every container instance, in registration order
    std::unordered_map<std::string_view, std::size_t> by_arn_;
};

}  // namespace berth::scheduler
