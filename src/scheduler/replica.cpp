// REPLICA services: the primary deployment to desiredCount, the others to zero, inside the
// minimumHealthyPercent / maximumPercent window (reconcile.hpp).
#include "scheduler/replica.hpp"

#include <algorithm>

#include "berth/scheduler/messages.hpp"
#include "scheduler/rollout.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

namespace {

void scale_in(ServicePass& pass) {
    auto mine = pass.select(
        [&](const model::Task& t) { return pass.kept_by_primary(t) && pass.stays_live(t); });
    int excess = static_cast<int>(mine.size()) - pass.desired;
    if (excess <= 0) return;
    sort_for_stopping(mine);
    // Protected tasks are passed over: with all of them protected the service stays above its
    // desired count until protection lapses.
    for (const auto* t : mine) {
        if (excess == 0) break;
        if (pass.held_by_protection(*t)) continue;
        pass.stop(*t, messages::stop_scaling_activity(pass.primary->id));
        --excess;
    }
}

// Old tasks (of older deployments, or on draining instances) go as soon as they are useless
// (not healthy) or as healthy ones can be spared.
void retire_old(ServicePass& pass) {
    auto old = pass.select(
        [&](const model::Task& t) { return !pass.kept_by_primary(t) && pass.stays_live(t); });
    if (old.empty()) return;
    auto healthy =
        pass.select([&](const model::Task& t) { return pass.stays_live(t) && is_healthy(t); });
    int spare = static_cast<int>(healthy.size()) - min_healthy(pass.config, pass.desired);
    sort_for_stopping(old);
    for (const auto* t : old) {
        if (pass.held_by_protection(*t)) continue;  // the deployment waits for it
        if (is_healthy(*t)) {
            if (spare <= 0) continue;
            --spare;
        }
        pass.stop(*t, messages::stop_scaling_activity(pass.primary->id));
    }
}

void launch(ServicePass& pass) {
    int live_primary =
        static_cast<int>(pass.select([&](const model::Task& t) {
                                 return pass.kept_by_primary(t) && pass.stays_live(t);
                             })
                             .size());
    int want = pass.desired - live_primary;
    if (want <= 0) return;
    // Stopping tasks still hold their place until they have stopped, as `docker ps` shows.
    int present =
        static_cast<int>(pass.select([](const model::Task& t) { return !is_dead(t); }).size());
    int room = max_total(pass.config, pass.desired) - present;
    if (room <= 0) {
        bool in_flight = std::any_of(pass.tasks.begin(), pass.tasks.end(), [&](const auto* t) {
            return is_pending(*t) || is_stopping(*t) || (is_running(*t) && !is_healthy(*t));
        });
        if (!in_flight && !pass.stopped_any()) {
            pass.event(messages::blocked_by_deployment_configuration(pass.service.name));
        }
        return;
    }
    if (launch_throttled(pass)) return;
    pass.start(*pass.primary, std::min(want, room));
}

}  // namespace

void reconcile_replica(ServicePass& pass) {
    if (!pass.primary) return;
    if (trip_circuit_breaker(pass)) return;
    stop_unhealthy(pass);
    scale_in(pass);
    // A FAILED deployment launches nothing more, so the old tasks it would have replaced stay.
    if (pass.primary->rollout_state != model::RolloutState::failed) {
        retire_old(pass);
        launch(pass);
    }
    finish_rollout(pass);
}

}  // namespace berth::scheduler
