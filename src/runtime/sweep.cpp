#include "sweep.hpp"

#include "berth/model/task_definition_lookup.hpp"
#include "lifecycle.hpp"

namespace berth::runtime {

namespace {

// A task whose definition is gone: no containers to create; the job fails it.
const model::TaskDefinitionBody k_no_definition;

}  // namespace

std::vector<TaskRef> due_tasks(const model::Store& store, const SweepOptions& options) {
    std::vector<TaskRef> due;
    store.read_all([&](const model::Partition& p) {
        for (const auto& [arn, task] : p.tasks) {
            if (task.resources_released) continue;
            if (options.in_flight && options.in_flight(arn)) continue;
            const auto* td = model::task_definition_of(p, task);
            const auto& definition = td ? *td->body : k_no_definition;
            const Step step =
                next_step({task, definition.containers,
                           network_mode_of(task, definition) == model::NetworkMode::awsvpc,
                           options.now, options.stopped_task_retention});
            if (step.kind != StepKind::none && step.kind != StepKind::wait) {
                due.push_back({p.key, arn});
            }
        }
    });
    return due;
}

}  // namespace berth::runtime
