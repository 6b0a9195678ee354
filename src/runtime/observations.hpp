#pragma once
// What the runtime learns about a task's containers, applied to the Task record. Pure functions
// on a Task (the caller holds the Store's lock): each returns whether anything changed, and never
// moves a status backwards, so a late write cannot undo what an event already recorded.
#include <optional>
#include <string>
#include <string_view>

#include "berth/model/task.hpp"

namespace berth::runtime {

// ECS's texts.
namespace reason {
inline constexpr const char* essential_exited = "Essential container in task exited";
inline constexpr const char* oom = "OutOfMemoryError: Container killed due to memory usage";
inline constexpr const char* removed = "DockerStateError: container removed outside of Berth";
}  // namespace reason

model::TaskContainer* find_container(model::Task& task, std::string_view name);
const model::TaskContainer* find_container(const model::Task& task, std::string_view name);

// The container stopped (a die event, an inspect, or it could not start). An essential
// container's exit ends a task that should be running: EssentialContainerExited. A reason
// already recorded (OutOfMemoryError) is kept.
bool record_container_stopped(model::Task& task, std::string_view container,
                              std::optional<int> exit_code, const std::string& why);

// Docker's health_status for a container; the task's health follows.
bool record_container_health(model::Task& task, std::string_view container,
                             model::HealthStatus health);

// UNHEALTHY if an essential container with a health check is unhealthy, HEALTHY when all of
// them are healthy, UNKNOWN otherwise (and when none has a health check).
model::HealthStatus task_health(const model::Task& task);

// The task cannot start: it will stop with TaskFailedToStart and `why` (unless a stop was
// already asked for, whose code and reason stand). Each container that has not run and has no
// reason of its own gets `why` as its reason.
bool fail_task(model::Task& task, const std::string& why);

// Moves the task's lastStatus forward to `to`; false when it is already there or beyond.
bool advance_task(model::Task& task, model::TaskStatus to);

}  // namespace berth::runtime
