#pragma once
// The parts of a pass that REPLICA and DAEMON services share: health replacement, the launch
// throttle, the circuit breaker, deployment completion and the counts written back.
#include "scheduler/service_pass.hpp"

namespace berth::scheduler {

// Stops RUNNING tasks reported UNHEALTHY once the grace period since their start is over.
void stop_unhealthy(ServicePass& pass);

// Failed tasks of the IN_PROGRESS primary deployment (derived from its STOPPED tasks).
int failed_tasks(const ServicePass& pass, const model::Deployment& deployment);

// Fails the primary deployment (and rolls back) when the breaker trips. True when it did:
// the pass then starts and stops nothing else for the service.
bool trip_circuit_breaker(ServicePass& pass);

// True when the primary deployment may not launch now; adds the throttle event and wake-up.
bool launch_throttled(ServicePass& pass);

// After the pass's starts and stops: completes the primary deployment when it is done,
// retires the others, and reports a steady state.
void finish_rollout(ServicePass& pass);

// Adds the service's counts to the plan when they differ from what it holds.
void write_counts(ServicePass& pass);

}  // namespace berth::scheduler
