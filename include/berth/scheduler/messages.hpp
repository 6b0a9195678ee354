#pragma once
// ECS's own texts for service events, rollout state reasons and stopped reasons, in one place.
// `service` is the service name, task ids are the last part of a task ARN, deployment ids are
// "ecs-svc/<digits>".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace berth::scheduler::messages {

// Service events.
std::string started_tasks(std::string_view service, const std::vector<std::string>& task_ids);
std::string stopped_tasks(std::string_view service, const std::vector<std::string>& task_ids);
std::string steady_state(std::string_view service);
std::string deployment_completed(std::string_view service, std::string_view deployment_id);
std::string deployment_failed(std::string_view service, std::string_view deployment_id);
std::string rolling_back(std::string_view service, std::string_view target_deployment_id);
std::string failed_health_checks(std::string_view service, std::string_view task_id);
// A target of the task fails its target group's health checks; `port` is the target's port,
// `reason` ELB's description of the failure.
std::string unhealthy_in_target_group(std::string_view service, std::string_view task_id, int port,
                                      std::string_view target_group_arn, std::string_view reason);
// The load balancer registrar's events (runtime/target_registrar).
std::string registered_targets(std::string_view service, std::size_t count,
                               std::string_view target_group_arn);
std::string draining_connections(std::string_view service, std::size_t task_count);
std::string deregistered_targets(std::string_view service, std::size_t count,
                                 std::string_view target_group_arn);
std::string unable_to_start_consistently(std::string_view service);
std::string blocked_by_deployment_configuration(std::string_view service);
// `detail` comes from placement (PlacementResult::detail).
std::string unable_to_place(std::string_view service, std::string_view detail);

// Deployment rolloutStateReason.
std::string rollout_in_progress(std::string_view deployment_id);
std::string rollout_completed(std::string_view deployment_id);
std::string rollout_failed_tasks_failed_to_start();
std::string rollout_rolling_back(std::string_view target_deployment_id);

// Task stoppedReason for tasks the scheduler stops.
std::string stop_scaling_activity(std::string_view deployment_id);
std::string stop_failed_health_checks();
std::string stop_failed_elb_health_checks(std::string_view target_group_arn);
bool is_elb_health_check_stop(std::string_view stopped_reason);

}  // namespace berth::scheduler::messages
