#include "adoption_plan.hpp"

#include <algorithm>
#include <set>

#include "berth/model/failure.hpp"
#include "observations.hpp"

namespace berth::runtime {

std::vector<std::string> task_container_ids(const model::Task& task) {
    std::vector<std::string> ids;
    if (task.resources_released) return ids;
    if (!task.sandbox_id.empty()) ids.push_back(task.sandbox_id);
    for (const auto& c : task.containers) {
        if (!c.runtime_id.empty()) ids.push_back(c.runtime_id);
    }
    return ids;
}

AdoptionPlan plan_adoption(const std::vector<EngineTask>& tasks,
                           const std::vector<docker::ContainerSummary>& present) {
    std::set<std::string> listed;
    for (const auto& c : present) listed.insert(c.id);
    std::set<std::string> owned;
    AdoptionPlan plan;
    for (const auto& [partition, task] : tasks) {
        const auto ids = task_container_ids(task);
        owned.insert(ids.begin(), ids.end());
        if (ids.empty() || task.last_status == model::TaskStatus::stopped) continue;
        const bool any = std::any_of(ids.begin(), ids.end(),
                                     [&](const auto& id) { return listed.contains(id); });
        (any ? plan.adopt : plan.vanished).push_back({partition, task.arn});
    }
    for (const auto& c : present) {
        if (!owned.contains(c.id)) plan.orphans.push_back(c);
    }
    return plan;
}

bool record_vanished(model::Task& task) {
    bool changed = false;
    for (const auto& c : task.containers) {
        if (c.runtime_id.empty() || c.known_status == model::ContainerStatus::stopped) continue;
        changed |= record_container_stopped(task, c.name, std::nullopt, k_vanished_reason);
    }
    if (task.desired_status == model::TaskStatus::running) {
        // Only the sandbox was recorded (the containers were never created): no essential exit
        // stops the task, so the stop is asked for here.
        changed |= fail_task(
            task, model::failure_reason(model::FailureClass::resource_initialization,
                                        "the task's sandbox was removed while Berth was down"));
    }
    return changed;
}

}  // namespace berth::runtime
