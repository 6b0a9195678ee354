#pragma once
// What one reconcile pass decided, as plain values. The scheduler never touches the Store or
// Docker: the applier (runtime) writes a Plan into the Store under one lock, then carries the
// Docker work out. Every member is a *difference* from the partition the plan was computed on,
// so a partition with nothing to do yields an empty plan and the loop goes quiet.
//
// Applying a plan, in this order, for the partition it was computed on:
//   1. deployment_updates   set the named fields of service.deployments[id]
//   2. rollbacks            mark nothing else; create a new PRIMARY deployment (see Rollback)
//   3. stops                task.desired_status = STOPPED, stop_code, stopped_reason
//   4. starts               create `count()` tasks (PROVISIONING, desired RUNNING)
//   5. service_updates      service.status
//   6. counts               service / deployment running, pending, desired, failed counts
//                           (a task set's running and pending: its desired count is the API's)
//   6b. task_set_updates    a task set's stability status; a drained task set removed
//   7. events               first, for each StartTasks, messages::started_tasks() naming
//                           the ids the applier gave the new tasks; then each of `events`;
//                           each prepended to service.events, so the last ends up newest
// Tasks created in step 4 are in the next snapshot as PROVISIONING/PENDING and count against
// the service's limits, so calling reconcile again before Docker has done anything never
// starts more tasks than a plan allows.
#include <optional>
#include <string>
#include <vector>

#include "berth/model/common.hpp"
#include "berth/model/kinds.hpp"
#include "berth/model/statuses.hpp"
#include "berth/model/task_set.hpp"

namespace berth::scheduler {

// Start tasks for a service deployment. One task per entry of container_instance_arns.
struct StartTasks {
    std::string service_arn;
    std::string service_name;
    std::string cluster_name;
    std::string deployment_id;                               // also the task's startedBy
    std::string task_definition_arn;                         // the deployment's
    model::LaunchType launch_type = model::LaunchType::ec2;  // resolved from the deployment,
                                                             // service and cluster strategy
    std::string group;                                       // "service:NAME"
    // Where each task goes: a container instance ARN, or "" for FARGATE (no instance).
    std::vector<std::string> container_instance_arns;
    // The GPUs placement pinned to each task's containers, by the same index (shorter when no
    // task of the batch has GPUs).
    std::vector<model::GpuAssignment> gpus;

    int count() const { return static_cast<int>(container_instance_arns.size()); }
};

// Stop one task: desired_status STOPPED with this stop code and stopped reason.
struct StopTask {
    std::string service_arn;
    std::string task_arn;
    model::StopCode stop_code = model::StopCode::service_scheduler_initiated;
    std::string reason;  // ECS's stoppedReason text (messages.hpp)
};

// Change fields of one deployment of a service; unset members stay as they are.
struct DeploymentUpdate {
    std::string service_arn;
    std::string deployment_id;
    std::optional<model::DeploymentStatus> status;  // active | inactive
    std::optional<model::RolloutState> rollout_state;
    std::optional<std::string> rollout_state_reason;
};

// The circuit breaker failed a deployment and the service returns to its last COMPLETED one.
// The applier creates a new deployment (new id, status PRIMARY, rollout IN_PROGRESS with
// rollout_state_reason, desired = service desired count, launch settings copied from the
// target deployment when it is still listed, else from the service), puts it first, and sets
// service.task_definition_arn = task_definition_arn. The failed deployment's own change
// (PRIMARY → ACTIVE, FAILED) comes as a DeploymentUpdate in the same plan.
struct Rollback {
    std::string service_arn;
    std::string failed_deployment_id;
    std::string target_deployment_id;  // the COMPLETED deployment returned to
    std::string task_definition_arn;   // the target's
    std::string rollout_state_reason;  // "ECS deployment circuit breaker: rolling back to ..."
};

// A change of the service's own status: INACTIVE once a DRAINING service has no tasks left.
struct ServiceUpdate {
    std::string service_arn;
    model::ServiceStatus status = model::ServiceStatus::inactive;
};

// A task set (EXTERNAL controller) reached or left a steady state, or it was DRAINING and has
// no task left, when it is removed from the service (DescribeTaskSets then says MISSING).
struct TaskSetUpdate {
    std::string service_arn;
    std::string task_set_id;
    std::optional<model::StabilityStatus> stability;
    bool remove = false;
};

// Counts as DescribeServices shows them, for one deployment or task set.
struct DeploymentCounts {
    std::string deployment_id;
    int desired = 0;
    int running = 0;
    int pending = 0;
    int failed = 0;
    bool operator==(const DeploymentCounts&) const = default;
};

// Counts for a service and its (non-INACTIVE) deployments, present in a plan only when some
// number differs from what the service holds. For DAEMON services `desired` is the number of
// container instances the service should run on; for others it repeats service.desired_count.
struct ServiceCounts {
    std::string service_arn;
    int desired = 0;
    int running = 0;
    int pending = 0;
    std::vector<DeploymentCounts> deployments;
    bool operator==(const ServiceCounts&) const = default;
};

// One service event message (ECS's text, messages.hpp). The applier gives it an id and a time.
struct ServiceEvent {
    std::string service_arn;
    std::string message;
};

struct Plan {
    std::vector<DeploymentUpdate> deployment_updates;
    std::vector<Rollback> rollbacks;
    std::vector<StopTask> stops;
    std::vector<StartTasks> starts;
    std::vector<ServiceUpdate> service_updates;
    std::vector<ServiceCounts> counts;
    std::vector<TaskSetUpdate> task_set_updates;
    std::vector<ServiceEvent> events;  // oldest first
    // The earliest time something becomes due without any change in the partition (a launch
    // throttle ends, a health-check grace period runs out): reconcile again by then.
    std::optional<model::TimePoint> next_wakeup;

    bool empty() const;
    int tasks_to_start() const;  // sum of starts[i].count()
};

}  // namespace berth::scheduler
