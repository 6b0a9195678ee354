#include "berth/scheduler/messages.hpp"

namespace berth::scheduler::messages {

namespace {

std::string prefix(std::string_view service) {
    return "(service " + std::string(service) + ")";
}

std::string task_list(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += ' ';
        out += "(task " + id + ")";
    }
    return out;
}

constexpr std::string_view k_troubleshooting =
    " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

}  // namespace

std::string started_tasks(std::string_view service, const std::vector<std::string>& task_ids) {
    return prefix(service) + " has started " + std::to_string(task_ids.size()) +
           " tasks: " + task_list(task_ids) + ".";
}

std::string stopped_tasks(std::string_view service, const std::vector<std::string>& task_ids) {
    // ECS says "running tasks" whatever state the stopped tasks were in.
    return prefix(service) + " has stopped " + std::to_string(task_ids.size()) +
           " running tasks: " + task_list(task_ids) + ".";
}

std::string steady_state(std::string_view service) {
    return prefix(service) + " has reached a steady state.";
}

std::string deployment_completed(std::string_view service, std::string_view deployment_id) {
    return prefix(service) + " (deployment " + std::string(deployment_id) +
           ") deployment completed.";
}

std::string deployment_failed(std::string_view service, std::string_view deployment_id) {
    return prefix(service) + " (deployment " + std::string(deployment_id) +
           ") deployment failed: tasks failed to start.";
}

std::string rolling_back(std::string_view service, std::string_view target_deployment_id) {
    return prefix(service) + " rolling back to deployment " + std::string(target_deployment_id) +
           ".";
}

std::string failed_health_checks(std::string_view service, std::string_view task_id) {
    return prefix(service) + " (task " + std::string(task_id) + ") failed container health checks.";
}

std::string unhealthy_in_target_group(std::string_view service, std::string_view task_id, int port,
                                      std::string_view target_group_arn, std::string_view reason) {
    return prefix(service) + " (task " + std::string(task_id) + ") (port " + std::to_string(port) +
           ") is unhealthy in (target-group " + std::string(target_group_arn) +
           ") due to (reason " + std::string(reason) + ").";
}

std::string registered_targets(std::string_view service, std::size_t count,
                               std::string_view target_group_arn) {
    return prefix(service) + " registered " + std::to_string(count) + " targets in (target-group " +
           std::string(target_group_arn) + ")";
}

std::string draining_connections(std::string_view service, std::size_t task_count) {
    return prefix(service) + " has begun draining connections on " + std::to_string(task_count) +
           " tasks.";
}

std::string deregistered_targets(std::string_view service, std::size_t count,
                                 std::string_view target_group_arn) {
    return prefix(service) + " deregistered " + std::to_string(count) +
           " targets in (target-group " + std::string(target_group_arn) + ")";
}

std::string unable_to_start_consistently(std::string_view service) {
    return prefix(service) + " is unable to consistently start tasks successfully.";
}

std::string blocked_by_deployment_configuration(std::string_view service) {
    return prefix(service) +
           " was unable to stop or start tasks during a deployment because of the service "
           "deployment configuration. Update the minimumHealthyPercent or maximumPercent value "
           "and try again.";
}

std::string unable_to_place(std::string_view service, std::string_view detail) {
    return prefix(service) +
           " was unable to place a task because no container instance met all of its "
           "requirements. " +
           std::string(detail) + std::string(k_troubleshooting);
}

std::string rollout_in_progress(std::string_view deployment_id) {
    return "ECS deployment " + std::string(deployment_id) + " in progress.";
}

std::string rollout_completed(std::string_view deployment_id) {
    return "ECS deployment " + std::string(deployment_id) + " completed.";
}

std::string rollout_failed_tasks_failed_to_start() {
    return "ECS deployment circuit breaker: tasks failed to start.";
}

std::string rollout_rolling_back(std::string_view target_deployment_id) {
    return "ECS deployment circuit breaker: rolling back to deploymentId " +
           std::string(target_deployment_id) + ".";
}

std::string stop_scaling_activity(std::string_view deployment_id) {
    return "Scaling activity initiated by (deployment " + std::string(deployment_id) + ")";
}

std::string stop_failed_health_checks() {
    return "Task failed container health checks";
}

constexpr std::string_view k_elb_health_check_stop =
    "Task failed ELB health checks in (target-group ";

std::string stop_failed_elb_health_checks(std::string_view target_group_arn) {
    return std::string(k_elb_health_check_stop) + std::string(target_group_arn) + ")";
}

bool is_elb_health_check_stop(std::string_view stopped_reason) {
    return stopped_reason.starts_with(k_elb_health_check_stop);
}

}  // namespace berth::scheduler::messages
