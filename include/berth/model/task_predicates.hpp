#pragma once
// The words the scheduler, the service controller and the handlers use about one task, defined
// once (scheduler/reconcile.hpp explains them):
// - dead: STOPPED;
// - live: meant to run (desired RUNNING) and not on its way out;
// - stopping: not dead and not live (desired STOPPED, still holding its resources);
// - pending: live and not yet RUNNING; running: live and RUNNING;
// - healthy: running and, when an essential container has a health check, reported HEALTHY;
//   a task with targets (a service's load balancers) also needs every target healthy in its
//   target group, as ECS counts tasks behind a load balancer.
#include <string_view>

#include "berth/model/task.hpp"

namespace berth::model {

inline bool is_dead(const Task& t) {
    return t.last_status == TaskStatus::stopped;
}

inline bool is_live(const Task& t) {
    return !is_dead(t) && t.desired_status == TaskStatus::running &&
           t.last_status <= TaskStatus::running;
}

inline bool is_stopping(const Task& t) {
    return !is_dead(t) && !is_live(t);
}

inline bool is_pending(const Task& t) {
    return is_live(t) && t.last_status < TaskStatus::running;
}

inline bool is_running(const Task& t) {
    return is_live(t) && t.last_status == TaskStatus::running;
}

// An essential container of the task has a health check.
bool has_health_check(const Task& t);

// Every target of the task is healthy in its target group (true for a task with none).
bool targets_healthy(const Task& t);
// The first target ELB reports unhealthy, or null.
const TaskTarget* unhealthy_target(const Task& t);

inline bool is_healthy(const Task& t) {
    if (!is_running(t)) return false;
    if (!targets_healthy(t)) return false;
    if (has_health_check(t)) return t.health == HealthStatus::healthy;
    return t.health != HealthStatus::unhealthy;
}

inline bool is_unhealthy(const Task& t) {
    return is_running(t) && t.health == HealthStatus::unhealthy;
}

// Running, and a target of it fails its target group's health checks.
inline bool fails_target_health(const Task& t) {
    return is_running(t) && unhealthy_target(t) != nullptr;
}

// Scale-in protection is on and not yet expired at `now`: service scale-in and deployments
// leave the task running.
inline bool is_protected(const Task& t, TimePoint now) {
    return t.protected_until && now < *t.protected_until;
}
// The name of the service that owns the task: service_name, which the service controller sets,
// or else a group "service:NAME"; empty for a task no service owns.
std::string_view owner_of(const Task& t);

}  // namespace berth::model
