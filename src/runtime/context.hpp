#pragma once
// What every part of the executor shares, and how it reads and writes one task in the Store.
#include <atomic>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/store.hpp"
#include "berth/runtime/runtime.hpp"
#include "engine.hpp"

namespace berth::runtime {

class LogFollowers;

struct Context {
    model::Store& store;
    Engines& engines;
    const RuntimeOptions& options;
    std::string instance_id;
    const std::atomic<bool>& running;  // false once stop() began: jobs end at the next step
    LogFollowers* logs = nullptr;      // awslogs containers' followers; null: no LogStore
};

struct TaskRef {
    model::PartitionKey partition;
    std::string arn;
};

// A copy of what a step needs, taken under the lock and used after it is released.
struct TaskView {
    model::Task task;
    // Shared with the Store (immutable); null when the revision is gone.
    std::shared_ptr<const model::TaskDefinitionBody> task_definition;
    std::string docker_host;  // from the task's container instance; "" → first engine

    // The task definition, or an empty one (no containers) when it is gone.
    const model::TaskDefinitionBody& definition() const;
};

std::optional<TaskView> read_task(const model::Store& store, const TaskRef& ref);

std::string docker_host_of(const model::Partition& p, const model::Task& task);

// Whether `engine` runs the task (a task without a container instance runs on the first one).
bool runs_on(const model::Partition& p, const model::Task& task, const Engine& engine,
             bool first_engine);

// Runs f(Task&) under the lock if the task still exists; f returns whether it changed anything,
// and a change bumps the task's version as ECS does.
template <class F>
void update_task(model::Store& store, const TaskRef& ref, F&& f) {
    store.write(ref.partition, [&](model::Partition& p) {
        auto it = p.tasks.find(ref.arn);
        if (it == p.tasks.end()) return;
        if (f(it->second)) ++it->second.version;
    });
}

}  // namespace berth::runtime
