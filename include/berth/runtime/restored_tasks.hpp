#pragma once
// Tasks read back from --state-dir at start. Berth stops and removes its containers when it
// exits, and a start removes what a killed run left (the instance id is kept in the state
// directory, so its labels are known): no task of an earlier run has containers any more.
// Until adoption comes, each one that was not yet STOPPED is recorded STOPPED here, before the
// runtime and the service controller look, so the controller replaces a service's tasks once
// (their count falls short) and the runtime never drives a task whose containers are gone.
// Tasks that had not reached Docker at all (no container created) carry on as they were.
#include "berth/model/store.hpp"

namespace berth::runtime {

// ECS's stoppedReason for such a task.
inline constexpr const char* k_restart_stopped_reason =
    "Task stopped while Berth was down: Berth removes its containers when it stops or restarts";

// Applies the above to one restored partition; returns how many tasks it stopped.
int settle_restored_tasks(model::Partition& partition, model::TimePoint now);

}  // namespace berth::runtime
