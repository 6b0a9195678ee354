#pragma once
// Carrying out one Step of a task on Docker. Each reads what it needs from the view it is
// given (a copy taken under the Store's lock), calls Docker with the lock released, and writes
// what happened back with update_task. Docker failures of the starting steps throw StepFailure,
// which the driver turns into the task's stop reason.
#include <stdexcept>
#include <string>
#include <vector>

#include "berth/docker/error.hpp"
#include "berth/model/failure.hpp"
#include "context.hpp"
#include "lifecycle.hpp"

namespace berth::runtime {

// A start that cannot go on; `what()` is the task's stoppedReason ("CannotPullContainerError:
// ...").
class StepFailure : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// "<ECS failure>: <what Docker said>", naming the engine's address when it did not answer.
std::string docker_failure(model::FailureClass failure, const docker::DockerError& e,
                           const std::string& host);

void provision(Context& ctx, const TaskRef& ref, const TaskView& view);
void create(Context& ctx, const TaskRef& ref, const TaskView& view);
void start_containers(Context& ctx, const TaskRef& ref, const TaskView& view,
                      const std::vector<std::string>& names);
void abandon(Context& ctx, const TaskRef& ref, const std::vector<AbandonedContainer>& containers);
void mark_running(Context& ctx, const TaskRef& ref);
void stop_task(Context& ctx, const TaskRef& ref, const TaskView& view);
void release_task(Context& ctx, const TaskRef& ref, const TaskView& view);

// Drives a task through as many steps as can be taken now (until it waits or is done).
void drive_task(Context& ctx, const TaskRef& ref);

}  // namespace berth::runtime
