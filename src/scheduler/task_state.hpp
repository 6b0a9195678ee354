#pragma once
// How the scheduler sees one task (reconcile.hpp explains the words).
#include <chrono>
#include <optional>

#include "berth/model/task.hpp"

namespace berth::scheduler {

// A task that ran this long, or reported HEALTHY, started successfully as far as the launch
// throttle is concerned.
inline constexpr std::chrono::seconds k_stable_after{10};

inline bool is_dead(const model::Task& t) {
    return t.last_status == model::TaskStatus::stopped;
}

// Live: meant to run and not on its way out.
inline bool is_live(const model::Task& t) {
    return !is_dead(t) && t.desired_status == model::TaskStatus::running &&
           t.last_status <= model::TaskStatus::running;
}

inline bool is_stopping(const model::Task& t) {
    return !is_dead(t) && !is_live(t);
}

inline bool is_pending(const model::Task& t) {
    return is_live(t) && t.last_status < model::TaskStatus::running;
}

inline bool is_running(const model::Task& t) {
    return is_live(t) && t.last_status == model::TaskStatus::running;
}

bool has_health_check(const model::Task& t);

// RUNNING and, when an essential container has a health check, reported HEALTHY.
inline bool is_healthy(const model::Task& t) {
    if (!is_running(t)) return false;
    if (has_health_check(t)) return t.health == model::HealthStatus::healthy;
    return t.health != model::HealthStatus::unhealthy;
}

inline bool is_unhealthy(const model::Task& t) {
    return is_running(t) && t.health == model::HealthStatus::unhealthy;
}

// A STOPPED task that counts against the circuit breaker: it failed to start, its essential
// container exited, or the scheduler stopped it for failed health checks. Tasks stopped by a
// user or by scaling are not failures.
bool is_failure(const model::Task& t);

// When the task stopped (stoppedAt, else executionStoppedAt, else createdAt).
model::TimePoint stopped_time(const model::Task& t);

// The time from which the task had proven it can run (started + k_stable_after, or its start
// when it reported HEALTHY), if it has.
std::optional<model::TimePoint> stable_since(const model::Task& t, model::TimePoint now);

}  // namespace berth::scheduler
