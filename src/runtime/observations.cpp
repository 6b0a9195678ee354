#include "observations.hpp"

#include <algorithm>

namespace berth::runtime {

using model::HealthStatus;
using model::TaskStatus;

model::TaskContainer* find_container(model::Task& task, std::string_view name) {
    auto it = std::find_if(task.containers.begin(), task.containers.end(),
                           [&](const model::TaskContainer& c) { return c.name == name; });
    return it == task.containers.end() ? nullptr : &*it;
}

const model::TaskContainer* find_container(const model::Task& task, std::string_view name) {
    return find_container(const_cast<model::Task&>(task), name);
}

bool record_container_stopped(model::Task& task, std::string_view container,
                              std::optional<int> exit_code, const std::string& why) {
    auto* c = find_container(task, container);
    if (!c || c->known_status == model::ContainerStatus::stopped) return false;
    c->known_status = model::ContainerStatus::stopped;
    if (exit_code) c->exit_code = exit_code;
    if (c->reason.empty()) c->reason = why;
    if (c->essential && task.desired_status == TaskStatus::running) {
        task.desired_status = TaskStatus::stopped;
        task.stop_code = model::StopCode::essential_container_exited;
        task.stopped_reason = reason::essential_exited;
    }
    task.health = task_health(task);
    return true;
}

bool record_container_health(model::Task& task, std::string_view container, HealthStatus health) {
    auto* c = find_container(task, container);
    if (!c || c->health == health) return false;
    c->health = health;
    task.health = task_health(task);
    return true;
}

HealthStatus task_health(const model::Task& task) {
    bool any = false;
    bool all_healthy = true;
    for (const auto& c : task.containers) {
        if (!c.essential || !c.has_health_check) continue;
        any = true;
        if (c.health == HealthStatus::unhealthy) return HealthStatus::unhealthy;
        if (c.health != HealthStatus::healthy) all_healthy = false;
    }
    return any && all_healthy ? HealthStatus::healthy : HealthStatus::unknown;
}

bool fail_task(model::Task& task, const std::string& why) {
    if (task.desired_status == TaskStatus::stopped) return false;
    task.desired_status = TaskStatus::stopped;
    task.stop_code = model::StopCode::task_failed_to_start;
    task.stopped_reason = why;
    // The agent reports a container's error (its ApplyingError) as the container's reason; a
    // container that never ran failed with the task, so it carries the task's failure. One
    // that ran, or that has a reason of its own, keeps what it has.
    for (auto& c : task.containers) {
        if (c.known_status < model::ContainerStatus::running && c.reason.empty()) c.reason = why;
    }
    return true;
}

bool advance_task(model::Task& task, TaskStatus to) {
    if (task.last_status >= to) return false;
    task.last_status = to;
    return true;
}

}  // namespace berth::runtime
