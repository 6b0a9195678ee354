#pragma once
// The next thing to do for a task, computed as a value from what the Store knows (the agent's
// "desired vs known status"). Pure: no Docker, no clock read (time is an input); the executor
// applies the step elsewhere.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "berth/model/task.hpp"
#include "berth/runtime/task_spec.hpp"

namespace berth::runtime {

enum class StepKind : std::uint8_t {
    none,              // nothing to do
    wait,              // a container waits for a dependency (an event or the clock moves it on)
    provision,         // PROVISIONING: the awsvpc sandbox (nothing to do for other modes)
    create,            // PENDING: images and containers
    start_containers,  // containers whose dependencies are met
    abandon,           // containers whose dependencies can never be met
    mark_running,      // every container has started
    stop,              // desired STOPPED: stop what runs, then STOPPED
    release,           // a stopped task's containers are due for removal
};

struct AbandonedContainer {
    std::string name;
    std::string reason;  // the container's reason, as the agent words it
};

struct Step {
    Step(StepKind k = StepKind::none) : kind(k) {}

    StepKind kind;
    std::vector<std::string> containers;      // start_containers
    std::vector<AbandonedContainer> abandon;  // abandon
};

struct StepInput {
    const model::Task& task;
    const std::vector<model::ContainerDefinition>& containers;  // from the task definition
    bool needs_sandbox = false;  // awsvpc, or namespaces shared (runtime::needs_sandbox)
    model::TimePoint now;
    std::chrono::seconds retention{180};  // how long a stopped task keeps its containers
};

Step next_step(const StepInput& in);

}  // namespace berth::runtime
