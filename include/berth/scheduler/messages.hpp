#pragma once
// ECS's own texts for service events, rollout state reasons and stopped reasons, in one place.
// `service` is the service name, task ids are the last part of a task ARN, deployment ids are
// "ecs-svc/<digits>".
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

}  // namespace berth::scheduler::messages
