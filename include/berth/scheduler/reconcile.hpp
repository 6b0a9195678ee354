#pragma once
// The service scheduler: a pure function from one partition's state and the current time to a
// Plan (plan.hpp). No clock, no Store, no Docker, no hidden randomness; the same inputs give
// the same plan. Services of different partitions never interact, so the caller runs one
// reconcile per partition.
//
// What a pass does for each service (src/scheduler/replica.cpp, daemon.cpp, rollout.cpp):
// - A task counts as *live* while its desired status is RUNNING and it has not STOPPED;
//   *pending* before RUNNING; *healthy* when RUNNING and, if an essential container has a
//   health check, HEALTHY. A task whose desired status is STOPPED but which has not stopped
//   yet is *stopping*: not live, but it still holds its resources and counts against
//   maximumPercent, exactly as `docker ps` would show it.
// - REPLICA: the PRIMARY deployment is brought to desiredCount and every other deployment to
//   zero, within minimumHealthyPercent (healthy tasks never go below ceil(desired × min / 100)
//   by the scheduler's own stops) and maximumPercent (non-stopped tasks never go above
//   max(desired, floor(desired × max / 100)) by its starts). Defaults 100 / 200. Extra primary
//   tasks (scale-in) are stopped without regard to the minimum, the least useful first:
//   unhealthy, then not yet running, then not yet healthy, then the newest.
// - Task scale-in protection (UpdateTaskProtection, until its expiry): a protected task is
//   never chosen by scale-in nor retired by a deployment; the next unprotected one is taken
//   instead, and when all are protected the service stays above desiredCount (the deployment
//   stays IN_PROGRESS) until protection is turned off or lapses, when the pass wakes again.
//   Health replacement and DRAINING stop protected tasks too (protection guards against
//   scaling, not against failure or deletion).
// - A task stopped for any reason is simply no longer live, so the next pass starts a
//   replacement. A RUNNING task whose health is UNHEALTHY once healthCheckGracePeriodSeconds
//   have passed since it started is stopped ("Task failed container health checks").
// - Load balancers: a task of a service with loadBalancers carries its targets
//   (model/task_targets.hpp, written by the load balancer registrar); it is *healthy* only when
//   every target is healthy in its target group, and a target ELB reports unhealthy once the
//   grace period has passed gets its task stopped ("Task failed ELB health checks in
//   (target-group ARN)", a failure for the circuit breaker).
// - Launch throttle: after 3 consecutive failed starts of the primary deployment (a task that
//   stopped on its own before it had run for 10 s or reported HEALTHY), the next start waits
//   5 s, doubling per further failure, at most 27 minutes (ECS's documented ceiling). A new
//   deployment starts unthrottled. ECS only counts tasks that never reached RUNNING; Berth
//   also counts quick exits so a crash-looping image does not spin the local engine.
// - Circuit breaker (deploymentCircuitBreaker.enable): failed tasks of an IN_PROGRESS primary
//   deployment are counted against the threshold (thresholdConfiguration, default
//   BOUNDED_PERCENT 50: ceil(desired / 2) clamped to [3, 200]); at the threshold the
//   deployment becomes FAILED and launches nothing more; with rollback the service returns to
//   its most recent COMPLETED deployment (which goes back to IN_PROGRESS so that it is not
//   rolled back to twice). Failures are derived from the STOPPED tasks still in the partition
//   (stop code TaskFailedToStart or EssentialContainerExited, never started, or stopped by the
//   scheduler for failed health checks); once the deployment completes they stop counting.
//   Berth does not reset the count when one task becomes healthy (resetOnHealthyTask): a task
//   whose image exits at once is RUNNING for an instant and would reset it forever.
// - A deployment is COMPLETED when its desiredCount tasks are live and healthy and nothing
//   else of the service is left running or stopping; the other deployments then become
//   INACTIVE and the service reports a steady state.
// - DAEMON: one task of the primary deployment on every ACTIVE, connected container instance
//   of the cluster that meets the memberOf constraints; tasks elsewhere are stopped. Old
//   tasks are replaced in place (stop, then start), within minimumHealthyPercent (default 0).
// - DRAINING (deleted) services: every task is stopped; once none is left the service becomes
//   INACTIVE.
// - Placement of EC2 / EXTERNAL tasks: placement.hpp. FARGATE tasks get no container instance.
// - Events repeat only when something else happened in between (or after 6 hours), as ECS
//   omits duplicate service events.
// - EXTERNAL services (task sets, CreateTaskSet): each task set is brought to its
//   computedDesiredCount and a DRAINING one to zero, with no minimum or maximum percent (the
//   external controller decides how fast traffic and scale move); a task set is STEADY_STATE
//   when its running tasks are its count, none pending or stopping, all healthy. Tasks of no
//   task set are stopped. A drained task set is removed.
// Only services whose deploymentController is ECS (the default) are rolled; CODE_DEPLOY
// services are left alone.
#include <cstdint>

#include "berth/model/common.hpp"
#include "berth/model/store.hpp"
#include "berth/scheduler/plan.hpp"

namespace berth::scheduler {

struct Options {
    // Seeds the `random` placement strategy (mixed with the service and task), so that plans
    // stay reproducible. The caller may pass anything that changes between passes.
    std::uint64_t seed = 0;
};

Plan reconcile(const model::Partition& partition, model::TimePoint now,
               const Options& options = {});

}  // namespace berth::scheduler
