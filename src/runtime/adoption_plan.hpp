#pragma once
// What a start with --state-dir does with the containers an earlier run left (issue 11), as a
// value: the ECS agent adopts its containers when it restarts, and so does Berth. Pure: the
// Store's tasks and the engine's listing go in, the plan comes out; runtime/adoption.cpp
// carries it out.
//   - a container whose id no task the Store keeps names (its task was deleted or never
//     recorded it: a kill -9 between the create and the write) is an orphan: stopped, removed;
//   - a task not STOPPED whose recorded containers (or sandbox) are all gone vanished while
//     Berth was down: recorded stopped with a reason that says so;
//   - every other task not STOPPED with a container present is adopted: the runtime re-arms
//     what lives in Berth's memory only (task endpoints, task DNS, awslogs followers). Whether
//     its containers still run is the engine resync's to say, as after any reconnect.
#include <string>
#include <vector>

#include "berth/docker/types.hpp"
#include "berth/model/store.hpp"
#include "context.hpp"

namespace berth::runtime {

// ECS's container reason for a container that went away while Berth was down.
inline constexpr const char* k_vanished_reason =
    "DockerStateError: container removed while Berth was down";

struct AdoptionPlan {
    std::vector<docker::ContainerSummary> orphans;  // to stop and remove
    std::vector<TaskRef> adopt;                     // tasks whose containers are re-armed
    std::vector<TaskRef> vanished;                  // tasks whose containers all went away
};

struct EngineTask {
    model::PartitionKey partition;
    model::Task task;  // a copy: the plan is made off the Store's lock
};

// `tasks`: those the Store keeps on this engine; `present`: the engine's containers labelled
// with this Berth's instance id.
AdoptionPlan plan_adoption(const std::vector<EngineTask>& tasks,
                           const std::vector<docker::ContainerSummary>& present);

// The container ids (sandbox first) a task holds in the engine; none once released.
std::vector<std::string> task_container_ids(const model::Task& task);

// Records a vanished task's recorded containers stopped with k_vanished_reason (the task
// stops as for any essential exit); whether anything changed.
bool record_vanished(model::Task& task);

}  // namespace berth::runtime
