#pragma once
// Resource statuses with API names (task statuses are ordered, in task_status.hpp). Each is an
// enum with its one name table; names.hpp explains the pattern.
#include <cstdint>

#include "berth/model/names.hpp"

namespace berth::model {

enum class ClusterStatus : std::uint8_t { active, provisioning, deprovisioning, failed, inactive };
template <>
inline constexpr NameTable<ClusterStatus, 5> k_names<ClusterStatus>{{{
    {ClusterStatus::active, "ACTIVE"},
    {ClusterStatus::provisioning, "PROVISIONING"},
    {ClusterStatus::deprovisioning, "DEPROVISIONING"},
    {ClusterStatus::failed, "FAILED"},
    {ClusterStatus::inactive, "INACTIVE"},
}}};

enum class ServiceStatus : std::uint8_t { active, draining, inactive };
template <>
inline constexpr NameTable<ServiceStatus, 3> k_names<ServiceStatus>{{{
    {ServiceStatus::active, "ACTIVE"},
    {ServiceStatus::draining, "DRAINING"},
    {ServiceStatus::inactive, "INACTIVE"},
}}};

enum class TaskDefinitionStatus : std::uint8_t { active, inactive, delete_in_progress };
template <>
inline constexpr NameTable<TaskDefinitionStatus, 3> k_names<TaskDefinitionStatus>{{{
    {TaskDefinitionStatus::active, "ACTIVE"},
    {TaskDefinitionStatus::inactive, "INACTIVE"},
    {TaskDefinitionStatus::delete_in_progress, "DELETE_IN_PROGRESS"},
}}};

// A service deployment's status (Deployment.status).
enum class DeploymentStatus : std::uint8_t { primary, active, inactive };
template <>
inline constexpr NameTable<DeploymentStatus, 3> k_names<DeploymentStatus>{{{
    {DeploymentStatus::primary, "PRIMARY"},
    {DeploymentStatus::active, "ACTIVE"},
    {DeploymentStatus::inactive, "INACTIVE"},
}}};

// A ServiceDeployment's status (ListServiceDeployments, DescribeServiceDeployments): what a
// deployment and the rollback that may follow it amount to.
enum class ServiceDeploymentStatus : std::uint8_t {
    pending,
    successful,
    stopped,
    stop_requested,
    in_progress,
    rollback_requested,
    rollback_in_progress,
    rollback_successful,
    rollback_failed,
};
template <>
inline constexpr NameTable<ServiceDeploymentStatus, 9> k_names<ServiceDeploymentStatus>{{{
    {ServiceDeploymentStatus::pending, "PENDING"},
    {ServiceDeploymentStatus::successful, "SUCCESSFUL"},
    {ServiceDeploymentStatus::stopped, "STOPPED"},
    {ServiceDeploymentStatus::stop_requested, "STOP_REQUESTED"},
    {ServiceDeploymentStatus::in_progress, "IN_PROGRESS"},
    {ServiceDeploymentStatus::rollback_requested, "ROLLBACK_REQUESTED"},
    {ServiceDeploymentStatus::rollback_in_progress, "ROLLBACK_IN_PROGRESS"},
    {ServiceDeploymentStatus::rollback_successful, "ROLLBACK_SUCCESSFUL"},
    {ServiceDeploymentStatus::rollback_failed, "ROLLBACK_FAILED"},
}}};

enum class RolloutState : std::uint8_t { in_progress, completed, failed };
template <>
inline constexpr NameTable<RolloutState, 3> k_names<RolloutState>{{{
    {RolloutState::in_progress, "IN_PROGRESS"},
    {RolloutState::completed, "COMPLETED"},
    {RolloutState::failed, "FAILED"},
}}};

// What a service deployment's circuit breaker is doing (ServiceDeploymentCircuitBreaker.status,
// the model's ServiceDeploymentRollbackMonitorsStatus).
enum class CircuitBreakerStatus : std::uint8_t {
    triggered,
    monitoring,
    monitoring_complete,
    disabled
};
template <>
inline constexpr NameTable<CircuitBreakerStatus, 4> k_names<CircuitBreakerStatus>{{{
    {CircuitBreakerStatus::triggered, "TRIGGERED"},
    {CircuitBreakerStatus::monitoring, "MONITORING"},
    {CircuitBreakerStatus::monitoring_complete, "MONITORING_COMPLETE"},
    {CircuitBreakerStatus::disabled, "DISABLED"},
}}};

// The breaker of a deployment in `state`: it watches until the deployment completes, and has
// triggered when it failed it.
constexpr CircuitBreakerStatus circuit_breaker_status(bool enabled, RolloutState state) {
    if (!enabled) return CircuitBreakerStatus::disabled;
    switch (state) {
        case RolloutState::failed:
            return CircuitBreakerStatus::triggered;
        case RolloutState::completed:
            return CircuitBreakerStatus::monitoring_complete;
        default:
            return CircuitBreakerStatus::monitoring;
    }
}

enum class ContainerInstanceStatus : std::uint8_t {
    active,
    draining,
    registering,
    deregistering,
    registration_failed,
    inactive,  // after DeregisterContainerInstance
};
template <>
inline constexpr NameTable<ContainerInstanceStatus, 6> k_names<ContainerInstanceStatus>{{{
    {ContainerInstanceStatus::active, "ACTIVE"},
    {ContainerInstanceStatus::draining, "DRAINING"},
    {ContainerInstanceStatus::registering, "REGISTERING"},
    {ContainerInstanceStatus::deregistering, "DEREGISTERING"},
    {ContainerInstanceStatus::registration_failed, "REGISTRATION_FAILED"},
    {ContainerInstanceStatus::inactive, "INACTIVE"},
}}};

// A container's own status, ordered as the ECS agent orders it
// (agent/api/container/status/containerstatus.go): "known is behind desired" is a comparison.
// ECS's API shows PENDING for none..created, RUNNING, STOPPED (api_name below).
enum class ContainerStatus : std::uint8_t { none, pulled, created, running, stopped };
template <>
inline constexpr NameTable<ContainerStatus, 5> k_names<ContainerStatus>{{{
    {ContainerStatus::none, "NONE"},
    {ContainerStatus::pulled, "PULLED"},
    {ContainerStatus::created, "CREATED"},
    {ContainerStatus::running, "RUNNING"},
    {ContainerStatus::stopped, "STOPPED"},
}}};

// The lastStatus ECS's API reports for a container in `s`.
constexpr std::string_view api_name(ContainerStatus s) {
    switch (s) {
        case ContainerStatus::running:
            return "RUNNING";
        case ContainerStatus::stopped:
            return "STOPPED";
        default:
            return "PENDING";
    }
}

}  // namespace berth::model
