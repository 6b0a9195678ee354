#include "scheduler/rollout.hpp"

#include <algorithm>

#include "berth/scheduler/messages.hpp"
#include "scheduler/task_state.hpp"
#include "scheduler/throttle.hpp"

namespace berth::scheduler {

namespace {

using model::DeploymentStatus;
using model::RolloutState;

DeploymentUpdate rollout_change(const std::string& id, RolloutState state,
                                std::optional<std::string> reason = std::nullopt) {
    DeploymentUpdate u;
    u.deployment_id = id;
    u.rollout_state = state;
    u.rollout_state_reason = std::move(reason);
    return u;
}

DeploymentUpdate status_change(const std::string& id, DeploymentStatus status) {
    DeploymentUpdate u;
    u.deployment_id = id;
    u.status = status;
    return u;
}

// The most recent COMPLETED deployment other than the primary: what a rollback returns to.
const model::Deployment* rollback_target(const ServicePass& pass) {
    const model::Deployment* best = nullptr;
    for (const auto& d : pass.service.deployments) {
        if (&d == pass.primary || d.status == DeploymentStatus::inactive ||
            d.rollout_state != RolloutState::completed) {
            continue;
        }
        if (!best || d.created_at > best->created_at) best = &d;
    }
    return best;
}

bool is_done(const ServicePass& pass) {
    if (pass.started_any() || pass.stopped_any()) return false;
    int healthy = 0;
    for (const auto* t : pass.tasks) {
        if (is_dead(*t)) continue;
        if (!pass.kept_by_primary(*t) || !is_healthy(*t)) return false;
        ++healthy;
    }
    return healthy == pass.desired;
}

}  // namespace

// Container health first (as before); then the targets' health in their target groups.
void stop_unhealthy(ServicePass& pass) {
    auto grace = std::chrono::seconds(pass.service.health_check_grace_period_seconds.value_or(0));
    for (const auto* t : pass.tasks) {
        if (!is_unhealthy(*t) && !fails_target_health(*t)) continue;
        model::TimePoint since = t->started_at.value_or(t->created_at);
        if (pass.now < since + grace) {
            pass.wake_at(since + grace);
            continue;
        }
        if (is_unhealthy(*t)) {
            pass.event(messages::failed_health_checks(pass.service.name, t->id));
            pass.stop(*t, messages::stop_failed_health_checks());
            continue;
        }
        const auto& target = *model::unhealthy_target(*t);
        pass.event(messages::unhealthy_in_target_group(pass.service.name, t->id, target.port,
                                                       target.target_group_arn, target.reason));
        pass.stop(*t, messages::stop_failed_elb_health_checks(target.target_group_arn));
    }
}

int failed_tasks(const ServicePass& pass, const model::Deployment& deployment) {
    int failed = 0;
    for (const auto* t : pass.tasks) {
        if (t->deployment_id == deployment.id && is_failure(*t)) ++failed;
    }
    return failed;
}

bool trip_circuit_breaker(ServicePass& pass) {
    const auto* primary = pass.primary;
    if (!pass.config.circuit_breaker.enable || !primary ||
        primary->rollout_state != RolloutState::in_progress) {
        return false;
    }
    if (failed_tasks(pass, *primary) < failure_threshold(pass.config, pass.desired)) return false;

    const auto* target = rolls_back(pass.config) ? rollback_target(pass) : nullptr;
    auto failed = rollout_change(primary->id, RolloutState::failed,
                                 messages::rollout_failed_tasks_failed_to_start());
    if (target) failed.status = DeploymentStatus::active;
    pass.update(std::move(failed));
    pass.event(messages::deployment_failed(pass.service.name, primary->id));
    if (!target) return true;

    // ECS: the deployment rolled back to is IN_PROGRESS again, so it cannot be the target of
    // another rollback until it completes.
    auto again = rollout_change(target->id, RolloutState::in_progress);
    pass.update(std::move(again));
    pass.plan().rollbacks.push_back({pass.service.arn, primary->id, target->id,
                                     target->task_definition_arn,
                                     messages::rollout_rolling_back(target->id)});
    pass.event(messages::rolling_back(pass.service.name, target->id));
    return true;
}

bool launch_throttled(ServicePass& pass) {
    auto own = pass.select([&](const model::Task& t) { return pass.is_primary(t); });
    auto throttle = launch_throttle(own, pass.now);
    if (!throttle.resume_at || pass.now >= *throttle.resume_at) return false;
    pass.event(messages::unable_to_start_consistently(pass.service.name));
    pass.wake_at(*throttle.resume_at);
    return true;
}

void finish_rollout(ServicePass& pass) {
    const auto* primary = pass.primary;
    if (!primary || primary->rollout_state == RolloutState::failed || !is_done(pass)) return;
    if (primary->rollout_state != RolloutState::completed) {
        pass.update(rollout_change(primary->id, RolloutState::completed,
                                   messages::rollout_completed(primary->id)));
        pass.event(messages::deployment_completed(pass.service.name, primary->id));
    }
    for (const auto& d : pass.service.deployments) {
        if (&d != primary && d.status != DeploymentStatus::inactive) {
            pass.update(status_change(d.id, DeploymentStatus::inactive));
        }
    }
    pass.event(messages::steady_state(pass.service.name));
}

namespace {

// Adds `t` to the running and pending counts DescribeServices shows (a service's, a
// deployment's or a task set's).
template <class Counts>
void count_task(Counts& c, const model::Task& t) {
    if (t.last_status == model::TaskStatus::running) ++c.running;
    if (!is_dead(t) && t.last_status < model::TaskStatus::running) ++c.pending;
}

}  // namespace

void write_counts(ServicePass& pass) {
    ServiceCounts counts;
    counts.service_arn = pass.service.arn;
    counts.desired = pass.desired;
    for (const auto* t : pass.tasks) count_task(counts, *t);
    ServiceCounts held;
    held.service_arn = pass.service.arn;
    held.desired = pass.service.desired_count;
    held.running = pass.service.running_count;
    held.pending = pass.service.pending_count;
    for (const auto& d : pass.service.deployments) {
        if (d.status == DeploymentStatus::inactive) continue;
        DeploymentCounts c;
        c.deployment_id = d.id;
        for (const auto* t : pass.tasks) {
            if (t->deployment_id != d.id) continue;
            count_task(c, *t);
            if (&d != pass.primary && is_live(*t)) ++c.desired;
        }
        if (&d == pass.primary) c.desired = pass.desired;
        // Failures stop counting once the deployment is over; what was shown stays.
        c.failed = d.rollout_state == RolloutState::in_progress
                       ? std::max(d.failed_tasks, failed_tasks(pass, d))
                       : d.failed_tasks;
        counts.deployments.push_back(c);
        held.deployments.push_back(
            {d.id, d.desired_count, d.running_count, d.pending_count, d.failed_tasks});
    }
    // A task set's desired count is the API's (computedDesiredCount); the pass counts the rest.
    for (const auto& ts : pass.service.task_sets) {
        DeploymentCounts c{ts.id, ts.computed_desired_count, 0, 0, 0};
        for (const auto* t : pass.tasks) {
            if (t->deployment_id == ts.id) count_task(c, *t);
        }
        counts.deployments.push_back(c);
        held.deployments.push_back(
            {ts.id, ts.computed_desired_count, ts.running_count, ts.pending_count, 0});
    }
    if (!(counts == held)) pass.plan().counts.push_back(std::move(counts));
}

}  // namespace berth::scheduler
