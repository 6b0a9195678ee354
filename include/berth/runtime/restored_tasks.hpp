#pragma once
// Tasks read back from --state-dir at start. Berth stops and removes its containers when it
// exits, and a start removes what a killed run left (the instance id is kept in the state
// directory, so its labels are known): no task of an earlier run has containers any more.
// Until adoption comes, each one that was not yet STOPPED is recorded STOPPED here, before the
// runtime and the service controller look, so the controller replaces a service's tasks once
// (their count falls short) and the runtime never drives a task whose containers are gone.
// Tasks that had not reached Docker at all (no container created) carry on as they were.
#include "berth/model/load_balancers.hpp"
#include "berth/model/store.hpp"

namespace berth::runtime {

// ECS's stoppedReason for such a task.
inline constexpr const char* k_restart_stopped_reason =
    "Task stopped while Berth was down: Berth removes its containers when it stops or restarts";

// Applies the above to one restored partition; returns how many tasks it stopped.
int settle_restored_tasks(model::Partition& partition, model::TimePoint now);

// Deregisters from their target groups (restored with the load balancers) the targets of the
// partition's STOPPED tasks, as ECS does when a task stops: they drain for the group's
// deregistration delay. Returns how many. (Cloud Map instances need no such step: the service
// registrar removes those of tasks that no longer run.)
int release_restored_targets(const model::Partition& partition,
                             model::LoadBalancerStore& load_balancers, model::TimePoint now);

}  // namespace berth::runtime
