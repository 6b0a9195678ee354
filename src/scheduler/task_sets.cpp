#include "scheduler/task_sets.hpp"

#include <algorithm>

#include "berth/scheduler/messages.hpp"
#include "scheduler/rollout.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

namespace {

using model::StabilityStatus;
using model::TaskSetStatus;

int target_count(const model::TaskSet& ts) {
    return ts.status == TaskSetStatus::draining ? 0 : ts.computed_desired_count;
}

// Stops the excess (the least useful first); a task set being scaled honours scale-in
// protection, a DRAINING one does not (protection guards against scaling, not deletion).
void scale_in(ServicePass& pass, const model::TaskSet& ts, std::vector<const model::Task*> live) {
    int excess = static_cast<int>(live.size()) - target_count(ts);
    if (excess <= 0) return;
    sort_for_stopping(live);
    const bool draining = ts.status == TaskSetStatus::draining;
    for (const auto* t : live) {
        if (excess == 0) break;
        if (!draining && pass.held_by_protection(*t)) continue;
        pass.stop(*t, messages::stop_scaling_activity(ts.id));
        --excess;
    }
}

// STEADY_STATE as ECS documents it: running = computed desired count, nothing pending, and
// every task healthy; a task still stopping keeps the set STABILIZING too.
StabilityStatus stability_of(const ServicePass& pass, const model::TaskSet& ts) {
    int running = 0;
    for (const auto* t : pass.tasks) {
        if (t->deployment_id != ts.id || is_dead(*t)) continue;
        if (pass.stopped_now(*t) || !is_live(*t) || !is_running(*t) || !is_healthy(*t)) {
            return StabilityStatus::stabilizing;
        }
        ++running;
    }
    return running == target_count(ts) ? StabilityStatus::steady_state
                                       : StabilityStatus::stabilizing;
}

bool has_tasks_left(const ServicePass& pass, const model::TaskSet& ts) {
    return std::any_of(pass.tasks.begin(), pass.tasks.end(), [&](const model::Task* t) {
        return t->deployment_id == ts.id && !is_dead(*t);
    });
}

// One task set to its count; its stability after this pass (a drained one is removed).
StabilityStatus reconcile_one(ServicePass& pass, const model::TaskSet& ts) {
    auto live = pass.select(
        [&](const model::Task& t) { return t.deployment_id == ts.id && pass.stays_live(t); });
    const int want = target_count(ts);
    if (static_cast<int>(live.size()) > want) {
        scale_in(pass, ts, std::move(live));
    } else if (static_cast<int>(live.size()) < want) {
        pass.start(ts, want - static_cast<int>(live.size()));
    }
    if (ts.status == TaskSetStatus::draining && !has_tasks_left(pass, ts)) {
        pass.plan().task_set_updates.push_back({pass.service.arn, ts.id, std::nullopt, true});
        return StabilityStatus::steady_state;
    }
    const auto stability = stability_of(pass, ts);
    if (stability != ts.stability_status) {
        pass.plan().task_set_updates.push_back({pass.service.arn, ts.id, stability, false});
    }
    return stability;
}

}  // namespace

void reconcile_task_sets(ServicePass& pass) {
    stop_unhealthy(pass);
    for (const auto* t : pass.tasks) {
        if (pass.stays_live(*t) && !model::find_task_set(pass.service, t->deployment_id)) {
            pass.stop(*t, messages::stop_scaling_activity(t->deployment_id));
        }
    }
    const std::size_t updates_before = pass.plan().task_set_updates.size();
    bool all_steady = true;
    for (const auto& ts : pass.service.task_sets) {
        all_steady &= reconcile_one(pass, ts) == StabilityStatus::steady_state;
    }
    // A steady state is news when some task set just reached it and all are there.
    const bool changed = pass.plan().task_set_updates.size() > updates_before;
    if (changed && !pass.started_any() && !pass.stopped_any() && all_steady) {
        pass.event(messages::steady_state(pass.service.name));
    }
}

}  // namespace berth::scheduler
