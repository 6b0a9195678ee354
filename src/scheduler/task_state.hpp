#pragma once
// How the scheduler sees one task (reconcile.hpp explains the words).
#include <chrono>
#include <optional>

#include "berth/model/task.hpp"
#include "berth/model/task_predicates.hpp"

namespace berth::scheduler {

// A task that ran this long, or reported HEALTHY, started successfully as far as the launch
// throttle is concerned.
inline constexpr std::chrono::seconds k_stable_after{10};

// The shared words (live, healthy, ...) are model's; the scheduler reads them unqualified.
using model::fails_target_health;
using model::has_health_check;
using model::is_dead;
using model::is_healthy;
using model::is_live;
using model::is_pending;
using model::is_protected;
using model::is_running;
using model::is_stopping;
using model::is_unhealthy;

// A STOPPED task that counts against the circuit breaker: it failed to start, its essential
// container exited, or the scheduler stopped it for failed (container or ELB) health checks. Tasks
// stopped by a user or by scaling are not failures.
bool is_failure(const model::Task& t);

// A task on its way to STOPPED for a failure already decided (it failed to start, or its
// essential container exited): the runtime says so before its containers are gone.
bool is_failing(const model::Task& t);

// When the task stopped (stoppedAt, else executionStoppedAt, else createdAt).
model::TimePoint stopped_time(const model::Task& t);

// The time from which the task had proven it can run (started + k_stable_after, or its start
// when it reported HEALTHY), if it has.
std::optional<model::TimePoint> stable_since(const model::Task& t, model::TimePoint now);

}  // namespace berth::scheduler
