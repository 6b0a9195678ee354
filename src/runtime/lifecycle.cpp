#include "lifecycle.hpp"

#include <algorithm>

#include "berth/model/failure.hpp"

namespace berth::runtime {

using model::TaskContainer;
using model::TaskStatus;

namespace {

enum class Resolution { met, pending, never };

using model::ContainerStatus;

bool created(const TaskContainer& c) {
    return c.known_status >= ContainerStatus::created;
}
bool exited(const TaskContainer& c) {
    return c.known_status == ContainerStatus::stopped;
}

// Whether `dep` satisfies `condition` for a container waiting on it. START is met by a container
// that ran and already stopped (the agent's rule too).
Resolution resolve(const TaskContainer& dep, DependencyCondition condition) {
    switch (condition) {
        case DependencyCondition::start:
            if (dep.known_status >= ContainerStatus::running) return Resolution::met;
            return Resolution::pending;
        case DependencyCondition::complete:
            return exited(dep) ? Resolution::met : Resolution::pending;
        case DependencyCondition::success:
            if (!exited(dep)) return Resolution::pending;
            return dep.exit_code == 0 ? Resolution::met : Resolution::never;
        case DependencyCondition::healthy:
            if (dep.health == model::HealthStatus::healthy) return Resolution::met;
            if (exited(dep) || dep.health == model::HealthStatus::unhealthy) {
                return Resolution::never;
            }
            return Resolution::pending;
    }
    return Resolution::pending;
}

const TaskContainer* find(const model::Task& t, const std::string& name) {
    auto it = std::find_if(t.containers.begin(), t.containers.end(),
                           [&](const TaskContainer& c) { return c.name == name; });
    return it == t.containers.end() ? nullptr : &*it;
}

const model::ContainerDefinition* find(const std::vector<model::ContainerDefinition>& defs,
                                       const std::string& name) {
    auto it = std::find_if(defs.begin(), defs.end(),
                           [&](const model::ContainerDefinition& d) { return d.name == name; });
    return it == defs.end() ? nullptr : &*it;
}

std::string dependency_error(const std::string& target, const TaskContainer& dep,
                             DependencyCondition condition, std::string_view why) {
    return model::failure_reason(model::FailureClass::cannot_start_container,
                                 "dependency graph: failed to resolve container ordering "
                                 "dependency [" +
                                     dep.name + "] with condition " +
                                     std::string(model::to_string(condition)) + " for target [" +
                                     target + "]: " + std::string(why));
}

// Where a created container stands: startable, waiting, or never (with the reason).
struct Readiness {
    Resolution resolution = Resolution::met;
    std::string reason;
};

Readiness readiness(const StepInput& in, const TaskContainer& c) {
    const model::ContainerDefinition* def = find(in.containers, c.name);
    if (!def) return {};
    Readiness r;
    const auto waiting_since = in.task.pull_stopped_at.value_or(in.task.created_at);
    for (const auto& d : rules_of(*def, in.containers).depends_on) {
        const TaskContainer* dep = find(in.task, d.container);
        if (!dep) continue;
        switch (resolve(*dep, d.condition)) {
            case Resolution::met:
                break;
            case Resolution::never: {
                std::string why = dep->exit_code
                                      ? "exited with code " + std::to_string(*dep->exit_code)
                                      : "it will not reach the condition";
                if (d.condition == DependencyCondition::healthy && !exited(*dep)) {
                    why = "it is unhealthy";
                }
                return {Resolution::never, dependency_error(c.name, *dep, d.condition, why)};
            }
            case Resolution::pending: {
                const model::ContainerDefinition* dep_rules = find(in.containers, d.container);
                if (dep_rules && dep_rules->start_timeout &&
                    in.now >= waiting_since + *dep_rules->start_timeout) {
                    return {Resolution::never,
                            dependency_error(c.name, *dep, d.condition,
                                             "startTimeout of " +
                                                 std::to_string(dep_rules->start_timeout->count()) +
                                                 "s elapsed")};
                }
                r.resolution = Resolution::pending;
                break;
            }
        }
    }
    return r;
}

Step starting_step(const StepInput& in) {
    const model::Task& t = in.task;
    if (in.needs_sandbox && t.sandbox_id.empty()) return {StepKind::provision};
    if (t.last_status == TaskStatus::provisioning) return {StepKind::provision};
    bool all_created = std::all_of(t.containers.begin(), t.containers.end(),
                                   [](const auto& c) { return created(c); });
    if (!all_created) return {StepKind::create};

    Step start{StepKind::start_containers};
    Step abandon{StepKind::abandon};
    bool waiting = false;
    for (const auto& c : t.containers) {
        if (c.known_status >= ContainerStatus::running) continue;
        auto r = readiness(in, c);
        if (r.resolution == Resolution::met) start.containers.push_back(c.name);
        if (r.resolution == Resolution::never) abandon.abandon.push_back({c.name, r.reason});
        if (r.resolution == Resolution::pending) waiting = true;
    }
    if (!abandon.abandon.empty()) return abandon;
    if (!start.containers.empty()) return start;
    if (waiting) return {StepKind::wait};
    if (t.last_status < TaskStatus::running) return {StepKind::mark_running};
    return {};
}

}  // namespace

Step next_step(const StepInput& in) {
    const model::Task& t = in.task;
    if (t.last_status == TaskStatus::stopped) {
        bool due = t.stopped_at && in.now >= *t.stopped_at + in.retention;
        return (!t.resources_released && due) ? Step{StepKind::release} : Step{};
    }
    if (t.desired_status == TaskStatus::stopped) {
        // A task still in a target group waits, in DEACTIVATING, for the load balancer
        // registrar to deregister it and for its connections to drain (as on ECS).
        bool in_target_group =
            std::any_of(t.targets.begin(), t.targets.end(), model::is_in_target_group);
        return in_target_group ? Step{StepKind::wait} : Step{StepKind::stop};
    }
    return starting_step(in);
}

}  // namespace berth::runtime
